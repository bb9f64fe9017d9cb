// Wakes the map page when its city's reports change (ui/edit_watch.py explains
// why). Streamlit calls this on every run of the page's check with
// { city, drawn, route, seconds }. One watch per element asks the route for the
// city's change number each `seconds`; when it differs from `drawn`, the page's
// check is woken once for that number. Where the answer holds no number (a
// private desk, or a server without the route), the check is woken every time.

const watches = new WeakMap();

export function changeAddress(route, city, base) {
  const address = new URL(route, base);
  address.searchParams.set("city", city);
  return address;
}

// What one answer of the route means: "wake" the page for a new number, "wait",
// or "every time" when the answer holds no number (the route is not there).
export function verdict(change, drawn, lastWoken) {
  if (!Number.isInteger(change)) {
    return "every time";
  }
  return change === drawn || change === lastWoken ? "wait" : "wake";
}

async function askRoute(address) {
  const response = await fetch(address, {
    cache: "no-store",
    credentials: "same-origin",
  });
  const answer = await response.json().catch(() => null);
  return answer === null ? null : answer.change;
}

// A watch that asks `changeNumber(address)` every `seconds` and calls `wake`;
// `update` gives it the page's latest drawn number, `stop` ends it.
export function startWatch({ address, drawn, seconds, changeNumber, wake }) {
  const state = { drawn, wake, lastWoken: null, running: true, timer: null };
  async function ask() {
    let change;
    try {
      change = await changeNumber(address);
    } catch {
      return; // The server is restarting or the network is down: ask next time.
    }
    const outcome = verdict(change, state.drawn, state.lastWoken);
    if (outcome === "wake") {
      state.lastWoken = change;
      state.wake(change);
    } else if (outcome === "every time") {
      state.wake(Date.now());
    }
  }
  function schedule() {
    state.timer = setTimeout(async () => {
      await ask();
      if (state.running) {
        schedule();
      }
    }, seconds * 1000);
  }
  schedule();
  return {
    update(nextDrawn, nextWake) {
      state.drawn = nextDrawn;
      state.wake = nextWake;
    },
    stop() {
      state.running = false;
      clearTimeout(state.timer);
    },
  };
}

export default function ({ data, parentElement, setTriggerValue }) {
  const wake = (value) => setTriggerValue("woken", value);
  let watch = watches.get(parentElement);
  if (watch === undefined) {
    watch = startWatch({
      address: changeAddress(data.route, data.city, document.baseURI),
      drawn: data.drawn,
      seconds: data.seconds,
      changeNumber: askRoute,
      wake,
    });
    watches.set(parentElement, watch);
  }
  watch.update(data.drawn, wake);
  return () => {
    watch.stop();
    watches.delete(parentElement);
  };
}
