// Keeps a password login across reloads (ui/auth.py explains how). Streamlit calls
// this on every run that shows the component, with { action, ticket }: "keep"
// trades the login ticket for an httpOnly cookie at serve.py's route, "forget"
// asks the route to clear the cookie. Each request is sent once, and its outcome
// ("done", or "unavailable" when the server has no such route) goes back.

const SESSION_ROUTE = "frontline/session";
const sent = new Set();

export default function ({ data, setStateValue }) {
  const request = `${data.action}:${data.ticket ?? ""}`;
  if (sent.has(request)) {
    return;
  }
  sent.add(request);
  const options =
    data.action === "keep"
      ? { method: "POST", body: data.ticket }
      : { method: "DELETE" };
  fetch(new URL(SESSION_ROUTE, document.baseURI), {
    ...options,
    credentials: "same-origin",
  })
    .then((response) => setStateValue("outcome", response.ok ? "done" : "unavailable"))
    .catch(() => setStateValue("outcome", "unavailable"));
}
