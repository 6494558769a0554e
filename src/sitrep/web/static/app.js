/* Sitrep events page: map of events (clustered, coloured by type) and a timeline of events
 * per day by type, both drawn from the JSON API with the page's filters.
 * Text from articles is only ever set with textContent, never parsed as HTML. */
(function () {
  "use strict";

  var app = document.getElementById("app");
  if (!app) { return; }
  var root = app.dataset.root || "";
  var query = app.dataset.query || "";
  var SVG = "http://www.w3.org/2000/svg";
  var css = getComputedStyle(document.documentElement);

  function typeColour(type) {
    var safe = /^[A-Z_]+$/.test(type) ? type : "OTHER";
    return (css.getPropertyValue("--t-" + safe) || css.getPropertyValue("--t-OTHER")).trim() || "#757575";
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function getJSON(path) {
    return fetch(root + path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error(path + ": HTTP " + r.status); }
        return r.json();
      });
  }

  function withFilter(name, value) {
    var params = new URLSearchParams(query);
    params.delete("offset");
    if (value === null) { params.delete(name); } else { params.set(name, value); }
    return root + "/?" + params.toString();
  }

  /* ---- map ------------------------------------------------------------------------------ */

  var map = null;

  function baseLayer() {
    var tiles = app.dataset.tiles;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: app.dataset.tilesAttribution || "" }).addTo(map);
      return;
    }
    // No tile server configured (or offline): draw country outlines shipped with Sitrep.
    fetch(app.dataset.outlines).then(function (r) { return r.json(); }).then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#8aa0b4", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    }).catch(function () { /* the markers still show on the plain background */ });
    map.attributionControl.addAttribution("Outlines: Natural Earth");
  }

  function popup(item) {
    var box = el("div", { "class": "map-popup" });
    var head = el("p");
    head.appendChild(el("span", { "class": "type-badge t-" + item.type }, item.type));
    head.appendChild(el("strong", {}, item.place));
    box.appendChild(head);
    box.appendChild(el("p", {}, item.count + " event" + (item.count === 1 ? "" : "s") +
      (item.country ? " · " + item.country : "")));
    var links = el("p");
    links.appendChild(el("a", { href: withFilter("place", item.place) }, "events here"));
    links.appendChild(document.createTextNode(" · "));
    var both = new URLSearchParams(query);
    both.set("place", item.place);
    both.set("type", item.type);
    both.delete("offset");
    links.appendChild(el("a", { href: root + "/?" + both.toString() }, "this type here"));
    box.appendChild(links);
    return box;
  }

  function clusterIcon(cluster) {
    var counts = {};
    var total = 0;
    cluster.getAllChildMarkers().forEach(function (m) {
      counts[m.options.eventType] = (counts[m.options.eventType] || 0) + m.options.count;
      total += m.options.count;
    });
    var top = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
    var size = total < 10 ? 30 : total < 100 ? 36 : total < 1000 ? 44 : 52;
    var icon = L.divIcon({
      html: "<span>" + String(total) + "</span>",
      className: "cluster cluster-" + (/^[A-Z_]+$/.test(top) ? top : "OTHER"),
      iconSize: L.point(size, size)
    });
    return icon;
  }

  function drawMap(data) {
    var note = document.getElementById("map-note");
    var group = L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 45 });
    var placed = 0;
    data.items.forEach(function (item) {
      if (typeof item.lat !== "number" || typeof item.lon !== "number") { return; }
      var marker = L.circleMarker([item.lat, item.lon], {
        radius: Math.min(6 + 2.2 * Math.log(1 + item.count), 18),
        color: "#fff", weight: 1.5, fillColor: typeColour(item.type), fillOpacity: 0.9,
        eventType: item.type, count: item.count
      });
      marker.bindPopup(popup(item));
      group.addLayer(marker);
      placed += item.count;
    });
    map.addLayer(group);
    // Clusters are drawn by markercluster as divs: give each the colour of its main type.
    group.on("animationend", colourClusters);
    map.on("zoomend moveend", colourClusters);
    colourClusters();
    if (group.getLayers().length) {
      map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 9 });
    }
    var unplaced = data.total - placed;
    note.textContent = placed + " event" + (placed === 1 ? "" : "s") + " on the map" +
      (unplaced > 0 ? ", " + unplaced + " without a known place" : "") + ".";
    app.dataset.markers = String(group.getLayers().length);
  }

  function colourClusters() {
    document.querySelectorAll(".cluster").forEach(function (node) {
      var m = /cluster-([A-Z_]+)/.exec(node.className);
      node.style.backgroundColor = typeColour(m ? m[1] : "OTHER");
    });
  }

  function initMap() {
    var box = document.getElementById("map");
    if (!box || typeof L === "undefined") { return; }
    // maxZoom is set on the map itself: without tiles nothing else tells the clusterer how far it can zoom.
    map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([20, 10], 2);
    baseLayer();
    getJSON("/api/map").then(drawMap).catch(function (err) {
      document.getElementById("map-note").textContent = "Map unavailable: " + String((err && err.message) || err);
      if (window.console) { console.error(err); }
    });
    var button = document.getElementById("use-map-view");
    if (button) {
      button.addEventListener("click", function () {
        var b = map.getBounds();
        var clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
        var box4 = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
          clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map(function (v) { return v.toFixed(4); });
        var form = document.getElementById("filters");
        form.elements.bbox.value = box4.join(",");
        form.submit();
      });
    }
  }

  /* ---- timeline ------------------------------------------------------------------------- */

  function addDays(iso, n) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function daySpan(a, b) {
    return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
  }

  // A long period is drawn by week or by month so that bars stay visible.
  function bucketOf(span) {
    if (span <= 120) { return { days: 1, name: "day" }; }
    if (span <= 2 * 365) { return { days: 7, name: "week" }; }
    return { days: 30, name: "month" };
  }

  function drawTimeline(data) {
    var box = document.getElementById("timeline");
    var legend = document.getElementById("legend");
    box.textContent = "";
    legend.textContent = "";
    var items = data.items.filter(function (i) { return /^\d{4}-\d{2}-\d{2}$/.test(i.date); });
    if (!items.length) {
      box.appendChild(el("p", { "class": "note" }, "No dated event."));
      return;
    }
    var dates = items.map(function (i) { return i.date; }).sort();
    var first = dates[0];
    var span = daySpan(first, dates[dates.length - 1]) + 1;
    var bucket = bucketOf(span);
    var n = Math.ceil(span / bucket.days);
    var perBucket = {};
    var totals = {};
    var typeTotals = {};
    items.forEach(function (i) {
      var b = Math.floor(daySpan(first, i.date) / bucket.days);
      perBucket[b] = perBucket[b] || {};
      perBucket[b][i.type] = (perBucket[b][i.type] || 0) + i.count;
      totals[b] = (totals[b] || 0) + i.count;
      typeTotals[i.type] = (typeTotals[i.type] || 0) + i.count;
    });
    var heading = document.querySelector(".timeline-box h2");
    if (heading) { heading.textContent = "Events per " + bucket.name; }
    var types = Object.keys(typeTotals).sort(function (a, b) { return typeTotals[b] - typeTotals[a]; });
    var max = Math.max.apply(null, Object.keys(totals).map(function (b) { return totals[b]; }));
    var W = 600, H = 300, left = 34, bottom = 40, top = 8, right = 6;
    var plotW = W - left - right, plotH = H - top - bottom;
    var step = plotW / n;
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", id: "timeline-svg" });
    var axis = svg("g", { "class": "axis" });
    axis.appendChild(svg("line", { x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
    [0, 0.5, 1].forEach(function (f) {
      var v = Math.round(max * f);
      var y = top + plotH - (plotH * v) / max;
      axis.appendChild(svg("text", { x: left - 4, y: y + 3, "text-anchor": "end" }, v));
    });
    var labelEvery = Math.max(1, Math.ceil(n / 7));
    for (var k = 0; k < n; k += labelEvery) {
      var x = left + k * step + step / 2;
      var day = addDays(first, k * bucket.days);
      var label = bucket.days === 1 ? day.slice(5) : day.slice(0, 7);
      axis.appendChild(svg("text", { x: x, y: H - bottom + 14, "text-anchor": "middle" }, label));
    }
    if (bucket.days === 1) { axis.appendChild(svg("text", { x: left, y: H - 6 }, first.slice(0, 4))); }
    chart.appendChild(axis);
    var bars = svg("g", { "class": "bars" });
    Object.keys(perBucket).forEach(function (key) {
      var b = Number(key);
      var start = addDays(first, b * bucket.days);
      var end = addDays(start, bucket.days - 1);
      var x = left + b * step;
      var y = top + plotH;
      types.forEach(function (type) {
        var c = perBucket[b][type];
        if (!c) { return; }
        var h = (plotH * c) / max;
        y -= h;
        var rect = svg("rect", {
          "class": "bar", x: x + step * 0.08, y: y, width: Math.max(step * 0.84, 1), height: h,
          fill: typeColour(type), "data-date": start, "data-type": type, "data-count": c
        });
        var when = bucket.days === 1 ? start : start + " to " + end;
        rect.appendChild(svg("title", {}, when + " · " + type + ": " + c));
        rect.addEventListener("click", function () {
          var params = new URLSearchParams(query);
          params.set("from", start);
          params.set("to", end);
          params.delete("offset");
          window.location.href = root + "/?" + params.toString();
        });
        bars.appendChild(rect);
      });
    });
    chart.appendChild(bars);
    box.appendChild(chart);
    types.forEach(function (type) {
      var a = el("a", { href: withFilter("type", type), title: "only " + type });
      var sw = el("span", { "class": "swatch" });
      sw.style.backgroundColor = typeColour(type);
      a.appendChild(sw);
      a.appendChild(document.createTextNode(type + " " + typeTotals[type]));
      legend.appendChild(a);
    });
  }

  function initTimeline() {
    if (!document.getElementById("timeline")) { return; }
    getJSON("/api/timeline").then(drawTimeline).catch(function (err) {
      document.getElementById("timeline").textContent = "Timeline unavailable: " + err.message;
    });
  }

  initMap();
  initTimeline();
})();
