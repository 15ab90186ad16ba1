"""graphml read back with networkx: entities as nodes, the facts that name another entity as typed
edges between the resolved entities."""
from __future__ import annotations

import networkx as nx

from annalyst.data import load_yaml


def test_relations_are_typed_edges_between_resolved_entities(althistory, write):
    path, done = write(althistory, "graphml")
    graph = nx.read_graphml(path)
    types = load_yaml("exports/relations.yaml")["fields"]
    facts = althistory.db.execute(
        f"SELECT count(*) FROM facts WHERE field IN ({','.join('?' * len(types))})", list(types)).fetchone()[0]
    assert graph.number_of_edges() == done.counts["edges"] == facts > 0
    assert {d["type"] for _, _, d in graph.edges(data=True)} <= set(types.values())
    isil = graph.nodes["actor:islamic-state-of-iraq-and-the-levant"]
    assert isil["label"] == "Islamic State of Iraq and the Levant" and "ISIS" in isil["aliases"].split("; ")
    allies = {graph.nodes[t]["label"] for _, t, d in graph.out_edges("actor:islamic-state-of-iraq-and-the-levant",
                                                                   data=True) if d["type"] == "ally"}
    stored = {r[0] for r in althistory.db.execute(
        "SELECT json_extract(value, '$') FROM facts WHERE field = 'allies'"
        " AND entity_id = 'actor:islamic-state-of-iraq-and-the-levant'")}
    assert allies == stored and "Boko Haram" in allies
    for _, _, d in graph.edges(data=True):
        assert d["source"] and d["quote"]
    assert "CC BY-SA" in graph.graph["sources"]


def test_an_actor_filter_keeps_it_and_its_neighbours(althistory, write):
    path, _ = write(althistory, "graphml", actor="ISIL")
    graph = nx.read_graphml(path)
    isil = "actor:islamic-state-of-iraq-and-the-levant"
    assert isil in graph
    assert all(isil in (s, t) for s, t in graph.edges())
    assert set(graph.nodes) == {isil} | set(graph.successors(isil)) | set(graph.predecessors(isil))
