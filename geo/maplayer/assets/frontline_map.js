/*
 * Frontline's map layer, run inside the Leaflet map (dashboard iframe or exported HTML).
 *
 * The districts' geometry and the whole resolved timeline arrive once, as a bundle
 * built by geo/maplayer/bundle.py. Every string in the bundle that is inserted as HTML
 * was escaped in Python (geo/escaping.py); this script only adds plain text itself.
 * Moving the slider calls frontline.show({day, selected, outlined, frontline}),
 * which restyles the existing paths (and redraws the small front-line layer when
 * it is on): no district geometry is sent or rebuilt.
 */
(function () {
  "use strict";

  var HATCH_ID = "frontline-hatch";
  var DAY_MS = 86400000;
  var state = {
    map: null,
    bundle: null,
    layers: {},
    ids: [],
    paintedLook: [],
    paintedFade: [],
    layerList: [],
    changes: [],
    asOfDay: [],
    opacity: [],
    styleNumber: [],
    view: null,
    dayLabel: null,
  };

  // Days since 1970: ages become plain subtractions on every step.
  function dayNumber(iso) {
    return Math.round(Date.parse(iso) / DAY_MS);
  }

  function daysBetween(from, to) {
    return dayNumber(to) - dayNumber(from);
  }

  function formatDay(iso) {
    var parts = iso.split("-");
    var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec"];
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  }

  // The state index on a day, from a district's changes: the last on or before it.
  function stateIn(changes, day) {
    var low = 0;
    var high = changes.length - 1;
    var found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (changes[middle][0] <= day) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? state.bundle.no_reports : changes[found][1];
  }

  function stateOn(districtId, day) {
    return stateIn(state.bundle.timeline[districtId] || [], day);
  }

  function ageFactor(days) {
    var fade = state.bundle.fade;
    if (days === null || days <= fade.stale_after) {
      return 1;
    }
    var span = fade.faded_after - fade.stale_after;
    var progress = Math.min(1, (days - fade.stale_after) / span);
    return 1 - progress * (1 - fade.faded_share);
  }

  function ageOf(entry, day) {
    return entry.as_of ? daysBetween(entry.as_of, day) : null;
  }

  function ageText(entry, day) {
    var age = ageOf(entry, day);
    if (age === null) {
      return "";
    }
    var when = age === 0 ? "reported that day" : age === 1 ? "1 day old" :
      age + " days old";
    return "As of " + formatDay(entry.as_of) + " (" + when + ")";
  }

  // A state is [style, status text, as-of day, deciding reports, denied reports].
  function entryOn(districtId, day) {
    var entry = state.bundle.states[stateOn(districtId, day)];
    return { style: entry[0], status: state.bundle.text[entry[1]], as_of: entry[2],
      deciding: entry[3], denied: entry[4] };
  }

  // A report is [day, source, source type, kind, says, href or -1, note]; every
  // string is an index into bundle.text, which holds text escaped in Python.
  function reportHtml(index, denied) {
    var report = state.bundle.reports[index];
    var text = state.bundle.text;
    var source = report[5] < 0 ? text[report[1]] :
      '<a href="' + text[report[5]] + '" target="_blank" ' +
      'rel="noopener noreferrer nofollow">' + text[report[1]] + "</a>";
    var heading = report[0] + " · " + source + " (" + text[report[2]] + ", " +
      text[report[3]] + "): " + text[report[4]];
    if (denied) {
      heading = '<span class="denied">' + heading + "</span> (denied)";
    }
    return "<li>" + heading + "<br>" + text[report[6]] + "</li>";
  }

  function claimsHtml(entry) {
    var items = entry.deciding.map(function (index) { return reportHtml(index, false); })
      .concat(entry.denied.map(function (index) { return reportHtml(index, true); }));
    return items.length ? "<ul>" + items.join("") + "</ul>" :
      "No report about this place yet.";
  }

  function latestHtml(entry) {
    var sources = [];
    entry.deciding.forEach(function (index) {
      var source = state.bundle.text[state.bundle.reports[index][1]];
      if (sources.indexOf(source) < 0) {
        sources.push(source);
      }
    });
    return sources.length ? "Latest: " + sources.join(", ") : "";
  }

  // How a district looks: its state's style, faded by the report's age (quantised
  // to twentieths, so a fade repaints a path every few days, not every day), and
  // its role: 2 selected, 1 outlined (changed or disputed), 0 neither.
  function lookFor(layer, stateIndex, opacity, role) {
    var look = state.bundle.styles[state.bundle.states[stateIndex][0]];
    var point = layer.frontlineKind === "landmark";
    return {
      fillColor: look.hatched && !point ? "url(#" + HATCH_ID + ")" : look.fill,
      fillOpacity: opacity,
      color: role === 2 ? "#000000" : role === 1 ? state.bundle.highlight :
        state.bundle.outline,
      weight: role > 0 ? 3 : point ? 1.5 : 1,
      dashArray: role === 1 ? "6 4" : look.hatched ? "4 3" : null,
    };
  }

  // The day's front lines, replaced on every step (sent only when the layer is on).
  function drawFrontline(lines) {
    if (state.frontlineLayer) {
      state.map.removeLayer(state.frontlineLayer);
      state.frontlineLayer = null;
    }
    var count = lines && lines.features ? lines.features.length : 0;
    if (count) {
      state.frontlineLayer = L.geoJSON(lines, {
        interactive: false,
        style: { color: state.bundle.frontline, weight: 4, opacity: 0.9 },
      }).addTo(state.map);
    }
    document.body.setAttribute("data-frontline-lines", String(count));
  }

  // Keep the day, centre and zoom in the dashboard's address, so a copied link
  // opens the same view. The dashboard leaves a day-only change to us (a step
  // then costs it no address message). Only possible inside the dashboard (same
  // origin); written again after every step, since the dashboard rewrites its
  // address on reruns.
  function shareViewInAddress() {
    if (!state.map || !state.view || !state.view.shareView) {
      return;
    }
    try {
      var address = new URL(window.parent.location.href);
      var centre = state.map.getCenter();
      address.searchParams.set("day", state.view.day);
      address.searchParams.set("lat", centre.lat.toFixed(5));
      address.searchParams.set("lon", centre.lng.toFixed(5));
      address.searchParams.set("zoom", String(state.map.getZoom()));
      if (address.toString() === window.parent.location.href) {
        return;
      }
      window.parent.history.replaceState(
        window.parent.history.state, "", address.toString());
    } catch (error) {
      // A standalone export has no dashboard around it: nothing to update.
    }
  }

  function element(tag, className, html) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (html !== undefined) {
      node.innerHTML = html; // pre-escaped by geo/escaping.py
    }
    return node;
  }

  function detailsFor(districtId, withClaims) {
    var day = state.view.day;
    var entry = entryOn(districtId, day);
    var box = element("div", "frontline-details");
    box.appendChild(element("div", "frontline-name", state.bundle.names[districtId]));
    box.appendChild(element("div", "frontline-status", entry.status));
    var age = element("div", "frontline-age");
    age.textContent = ageText(entry, day);
    box.appendChild(age);
    box.appendChild(element("div", "frontline-claims",
      withClaims ? claimsHtml(entry) : latestHtml(entry)));
    box.appendChild(element("div", "frontline-precision",
      state.bundle.precision[districtId]));
    return box;
  }

  function addHatchPattern(svg) {
    if (!svg || svg.querySelector("#" + HATCH_ID)) {
      return;
    }
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", HATCH_ID);
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var background = document.createElementNS(ns, "rect");
    background.setAttribute("width", "8");
    background.setAttribute("height", "8");
    background.setAttribute("fill", state.bundle.hatch[1]);
    var stripe = document.createElementNS(ns, "rect");
    stripe.setAttribute("width", "4");
    stripe.setAttribute("height", "8");
    stripe.setAttribute("fill", state.bundle.hatch[0]);
    pattern.appendChild(background);
    pattern.appendChild(stripe);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  function addLegend(map) {
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = element("div", "frontline-legend");
      state.bundle.legend.forEach(function (item) {
        var row = element("div", "frontline-legend-row");
        var swatch = element("span", "frontline-swatch");
        swatch.style.background = item.hatched ?
          "repeating-linear-gradient(45deg," + state.bundle.hatch[0] + " 0 3px," +
          state.bundle.hatch[1] + " 3px 6px)" : item.fill;
        swatch.style.opacity = item.opacity;
        row.appendChild(swatch);
        row.appendChild(element("span", "", item.label));
        box.appendChild(row);
      });
      var kinds = {};
      (state.bundle.events || []).forEach(function (entry) { kinds[entry[3]] = true; });
      Object.keys(kinds).sort().forEach(function (kind) {
        var row = element("div", "frontline-legend-row frontline-legend-event");
        var dot = element("span", "frontline-swatch frontline-dot");
        dot.style.background = state.bundle.event_colours[kind];
        row.appendChild(dot);
        var label = element("span", "");
        label.textContent = "Event: " + kind;
        row.appendChild(label);
        box.appendChild(row);
      });
      return box;
    };
    legend.addTo(map);
  }

  function addDayLabel(map) {
    var label = L.control({ position: "topright" });
    label.onAdd = function () {
      state.dayLabel = element("div", "frontline-day");
      return state.dayLabel;
    };
    label.addTo(map);
  }

  function addStyles() {
    var css = [
      ".frontline-legend, .frontline-day { background: rgba(255,255,255,0.92);",
      "  padding: 6px 8px; border-radius: 4px; font: 12px/1.4 sans-serif;",
      "  box-shadow: 0 1px 4px rgba(0,0,0,0.3); }",
      ".frontline-day { font-weight: bold; font-size: 14px; }",
      ".frontline-legend-row { display: flex; align-items: center; gap: 6px; }",
      ".frontline-swatch { width: 14px; height: 14px; border: 1px solid #555;",
      "  display: inline-block; }",
      ".frontline-dot { border-radius: 50%; border-color: #fff; }",
      ".frontline-details { font: 12px/1.4 sans-serif; max-width: 320px; }",
      ".frontline-name { font-weight: bold; font-size: 13px; }",
      ".frontline-status { margin-top: 2px; }",
      ".frontline-age, .frontline-precision { color: #555; }",
      ".frontline-claims ul { padding-left: 16px; margin: 4px 0; }",
      ".frontline-claims li { margin-bottom: 4px; }",
      ".frontline-claims .denied { text-decoration: line-through; color: #777; }",
      ".leaflet-container { background: #f4f1ea; }",
      ".leaflet-container .leaflet-control-attribution { font-size: 11px; }",
      "@media (max-width: 640px) { .frontline-legend { font-size: 11px; } }",
    ].join("\n");
    var style = document.createElement("style");
    style.textContent = css;
    document.head.appendChild(style);
  }

  // Point events, drawn once; show() reveals those up to the day, older ones fainter.
  function drawEvents() {
    state.events = (state.bundle.events || []).map(function (entry) {
      var marker = L.circleMarker([entry[1], entry[2]], {
        radius: 6,
        color: "#ffffff",
        weight: 1.5,
        fillColor: state.bundle.event_colours[entry[3]],
        fillOpacity: 1,
      });
      marker.bindPopup(state.bundle.text[entry[4]]); // pre-escaped by geo/escaping.py
      marker.getPopup().options.maxWidth = 320;
      return { day: entry[0], marker: marker };
    });
  }

  function showEvents(view) {
    var shown = 0;
    (state.events || []).forEach(function (event) {
      var visible = view.events === true && event.day <= view.day;
      if (!visible) {
        state.map.removeLayer(event.marker);
        return;
      }
      var share = ageFactor(daysBetween(event.day, view.day));
      event.marker.setStyle({ opacity: share, fillOpacity: share });
      // Above the districts, the selected one too, so every marker can be clicked.
      event.marker.addTo(state.map).bringToFront();
      shown += 1;
    });
    document.body.setAttribute("data-frontline-events", String(shown));
  }

  function drawRiver(map) {
    if (!state.bundle.river) {
      return;
    }
    L.geoJSON(state.bundle.river, {
      interactive: false,
      style: function () {
        return { color: state.bundle.river_colour, weight: 8, opacity: 0.8 };
      },
    }).addTo(map);
  }

  function drawDistricts(map) {
    var group = state.group;
    L.geoJSON(state.bundle.districts, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7 });
      },
      onEachFeature: function (feature, layer) {
        var id = feature.properties.id;
        layer.frontlineId = id;
        layer.frontlineKind = feature.properties.kind;
        state.layers[id] = layer;
        layer.bindTooltip(function () { return detailsFor(id, false); },
          { sticky: true });
        layer.bindPopup(function () { return detailsFor(id, true); },
          { maxWidth: 340 });
        group.addLayer(layer);
        layer.getElement().setAttribute("data-district", id);
      },
    });
    var polygons = Object.keys(state.layers).filter(function (id) {
      return state.layers[id].frontlineKind !== "landmark";
    });
    if (polygons.length) {
      addHatchPattern(state.layers[polygons[0]]._renderer._container);
    }
    map.attributionControl.addAttribution(state.bundle.attribution);
  }

  function show(view) {
    state.view = view;
    if (!state.bundle) {
      return; // applied as soon as the bundle arrives
    }
    var outlined = {};
    (view.outlined || []).forEach(function (id) { outlined[id] = true; });
    var today = dayNumber(view.day);
    // Touch only the paths whose look changed. A look is given by its style and
    // role (packed in one number) and its quantised opacity; most steps only fade
    // some paths, which needs one attribute, not Leaflet's full restyle.
    var restyled = 0;
    for (var i = 0; i < state.ids.length; i++) {
      var id = state.ids[i];
      var stateIndex = stateIn(state.changes[i], view.day);
      var asOf = state.asOfDay[stateIndex];
      var fade = ageFactor(asOf === null ? null : today - asOf);
      var twentieths = Math.round(state.opacity[stateIndex] * fade * 20);
      var role = id === view.selected ? 2 : outlined[id] === true ? 1 : 0;
      var look = state.styleNumber[stateIndex] * 3 + role;
      var layer = state.layerList[i];
      if (state.paintedLook[i] !== look) {
        layer.setStyle(lookFor(layer, stateIndex, twentieths / 20, role));
      } else if (state.paintedFade[i] !== twentieths) {
        layer.options.fillOpacity = twentieths / 20;
        layer.getElement().setAttribute("fill-opacity", String(twentieths / 20));
      } else {
        continue;
      }
      state.paintedLook[i] = look;
      state.paintedFade[i] = twentieths;
      restyled += 1;
    }
    drawFrontline(view.frontline);
    if (state.layers[view.selected]) {
      state.layers[view.selected].bringToFront();
    }
    showEvents(view);
    // After the paint: rewriting the page's address costs the page several ms.
    window.requestAnimationFrame(function () {
      window.setTimeout(shareViewInAddress, 0);
    });
    if (state.dayLabel) {
      state.dayLabel.textContent = formatDay(view.day);
    }
    // Read by the browser tests and the benchmark: the day every path now shows.
    document.body.setAttribute("data-frontline-day", view.day);
    document.body.setAttribute("data-frontline-painted", String(state.ids.length));
    document.body.setAttribute("data-frontline-restyled", String(restyled));
  }

  function start(map, bundle) {
    state.map = map;
    state.bundle = bundle;
    addStyles();
    drawRiver(map);
    drawDistricts(map);
    // Per district and per state, what a step reads, in arrays: a step then
    // touches no string-keyed lookups, which matters at thousands of districts.
    state.ids = Object.keys(state.layers);
    state.layerList = state.ids.map(function (id) { return state.layers[id]; });
    state.changes = state.ids.map(function (id) { return bundle.timeline[id] || []; });
    state.opacity = bundle.states.map(function (entry) {
      return bundle.styles[entry[0]].opacity;
    });
    state.asOfDay = bundle.states.map(function (entry) {
      return entry[2] ? dayNumber(entry[2]) : null;
    });
    var styleKeys = Object.keys(bundle.styles);
    state.styleNumber = bundle.states.map(function (entry) {
      return styleKeys.indexOf(entry[0]);
    });
    drawEvents();
    addLegend(map);
    addDayLabel(map);
    map.on("moveend", shareViewInAddress);
    // A rerun may rewrite the address after a pan: put the view back each second.
    setInterval(shareViewInAddress, 1000);
    if (state.view) {
      show(state.view);
    }
  }

  // Mount on a Leaflet map. `source` is the bundle itself or the URL to fetch it from;
  // `fit` (optional) is [[south, west], [north, east]] to show at once. Unanimated:
  // an animated fit would swallow a reader's first zoom while it runs.
  function mount(map, source, fit) {
    if (fit) {
      map.fitBounds(fit, { animate: false });
    }
    // A feature group that exists when the map starts, so streamlit-folium binds its
    // click handler; the district layers are added to it once the bundle is here.
    state.group = L.featureGroup().addTo(map);
    if (typeof source === "string") {
      fetch(source)
        .then(function (response) { return response.json(); })
        .then(function (bundle) { start(map, bundle); });
    } else {
      start(map, source);
    }
  }

  window.frontline = { mount: mount, show: show, days: function () {
    return state.bundle ? state.bundle.days : [];
  } };
})();
