// In a story's iframe (`?embed=true`), an element without anything to see whose
// script tells the story page how tall the app's content is, whenever that
// changes, so the embed code's own script (embed_host.js) can size the iframe to
// it: no inner scrollbar, no blank under the map. The message is a small typed
// object, the only thing the story page will accept from us.

export const MESSAGE_TYPE = "frontline:height";
export const MESSAGE_VERSION = 1;
// Streamlit's column of elements; the page's own scroller wraps it.
const CONTENT = '[data-testid="stMainBlockContainer"]';

// The message that tells the story page the content is `height` pixels tall.
export function heightMessage(height) {
  return { type: MESSAGE_TYPE, version: MESSAGE_VERSION, height: Math.ceil(height) };
}

// How tall the content is: its box, or more when something overflows it.
function contentHeight(content) {
  const box = content.getBoundingClientRect();
  return Math.max(box.height, content.scrollHeight) + Math.max(box.top, 0);
}

export default function ({ parentElement }) {
  if (window.parent === window || parentElement.heightReporter) {
    return undefined;
  }
  const content = document.querySelector(CONTENT) ?? document.body;
  let sent = null;
  const send = () => {
    const message = heightMessage(contentHeight(content));
    if (message.height !== sent) {
      sent = message.height;
      window.parent.postMessage(message, "*");
    }
  };
  const observer = new ResizeObserver(send);
  observer.observe(content);
  parentElement.heightReporter = observer;
  send();
  return () => {
    observer.disconnect();
    parentElement.heightReporter = null;
  };
}
