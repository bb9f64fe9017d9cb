// How the map first frames the districts (bundle.bounds, which leaves outlying
// landmarks out). On a tall, narrow map (a phone) the districts are framed in
// its top square, so they sit on the first screen under the day, not in the
// middle of a frame that runs below it.

const MARGIN = 8; // px below the districts
const TOP_ROOM = 40; // px above them, for the day and the search box

// Leaflet fitBounds options for a map `size` ({x, y}) px large.
export function openingFit(size) {
  const below = size.y > size.x ? size.y - size.x : 0;
  return {
    animate: false, // an animated fit would swallow a reader's first zoom
    // No room at the sides: on a phone every pixel of width is the city's.
    paddingTopLeft: [0, TOP_ROOM],
    paddingBottomRight: [0, MARGIN + below],
  };
}
