// Scrolling past the map scrolls the page. A reader who scrolls a story or the
// dashboard with the cursor or a finger over the map would otherwise zoom the
// map away or drag the city off it, and be stuck there. So the mouse wheel
// zooms the map only while Ctrl (⌘ on a Mac) is held, and on a touch screen one
// finger scrolls the page while two move and zoom the map; a note on the map
// says so when a reader scrolls over it. In full screen, and in a page that is
// only the map (an exported page opened on its own), there is no page to
// scroll, and the map takes every gesture.

const NOTE_MS = 1500;

// Leaflet's own rule (three classes) lets no touch gesture reach the page; this
// one is more specific, and lets one finger pan the page, outside full screen.
const STYLE_SHEET = `
.leaflet-container.leaflet-touch-drag.leaflet-touch-zoom:not(:fullscreen) {
  touch-action: pan-x pan-y; }
.frontline-gesture-note { position: absolute; inset: 0; z-index: 1000;
  display: flex; align-items: center; justify-content: center; padding: 1rem;
  background: rgba(20, 18, 16, 0.55); color: #fff; text-align: center;
  font: 600 16px/1.3 sans-serif; pointer-events: none; opacity: 0;
  transition: opacity 0.25s; }
.frontline-gesture-note[data-shown] { opacity: 1; }
`;

// What the note says after a `gesture` ("wheel" or "touch") that scrolled the page.
export function gestureNote(gesture, onMac) {
  if (gesture === "touch") {
    return "Use two fingers to move the map";
  }
  return `Use ${onMac ? "⌘" : "Ctrl"} + scroll to zoom the map`;
}

// Whether a wheel `event` zooms the map rather than scrolling the page.
export function wheelZoomsMap(event, fullScreen) {
  return fullScreen || event.ctrlKey || event.metaKey;
}

// Let the page have the scrolling gestures that start on `map`, when the map
// is inside another page: the dashboard's frame, or an embed in a story.
export function shareScrollingWithPage(map) {
  if (window.parent === window) {
    return;
  }
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  const container = map.getContainer();
  const note = document.createElement("div");
  note.className = "frontline-gesture-note";
  note.setAttribute("aria-hidden", "true");
  container.appendChild(note);
  const onMac = /Mac|iPhone|iPad/.test(navigator.platform);
  const fullScreen = () => document.fullscreenElement === container;
  let hideTimer = null;
  // Not over a popup or a control: what scrolls there is the box itself.
  const show = (gesture, target) => {
    if (target.closest(".leaflet-popup, .leaflet-control")) {
      return;
    }
    note.textContent = gestureNote(gesture, onMac);
    note.dataset.shown = "";
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => delete note.dataset.shown, NOTE_MS);
  };
  // Before Leaflet's own listener, which would zoom and stop the page scrolling.
  container.addEventListener(
    "wheel",
    (event) => {
      if (!wheelZoomsMap(event, fullScreen())) {
        event.stopPropagation();
        show("wheel", event.target);
      }
    },
    { capture: true },
  );
  // A finger does not drag the map (the page scrolls instead); two still pinch
  // and move it, which Leaflet's touch zoom does without its dragging.
  const fingers = new Set();
  container.addEventListener(
    "pointerdown",
    (event) => {
      if (event.pointerType === "touch" && !fullScreen()) {
        fingers.add(event.pointerId);
        map.dragging.disable();
      }
    },
    { capture: true },
  );
  const lift = (event) => {
    if (fingers.delete(event.pointerId) && fingers.size === 0) {
      map.dragging.enable();
    }
  };
  container.addEventListener("pointerup", lift, { capture: true });
  container.addEventListener("pointercancel", lift, { capture: true });
  container.addEventListener(
    "touchmove",
    (event) => {
      if (event.touches.length === 1 && !fullScreen()) {
        show("touch", event.target);
      }
    },
    { passive: true },
  );
}
