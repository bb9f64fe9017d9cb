// The map's legend: every fill, the landmarks' dots, what a paler fill means,
// and only those lines and point events the day view draws. Its button folds
// it away; on a phone it starts folded unless it fits under the districts,
// which a tall map draws across its top (opening.js), and then it stands right
// under them rather than at the frame's foot, below the first screen. On a
// wide map its rows stand in two columns, so it takes little height, and the
// opening view is framed clear of it.
// Labels were escaped in Python (geo/escaping.py).

import { lineSample, swatchBackground } from "./look.js";
import { whenLeafletStyled } from "./corners.js";
import {
  keepOpeningClearOf,
  openingShape,
  roomUnderTheDistricts,
} from "./opening.js";

export const PHONE_WIDTH = 500; // px of map width: below it, the legend starts folded
// px between what a tall map draws and the legend raised under it: room for
// the river's name, centred on its lowest bend
const UNDER_GAP = 12;
const LINE_KEYS = ["frontline", "changed", "disagreeing", "selected"];
const STYLE_SHEET = `
.frontline-legend { color: #1f1f1f; max-width: 250px; }
.frontline-legend.is-wide { max-width: 420px; }
.frontline-legend.is-wide .frontline-legend-body:not([hidden]) { display: grid;
  grid-template-columns: auto auto; column-gap: 12px; }
.frontline-legend.is-wide .frontline-legend-note,
.frontline-legend.is-wide .frontline-legend-heading { grid-column: 1 / -1; }
.frontline-legend [hidden] { display: none; }
.frontline-legend-toggle { font: inherit; font-weight: bold; color: #1f1f1f;
  background: none; border: 0; padding: 0; min-height: 24px; cursor: pointer;
  display: flex; align-items: center; gap: 4px; }
.frontline-legend-row { display: flex; align-items: center; gap: 6px; }
.frontline-legend-heading { font-weight: bold; margin-top: 4px; }
.frontline-legend-note { color: #4d4d4d; margin: 2px 0 4px; }
.frontline-swatch { width: 14px; height: 14px; border: 1px solid #4d4d4d;
  display: inline-block; flex: none; }
.frontline-dot { border-radius: 50%; border-color: #ffffff;
  box-shadow: 0 0 0 1px #4d4d4d; }
@media (max-width: 640px) { .frontline-legend { font-size: 11px; } }
`;

// The kinds of the point events dated on or before `day`, sorted.
function eventKindsUpTo(bundle, day) {
  const { events } = bundle;
  const kinds = events.kind.filter((_, index) => events.day[index] <= day);
  return [...new Set(kinds)].sort();
}

// What the legend lists beyond the fills for `view`: the keys of the lines
// drawn (bundle.lines) and the kinds of events shown. A district has one
// outline (look.js, roleOf): selected, else disagreeing, else changed.
export function drawnInView(bundle, view) {
  const disagreeing = new Set(view.disagreeing);
  const outlined = (id) => id !== view.selected;
  const drawn = {
    frontline: view.frontline ? view.frontline.features.length > 0 : false,
    changed: view.changed.some((id) => outlined(id) && !disagreeing.has(id)),
    disagreeing: view.disagreeing.some(outlined),
    selected: Boolean(view.selected),
  };
  return {
    lines: LINE_KEYS.filter((key) => drawn[key]),
    events: view.events === true ? eventKindsUpTo(bundle, view.day) : [],
  };
}

// Whether the legend starts folded on a map `width` px wide; it starts open,
// in two columns, on any wider map.
export function startsFolded(width) {
  return width < PHONE_WIDTH;
}

// Whether a legend taking `cornerHeight` px at the bottom of a map `size`
// ({x, y}) px large fits under the districts, which a tall map draws across
// its top (opening.js): `shape` is their height over their width.
export function fitsUnderTheDistricts(size, cornerHeight, shape = 1) {
  return size.y > size.x && cornerHeight <= roomUnderTheDistricts(size, shape);
}

// How many px to raise a legend whose top is at `top` so that it stands
// UNDER_GAP px below `bottom`, that of what the map draws (both px from the
// map's top); 0 where it already stands there or higher.
export function raiseUnder(top, bottom) {
  return Math.max(0, Math.floor(top - bottom - UNDER_GAP));
}

// The lowest edge, in px from the map's top, of what it draws (districts,
// landmarks, the river) from its top edge down; a shape that starts below the
// frame is not in view.
function drawnBottom(map) {
  const container = map.getContainer();
  const outer = container.getBoundingClientRect();
  const boxes = [...container.querySelectorAll(".leaflet-overlay-pane path")]
    .map((path) => path.getBoundingClientRect())
    .filter((box) => box.top < outer.bottom && box.height > 0);
  return Math.max(0, ...boxes.map((box) => box.bottom - outer.top));
}

// The room `box` takes in the bottom-right corner of `map`'s container, in px
// from its right and bottom edges (the credits under it included).
function cornerTaken(map, box) {
  const outer = map.getContainer().getBoundingClientRect();
  const inner = box.getBoundingClientRect();
  return { x: outer.right - inner.left, y: outer.bottom - inner.top };
}

function element(tag, className, html) {
  const node = document.createElement(tag);
  node.className = className;
  if (html !== undefined) {
    node.innerHTML = html; // escaped in Python, or this module's own markup
  }
  return node;
}

function row(sample, label) {
  const line = element("div", "frontline-legend-row");
  line.appendChild(sample);
  line.appendChild(element("span", "", label));
  return line;
}

