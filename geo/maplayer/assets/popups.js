// Popups that fit the map they open on: on a phone a district's claims are
// narrower and scroll inside the popup rather than running off the map, the map
// pans so the whole popup (and its close button) shows, and a corner control
// it opens under (the legend, say) steps aside until it closes.

const WIDEST = 340; // px, a popup's width on a large map
const SIDE_ROOM = 50; // px left beside a popup for the zoom buttons and margins
const HEIGHT_SHARE = 0.65; // of the map's height, at most, then the claims scroll
const PAN_PADDING = [10, 10];
const HIDDEN_CLASS = "frontline-under-popup";

const STYLE_SHEET = `
.leaflet-control.${HIDDEN_CLASS} { visibility: hidden; }
`;

// Leaflet popup options for a map `size` ({x, y}) px large.
export function popupOptions(size) {
  return {
    maxWidth: Math.max(160, Math.min(WIDEST, size.x - SIDE_ROOM)),
    minWidth: Math.min(200, size.x - SIDE_ROOM),
    maxHeight: Math.max(120, Math.round(size.y * HEIGHT_SHARE)),
    autoPan: true,
    autoPanPadding: PAN_PADDING,
  };
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
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

  // Hide the controls over the open popup; bring it into the page once.
  function uncover() {
    clearControls();
    const element = open && open.getElement();
    if (!element) {
      return;
    }
    const box = element.getBoundingClientRect();
    for (const control of container.querySelectorAll(".leaflet-control")) {
      if (overlaps(box, control.getBoundingClientRect())) {
        control.classList.add(HIDDEN_CLASS);
      }
    }
    if (scrollPending) {
      // The frame may be partly scrolled out of the page: bring the popup in.
      element.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  map.on("popupopen", ({ popup }) => {
    const wanted = popupOptions(map.getSize());
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
  // Leaflet pans the map to a popup it opens: look again once it stands still.
  map.on("moveend", () => {
    uncover();
    scrollPending = false;
  });
  map.on("popupclose", () => {
    open = null;
    clearControls();
  });
}
