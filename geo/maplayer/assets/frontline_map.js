// Frontline's map layer, run inside a Leaflet map (the dashboard's frame or an
// exported page). Leaflet is the page's global `L`.
//
// The districts' geometry and the whole resolved timeline arrive once, as the
// bundle of geo/maplayer/contract.py; or first one day of the timeline, while
// the server builds the rest, which the map then fetches itself (whole_bundle.js)
// and takes in place. Each step then calls show(dayView), which
// restyles the existing paths (and redraws the small front-line layer when it is
// on): no district geometry is sent or rebuilt. Every string the bundle calls
// HTML was escaped in Python (geo/escaping.py); this script adds only plain text
// of its own.

import {
  dayLabel,
  dayNumber,
  eventAt,
  fadeShare,
  ownTable,
  stateAt,
  stateIndexOn,
  versionProblem,
  withOwnLookups,
} from "./contract.js";
import {
  ageText,
  claimsHtml,
  explanationHtml,
  latestHtml,
} from "./details.js";
import { dayChannel, listenForDays } from "./day_channel.js";
import { addLegend as addLegendControl } from "./legend.js";
import {
  ROLE_COUNT,
  addPatterns,
  districtLook,
  opacitySteps,
  roleOf,
  stepOpacity,
} from "./look.js";
import {
  addFullscreenButton,
  plainAttribution,
} from "./corners.js";
import { shareScrollingWithPage } from "./gestures.js";
import { enableKeyboard } from "./keyboard.js";
import { addLabels } from "./labels.js";
import { openOn, takeInLandmarks } from "./opening.js";
import { applyPatch, takeWholeTimeline } from "./patches.js";
import { fitPopups, popupOptions } from "./popups.js";
import { addSearch } from "./search.js";
import { fetchWhenBuilt } from "./whole_bundle.js";

const NO_CHANGES = Object.freeze({ day: [], state: [] });
const STYLE_SHEET = `
.frontline-legend, .frontline-day, .frontline-problem {
  background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  font: 12px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
.frontline-day { font-weight: bold; font-size: 14px; }
.frontline-waiting { font-weight: normal; font-size: 12px; color: #4d4d4d; }
.frontline-problem { max-width: 320px; color: #b00020; font-weight: bold; }
.frontline-details { font: 12px/1.4 sans-serif; max-width: 320px;
  color: #1f1f1f; }
.frontline-name { font-weight: bold; font-size: 13px; }
.frontline-status { margin-top: 2px; }
.frontline-explanation { font-style: italic; }
.frontline-age, .frontline-precision { color: #4d4d4d; }
.frontline-claims ul { padding-left: 16px; margin: 4px 0; }
.frontline-claims li { margin-bottom: 4px; }
.frontline-claims .withdrawn { text-decoration: line-through; color: #595959; }
.leaflet-container { background: #f4f1ea; }
.leaflet-container .leaflet-control-attribution { font-size: 11px; }
`;

// What the map holds between steps. Per district and per state, what a step
// reads sits in arrays: a step then touches no string-keyed lookups, which
// matters at thousands of districts.
const held = {
  map: null,
  bundle: null,
  view: null,
  problem: null,
  group: null,
  layers: ownTable(),
  ids: [],
  layerList: [],
  landmarks: [],
  changes: [],
  paintedLook: [],
  paintedSteps: [],
  stateOpacity: [],
  stateAsOf: [],
  events: [],
  frontlineLayer: null,
  dayLabel: null,
  showLegend: null,
  paints: 0,
  patchedTo: 0,
  latestPatch: null,
  oneDay: null,
  waitingView: null,
  openDetails: new Set(),
};

// The browser tests (tests/e2e) and benchmarks (bench/) wait on these attributes
// of the frame's body: the day shown, counts of paths, lines and events.
function markForBrowserTests(name, value) {
  document.body.setAttribute(`data-frontline-${name}`, String(value));
}

function element(tag, className, html) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (html !== undefined) {
    node.innerHTML = html; // escaped in Python (geo/escaping.py)
  }
  return node;
}

