"""``graphml``: entities as nodes and their relations as typed, dated edges (GraphML 1.0), as Gephi,
yEd and networkx read it. Node attributes: ``label``, ``kind``, ``aliases``; edge attributes:
``type`` (ally, opponent, predecessor, successor, part_of, split_from, participant_in), ``field``,
``from``, ``until``, ``source`` and ``quote``. The graph's ``sources`` attribute lists every source
and its licence.
"""
from __future__ import annotations

from typing import TextIO
from xml.sax.saxutils import quoteattr

from annalyst.export.select import Selection

__all__ = ["write"]

_NODE_KEYS = (("label", "string"), ("kind", "string"), ("aliases", "string"))
_EDGE_KEYS = (("type", "string"), ("field", "string"), ("from", "string"), ("until", "string"),
              ("source", "string"), ("quote", "string"))


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection's entities and relations as one directed GraphML graph."""
    edges = list(selection.relations())  # a graph's relations are few: each is a fact of a profile
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
              ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
              ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
              ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    out.write('  <key id="g_sources" for="graph" attr.name="sources" attr.type="string"/>\n')
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            out.write(f'  <key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="annalyst" edgedefault="directed">\n')
    written = set()
    for entity in selection.entities():
        aliases = sorted({n["name"] for n in entity["names"]} - {entity["name"]})
        _node(out, entity["id"], {"label": entity["name"], "kind": entity["kind"], "aliases": "; ".join(aliases)})
        written.add(entity["id"])
    for edge in edges:  # a name no entity has is a node of its own
        for end, label in ((edge["source"], edge["source"]), (edge["target"], edge["target_name"])):
            if end not in written:
                _node(out, end, {"label": label, "kind": "name"})
                written.add(end)
    for n, edge in enumerate(edges):
        quote = " … ".join(e["text"] for e in edge["evidence"][:2])
        data = {"type": edge["type"], "field": edge["field"], "from": edge["from"], "until": edge["until"],
                "source": edge["source_id"], "quote": quote}
        out.write(f'    <edge id="e{n}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}>\n')
        _data(out, "e", data)
        out.write("    </edge>\n")
    sources = "; ".join(f"{s['title']} <{s['url'] or s['id']}> ({s['licence'] or 'licence not stated'})"
                        for s in selection.sources())
    out.write(f'    <data key="g_sources">{_text(sources)}</data>\n  </graph>\n</graphml>\n')
    return {"written": len(written), "edges": len(edges)}


def _node(out: TextIO, node_id: str, data: dict) -> None:
    out.write(f"    <node id={quoteattr(node_id)}>\n")
    _data(out, "n", data)
    out.write("    </node>\n")


def _data(out: TextIO, scope: str, data: dict) -> None:
    for key, value in data.items():
        if value not in (None, ""):
            out.write(f'      <data key="{scope}_{key}">{_text(str(value))}</data>\n')


def _text(value: str) -> str:
    """Text for an XML element: escaped, with the characters XML 1.0 cannot hold dropped."""
    clean = "".join(c for c in value if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                    or c >= "\U00010000")
    return clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
