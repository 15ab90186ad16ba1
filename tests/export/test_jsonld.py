"""jsonld expanded with pyld and parsed with rdflib, with no network: the bundled context, schema.org
types, Wikidata's properties, and evidence that slices back to the stored text."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from pyld import jsonld
from rdflib import Graph, Namespace, URIRef

WDT = Namespace("http://www.wikidata.org/prop/direct/")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDF_VALUE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")
ANN = Namespace("urn:annalyst:term:")
ISIL = URIRef("urn:annalyst:actor:islamic-state-of-iraq-and-the-levant")


def _no_network(url, options=None):
    raise AssertionError(f"the export asked the network for {url}")


@pytest.fixture(scope="module")
def document(althistory, tmp_path_factory):
    from annalyst.export import export

    path = tmp_path_factory.mktemp("jsonld") / "out.jsonld"
    export(althistory, "jsonld", path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_it_expands_offline_with_the_bundled_context(document):
    expanded = jsonld.expand(document, {"documentLoader": _no_network})
    types = {t for node in expanded for t in node.get("@type", [])}
    assert {"https://schema.org/Organization", "https://schema.org/Event", "https://schema.org/CreativeWork"} <= types


def test_profile_values_are_wikidata_statements_with_their_evidence(document, althistory):
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    inception = {str(graph.value(node, RDF_VALUE)) for node in graph.objects(ISIL, WDT.P571)}
    assert "1999" in inception
    hq = list(graph.objects(ISIL, WDT.P159))
    assert hq and graph.value(hq[0], ANN.object) is not None
    texts = {r[0]: r[1] for r in althistory.db.execute("SELECT source_id, text FROM documents")}
    checked = 0
    for node in graph.objects(ISIL, WDT.P571):
        for evidence in graph.objects(node, PROV.wasDerivedFrom):
            source = str(graph.value(evidence, URIRef("http://purl.org/dc/terms/source")))
            start, end = int(graph.value(evidence, ANN.start)), int(graph.value(evidence, ANN.end))
            source_id = next(s for s in texts if source == f"urn:annalyst:source:{quote(s, safe='')}")
            assert texts[source_id][start:end] == str(graph.value(evidence, ANN.quote))
            checked += 1
    assert checked > 0


def test_every_source_is_a_creative_work_with_its_licence(document, althistory):
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    schema = Namespace("https://schema.org/")
    works = set(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), schema.CreativeWork))
    assert len(works) == althistory.db.execute("SELECT count(*) FROM sources").fetchone()[0]
    assert all(str(graph.value(w, schema.license)).startswith("CC BY-SA") for w in works)


def test_events_name_their_actors_as_entities_and_keep_their_dates(document):
    events = [n for n in document["@graph"] if n.get("@type") == "schema:Event" and "subEventType" in n]
    assert events
    dated = [e for e in events if "startDate" in e]
    assert dated and all(e["startDate"] <= e["endDate"] for e in dated)
    assert any(e.get("actor1", "").startswith("annalyst:actor") for e in events)