// Say in the console and on the map why it cannot be drawn.
function reportProblem(map, problem) {
  console.error(problem);
  if (held.problem !== null) {
    return;
  }
  held.problem = problem;
  const notice = L.control({ position: "topright" });
  notice.onAdd = () => {
    const box = element("div", "frontline-problem");
    box.setAttribute("role", "alert");
    box.textContent = problem;
    return box;
  };
  notice.addTo(map);
}

// The day's front lines, replaced on every step (sent only when the layer is on).
function drawFrontline(lines) {
  if (held.frontlineLayer) {
    held.map.removeLayer(held.frontlineLayer);
    held.frontlineLayer = null;
  }
  const count = lines && lines.features ? lines.features.length : 0;
  if (count) {
    held.frontlineLayer = L.geoJSON(lines, {
      interactive: false,
      style: {
        color: held.bundle.lines.frontline.colour,
        weight: held.bundle.lines.frontline.weight,
        opacity: 0.9,
      },
    }).addTo(held.map);
  }
  markForBrowserTests("lines", count);
}

// Keep the day, centre and zoom in the dashboard's address, so a copied link
// opens the same view. The dashboard leaves a day-only change to us (a step
// then costs it no address message). Only possible inside the dashboard (same
// origin); written again after every step, since the dashboard rewrites its
// address on reruns.
function shareViewInAddress() {
  if (!held.map || !held.view || !held.view.share_view) {
    return;
  }
  try {
    const address = new URL(window.parent.location.href);
    const centre = held.map.getCenter();
    address.searchParams.set("day", held.view.day);
    address.searchParams.set("lat", centre.lat.toFixed(5));
    address.searchParams.set("lon", centre.lng.toFixed(5));
    address.searchParams.set("zoom", String(held.map.getZoom()));
    if (address.toString() === window.parent.location.href) {
      return;
    }
    window.parent.history.replaceState(
      window.parent.history.state,
      "",
      address.toString(),
    );
  } catch {
    // A page without a dashboard around it has no address of its own to keep.
  }
}

function detailsFor(districtId, withClaims) {
  const { bundle } = held;
  const day = held.view.day;
  const state = stateAt(
    bundle,
    stateIndexOn(
      bundle.timeline[districtId] ?? NO_CHANGES,
      day,
      bundle.no_reports,
    ),
  );
  const box = element("div", "frontline-details");
  box.appendChild(element("div", "frontline-name", bundle.names[districtId]));
  box.appendChild(element("div", "frontline-status", state.status));
  const explanation = explanationHtml(bundle, state);
  if (explanation) {
    box.appendChild(element("div", "frontline-explanation", explanation));
  }
  const age = element("div", "frontline-age");
  age.textContent = ageText(bundle, state, day);
  box.appendChild(age);
  box.appendChild(
    element(
      "div",
      "frontline-claims",
      withClaims ? claimsHtml(bundle, state) : latestHtml(bundle, state),
    ),
  );
  box.appendChild(
    element("div", "frontline-precision", bundle.precision[districtId]),
  );
  return box;
}

function addLegend(map) {
  held.showLegend = addLegendControl(map, held.bundle);
}

function addDayLabel(map) {
  const label = L.control({ position: "topright" });
  label.onAdd = () => {
    held.dayLabel = element("div", "frontline-day");
    return held.dayLabel;
  };
  label.addTo(map);
}

function addStyles() {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
}

// Point events, drawn once; show() reveals those up to the day, older ones fainter.
function drawEvents() {
  const { bundle } = held;
  held.events = bundle.events.day.map((_, index) => {
    const event = eventAt(bundle, index);
    const marker = L.circleMarker([event.lat, event.lon], {
      radius: 6,
      color: "#ffffff",
      weight: 1.5,
      fillColor: bundle.colours.events[event.kind],
      fillOpacity: 1,
    });
    marker.bindPopup(event.popup, { maxWidth: 320 }); // escaped in Python
    return { day: event.day, dayNumber: dayNumber(event.day), marker };
  });
}

