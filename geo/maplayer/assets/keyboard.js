// The map by keyboard: it is one Tab stop (its districts are not), the arrow
// keys move a focus from district to district (the nearest one that way), Enter
// selects the district in focus as a click does (its claims open, and the
// dashboard shows its ledger), Escape closes them, + and - zoom, and Shift with
// an arrow pans. The district in focus is outlined and named by its tooltip
// and, for screen readers, in a live region.

const PAN_PIXELS = 80;
const RING_PANE = "frontline-focus";
const FOCUS_PADDING = [60, 60]; // px kept around a district brought into view
const ARROWS = Object.freeze({
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
});

export const KEYS_HELP =
  "Arrow keys: move between districts. Enter: show the claims behind the one " +
  "in focus. Plus and minus: zoom. Shift and an arrow: pan.";

const STYLE_SHEET = `
.leaflet-container:focus-visible { outline: 3px solid #1a73e8; outline-offset: -3px; }
.frontline-keys { display: none; background: rgba(255,255,255,0.92);
  padding: 4px 6px; border-radius: 4px; font: 11px/1.3 sans-serif;
  max-width: 220px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
.leaflet-container:focus-visible .frontline-keys { display: block; }
.frontline-spoken { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
`;

// The index of the point nearest to `from` in `direction` ({x, y}, one of the
// four arrows; y grows downwards), or -1. A point counts when it lies within
// about 63° of that direction; going off the axis costs double.
export function nearestInDirection(from, points, direction) {
  let best = -1;
  let bestCost = Infinity;
  points.forEach((point, index) => {
    const dx = point.x - from.x;
    const dy = point.y - from.y;
    const along = dx * direction.x + dy * direction.y;
    const across = Math.abs(dx * direction.y - dy * direction.x);
    if (along <= 0 || across > 2 * along) {
      return;
    }
    const cost = along + 2 * across;
    if (cost < bestCost) {
      best = index;
      bestCost = cost;
    }
  });
  return best;
}

// The index of the point nearest to `from`, or -1 when there is none.
export function nearestTo(from, points) {
  let best = -1;
  let bestDistance = Infinity;
  points.forEach((point, index) => {
    const distance = Math.hypot(point.x - from.x, point.y - from.y);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

// Let the keyboard move between and select `bundle.places` on `map`. `layers`
// are the drawn districts by id; `selected()` names the selected district (where
// the focus starts), if any. Returns `{ select(id) }`, which moves the focus to
// a place and selects it (the search box uses it).
export function enableKeyboard(map, bundle, layers, selected) {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  const container = map.getContainer();
  const { places } = bundle;
  const ids = places.id.filter((id) => layers[id]);
  const spots = ids.map((id) => {
    const index = places.id.indexOf(id);
    return L.latLng(places.lat[index], places.lon[index]);
  });
  // Fixed projected points: the nearest neighbour that way does not depend on
  // the zoom.
  const points = spots.map((spot) => map.options.crs.latLngToPoint(spot, 0));
  let focused = -1;
  let ring = null;

  map.createPane(RING_PANE).style.zIndex = "440"; // over districts, under names
  map.keyboard.disable(); // its arrows would pan; ours move between districts
  container.setAttribute("role", "application");
  container.setAttribute("aria-roledescription", "map");
  container.setAttribute("aria-label", `Map. ${KEYS_HELP}`);
  const spoken = document.createElement("div");
  spoken.className = "frontline-spoken";
  spoken.setAttribute("role", "status");
  container.appendChild(spoken);
  const help = L.control({ position: "bottomleft" });
  help.onAdd = () => {
    const box = document.createElement("div");
    box.className = "frontline-keys";
    box.textContent = KEYS_HELP;
    return box;
  };
  help.addTo(map);

  function focusIndex(index) {
    if (index < 0) {
      return;
    }
    if (focused >= 0) {
      layers[ids[focused]].closeTooltip();
    }
    focused = index;
    const layer = layers[ids[index]];
    if (ring) {
      map.removeLayer(ring);
    }
    ring = L.geoJSON(layer.feature, {
      interactive: false,
      pane: RING_PANE,
      pointToLayer: (feature, latlng) =>
        L.circleMarker(latlng, { radius: 11, pane: RING_PANE }),
      style: { color: "#1a73e8", weight: 4, dashArray: "6 4", fill: false },
    }).addTo(map);
    map.panInside(spots[index], { padding: FOCUS_PADDING });
    layer.openTooltip(spots[index]);
    spoken.innerHTML = bundle.names[ids[index]]; // escaped in Python
    document.body.setAttribute("data-frontline-focused", ids[index]);
  }

  function startIndex() {
    const chosen = ids.indexOf(selected());
    if (chosen >= 0) {
      return chosen;
    }
    return nearestTo(map.options.crs.latLngToPoint(map.getCenter(), 0), points);
  }

  function selectFocused() {
    if (focused < 0) {
      return;
    }
    // As a click there: its popup opens and the dashboard hears the point.
    const layer = layers[ids[focused]];
    layer.fire("click", { latlng: spots[focused] }, true);
    layer.closeTooltip(); // a click opens it too; the popup says more
  }

  container.addEventListener("keydown", (event) => {
    if (event.target !== container || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const arrow = ARROWS[event.key];
    if (arrow && event.shiftKey) {
      map.panBy([arrow.x * PAN_PIXELS, arrow.y * PAN_PIXELS]);
    } else if (arrow) {
      focusIndex(
        focused < 0 ? startIndex() : nearestInDirection(points[focused], points, arrow),
      );
    } else if (event.key === "Enter" || event.key === " ") {
      if (focused < 0) {
        focusIndex(startIndex());
      }
      selectFocused();
    } else if (event.key === "+" || event.key === "=") {
      map.zoomIn();
    } else if (event.key === "-" || event.key === "_") {
      map.zoomOut();
    } else if (event.key === "Escape") {
      map.closePopup();
    } else {
      return;
    }
    event.preventDefault();
  });

  return {
    select(id) {
      const index = ids.indexOf(id);
      if (index >= 0) {
        focusIndex(index);
        selectFocused();
      }
    },
  };
}
