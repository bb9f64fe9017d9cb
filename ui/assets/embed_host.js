// The script a story pastes right after the map's iframe (ui/embed.py puts both
// in the embed code): it sets the iframe's height to the height the map's page
// reports (embed_height.js). It listens only to that iframe's window and origin
// and only to a { type: "frontline:height", version: 1, height } message with a
// plain number; anything else is ignored, and nothing received is ever run.
(() => {
  const frame = document.currentScript.previousElementSibling;
  const origin = new URL(frame.src, document.baseURI).origin;
  const fits = (said) =>
    typeof said === "object" &&
    said !== null &&
    said.type === "frontline:height" &&
    said.version === 1 &&
    typeof said.height === "number" &&
    said.height >= 100 &&
    said.height <= 20000;
  window.addEventListener("message", (event) => {
    if (event.source === frame.contentWindow && event.origin === origin) {
      if (fits(event.data)) {
        frame.style.height = `${Math.ceil(event.data.height)}px`;
      }
    }
  });
})();
