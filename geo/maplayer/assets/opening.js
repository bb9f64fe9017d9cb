// How the map first frames the districts (bundle.bounds, which leaves outlying
// landmarks out, then moves down to show those just north). On a tall,
// narrow map (a phone) the districts span its width at its top, right under the
// day, not in the middle of a frame that runs below the first screen; a wide
// city leaves the room under it to the legend. Once the controls are in place,
// the districts are framed again clear of the open legend in the bottom-right
// corner (at the same zoom, or a little smaller where they fill the map) and,
// where there is room, of the controls above.

const MARGIN = 8; // px below the districts
const TOP_ROOM = 40; // px above them, for the day and the search box
// px left of them on a wide map, for the zoom and full-screen buttons, which
// would otherwise cover the corner of the districts' first row
const LEFT_ROOM = 50;
const NO_CORNER = Object.freeze({ x: 0, y: 0 });
// px the centre may drift, from the frame settling its size, and still be the
// opening view (a reader's drag or arrow key moves it much further)
const SETTLING = 3;

// The px a tall map (`size`, {x, y}) leaves under districts that span its
// width below `top` px: `shape` is their height over their width (1 or more:
// they fill its top square). None on a wide map.
export function roomUnderTheDistricts(size, shape = 1, top = TOP_ROOM) {
  if (size.y <= size.x) {
    return 0;
  }
  return size.y - Math.min(size.x, top + Math.ceil(shape * size.x) + MARGIN);
}

// Leaflet fitBounds options for a map `size` ({x, y}) px large, for districts
// whose height over width is `shape`. A `corner` ({x, y} px) taken in the
// bottom-right is kept free by leaving room below the districts, or `beside`
// them; `top` px are left above them.
export function openingFit(
  size,
  corner = NO_CORNER,
  beside = false,
  top = TOP_ROOM,
  shape = 1,
) {
  const tall = size.y > size.x;
  const below = roomUnderTheDistricts(size, shape, top);
  const bottom = MARGIN + Math.max(below, beside ? 0 : corner.y);
  return {
    animate: false, // an animated fit would swallow a reader's first zoom
    // No room at the sides of a tall map unless a corner needs it: on a phone
    // every pixel of width is the city's.
    paddingTopLeft: [tall ? 0 : LEFT_ROOM, top],
    paddingBottomRight: [beside && corner.x > 0 ? corner.x + MARGIN : 0, bottom],
  };
}

// The padding `fit` leaves in all, [x, y] px.
function paddingOf(fit) {
  return [0, 1].map(
    (axis) => fit.paddingTopLeft[axis] + fit.paddingBottomRight[axis],
  );
}

// How much smaller the districts may be drawn to clear the open legend, in zoom
// steps: a quarter step (the map's zoom snap) draws them at 84 % of their
// width. A legend that would take more is left over a corner of them; the
// reader can fold it.
const MOST_SHRINK = 0.25;

// The opening fit clear of `corner` for districts at least at zoom `least`, or
// null: `zoomWith([x, y])` is the zoom they fit at with that much padding in
// all. Of the fits that keep zoom `least`, room for the `topControls` (px from
// the top) comes before less room above the districts, and room below them
// before room beside them. Where none does, the fit that shrinks them least,
// by at most MOST_SHRINK, room below first.
export function fitClearOf(size, corner, zoomWith, least, topControls = 0, shape = 1) {
  const clearTop = Math.max(TOP_ROOM, topControls + MARGIN);
  const fits = [clearTop, TOP_ROOM]
    .flatMap((top) => [false, true].map((beside) => [top, beside]))
    .map(([top, beside]) => ({
      beside,
      fit: openingFit(size, corner, beside, top, shape),
    }))
    .filter(({ fit }) => {
      const [x, y] = paddingOf(fit);
      return x < size.x && y < size.y;
    })
    .map((found) => ({ ...found, zoom: zoomWith(paddingOf(found.fit)) }));
  const kept = fits.find(({ zoom }) => zoom >= least);
  if (kept) {
    return kept.fit;
  }
  const shrunk = fits
    .filter(({ zoom }) => zoom >= least - MOST_SHRINK)
    .sort((a, b) => b.zoom - a.zoom || a.beside - b.beside);
  return shrunk[0]?.fit ?? null;
}

const openings = new WeakMap(); // map → its opening bounds, shape, centre, zoom

