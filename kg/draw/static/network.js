// Draws the network the page carries (kg/draw/export.py) with vis-network, offline.
// Hover: a node's label and type. Click: its details and the sentence it was first read in.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function element(tag, text, className) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = String(text);
    if (className) el.className = className;
    return el;
  }

  function kindOf(n) {
    if (n.type !== "Event") return n.type;
    return [n.subclass || n["class"] || "Event", n.date].filter(Boolean).join(", ");
  }

  function tooltip(n) {
    var box = element("div");
    box.appendChild(element("strong", n.label));
    box.appendChild(element("div", kindOf(n), "type"));
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var node = {
      id: n.id,
      label: n.label,
      title: tooltip(n),
      value: n.degree + 1,
      shape: n.type === "Event" ? "diamond" : "dot",
      color: { background: data.colors[n.type], border: data.colors[n.type] }
    };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    if (n.fixed) node.fixed = { x: true, y: true };  // a place on the map (--layout geo)
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, title: e.title ? e.label + ": " + e.title : e.label };
  }));

  // The nodes come with positions (kg/draw/layout.py). A small network lets the physics
  // settle them before it is drawn, then stops it; a large one is drawn where they are, at once.
  var large = data.nodes.length > 300;
  var options = {
    nodes: { scaling: { min: 6, max: 30, label: { enabled: true, min: 10, max: 18, drawThreshold: 6 } },
             font: { size: 12, color: "#222" }, borderWidth: 1 },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, width: 0.8,
             color: { color: "#b5b5b5", highlight: "#444", hover: "#777" },
             smooth: large ? false : { type: "continuous" } },
    interaction: { hover: true, tooltipDelay: 80, hideEdgesOnDrag: large, hideEdgesOnZoom: large },
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: data.physics ? {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -40, springLength: 80 },
      stabilization: { enabled: true, iterations: data.physics, updateInterval: 50, fit: true }
    } : false
  };

  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, options);

  // The map of --layout geo (kg/draw/layout.py, Projection): a graticule under the network,
  // a line every data.map.step degrees of longitude and latitude.
  if (data.map) {
    var m = data.map;
    var xOf = function (lon) { return (lon - m.longitude) * m.scale; };
    var yOf = function (lat) { return (m.latitude - lat) * m.scale; };
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.strokeStyle = "#e4e4e4";
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (var lon = -180; lon <= 180; lon += m.step) { ctx.moveTo(xOf(lon), yOf(90)); ctx.lineTo(xOf(lon), yOf(-90)); }
      for (var lat = -90; lat <= 90; lat += m.step) { ctx.moveTo(xOf(-180), yOf(lat)); ctx.lineTo(xOf(180), yOf(lat)); }
      ctx.stroke();
      ctx.restore();
    });
  }

  // The page's own timing, read by benchmarks/bench_draw.py: data-drawn-ms on <body> is when the
  // network was first drawn (ms since the page was asked for), data-answered-ms how long the
  // last click took to be answered (from the pointer's release to the redrawn selection).
  function ready() {
    network.setOptions({ physics: false });
    network.once("afterDrawing", function () {
      document.body.dataset.drawnMs = performance.now().toFixed(0);
      window.kgReady = true;
    });
    network.redraw();
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", ready);
  } else {
    ready();
  }

  function show(id) {
    var n = byId[id];
    var details = document.getElementById("details");
    details.replaceChildren();
    if (!n) return;
    details.appendChild(element("h2", n.label));
    details.appendChild(element("p", kindOf(n), "kind"));
    var facts = element("dl");
    var rows = [["articles", n.documents], ["edges", n.degree], ["IRI", n.id]];
    if (n.latitude !== undefined) rows.splice(2, 0, ["coordinates", n.latitude + ", " + n.longitude]);
    if (n.statements) rows.splice(2, 0, ["statements", n.statements]);
    rows.forEach(function (f) {
      facts.appendChild(element("dt", f[0]));
      facts.appendChild(element("dd", f[1]));
    });
    details.appendChild(facts);
    if (n.evidence) {
      details.appendChild(element("blockquote", n.evidence));
      if (n.source) details.appendChild(element("p", "from " + n.source, "source"));
    } else {
      details.appendChild(element("p", "No sentence names it (it may come from an article's metadata).", "hint"));
    }
    if (n.statement) {
      details.appendChild(element("p", "First of its " + n.statements + " statements (folded in):", "kind"));
      details.appendChild(element("blockquote", n.statement));
      if (n.statement_source) details.appendChild(element("p", "from " + n.statement_source, "source"));
    }
  }

  function showEdge(id) {
    var e = data.edges[id];
    var details = document.getElementById("details");
    details.replaceChildren();
    details.appendChild(element("h2", e.label + (e.title ? ": " + e.title : "")));
    details.appendChild(element("p", byId[e.from].label + " \u2192 " + byId[e.to].label, "kind"));
    if (e.event) details.appendChild(element("p", "event " + e.event + (e.date ? ", " + e.date : ""), "source"));
  }

  // vis-network leaves a node's tooltip up when the pointer leaves the drawing: hide it.
  document.getElementById("graph").addEventListener("mouseleave", function () {
    document.querySelectorAll("div.vis-tooltip").forEach(function (tip) {
      tip.style.visibility = "hidden";
    });
  });

  network.on("click", function (params) {
    var released = params.event && params.event.srcEvent ? params.event.srcEvent.timeStamp : performance.now();
    if (params.nodes.length) show(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    network.once("afterDrawing", function () {
      document.body.dataset.answeredMs = (performance.now() - released).toFixed(0);
    });
    network.redraw();
  });

  document.getElementById("find").addEventListener("submit", function (event) {
    event.preventDefault();
    var wanted = document.getElementById("query").value.trim().toLowerCase();
    if (!wanted) return;
    var hit = data.nodes.find(function (n) { return n.label.toLowerCase() === wanted; }) ||
              data.nodes.find(function (n) { return n.label.toLowerCase().indexOf(wanted) >= 0; });
    if (!hit) return;
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.2, animation: { duration: 400 } });
    show(hit.id);
  });

  var counts = {};
  data.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
  var legend = document.getElementById("legend");
  Object.keys(data.colors).forEach(function (type) {
    if (!counts[type]) return;
    var item = element("li", type + " (" + counts[type] + ")");
    item.style.setProperty("--color", data.colors[type]);
    legend.appendChild(item);
  });
  document.getElementById("summary").textContent =
    data.nodes.length + " nodes, " + data.edges.length + " edges";

  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgShow = show;
})();
