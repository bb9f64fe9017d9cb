// The whole bundle a first bundle names (OneDay of geo/maplayer/contract.py).
// The server builds it after the first bundle; until it is written, its
// address answers 404, so the map asks again, first quickly, then once a
// second, and gives up after five minutes.

export const GIVE_UP_AFTER_MS = 300000;

// How long to wait before try `attempt` + 1 (from 0): 250, 500, then 1000 ms.
export function retryDelay(attempt) {
  return Math.min(250 * 2 ** attempt, 1000);
}

const sleep = (milliseconds) =>
  new Promise((resolve) => {
    setTimeout(resolve, milliseconds);
  });

// The bundle at `url`, parsed, once the server has written it. `fetchFile` and
// `wait` stand in for fetch and a timer in the unit tests.
export async function fetchWhenBuilt(
  url,
  { fetchFile = fetch, wait = sleep, giveUpAfterMs = GIVE_UP_AFTER_MS } = {},
) {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const response = await fetchFile(url);
    if (response.ok) {
      return response.json();
    }
    if (response.status !== 404 || waited >= giveUpAfterMs) {
      throw new Error(
        `could not load the map's other days (${response.status})`,
      );
    }
    const delay = retryDelay(attempt);
    await wait(delay);
    waited += delay;
  }
}
