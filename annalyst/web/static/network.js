// The network page: allies, opponents and other relations from /api/network, drawn with vis-network,
// and listed as text (every label set with textContent: names come from the sources).
(function () {
  "use strict";
  const box = document.getElementById("network");
  const list = document.getElementById("relations");
  const colours = {ally: "#2e7d32", opponent: "#c62828", predecessor: "#6a1b9a", successor: "#6a1b9a",
                   part_of: "#1565c0", split_from: "#ef6c00", participant_in: "#546e7a"};
  fetch("/api/network" + window.location.search).then(r => r.json()).then(data => {
    const labels = new Map(data.nodes.map(n => [n.id, n.label]));
    const linked = new Set(data.edges.flatMap(e => [e.source, e.target]));
    const nodes = data.nodes.filter(n => linked.has(n.id)).map(n => ({id: n.id, label: n.label, group: n.kind}));
    const edges = data.edges.map((e, i) => ({id: i, from: e.source, to: e.target, label: e.type, arrows: "to",
                                             color: {color: colours[e.type] || "#888"}, font: {size: 10}}));
    new vis.Network(box, {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)},
                    {physics: {stabilization: {iterations: 200}}, interaction: {hover: true}});
    for (const e of data.edges) {
      const item = document.createElement("li");
      item.className = "relation relation-" + e.type;
      item.textContent = `${labels.get(e.source) || e.source} — ${e.type} → ${labels.get(e.target) || e.target}`;
      list.appendChild(item);
    }
    box.dataset.ready = "true";
  });
})();
