// What sits in the map's corners besides the legend and the day: the credits
// (a plain "Leaflet" link, no flag, never over the scale bar) and a button that
// shows the map full screen (the Fullscreen API on the map's own element, so it
// works inside the dashboard's frame and in an exported page). The controls of
// each top corner stand in one row (the day at the right edge, the full-screen
// button beside the zoom buttons), so they take little height above the city:
// on a phone, whose districts are drawn under them, that moved the city up.

const LEAFLET_LINK =
  '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>';
// The scale bar is at most 100 px wide, 10 px from the map's left edge; the
// credits (bottom right) stay 14 px clear of it and wrap onto more lines instead.
const SCALE_ROOM = 124;
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
.leaflet-top.leaflet-right { display: flex; flex-direction: row-reverse;
  align-items: flex-start; }
.leaflet-top.leaflet-left { display: flex; align-items: flex-start; }
.leaflet-container .leaflet-control-attribution { white-space: normal;
  max-width: calc(100% - ${SCALE_ROOM}px); }
`;

// Credits say "Leaflet" as a plain link, without the flag Leaflet adds, and
// wrap clear of the scale bar; the corners' styles are added here, once.
export function plainAttribution(map) {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  map.attributionControl.setPrefix(LEAFLET_LINK);
}

// A button beside the zoom buttons that fills the screen with the map and back;
// none where the browser cannot (an iPhone, or a frame that may not).
export function addFullscreenButton(map) {
  if (!document.fullscreenEnabled) {
    return;
  }
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

const STYLED_CHECK_MS = 50;
const STYLED_CHECKS = 200; // 10 s; past that the map is not shown at all

// Calls `then` once Leaflet's stylesheet has put the map's corners in place.
// The frame may still be loading that stylesheet when the map script runs, and
// until then the controls lie in the page's flow below the map: anything
// measured against them (the legend's room, the names kept clear of the
// controls) would be measured wrong. `styleOf` reads an element's style.
export function whenLeafletStyled(
  map,
  then,
  styleOf = (node) => getComputedStyle(node),
  checksLeft = STYLED_CHECKS,
) {
  const corner = map.getContainer().querySelector(".leaflet-top");
  if (corner !== null && styleOf(corner).position === "absolute") {
    then();
  } else if (checksLeft > 0) {
    setTimeout(
      () => whenLeafletStyled(map, then, styleOf, checksLeft - 1),
      STYLED_CHECK_MS,
    );
  }
}
