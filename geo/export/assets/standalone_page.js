// The page around an exported map (geo/export/standalone_page.py): it reads the
// bundle and the page settings embedded in the file, mounts the map layer on a
// Leaflet map (the page's global `L`) and moves it through the report days with
// a slider and two buttons. Everything is in the file: no server and no network
// are needed.

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

const map = L.map("frontline-map", { zoomSnap: 0.25 });
L.control.scale().addTo(map);
mount(map, bundle, bundle.bounds);

// Show the report day at `index` (kept within the timeline) everywhere at once.
function showDay(index) {
  const last = bundle.days.length - 1;
  const position = Math.max(0, Math.min(last, index));
  const day = bundle.days[position];
  slider.value = String(position);
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
    events: false,
    share_view: false,
  });
}

slider.addEventListener("input", () => showDay(Number(slider.value)));
previous.addEventListener("click", () => showDay(Number(slider.value) - 1));
next.addEventListener("click", () => showDay(Number(slider.value) + 1));
showDay(page.start);
