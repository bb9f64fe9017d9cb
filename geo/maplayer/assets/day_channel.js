// The day the reader moves to, straight from the page's timeline to the map.
//
// A step on the timeline (ui/assets/timeline.js) posts this message to the map's
// frame before it tells the server, so the map repaints from the bundle it holds
// without waiting for the server's rerun. The server's own day view follows; a
// view of an older day, sent before the reader moved on, must not move the map
// back, and the view of the day already shown need not paint it again.

export const DAY_MESSAGE_TYPE = "frontline:day";
export const DAY_MESSAGE_VERSION = 1;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// The message the timeline posts for `day` (an ISO day).
export function dayMessage(day) {
  return { type: DAY_MESSAGE_TYPE, version: DAY_MESSAGE_VERSION, day };
}

// The day a message event carries, or null if it is not one of ours: it must
// come from `expectedSource` (the page around the map), on our own `origin`,
// and have exactly the message's shape.
export function dayFromMessage(event, expectedSource, origin) {
  if (event.source !== expectedSource || event.origin !== origin) {
    return null;
  }
  const message = event.data;
  if (
    message === null ||
    typeof message !== "object" ||
    Array.isArray(message) ||
    Object.keys(message).length !== 3 ||
    message.type !== DAY_MESSAGE_TYPE ||
    message.version !== DAY_MESSAGE_VERSION ||
    typeof message.day !== "string" ||
    !ISO_DAY.test(message.day)
  ) {
    return null;
  }
  return message.day;
}

// The same view: nothing on the map would change by showing it again.
function sameView(one, other) {
  return JSON.stringify(one) === JSON.stringify(other);
}

// Decides which views the map paints, the reader's days and the server's.
// `paint(view)` draws a view; `current()` is the view shown, or null.
export function dayChannel(paint, current) {
  let awaited = null; // the reader's latest day, until the server shows it too
  return {
    // The reader moved to `day`: paint it now, the rest of the view as it is.
    fromReader(day) {
      const shown = current();
      awaited = day;
      if (shown !== null && shown.day !== day) {
        paint({ ...shown, day });
      }
    },
    // The server's view. Older than the reader's day: ignored (the server's
    // view of that day is on its way). Otherwise painted, unless it is the view
    // already shown.
    fromServer(view) {
      if (awaited !== null && view.day !== awaited) {
        return;
      }
      awaited = null;
      const shown = current();
      if (shown === null || !sameView(shown, view)) {
        paint(view);
      }
    },
  };
}

// Listen on `frame` (the map's window) for the reader's days from the page
// around it; each valid day goes to `onDay`.
export function listenForDays(frame, onDay) {
  frame.addEventListener("message", (event) => {
    const day = dayFromMessage(event, frame.parent, frame.location.origin);
    if (day !== null) {
      onDay(day);
    }
  });
}
