// How the map first frames the districts (bundle.bounds, which leaves outlying
// landmarks out). On a tall, narrow map (a phone) the districts are framed in
// its top square, so they sit on the first screen under the day, not in the
// middle of a frame that runs below it. Once the controls are in place, the
// districts are framed again clear of the open legend in the bottom-right
// corner and, when that costs no zoom, of the day and search box above them.

const MARGIN = 8; // px below the districts
const TOP_ROOM = 40; // px above them, for the day and the search box
const NO_CORNER = Object.freeze({ x: 0, y: 0 });
// px the centre may drift, from the frame settling its size, and still be the
// opening view (a reader's drag or arrow key moves it much further)
const SETTLING = 3;

// Leaflet fitBounds options for a map `size` ({x, y}) px large. A `corner`
// ({x, y} px) taken in the bottom-right is kept free by leaving room below the
// districts, or `beside` them; `top` px are left above them.
export function openingFit(size, corner = NO_CORNER, beside = false, top = TOP_ROOM) {
  const below = size.y > size.x ? size.y - size.x : 0;
  const bottom = MARGIN + Math.max(below, beside ? 0 : corner.y);
  return {
    animate: false, // an animated fit would swallow a reader's first zoom
    // No room at the sides unless a corner needs it: on a phone every pixel
    // of width is the city's.
    paddingTopLeft: [0, top],
    paddingBottomRight: [beside && corner.x > 0 ? corner.x + MARGIN : 0, bottom],
  };
}

// The padding `fit` leaves in all, [x, y] px.
function paddingOf(fit) {
  return [0, 1].map(
    (axis) => fit.paddingTopLeft[axis] + fit.paddingBottomRight[axis],
  );
}

// The opening fit clear of `corner` that frames the districts largest, or null
// when the map is too small to leave the corner free: `zoomWith([x, y])` is
// the zoom they fit at with that much padding in all. Room for `topControls`
// (px from the top) is left too when the districts keep their size.
export function fitClearOf(size, corner, zoomWith, topControls = 0) {
  const clearTop = Math.max(TOP_ROOM, topControls + MARGIN);
  const fits = [clearTop, TOP_ROOM]
    .flatMap((top) => [false, true].map((beside) => [top, beside]))
    .map(([top, beside]) => openingFit(size, corner, beside, top))
    .filter((fit) => {
      const [x, y] = paddingOf(fit);
      return x < size.x && y < size.y;
    });
  const zooms = fits.map((fit) => zoomWith(paddingOf(fit)));
  return fits.length === 0 ? null : fits[zooms.indexOf(Math.max(...zooms))];
}

const openings = new WeakMap(); // map → its opening bounds, centre and zoom

// Open `map` on the districts' `bounds`, and remember that view.
export function openOn(map, bounds) {
  map.fitBounds(bounds, openingFit(map.getSize()));
  openings.set(map, { bounds, centre: map.getCenter(), zoom: map.getZoom() });
}

// How far down the controls in the map's top-right corner reach, in px.
function topRightReach(map) {
  const container = map.getContainer();
  const corner = container.querySelector(".leaflet-top.leaflet-right");
  if (!corner || corner.children.length === 0) {
    return 0;
  }
  return corner.getBoundingClientRect().bottom - container.getBoundingClientRect().top;
}

function stillOpening(map, opening) {
  const centre = map.latLngToContainerPoint(opening.centre);
  return (
    map.getZoom() === opening.zoom &&
    centre.distanceTo(map.getSize().divideBy(2)) <= SETTLING
  );
}

// Frame the opening view again clear of a bottom-right `corner` ({x, y} px, the
// open legend), unless the reader has moved the map since it opened, or the
// map is too small to leave the corner free.
export function keepOpeningClearOf(map, corner) {
  const opening = openings.get(map);
  if (!opening || !stillOpening(map, opening)) {
    return;
  }
  const fit = fitClearOf(
    map.getSize(),
    corner,
    (padding) => map.getBoundsZoom(opening.bounds, false, L.point(padding)),
    topRightReach(map),
  );
  if (!fit) {
    return;
  }
  map.fitBounds(opening.bounds, fit);
  openings.set(map, { ...opening, centre: map.getCenter(), zoom: map.getZoom() });
}