function showEvents(view) {
  const today = dayNumber(view.day);
  let shown = 0;
  for (const event of held.events) {
    if (view.events !== true || event.day > view.day) {
      held.map.removeLayer(event.marker);
      continue;
    }
    const share = fadeShare(held.bundle, today - event.dayNumber);
    event.marker.setStyle({ opacity: share, fillOpacity: share });
    // Above the districts, the selected one too, so every marker can be clicked.
    event.marker.addTo(held.map).bringToFront();
    shown += 1;
  }
  markForBrowserTests("events", shown);
}

function drawRiver(map) {
  const { bundle } = held;
  if (!bundle.river) {
    return;
  }
  L.geoJSON(bundle.river, {
    interactive: false,
    style: () => ({ color: bundle.colours.river, weight: 8, opacity: 0.8 }),
  }).addTo(map);
}

function drawDistricts(map) {
  const { bundle, group, layers } = held;
  // One district's tooltip at a time: one left open (by a popup opening under
  // the pointer, or the keyboard's focus) closes when another opens.
  let withTooltip = null;
  L.geoJSON(bundle.districts, {
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 7 }),
    onEachFeature: (feature, layer) => {
      const { id, kind } = feature.properties;
      layer.frontlineKind = kind;
      layers[id] = layer;
      layer.bindTooltip(() => detailsFor(id, false), { sticky: true });
      layer.on("tooltipopen", ({ tooltip }) => {
        if (layer.isPopupOpen()) {
          layer.closeTooltip(); // see popupopen below
          return;
        }
        if (withTooltip && withTooltip !== layer) {
          withTooltip.closeTooltip();
        }
        withTooltip = layer;
        held.openDetails.add(tooltip);
      });
      layer.on("tooltipclose", ({ tooltip }) => held.openDetails.delete(tooltip));
      layer.bindPopup(() => detailsFor(id, true), popupOptions(map.getSize()));
      // Open details are written again by each paint, for the day it shows.
      // The district's own tooltip closes, and stays closed while the popup is
      // open (a repaint under a still pointer opened it again): under the
      // pointer that clicked, it said the same as the popup's head, beside it.
      layer.on("popupopen", ({ popup }) => {
        layer.closeTooltip();
        held.openDetails.add(popup);
      });
      layer.on("popupclose", ({ popup }) => held.openDetails.delete(popup));
      group.addLayer(layer);
      layer.getElement().setAttribute("data-district", id);
      // Out of the Tab order (its tooltip's focus listener put it there): the
      // map is one Tab stop, and the arrow keys move between districts.
      layer.getElement().setAttribute("tabindex", "-1");
    },
  });
  const polygon = Object.values(layers).find(
    (layer) => layer.frontlineKind !== "landmark",
  );
  if (polygon) {
    addPatterns(polygon.getElement().ownerSVGElement, bundle);
  }
  map.attributionControl.addAttribution(bundle.attribution);
  plainAttribution(map);
}

// The day shown; under it, while the day asked for is on its way, a word that
// says so. One short word: a wider label would push the search box over the
// full-screen button on a phone.
function showDayLabel(day, waiting = false) {
  if (!held.dayLabel) {
    return;
  }
  held.dayLabel.textContent = dayLabel(held.bundle, day);
  if (waiting) {
    const note = element("div", "frontline-waiting");
    note.textContent = "Loading…";
    held.dayLabel.appendChild(note);
  }
}