// The height over the width of `bounds` as `map` draws them (at any zoom).
function shapeOf(map, bounds) {
  const corners = L.latLngBounds(bounds);
  const north = map.project(corners.getNorthEast(), 0);
  const south = map.project(corners.getSouthWest(), 0);
  const width = north.x - south.x;
  return width > 0 ? (south.y - north.y) / width : 1;
}

// Open `map` on the districts' `bounds`, and remember that view. A popup the
// reader opens ends it, though the map may not have moved yet: framing it
// again then would stop the pan that brings the popup into view.
export function openOn(map, bounds) {
  const shape = shapeOf(map, bounds);
  map.fitBounds(bounds, openingFit(map.getSize(), NO_CORNER, false, TOP_ROOM, shape));
  openings.set(map, { bounds, shape, centre: map.getCenter(), zoom: map.getZoom() });
  map.once("popupopen", () => openings.set(map, { ...openings.get(map), left: true }));
}

// The landmarks' dots (Leaflet circle markers) the opening view of `map` moves
// down to show, when it is framed clear of the legend (keepOpeningClearOf).
export function takeInLandmarks(map, markers) {
  const opening = openings.get(map);
  if (opening) {
    openings.set(map, { ...opening, markers });
  }
}

// How many px to move down the districts `map` now frames with `fit` so that the
// landmarks just north of them show whole under the top controls: the most that
// takes in any such dot within the room `fit` leaves under the districts beyond
// the open legend's (`corner`, {x, y} px). On a phone that room is there, and a
// dot the map's top edge cut in half is then shown whole; on a wide map the
// districts fill its height, and one farther north stays out until the reader
// zooms out. 0 where none.
function lowerForLandmarks(map, fit, corner, markers) {
  const beside = fit.paddingBottomRight[0] > 0;
  const spare = fit.paddingBottomRight[1] - MARGIN - (beside ? 0 : corner.y);
  const top = Math.max(TOP_ROOM, topControlsReach(map) + MARGIN);
  const width = map.getSize().x;
  const needs = markers
    .map((marker) => [map.latLngToContainerPoint(marker.getLatLng()), marker])
    .filter(([dot, marker]) => {
      const radius = marker.getRadius();
      return dot.x - radius >= 0 && dot.x + radius <= width;
    })
    .map(([dot, marker]) => top + marker.getRadius() - dot.y)
    .filter((need) => need > 0 && need <= spare);
  return Math.max(0, ...needs);
}

// The height over the width of the districts `map` opened on (1 if none).
export function openingShape(map) {
  return openings.get(map)?.shape ?? 1;
}

// How far down the controls in the map's top corners reach, in px.
function topControlsReach(map) {
  const container = map.getContainer();
  const top = container.getBoundingClientRect().top;
  const reaches = [...container.querySelectorAll(".leaflet-top")]
    .filter((corner) => corner.children.length > 0)
    .map((corner) => corner.getBoundingClientRect().bottom - top);
  return Math.max(0, ...reaches);
}

function stillOpening(map, opening) {
  const centre = map.latLngToContainerPoint(opening.centre);
  return (
    !opening.left &&
    map.getZoom() === opening.zoom &&
    centre.distanceTo(map.getSize().divideBy(2)) <= SETTLING
  );
}

// Frame the opening view again clear of a bottom-right `corner` ({x, y} px, the
// open legend), unless the reader has moved the map since it opened, or that
// would make the districts much smaller (fitClearOf). Whether the map still
// shows its opening view.
export function keepOpeningClearOf(map, corner) {
  const opening = openings.get(map);
  if (!opening || !stillOpening(map, opening)) {
    return false;
  }
  const fit = fitClearOf(
    map.getSize(),
    corner,
    (padding) => map.getBoundsZoom(opening.bounds, false, L.point(padding)),
    map.getZoom(),
    topControlsReach(map),
    opening.shape,
  );
  if (!fit) {
    return true;
  }
  // A reset, not a pan: a pan leaves the map's pane off its origin, and the
  // centre a reader's link keeps then drifts by a fraction of a pixel.
  map.fitBounds(opening.bounds, { ...fit, reset: true });
  const lower = lowerForLandmarks(map, fit, corner, opening.markers ?? []);
  if (lower > 0) {
    const [left, top] = fit.paddingTopLeft;
    const [right, bottom] = fit.paddingBottomRight;
    map.fitBounds(opening.bounds, {
      ...fit,
      paddingTopLeft: [left, top + lower],
      paddingBottomRight: [right, bottom - lower],
      reset: true,
    });
  }
  openings.set(map, { ...opening, centre: map.getCenter(), zoom: map.getZoom() });
  return true;
}
