/*
 * The page around an exported map (geo/export, standalone_html): it reads the
 * bundle and the page settings embedded in the file, mounts frontline_map.js on a
 * Leaflet map and moves it through the report days with a slider and two buttons.
 * Everything is in the file: no server and no network are needed.
 */
(function () {
  "use strict";

  function embedded(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var bundle = embedded("frontline-bundle");
  var page = embedded("frontline-page");
  var slider = document.getElementById("frontline-slider");
  var label = document.getElementById("frontline-day-label");
  var previous = document.getElementById("frontline-previous");
  var next = document.getElementById("frontline-next");

  var map = L.map("frontline-map", { zoomSnap: 0.25 });
  map.fitBounds(page.bounds);
  L.control.scale().addTo(map);
  frontline.mount(map, bundle);

  // Show the report day at `index` (kept within the timeline) everywhere at once.
  function showDay(index) {
    var last = bundle.days.length - 1;
    var day = Math.max(0, Math.min(last, index));
    slider.value = String(day);
    slider.setAttribute("aria-valuetext", page.labels[day]);
    label.textContent = page.labels[day];
    previous.disabled = day === 0;
    next.disabled = day === last;
    frontline.show({ day: bundle.days[day], selected: "" });
  }

  slider.addEventListener("input", function () {
    showDay(Number(slider.value));
  });
  previous.addEventListener("click", function () {
    showDay(Number(slider.value) - 1);
  });
  next.addEventListener("click", function () {
    showDay(Number(slider.value) + 1);
  });
  showDay(page.start);
})();
