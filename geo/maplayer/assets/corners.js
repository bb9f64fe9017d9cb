// What sits in the map's corners besides the legend and the day: the credits
// (a plain "Leaflet" link, no flag, never over the scale bar) and a button that
// shows the map full screen (the Fullscreen API on the map's own element, so it
// works inside the dashboard's frame and in an exported page).

const LEAFLET_LINK =
  '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>';
const SCALE_GAP = 12; // px between the scale bar and the credits
const ENTER_LABEL = "Show the map full screen";
const LEAVE_LABEL = "Leave full screen";
// Four corner brackets, drawn, so no icon font or file is needed.
const FULLSCREEN_ICON =
  '<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" ' +
  'fill="none" stroke="currentColor" stroke-width="2">' +
  '<path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4"/></svg>';

const STYLE_SHEET = `
.frontline-fullscreen { width: 30px; height: 30px; display: flex;
  align-items: center; justify-content: center; background: #fff; border: 0;
  border-radius: 4px; cursor: pointer; color: #222; padding: 0; }
.frontline-fullscreen:hover { background: #f4f4f4; }
.leaflet-container .leaflet-control-attribution { white-space: normal; }
`;

// The widest the credits may be so they end `gap` px before a scale bar whose
// right edge is `scaleRight` px from the map's left, in a map `mapWidth` wide.
export function creditsWidth(mapWidth, scaleRight, gap = SCALE_GAP) {
  return Math.max(0, mapWidth - scaleRight - gap);
}

// Credits say "Leaflet" as a plain link, without the flag Leaflet adds.
export function plainAttribution(map) {
  map.attributionControl.setPrefix(LEAFLET_LINK);
}

// Keep the credits (bottom right) from growing over the scale bar (bottom
// left): they wrap onto more lines instead.
export function keepScaleClear(map) {
  const container = map.getContainer();
  const credits = map.attributionControl.getContainer();
  function fit() {
    const scale = container.querySelector(".leaflet-control-scale");
    if (!scale) {
      return;
    }
    const frame = container.getBoundingClientRect();
    if (frame.width === 0) {
      return;
    }
    const right = scale.getBoundingClientRect().right - frame.left;
    credits.style.maxWidth = `${creditsWidth(frame.width, right)}px`;
  }
  // The scale bar's length changes with the zoom; the map's width with the
  // frame (which may still be unsized when the map starts).
  map.on("moveend", fit);
  new ResizeObserver(fit).observe(container);
}

// A button under the zoom buttons that fills the screen with the map and back;
// none where the browser cannot (an iPhone, or a frame that may not).
export function addFullscreenButton(map) {
  if (!document.fullscreenEnabled) {
    return;
  }
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  const container = map.getContainer();
  const control = L.control({ position: "topleft" });
  control.onAdd = () => {
    const bar = document.createElement("div");
    bar.className = "leaflet-bar";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "frontline-fullscreen";
    button.innerHTML = FULLSCREEN_ICON;
    const label = () => {
      const full = document.fullscreenElement === container;
      button.setAttribute("aria-label", full ? LEAVE_LABEL : ENTER_LABEL);
      button.title = full ? LEAVE_LABEL : ENTER_LABEL;
      button.setAttribute("aria-pressed", String(full));
    };
    label();
    button.addEventListener("click", () => {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        container.requestFullscreen();
      }
    });
    document.addEventListener("fullscreenchange", () => {
      label();
      map.invalidateSize();
    });
    L.DomEvent.disableClickPropagation(bar);
    bar.appendChild(button);
    return bar;
  };
  control.addTo(map);
}
