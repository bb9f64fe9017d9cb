// The Share panel's helper, without anything to see: it sends Python the map's
// centre and zoom as the map wrote them into the page's address, so that the
// panel's link keeps them (ui/address.py, note_map_position). Streamlit calls
// this on every run of the panel; the first call starts a check each second,
// since a reader may pan while the panel is open.

const POSITION = ["lat", "lon", "zoom"];
const CHECK_MS = 1000;

// The position an address's query (`location.search`) holds, or null without one.
export function positionIn(search) {
  const query = new URLSearchParams(search);
  if (!POSITION.every((name) => query.has(name))) {
    return null;
  }
  return Object.fromEntries(POSITION.map((name) => [name, query.get(name)]));
}

export default function ({ parentElement, setStateValue }) {
  const reporter = (parentElement.reporter ??= { sent: null, timer: null });
  reporter.setStateValue = setStateValue;
  const send = () => {
    const position = positionIn(window.location.search);
    const said = JSON.stringify(position);
    if (position !== null && said !== reporter.sent) {
      reporter.sent = said;
      reporter.setStateValue("position", position);
    }
  };
  send();
  reporter.timer ??= setInterval(send, CHECK_MS);
  return () => {
    clearInterval(reporter.timer);
    reporter.timer = null;
  };
}
