// District names written on the map, and the river's. Python decides what each
// label says, where it sits and the order labels are placed in (largest district
// first: bundle.places); here they are measured and placed greedily after every
// move: a label is shown when it fits inside its district's extent (a landmark's
// under, beside or above its dot), inside the map and clear of every label
// already shown, of the landmark dots and of the map's controls. Zooming in makes
// room, so more names appear.

import { whenLeafletStyled } from "./corners.js";

const GAP = 2; // px kept between two labels
const DOT_RADIUS = 7; // a landmark's circle (drawDistricts)
const LINE_HEIGHT = 1.2; // a label's height, in its font's size
// The fonts of a district's and a landmark's name: the style sheet sets them and
// `textSize` measures with them.
export const LABEL_FONTS = Object.freeze({
  district: { weight: 600, size: 12 },
  landmark: { weight: 400, size: 11 },
});
const { district, landmark } = LABEL_FONTS;

// Hidden labels are not displayed at all, so the page lays out only the shown
// ones: thousands of hidden names once took a 4 000-district map 0.3 s.
const STYLE_SHEET = `
.frontline-label { position: absolute; pointer-events: none; white-space: nowrap;
  font: ${district.weight} ${district.size}px/${LINE_HEIGHT} sans-serif;
  color: #1d1d1d; display: none;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.frontline-label.frontline-landmark-label { font-weight: ${landmark.weight};
  font-size: ${landmark.size}px; }
.frontline-label.is-shown { display: block; }
.frontline-river-label { font-style: italic; font-weight: 400; color: #1f5f99;
  letter-spacing: 0.08em; }
`;

// The {width, height} px of `text` written in `font` (one of LABEL_FONTS), as
// the page would lay it out, measured by `context` (a canvas's 2D context)
// without laying out the page.
export function textSize(context, text, font) {
  context.font = `${font.weight} ${font.size}px sans-serif`;
  return {
    width: Math.ceil(context.measureText(text).width),
    height: Math.round(font.size * LINE_HEIGHT),
  };
}

// Whether two boxes ({left, top, right, bottom}) overlap, `gap` apart at least.
export function boxesOverlap(a, b, gap = 0) {
  return (
    a.left < b.right + gap &&
    b.left < a.right + gap &&
    a.top < b.bottom + gap &&
    b.top < a.bottom + gap
  );
}

// Which candidate labels to show, and where, in their order (the first ones win).
// `candidates`: [{boxes, room}], boxes the places a label may take in the map's
// pixels, tried in turn (a district's one; a landmark's under, beside and above
// its dot), room the district's own pixel extent ({width, height}) or null for
// a landmark; `obstacles`: boxes no label may touch; `size`: the map's
// {width, height}. Returns each label's box, or null where none fits.
export function placeLabels(candidates, obstacles, size) {
  const placed = [];
  const fits = (box, room) => {
    const width = box.right - box.left;
    const height = box.bottom - box.top;
    return (
      box.left >= 0 &&
      box.top >= 0 &&
      box.right <= size.width &&
      box.bottom <= size.height &&
      (room === null || (width <= room.width && height <= room.height)) &&
      !obstacles.some((obstacle) => boxesOverlap(box, obstacle)) &&
      !placed.some((other) => boxesOverlap(box, other, GAP))
    );
  };
  return candidates.map(({ boxes, room }) => {
    const chosen = boxes.find((box) => fits(box, room)) ?? null;
    if (chosen) {
      placed.push(chosen);
    }
    return chosen;
  });
}

// Whether a landmark's dot at `point` is in sight: inside the map's `size`
// ({width, height}) and clear of every control's box. A dot under the search
// box or cut by the map's edge gets no name: the name would caption nothing.
export function dotInSight(point, controls, size) {
  const dot = dotBox(point);
  return (
    dot.left >= 0 &&
    dot.top >= 0 &&
    dot.right <= size.width &&
    dot.bottom <= size.height &&
    !controls.some((control) => boxesOverlap(dot, control))
  );
}

function dotBox(point) {
  return {
    left: point.x - DOT_RADIUS,
    top: point.y - DOT_RADIUS,
    right: point.x + DOT_RADIUS,
    bottom: point.y + DOT_RADIUS,
  };
}

// Where a landmark's `width` × `height` name may sit by its dot at `point`:
// under it (first), right of it, left of it, above it. Beside the dot a name
// stands 2 px further off, so its first or last letter does not touch the ring.
export function landmarkBoxes(point, width, height) {
  const clear = DOT_RADIUS + 1;
  const under = { left: point.x - width / 2, top: point.y + clear };
  const right = { left: point.x + clear + 2, top: point.y - height / 2 };
  const left = { left: point.x - clear - 2 - width, top: point.y - height / 2 };
  const above = { left: point.x - width / 2, top: point.y - clear - height };
  return [under, right, left, above].map((corner) => ({
    ...corner,
    right: corner.left + width,
    bottom: corner.top + height,
  }));
}