// Paint the day view (geo/maplayer/contract.py, DayView) on the mounted map.
// With a first bundle only its own day can be painted: a view of another day
// waits for the whole bundle, and the map says so under the day it still shows.
function paint(view) {
  if (!held.bundle) {
    held.view = view; // applied as soon as the bundle arrives
    return;
  }
  if (held.oneDay !== null && view.day !== held.oneDay) {
    if (held.paints === 0) {
      paint({ ...view, day: held.oneDay });
    }
    held.waitingView = view;
    showDayLabel(held.view.day, true);
    markForBrowserTests("waiting", view.day);
    return;
  }
  held.view = view;
  held.waitingView = null;
  const changed = new Set(view.changed);
  const disagreeing = new Set(view.disagreeing);
  const today = dayNumber(view.day);
  // Touch only the paths whose look changed. A look is given by its style and
  // role (packed in one number) and its opacity steps; most steps only fade
  // some paths, which needs one attribute, not Leaflet's full restyle.
  let restyled = 0;
  for (let i = 0; i < held.ids.length; i++) {
    const id = held.ids[i];
    const stateIndex = stateIndexOn(
      held.changes[i],
      view.day,
      held.bundle.no_reports,
    );
    const asOf = held.stateAsOf[stateIndex];
    const share = fadeShare(held.bundle, asOf === null ? null : today - asOf);
    const steps = opacitySteps(
      held.bundle,
      held.stateOpacity[stateIndex],
      share,
    );
    const role = roleOf(id, view, changed, disagreeing);
    const style = held.bundle.states.style[stateIndex];
    const look = style * ROLE_COUNT + role;
    const layer = held.layerList[i];
    if (held.paintedLook[i] !== look) {
      const isPoint = layer.frontlineKind === "landmark";
      layer.setStyle(districtLook(held.bundle, style, isPoint, steps, role));
    } else if (held.paintedSteps[i] !== steps) {
      const opacity = stepOpacity(held.bundle, steps);
      layer.options.fillOpacity = opacity;
      layer.getElement().setAttribute("fill-opacity", String(opacity));
    } else {
      continue;
    }
    held.paintedLook[i] = look;
    held.paintedSteps[i] = steps;
    restyled += 1;
  }
  drawFrontline(view.frontline);
  // Outlines above their neighbours' boundaries, the selected one on top; then,
  // on the first paint or once an outline was raised, the landmarks' dots
  // above every area (a district drawn or raised after a dot would cover part
  // of it), a selected dot last.
  const selected = held.layers[view.selected];
  let raised = held.paints === 0;
  for (const id of [...changed, ...disagreeing, view.selected]) {
    if (held.layers[id]) {
      held.layers[id].bringToFront();
      raised = true;
    }
  }
  if (raised) {
    for (const layer of held.landmarks) {
      layer.bringToFront();
    }
  }
  if (selected && selected.frontlineKind === "landmark") {
    selected.bringToFront();
  }
  if (held.showLegend) {
    held.showLegend(view);
  }
  showEvents(view);
  // An open popup or tooltip told the day it opened on: it tells this one.
  for (const details of held.openDetails) {
    details.update();
  }
  // After the paint: rewriting the page's address costs the page several ms.
  window.requestAnimationFrame(() => window.setTimeout(shareViewInAddress, 0));
  showDayLabel(view.day);
  markForBrowserTests("day", view.day);
  markForBrowserTests("painted", held.ids.length);
  markForBrowserTests("restyled", restyled);
  held.paints += 1;
  markForBrowserTests("paints", held.paints);
}

// The reader's days from the page's timeline, and the server's day views.
const channel = dayChannel(paint, () => held.view);

// Bring the held bundle up to the edits in `patch` (patches.js) and repaint
// the districts they touched; a patch already applied, or older, is skipped.
function applyEdits(patch) {
  if (!patch || patch.change <= held.patchedTo) {
    return;
  }
  // Kept: applied as soon as the bundle arrives, and again to a whole timeline.
  held.latestPatch = patch;
  if (!held.bundle) {
    return;
  }
  held.patchedTo = patch.change;
  const { bundle } = held;
  const firstNewState = bundle.states.style.length;
  const touched = applyPatch(bundle, patch);
  for (let state = firstNewState; state < bundle.states.style.length; state++) {
    held.stateOpacity.push(bundle.styles[bundle.states.style[state]].opacity);
    const asOf = bundle.states.as_of[state];
    held.stateAsOf.push(asOf === null ? null : dayNumber(asOf));
  }
  for (const id of touched) {
    const position = held.ids.indexOf(id);
    if (position >= 0) {
      held.changes[position] = bundle.timeline[id];
      held.paintedLook[position] = undefined; // restyled on the next paint
    }
  }
  markForBrowserTests("patched", patch.change);
  if (held.view) {
    paint(held.view);
  }
}

