// The map page: countries from world-atlas (no tiles from the internet), events from /api/map as
// circles coloured by event type and sized by fatalities, and who held what at the chosen date.
(function () {
  "use strict";
  const colours = {"Battles": "#c62828", "Explosions/Remote violence": "#ef6c00", "Violence against civilians": "#6a1b9a",
                   "Protests": "#1565c0", "Riots": "#00838f", "Strategic developments": "#546e7a"};
  const map = L.map("map", {worldCopyJump: true}).setView([30, 30], 3);
  const placed = document.getElementById("places");
  const held = document.getElementById("held");
  const when = document.getElementById("when");
  fetch("/static/vendor/world-atlas/countries-110m.json").then(r => r.json()).then(world => {
    L.geoJSON(topojson.feature(world, world.objects.countries),
              {style: {color: "#999", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1}, interactive: false}).addTo(map);
  });
  let control = [];
  const controlLayer = L.layerGroup().addTo(map);
  fetch("/api/map" + window.location.search).then(r => r.json()).then(data => {
    const places = new Set();
    for (const f of data.features) {
      if (!f.geometry) continue;
      const p = f.properties, [lon, lat] = f.geometry.coordinates;
      if (p.layer === "territory_control") { control.push(f); continue; }
      const deaths = typeof p.fatalities === "number" ? p.fatalities : (p.fatalities && p.fatalities.low) || 0;
      const marker = L.circleMarker([lat, lon], {radius: 5 + Math.sqrt(deaths), color: colours[p.event_type] || "#333",
                                                 className: "event-marker", weight: 1, fillOpacity: 0.7});
      const tip = document.createElement("span");
      tip.textContent = `${p.event_date || "undated"} · ${p.sub_event_type} · ${p.location || p.country_name || ""}`;
      marker.bindTooltip(tip).addTo(map);
      places.add(p.location || p.country_name || p.country);
    }
    for (const name of [...places].sort()) {
      const item = document.createElement("li");
      item.textContent = name;
      placed.appendChild(item);
    }
    showControl();
    document.getElementById("map").dataset.ready = "true";
  });
  function showControl() {
    const day = when.value;
    controlLayer.clearLayers();
    held.replaceChildren();
    for (const f of control) {
      const p = f.properties;
      if (day && ((p.from && p.from > day) || (p.until && p.until < day))) continue;
      const [lon, lat] = f.geometry.coordinates;
      const tip = document.createElement("span");
      tip.textContent = `${p.place}: ${p.holder} (${p.from || "?"} – ${p.until || "…"})`;
      L.circleMarker([lat, lon], {radius: 9, color: "#000", weight: 2, fill: false, className: "control-marker"})
        .bindTooltip(tip).addTo(controlLayer);
      const item = document.createElement("li");
      item.textContent = tip.textContent;
      held.appendChild(item);
    }
  }
  when.addEventListener("change", showControl);
})();