// The axis-aligned box of a `width` × `height` label centred on `point` and
// turned by `angle` degrees.
export function turnedBox(point, width, height, angle) {
  const radians = (angle * Math.PI) / 180;
  const cos = Math.abs(Math.cos(radians));
  const sin = Math.abs(Math.sin(radians));
  const across = width * cos + height * sin;
  const down = width * sin + height * cos;
  return {
    left: point.x - across / 2,
    top: point.y - down / 2,
    right: point.x + across / 2,
    bottom: point.y + down / 2,
  };
}

function labelElement(pane, html, rtl, className) {
  const node = document.createElement("div");
  node.className = className;
  node.dir = rtl ? "rtl" : "ltr";
  node.innerHTML = html; // escaped in Python (geo/escaping.py)
  pane.appendChild(node);
  return node;
}

function boxIn(container, node) {
  const frame = container.getBoundingClientRect();
  const box = node.getBoundingClientRect();
  return {
    left: box.left - frame.left,
    top: box.top - frame.top,
    right: box.right - frame.left,
    bottom: box.bottom - frame.top,
  };
}

// Write the names of `bundle.places` (and the river's) on `map`. `layers` are
// the drawn districts by id (their extent is a label's room; a landmark's label
// sits by its dot). `onPlaced(count)` hears how many are shown after each move.
export function addLabels(map, bundle, layers, onPlaced) {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  const pane = map.createPane("frontline-labels");
  pane.classList.add("leaflet-zoom-hide"); // hidden while a zoom animates
  pane.style.zIndex = "450"; // above the districts, below markers and popups
  pane.style.pointerEvents = "none";
  const { places } = bundle;
  const labels = places.id.map((id, index) => {
    const layer = layers[id];
    const isLandmark = !layer || layer.frontlineKind === "landmark";
    const className = isLandmark
      ? "frontline-label frontline-landmark-label"
      : "frontline-label";
    const node = labelElement(pane, places.label[index], places.rtl[index], className);
    node.dataset.district = id;
    return {
      node,
      at: L.latLng(places.lat[index], places.lon[index]),
      extent: isLandmark ? null : layer.getBounds(),
      isLandmark,
    };
  });
  const river = bundle.river_label;
  const riverNode = river
    ? labelElement(
        pane,
        river.text,
        river.rtl,
        "frontline-label frontline-river-label is-shown",
      )
    : null;
  const context = document.createElement("canvas").getContext("2d");
  const sizes = labels.map(({ node, isLandmark }) =>
    textSize(context, node.textContent, isLandmark ? landmark : district),
  );
  let riverSize = null;
  // The river's label is always displayed: measured once the map is laid out
  // (a frame may start unsized).
  function measureRiver() {
    riverSize = { width: riverNode.offsetWidth, height: riverNode.offsetHeight };
  }

  function place() {
    const size = map.getSize();
    if (size.x === 0 || !labels.length) {
      return;
    }
    if (riverNode && !(riverSize && riverSize.width)) {
      measureRiver();
    }
    const container = map.getContainer();
    const controls = [...container.querySelectorAll(".leaflet-control")]
      .filter((control) => control.offsetWidth > 0)
      .map((control) => boxIn(container, control));
    const obstacles = [...controls];
    if (riverNode) {
      const point = map.latLngToContainerPoint([river.lat, river.lon]);
      const layerPoint = map.latLngToLayerPoint([river.lat, river.lon]);
      riverNode.style.left = `${layerPoint.x - riverSize.width / 2}px`;
      riverNode.style.top = `${layerPoint.y - riverSize.height / 2}px`;
      riverNode.style.transform = `rotate(${river.angle}deg)`;
      obstacles.push(turnedBox(point, riverSize.width, riverSize.height, river.angle));
    }
    for (const label of labels) {
      if (label.isLandmark) {
        obstacles.push(dotBox(map.latLngToContainerPoint(label.at)));
      }
    }
    const mapSize = { width: size.x, height: size.y };
    const candidates = labels.map((label, index) => {
      const { width, height } = sizes[index];
      const point = map.latLngToContainerPoint(label.at);
      if (label.isLandmark) {
        const boxes = dotInSight(point, controls, mapSize)
          ? landmarkBoxes(point, width, height)
          : [];
        return { boxes, room: null };
      }
      // A district's name sits on its middle, inside the district's extent.
      const southWest = map.latLngToContainerPoint(label.extent.getSouthWest());
      const northEast = map.latLngToContainerPoint(label.extent.getNorthEast());
      const top = point.y - height / 2;
      return {
        boxes: [
          {
            left: point.x - width / 2,
            top,
            right: point.x + width / 2,
            bottom: top + height,
          },
        ],
        room: { width: northEast.x - southWest.x, height: southWest.y - northEast.y },
      };
    });
    const shown = placeLabels(candidates, obstacles, mapSize);
    const origin = map.containerPointToLayerPoint([0, 0]);
    let count = 0;
    labels.forEach((label, index) => {
      const box = shown[index];
      label.node.classList.toggle("is-shown", box !== null);
      if (box) {
        label.node.style.left = `${box.left + origin.x}px`;
        label.node.style.top = `${box.top + origin.y}px`;
        count += 1;
      }
    });
    onPlaced(count);
  }

  map.on("moveend zoomend resize", place);
  // Kept clear of the controls once Leaflet's stylesheet has put them in place.
  whenLeafletStyled(map, place);
  return place;
}