function fillRows(bundle) {
  return bundle.legend.map((entry) => {
    const swatch = element("span", "frontline-swatch");
    swatch.style.background = swatchBackground(bundle, entry);
    swatch.style.opacity = String(entry.opacity);
    return row(swatch, entry.label);
  });
}

// Whether the map draws any landmark: a dot filled in its control's colour.
export function drawsLandmarks(bundle) {
  return bundle.districts.features.some(
    (feature) => feature.properties.kind === "landmark",
  );
}

// A dot in the first two fills, so a reader knows the dots take the colours
// above; in the wide legend it fills the cell beside the last fill.
function landmarkRow(bundle) {
  const dot = element("span", "frontline-swatch frontline-dot");
  const [first, second = first] = bundle.legend.map((entry) => entry.fill);
  dot.style.background = `linear-gradient(90deg, ${first} 50%, ${second} 50%)`;
  dot.style.borderColor = bundle.lines.landmark.colour;
  const line = row(dot, bundle.lines.landmark.label);
  line.dataset.landmark = "";
  return line;
}

function eventRow(bundle, kind) {
  const dot = element("span", "frontline-swatch frontline-dot");
  dot.style.background = bundle.colours.events[kind];
  const line = row(dot, "");
  line.lastChild.textContent = kind.charAt(0).toUpperCase() + kind.slice(1);
  line.dataset.event = kind;
  return line;
}

// Put the legend in the map's bottom-right corner. Returns the function that
// shows, for a day view, only the lines and events it draws.
export function addLegend(map, bundle) {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);

  const box = element("div", "frontline-legend");
  const toggle = element("button", "frontline-legend-toggle");
  toggle.type = "button";
  const body = element("div", "frontline-legend-body");
  body.id = "frontline-legend-body";
  toggle.setAttribute("aria-controls", body.id);
  box.append(toggle, body);

  body.append(...fillRows(bundle));
  if (drawsLandmarks(bundle)) {
    body.appendChild(landmarkRow(bundle));
  }
  body.appendChild(element("div", "frontline-legend-note", bundle.legend_note));
  const lineRows = {};
  for (const key of LINE_KEYS) {
    const line = bundle.lines[key];
    lineRows[key] = row(element("span", "", lineSample(line)), line.label);
    lineRows[key].hidden = true;
    body.appendChild(lineRows[key]);
  }
  const eventHeading = element("div", "frontline-legend-heading");
  eventHeading.textContent = "Events";
  eventHeading.hidden = true;
  body.appendChild(eventHeading);
  const kinds = [...new Set(bundle.events.kind)].sort();
  const eventRows = Object.fromEntries(
    kinds.map((kind) => [kind, eventRow(bundle, kind)]),
  );
  for (const line of Object.values(eventRows)) {
    line.hidden = true;
    body.appendChild(line);
  }

  // On a tall map, where the open legend fits under the districts: the px from
  // the map's top its top edge keeps, folded or open (null: the frame's foot).
  let underTop = null;
  const topOf = (node) =>
    node.getBoundingClientRect().top - map.getContainer().getBoundingClientRect().top;
  function raise() {
    box.style.transform = "";
    const lift = underTop === null ? 0 : topOf(box) - underTop;
    box.style.transform = lift > 0 ? `translateY(${-lift}px)` : "";
  }
  function fold(folded) {
    body.hidden = folded;
    toggle.setAttribute("aria-expanded", String(!folded));
    toggle.textContent = folded ? "Legend ▸" : "Legend ▾";
    raise();
  }
  toggle.addEventListener("click", () => fold(!body.hidden));
  const folded = startsFolded(map.getSize().x);
  box.classList.toggle("is-wide", !folded);
  fold(folded);

  const control = L.control({ position: "bottomright" });
  control.onAdd = () => {
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  // Measured once Leaflet's stylesheet has put the legend in its corner and the
  // controls added after it are in place too (the day, the search box), then
  // again whenever the frame's size settles, while the map still shows its
  // opening view (keepOpeningClearOf leaves a view the reader has moved).
  let fitsUnder = false;
  // The opening view framed clear of the legend in its corner; then, where it
  // fits under the districts, the legend raised to stand right under them.
  const keepClear = () => {
    box.style.transform = "";
    const framed = keepOpeningClearOf(map, cornerTaken(map, box));
    if (framed && fitsUnder) {
      const top = topOf(box);
      underTop = top - raiseUnder(top, drawnBottom(map));
    }
    raise();
  };
  window.setTimeout(
    () =>
      whenLeafletStyled(map, () => {
        if (folded) {
          // Open, if the key to the colours fits in the room a phone's frame
          // has under the districts: then it is on the first screen, covering
          // nothing.
          fold(false);
          const height = cornerTaken(map, box).y;
          fitsUnder = fitsUnderTheDistricts(map.getSize(), height, openingShape(map));
          fold(!fitsUnder);
        }
        keepClear();
        map.on("resize", keepClear);
      }),
    0,
  );

  // Show `line` or not; whether that changed anything.
  function showLine(line, shown) {
    const changed = line.hidden === shown;
    line.hidden = !shown;
    return changed;
  }

  return (view) => {
    const drawn = drawnInView(bundle, view);
    let resized = false;
    for (const [key, line] of Object.entries(lineRows)) {
      resized = showLine(line, drawn.lines.includes(key)) || resized;
    }
    for (const [kind, line] of Object.entries(eventRows)) {
      resized = showLine(line, drawn.events.includes(kind)) || resized;
    }
    resized = showLine(eventHeading, drawn.events.length > 0) || resized;
    // A row more or less while the map still shows its opening view (a day
    // with changed districts, say): frame that view clear of the legend again.
    if (resized) {
      keepClear();
    }
  };
}
