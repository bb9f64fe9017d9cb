"""Reports the map cannot draw are listed on their own day only, as a reader steps."""

from tests.app.conftest import open_app, pick_day

UNPLACED_HEADING = "Reports we could not place"


def unplaced_listed(app) -> bool:
    return any(UNPLACED_HEADING in block.value for block in app.markdown)


def test_stepping_away_from_a_day_with_unplaced_reports_clears_their_list():
    app = open_app(day="2017-10-15")
    assert unplaced_listed(app)

    pick_day(app, "2017-10-14")

    assert not app.exception
    assert not unplaced_listed(app)

    pick_day(app, "2017-10-15")

    assert unplaced_listed(app)
    assert any("al-Akrad, the Airport" in html.proto.body for html in app.get("html"))
