// Popups that fit the map they open on: on a phone a district's claims are
// narrower and scroll inside the popup rather than running off the map, the map
// pans so the whole popup (and its close button) shows, and a corner control
// it opens under, or that covers the place it points at (the legend, say),
// steps aside until it closes.

import { boxesOverlap } from "./labels.js";

const WIDEST = 340; // px, a popup's width on a large map
// px Leaflet puts around a popup's content: its margins (20 + 24), the
// wrapper's border-box padding (1 + 1), and 1 it adds to the width it sets.
const LEAFLET_CHROME = 47;
const HEIGHT_SHARE = 0.65; // of the map's height, at most, then the claims scroll
const PAN_PADDING = [10, 10];
const HIDDEN_CLASS = "frontline-under-popup";
// px kept clear of controls around the point a popup points at (its tip), so
// the district it is about shows under it.
const TIP_CLEARANCE = 16;

const STYLE_SHEET = `
.leaflet-control.${HIDDEN_CLASS} { visibility: hidden; }
`;

// Leaflet popup options for a map `size` ({x, y}) px large: the whole popup,
// `chrome` px wider than its content, fits between the pan padding.
export function popupOptions(size, chrome = LEAFLET_CHROME) {
  const widest = size.x - chrome - 2 * PAN_PADDING[0];
  return {
    maxWidth: Math.max(120, Math.min(WIDEST, widest)),
    minWidth: Math.max(0, Math.min(200, widest)),
    maxHeight: Math.max(120, Math.round(size.y * HEIGHT_SHARE)),
    autoPan: true,
    autoPanPadding: PAN_PADDING,
  };
}

// How much wider the open popup `element` is than its content, in px, as the
// stylesheets in force lay it out (Leaflet's 1 px on the width included).
function chromeOf(element) {
  const content = element.querySelector(".leaflet-popup-content");
  return content ? element.offsetWidth - content.offsetWidth + 1 : LEAFLET_CHROME;
}

// Fit every popup that opens on `map` to the map's size now (it changes with the
// window and in full screen), and hide the corner controls it opens under.
export function fitPopups(map) {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  const container = map.getContainer();

  function clearControls() {
    for (const control of container.querySelectorAll(`.${HIDDEN_CLASS}`)) {
      control.classList.remove(HIDDEN_CLASS);
    }
  }

  let open = null;
  let scrollPending = false;

  // The page's box around the point the open popup points at.
  function tipBox() {
    const point = map.latLngToContainerPoint(open.getLatLng());
    const frame = container.getBoundingClientRect();
    const x = frame.left + point.x;
    const y = frame.top + point.y;
    return {
      left: x - TIP_CLEARANCE,
      top: y - TIP_CLEARANCE,
      right: x + TIP_CLEARANCE,
      bottom: y + TIP_CLEARANCE,
    };
  }

  // Hide the controls over the open popup or its tip, as they stand now; the
  // popup's element.
  function hideControlsOver() {
    clearControls();
    const element = open && open.getElement();
    if (element) {
      const covered = [element.getBoundingClientRect(), tipBox()];
      for (const control of container.querySelectorAll(".leaflet-control")) {
        const box = control.getBoundingClientRect();
        if (covered.some((area) => boxesOverlap(area, box))) {
          control.classList.add(HIDDEN_CLASS);
        }
      }
    }
    return element;
  }

  // Hide the controls over the open popup; bring it into the page once.
  function uncover() {
    const element = hideControlsOver();
    if (element && scrollPending) {
      // The frame may be partly scrolled out of the page: bring the popup in.
      element.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // Sized now, from the map's size and the popup's own margins as laid out:
  // the frame may have changed width since the popup was bound.
  map.on("popupopen", ({ popup }) => {
    const wanted = popupOptions(map.getSize(), chromeOf(popup.getElement()));
    const changed = Object.keys(wanted).some(
      (key) => popup.options[key] !== wanted[key],
    );
    if (changed) {
      Object.assign(popup.options, wanted);
      popup.update(); // lays it out again and pans to it
    }
    open = popup;
    scrollPending = true;
    uncover();
  });
  // Leaflet pans the map to a popup it opens, which may slide it under a
  // control (the legend a phone shows under the districts): look again as it
  // moves, and once it stands still.
  map.on("move", () => {
    if (open) {
      hideControlsOver(); // each frame of a pan or drag: nothing to do without one
    }
  });
  map.on("moveend", () => {
    uncover();
    scrollPending = false;
  });
  map.on("popupclose", () => {
    open = null;
    clearControls();
  });
  // A control that grows while a popup is open (the legend gains "Selected
  // district" once the page takes the click) may now cover it: look again.
  const grown = new ResizeObserver(() => {
    if (open) {
      hideControlsOver();
    }
  });
  for (const control of container.querySelectorAll(".leaflet-control")) {
    grown.observe(control);
  }
}
