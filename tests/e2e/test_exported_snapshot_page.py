"""A published map exported as one HTML file, opened from disk in Chromium.

It plays through the report days at the battle's pace, pauses, shows the events
layer when its box is ticked, and carries the snapshot's words and revision.
"""

from datetime import date

from playwright.sync_api import Page, expect

from geo.export import standalone_html
from geo.snapshots import Publication, Snapshot
from geo.view_state import Layer, ViewState

OPENING_DAY = "2017-08-01"
NEXT_REPORT_DAY = "2017-08-03"
PUBLISHED = Snapshot(
    id="k3m9q2w7x4",
    publication=Publication(
        "raqqa",
        ViewState(
            day=date.fromisoformat(OPENING_DAY), layers=frozenset({Layer.EVENTS})
        ),
        "Raqqa's centre holds out",
        subtitle="Control on 1 August 2017",
        byline="Map desk",
        notes="Districts are drawn around reference points.",
    ),
    data_sequence=1,
    published_by="Map desk",
    published_at="2017-08-04T09:00:00Z",
    first_id="k3m9q2w7x4",
    version=2,
    replaced_by=None,
)


def test_an_exported_snapshot_plays_pauses_and_shows_events_from_disk(
    page: Page, raqqa, tmp_path
):
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    exported = tmp_path / "published.html"
    exported.write_text(standalone_html(raqqa, snapshot=PUBLISHED), encoding="utf-8")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(exported.as_uri())
    body = page.locator("body")
    expect(body).to_have_attribute("data-frontline-day", OPENING_DAY)

    expect(page.get_by_role("heading", name="Raqqa's centre holds out")).to_be_visible()
    expect(page.get_by_text("Control on 1 August 2017")).to_be_visible()
    expect(page.get_by_text("By Map desk")).to_be_visible()
    expect(page.get_by_text("As published 4 Aug 2017, revision 2")).to_be_visible()
    expect(
        page.get_by_text("Districts are drawn around reference points.")
    ).to_be_visible()

    events = page.get_by_role("checkbox", name="Events")
    expect(events).to_be_checked()
    shown = int(body.get_attribute("data-frontline-events"))
    assert shown > 0
    events.uncheck()
    expect(body).to_have_attribute("data-frontline-events", "0")
    events.check()
    expect(body).to_have_attribute("data-frontline-events", str(shown))

    play = page.get_by_role("button", name="Play")
    play.click()
    pause = page.get_by_role("button", name="Pause")
    expect(pause).to_have_attribute("aria-pressed", "true")
    expect(body).to_have_attribute("data-frontline-day", NEXT_REPORT_DAY)
    pause.click()
    expect(play).to_have_attribute("aria-pressed", "false")
    held = body.get_attribute("data-frontline-day")
    page.wait_for_timeout(2000)  # Play would have moved on in under a second
    expect(body).to_have_attribute("data-frontline-day", held)
    expect(page.locator("#frontline-day-label")).not_to_have_text("1 Aug 2017")

    assert all(url.startswith(("file:", "data:")) for url in requests)
    assert errors == []
