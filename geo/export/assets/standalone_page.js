// The page around an exported map (geo/export/standalone_page.py): it reads the
// bundle and the page settings embedded in the file, mounts the map layer on a
// Leaflet map (the page's global `L`) and moves it through the report days with
// a slider, two buttons and Play, which stays on each report day as long as the
// page settings say (the battle's calendar pace, geo/export/pacing.py). The
// events layer shows when its box is ticked. Everything is in the file: no
// server and no network are needed.

import { dayLabel } from "../../maplayer/assets/contract.js";
import { mount, show } from "../../maplayer/assets/frontline_map.js";

function embedded(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

const bundle = embedded("frontline-bundle");
const page = embedded("frontline-page");
const slider = document.getElementById("frontline-slider");
const label = document.getElementById("frontline-day-label");
const previous = document.getElementById("frontline-previous");
const next = document.getElementById("frontline-next");
const play = document.getElementById("frontline-play");
const events = document.getElementById("frontline-events");
const last = bundle.days.length - 1;
let playing = null;

const map = L.map("frontline-map", { zoomSnap: 0.25 });
L.control.scale().addTo(map);
mount(map, bundle, bundle.bounds);

// Show the report day at `index` (kept within the timeline) everywhere at once.
function showDay(index) {
  const position = Math.max(0, Math.min(last, index));
  const day = bundle.days[position];
  slider.value = String(position);
  // How far along the timeline the day is, for the track's filled part.
  slider.style.setProperty("--progress", String(last > 0 ? position / last : 1));
  slider.setAttribute("aria-valuetext", dayLabel(bundle, day));
  label.textContent = dayLabel(bundle, day);
  previous.disabled = position === 0;
  next.disabled = position === last;
  show({
    day,
    selected: "",
    changed: [],
    disagreeing: [],
    frontline: null,
    events: events !== null && events.checked,
    share_view: false,
  });
}

function pause() {
  clearTimeout(playing);
  playing = null;
  play.textContent = "Play";
  play.setAttribute("aria-pressed", "false");
}

// Play's next move: the next report day after this one's time, until the last.
function playOn() {
  const position = Number(slider.value);
  playing = setTimeout(() => {
    showDay(position + 1);
    if (position + 1 >= last) {
      pause();
    } else {
      playOn();
    }
  }, page.play_ms[position]);
}

play.addEventListener("click", () => {
  if (playing !== null) {
    pause();
    return;
  }
  if (Number(slider.value) >= last) {
    showDay(0);
  }
  play.textContent = "Pause";
  play.setAttribute("aria-pressed", "true");
  playOn();
});
// A reader's own move ends Play.
slider.addEventListener("input", () => {
  pause();
  showDay(Number(slider.value));
});
previous.addEventListener("click", () => {
  pause();
  showDay(Number(slider.value) - 1);
});
next.addEventListener("click", () => {
  pause();
  showDay(Number(slider.value) + 1);
});
events?.addEventListener("change", () => showDay(Number(slider.value)));
showDay(page.start);
