// State page: draws GET /states/{iso3}/network with cytoscape; the lists on the page hold the same facts.
(function () {
  const box = document.getElementById("network");
  if (!box || typeof cytoscape !== "function") return;
  const colours = {State: "#1f6feb", Program: "#2da44e", Organization: "#bf8700", LegalInstrument: "#8250df",
                   Resolution: "#8250df", Treaty: "#8250df", NationalLaw: "#cf222e", BestPractice: "#57606a"};
  fetch(box.dataset.src, {headers: {Accept: "application/json"}})
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then((data) => {
      const elements = data.nodes.map((n) => ({data: {id: n.id, label: n.label, type: n.type}}))
        .concat(data.edges.map((e, i) => ({data: {id: "e" + i, source: e.source, target: e.target, label: e.relation}})));
      const cy = cytoscape({
        container: box, elements: elements, wheelSensitivity: 0.3,
        layout: {name: "cose", animate: false, randomize: false, nodeRepulsion: 9000},
        style: [
          {selector: "node", style: {"label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120,
                                     "background-color": (n) => colours[n.data("type")] || "#999", "width": 14, "height": 14}},
          {selector: "node[id = '" + box.dataset.state + "']", style: {"width": 28, "height": 28, "font-weight": "bold"}},
          {selector: "edge", style: {"width": 1, "line-color": "#bbb", "target-arrow-shape": "triangle",
                                     "target-arrow-color": "#bbb", "curve-style": "bezier", "label": "data(label)",
                                     "font-size": 7, "color": "#666"}},
        ],
      });
      cy.on("tap", "node", (event) => {
        const id = event.target.id();
        const local = id.split("/id/")[1];
        if (local) window.location.href = local.startsWith("state/") ? "/state/" + local.slice(6) : "/entities/" + local;
      });
      box.dataset.drawnNodes = String(cy.nodes().length);
      box.dataset.drawnEdges = String(cy.edges().length);
      window.policykgNetwork = cy;
    })
    .catch((error) => { box.dataset.error = String(error); box.textContent = String(error); });
})();