// Show the server's day view (DayView), unless the reader has moved on since;
// edits stored since the bundle was built are applied whatever the day.
export function show(view) {
  markForBrowserTests("answered", view.day);
  applyEdits(view.patch);
  channel.fromServer(view);
}

// What a step reads of each district's timeline and each state, in arrays.
function readTimeline() {
  const { bundle } = held;
  held.changes = held.ids.map((id) => bundle.timeline[id] ?? NO_CHANGES);
  held.stateOpacity = bundle.states.style.map(
    (style) => bundle.styles[style].opacity,
  );
  held.stateAsOf = bundle.states.as_of.map((day) =>
    day === null ? null : dayNumber(day),
  );
}

// The whole bundle arrived: every day can be shown. Edits the server sent
// meanwhile were applied to the first bundle; they are applied again to it.
function takeWhole(whole) {
  const problem = versionProblem(whole);
  if (problem) {
    reportProblem(held.map, problem);
    return;
  }
  takeWholeTimeline(held.bundle, whole);
  held.oneDay = null;
  readTimeline();
  markForBrowserTests("timeline", "whole");
  held.view = held.waitingView ?? held.view;
  held.waitingView = null;
  held.patchedTo = 0;
  if (held.latestPatch) {
    applyEdits(held.latestPatch); // repaints
  } else if (held.view) {
    paint(held.view);
  }
}

function start(map, bundle) {
  const problem = versionProblem(bundle);
  if (problem) {
    reportProblem(map, problem);
    return;
  }
  held.bundle = withOwnLookups(bundle);
  held.oneDay = bundle.one_day ? bundle.one_day.day : null;
  markForBrowserTests("timeline", held.oneDay === null ? "whole" : "one-day");
  addStyles();
  drawRiver(map);
  drawDistricts(map);
  held.ids = Object.keys(held.layers);
  held.layerList = held.ids.map((id) => held.layers[id]);
  held.landmarks = held.layerList.filter((layer) => layer.frontlineKind === "landmark");
  takeInLandmarks(map, held.landmarks);
  readTimeline();
  drawEvents();
  addLegend(map);
  addDayLabel(map);
  const keys = enableKeyboard(map, bundle, held.layers, () =>
    held.view ? held.view.selected : "",
  );
  addSearch(map, bundle, held.layers, keys.select);
  addFullscreenButton(map);
  shareScrollingWithPage(map);
  fitPopups(map);
  // Last: the names keep clear of every control added before them.
  addLabels(map, bundle, held.layers, (shown) =>
    markForBrowserTests("labels", shown),
  );
  if (held.latestPatch) {
    applyEdits(held.latestPatch);
  }
  map.on("moveend", shareViewInAddress);
  // A rerun may rewrite the address after a pan: put the view back each second.
  setInterval(shareViewInAddress, 1000);
  if (held.view) {
    paint(held.view);
  }
  if (held.oneDay !== null) {
    fetchWhenBuilt(bundle.one_day.whole)
      .then(takeWhole)
      .catch((error) => reportProblem(map, `Frontline: ${error.message}`));
  }
}

// Mount on a Leaflet map. `source` is the bundle itself or the URL to fetch it
// from; `fit` (or null) is [[south, west], [north, east]] to show at once.
// Unanimated: an animated fit would swallow a reader's first zoom while it runs.
export function mount(map, source, fit) {
  held.map = map;
  listenForDays(window, channel.fromReader);
  if (fit) {
    openOn(map, fit);
  }
  // A feature group that exists when the map starts, so streamlit-folium binds its
  // click handler; the district layers are added to it once the bundle is here.
  held.group = L.featureGroup().addTo(map);
  if (typeof source !== "string") {
    start(map, source);
    return;
  }
  fetch(source)
    .then((response) => {
      if (!response.ok) {
        throw new Error(`could not load the map's data (${response.status})`);
      }
      return response.json();
    })
    .then((bundle) => start(map, bundle))
    .catch((error) => reportProblem(map, `Frontline: ${error.message}`));
}

// The report days of the mounted bundle (read by the benchmarks), else none.
export function days() {
  return held.bundle ? held.bundle.days : [];
}
