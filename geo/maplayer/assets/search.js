// A search box on the map: type part of a district's name (English, local or an
// alias, with or without accents, "al-" or spaces), pick a match, and the map
// flies there and selects it. Names to match are plain text (bundle.places
// .search), only ever compared; the matches are shown by their escaped names
// (bundle.names).

const MOST_MATCHES = 6;
const FLY_SECONDS = 0.8;
const LANDMARK_ZOOM = 16;
const FIT_PADDING = [40, 40];

// On a narrow map the box gives way to the controls beside it in the top row:
// the zoom and full-screen buttons at the left and the day at the right take
// about 215 px with their gaps, so the box never touches them (at 40 % of a
// 330 px map it met the full-screen button).
const STYLE_SHEET = `
.frontline-search { background: rgba(255,255,255,0.95); border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 13px/1.3 sans-serif; }
.frontline-search input { width: 11em; max-width: min(40vw, 100vw - 215px);
  border: 1px solid #999;
  border-radius: 4px; padding: 4px 6px; font: inherit; }
.frontline-search ul { list-style: none; margin: 0; padding: 2px 0;
  max-height: 40vh; overflow-y: auto; max-width: 16em; }
.frontline-search li { padding: 4px 6px; cursor: pointer; }
.frontline-search li[aria-selected="true"], .frontline-search li:hover {
  background: #e3edfb; }
.frontline-search ul:empty { display: none; }
`;

// `text` reduced for matching: lower case, no accents or Arabic vowel marks,
// and nothing but letters and digits ("al-Dar'iya" → "aldariya").
export function foldForSearch(text) {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

// The indexes of the places whose names match `query`, best first, at most
// `limit`: a name that starts with it before one that only contains it, then
// in the places' own order (largest district first).
export function matchPlaces(query, names, limit = MOST_MATCHES) {
  const wanted = foldForSearch(query);
  if (!wanted) {
    return [];
  }
  const ranked = [];
  names.forEach((placeNames, index) => {
    const positions = placeNames
      .map((name) => foldForSearch(name).indexOf(wanted))
      .filter((position) => position >= 0);
    if (positions.length) {
      ranked.push({ index, starts: positions.includes(0) ? 0 : 1 });
    }
  });
  ranked.sort((a, b) => a.starts - b.starts || a.index - b.index);
  return ranked.slice(0, limit).map(({ index }) => index);
}

// Add the search box to `map`. `layers` are the drawn districts by id;
// `onArrive(id)` runs once the map has flown to the picked place.
export function addSearch(map, bundle, layers, onArrive) {
  const style = document.createElement("style");
  style.textContent = STYLE_SHEET;
  document.head.appendChild(style);
  const { places } = bundle;
  const control = L.control({ position: "topright" });
  let matches = [];
  let active = -1;
  let input = null;
  let list = null;

  function fly(index) {
    const id = places.id[index];
    const layer = layers[id];
    const spot = L.latLng(places.lat[index], places.lon[index]);
    map.once("moveend", () => onArrive(id));
    if (layer && layer.getBounds) {
      map.flyToBounds(layer.getBounds(), {
        padding: FIT_PADDING,
        duration: FLY_SECONDS,
      });
    } else {
      map.flyTo(spot, Math.max(map.getZoom(), LANDMARK_ZOOM), {
        duration: FLY_SECONDS,
      });
    }
  }

  function showActive() {
    [...list.children].forEach((option, position) => {
      option.setAttribute("aria-selected", String(position === active));
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", list.children[active].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function pick(position) {
    if (position < 0 || position >= matches.length) {
      return;
    }
    const index = matches[position];
    matches = [];
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.value = "";
    fly(index);
  }

  function update() {
    matches = matchPlaces(input.value, places.search);
    active = matches.length ? 0 : -1;
    list.replaceChildren(
      ...matches.map((index, position) => {
        const option = document.createElement("li");
        option.id = `frontline-match-${position}`;
        option.setAttribute("role", "option");
        option.innerHTML = bundle.names[places.id[index]]; // escaped in Python
        option.addEventListener("click", () => pick(position));
        return option;
      }),
    );
    input.setAttribute("aria-expanded", String(matches.length > 0));
    showActive();
  }

  control.onAdd = () => {
    const box = document.createElement("div");
    box.className = "frontline-search";
    box.setAttribute("role", "search");
    input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Find a place";
    input.setAttribute("aria-label", "Find a district or landmark");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "frontline-matches");
    input.autocomplete = "off";
    list = document.createElement("ul");
    list.id = "frontline-matches";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Matching places");
    box.append(input, list);
    input.addEventListener("input", update);
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const step = event.key === "ArrowDown" ? 1 : -1;
        active = Math.max(0, Math.min(matches.length - 1, active + step));
        showActive();
      } else if (event.key === "Enter") {
        pick(active);
      } else if (event.key === "Escape") {
        input.value = "";
        update();
      } else {
        return;
      }
      event.preventDefault();
    });
    // Typing, clicking and scrolling in the box must not move the map.
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
}
