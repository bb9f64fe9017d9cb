"""AppTest of publishing: who may publish, and what a published link shows later."""

import json
from datetime import date
from urllib.parse import parse_qs

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from geo.snapshots import Publication
from geo.view_state import ViewState
from storage.access import Identity, Role
from storage.database import data_version, open_database
from storage.reports import add_reports
from storage.snapshots import publish_snapshot, published_snapshots
from tests.app.conftest import (
    EDITOR_PASSWORD,
    day_shown,
    log_in,
    open_app,
    pick_day,
    timeline_sent,
)
from tests.conftest import RAQQA, ROOT, plain, report

DISTRICT = "hisham_bin_abdulmalik"  # held by the SDF on 3 Aug 2017, two reports say
DAY = "2017-08-03"
NEW_SOURCE = "Amaq (added after publication)"


def share_tab(app):
    return app.segmented_control(key="panel").set_value("Share").run()


def publish(app, title: str):
    app.text_input(key="publish_title").input(title)
    app.text_input(key="publish_byline").input("Map desk")
    button = next(button for button in app.button if button.label == "Publish")
    return button.click().run()


def editor_on_the_map(editor_account):
    app = log_in(open_app(district=DISTRICT), editor_account, EDITOR_PASSWORD)
    return pick_day(app.switch_page("app_pages/map.py").run(), DAY)


def report_is_holding_hisham(database_url: str) -> None:
    """Another editor files a report that makes Hisham disputed on the same day."""
    engine = open_database(database_url)
    row = report("r-after", DAY, DISTRICT, "held", actor="is", source=NEW_SOURCE)
    add_reports(
        engine,
        Identity("Bob", Role.EDITOR, "password"),
        load_city(RAQQA),
        pd.DataFrame([row], columns=REPORT_COLUMNS),
        origin="form",
    )
    engine.dispose()


def stored(database_url: str):
    engine = open_database(database_url)
    found = published_snapshots(engine)
    engine.dispose()
    return found


def test_a_viewer_sees_no_publish_form(database_url):
    app = share_tab(open_app())

    assert "Publish" not in [button.label for button in app.button]
    assert any("Editors can publish" in caption.value for caption in app.caption)
    assert stored(database_url) == []


def test_a_published_link_still_shows_the_old_control_after_an_edit(
    editor_account, database_url
):
    app = publish(share_tab(editor_on_the_map(editor_account)), "Hisham falls")
    assert "Published “Hisham falls” (version 1)" in app.success[0].value
    link = next(code.value for code in app.code if "snapshot=" in code.value)
    query = {key: values[0] for key, values in parse_qs(link.split("?")[1]).items()}

    report_is_holding_hisham(database_url)
    published = open_app(**query)
    live = open_app(district=DISTRICT, day=DAY)

    assert not published.exception
    assert published.title[0].value == "Hisham falls"
    ledger = published.dataframe[0].value
    decisive = ledger[ledger["role"] == "decides the colour"]
    assert all(says.startswith("held by SDF") for says in decisive["says"])
    assert NEW_SOURCE not in set(ledger["source"])
    assert NEW_SOURCE in set(live.dataframe[0].value["source"])
    assert published.expander[0].label == (
        "Updated since publication: 1 change — see what changed"
    )
    assert (
        "Hisham bin Abdulmalik: held by SDF and partner forces (partly), "
        "now disputed: sources disagree"
    ) in plain(published.expander[0].markdown[0].value)
    captions = [caption.value for caption in published.caption]
    assert any("Situation on 3 Aug 2017 · as published" in each for each in captions)


def test_an_empty_title_is_refused_and_nothing_is_published(
    editor_account, database_url
):
    app = publish(share_tab(editor_on_the_map(editor_account)), "   ")

    assert "Nothing was published" in app.error[0].value
    assert "give the map a title" in app.markdown[-1].value
    assert stored(database_url) == []


def test_an_unknown_snapshot_id_says_so_and_shows_the_live_map():
    app = open_app(city="raqqa", snapshot="nosuchmap2")

    assert "No published map has the id “nosuchmap2”" in app.error[0].value
    assert app.title[0].value == "Battle of Raqqa, 2017"


def test_republishing_lists_both_versions_and_the_old_link_names_the_new_one(
    editor_account, database_url
):
    app = publish(share_tab(editor_on_the_map(editor_account)), "Hisham falls")
    first = stored(database_url)[0]
    old = log_in(open_app(city="raqqa", snapshot=first.id), "alice", EDITOR_PASSWORD)
    old = share_tab(old.switch_page("app_pages/map.py").run())
    publish(old, "Hisham falls: update")

    listed = app.switch_page("app_pages/snapshots.py").run().dataframe[0].value
    reopened = open_app(city="raqqa", snapshot=first.id)

    assert list(listed["title"]) == ["Hisham falls: update", "Hisham falls"]
    assert list(listed["version"]) == [2, 1]
    assert set(listed["published by"]) == {"Alice"}
    assert "A newer version of this map exists (version 2" in reopened.info[0].value


def test_an_embed_names_the_filter_it_is_drawn_from():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(day=DAY, source_type="party")
    app.context = {"is_embedded": True}
    app.run()

    captions = [caption.value for caption in app.main.caption]
    assert "Situation on 3 Aug 2017 · As claimed by party sources" in captions


def test_a_published_map_exports_with_its_words_and_day(editor_account, database_url):
    app = publish(share_tab(editor_on_the_map(editor_account)), "Hisham falls")
    first = stored(database_url)[0]
    report_is_holding_hisham(database_url)

    page = app.switch_page("app_pages/snapshots.py").run()

    assert not page.exception
    assert page.selectbox(key="snapshot_export").value == first
    assert page.text_input(key=f"export_title_{first.id}").value == "Hisham falls"
    assert page.text_input(key=f"export_byline_{first.id}").value == "Map desk"
    assert page.text_input(key=f"export_subtitle_{first.id}").value == ""
    assert page.select_slider(key=f"export_day_{first.id}").value == DAY
    labels = [button.proto.label for button in page.get("download_button")]
    assert "Control (CSV)" in labels
    assert "Web page with its own slider (HTML, no server needed)" in labels
    assert "Every current report (CSV, opens in Excel with Arabic intact)" not in labels


def test_a_filtered_published_map_names_its_filter_on_its_pictures(database_url):
    app = open_app()  # stores the city's reports as their first revision
    engine = open_database(database_url)
    city = load_city(RAQQA)
    found = publish_snapshot(
        engine,
        Identity("Bob", Role.EDITOR, "password"),
        city,
        Publication(
            "raqqa",
            ViewState(day=date.fromisoformat(DAY), source_type="party"),
            "As the parties tell it",
            subtitle="Raqqa on 3 August",
        ),
        data_sequence=data_version(engine, city.name),
    )
    engine.dispose()

    page = app.switch_page("app_pages/snapshots.py").run()

    assert not page.exception
    assert page.text_input(key=f"export_subtitle_{found.id}").value == (
        "Raqqa on 3 August · As claimed by party sources"
    )


def published_by_bob(database_url: str, folder, **fields):
    """Bob publishes Raqqa on ``DAY`` as the city's files in ``folder`` are now."""
    engine = open_database(database_url)
    city = load_city(folder)
    found = publish_snapshot(
        engine,
        Identity("Bob", Role.EDITOR, "password"),
        city,
        Publication("raqqa", ViewState(day=date.fromisoformat(DAY)), "Raqqa", **fields),
        data_sequence=data_version(engine, city.name),
    )
    engine.dispose()
    return found


def test_a_published_map_says_when_the_city_settings_changed_since(
    cities_dir, database_url
):
    open_app()  # stores the city's reports as their first revision
    found = published_by_bob(database_url, cities_dir / "raqqa")
    unchanged = open_app(city="raqqa", snapshot=found.id)
    settings = cities_dir / "raqqa" / "city.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("#e0a800", "#ff00ff"),
        encoding="utf-8",
    )

    changed = open_app(city="raqqa", snapshot=found.id)

    told = [info.value for info in changed.info if "since publication" in info.value]

    assert not unchanged.exception
    assert not changed.exception
    assert not any("since publication" in info.value for info in unchanged.info)
    assert told[0].startswith("The city's settings changed since publication")


def publish_span(app, first: str, last: str):
    app.toggle(key="publish_spanned").set_value(True).run()
    app.date_input(key="publish_first_day").set_value(date.fromisoformat(first))
    app.date_input(key="publish_last_day").set_value(date.fromisoformat(last))
    return publish(app, "Raqqa in August")


def served_days(app) -> list[str]:
    sent = timeline_sent(app)
    served = ROOT / sent["daysUrl"].removeprefix("/app/")
    return json.loads(served.read_text(encoding="utf-8"))["days"]


def test_a_published_span_limits_the_timeline_and_is_listed(
    editor_account, database_url
):
    app = share_tab(editor_on_the_map(editor_account))
    app = publish_span(app, "2017-08-01", "2017-08-20")
    said = app.success[0].value
    found = stored(database_url)[0]

    opened = open_app(city="raqqa", snapshot=found.id)
    listed = app.switch_page("app_pages/snapshots.py").run().dataframe[0].value

    assert "Published “Raqqa in August” (version 1): 1 Aug 2017 to 20 Aug 2017" in said
    assert found.days == (date(2017, 8, 1), date(2017, 8, 20))
    assert found.day == date.fromisoformat(DAY)
    assert not opened.exception
    assert day_shown(opened) == DAY
    days = served_days(opened)
    assert (days[0], days[-1], len(days)) == ("2017-08-01", "2017-08-20", 20)
    assert list(listed["days shown"]) == ["1 Aug 2017 to 20 Aug 2017"]
    assert served_days(open_app(city="raqqa"))[0] < "2017-08-01"


def test_a_span_ending_before_it_starts_is_refused_by_field(
    editor_account, database_url
):
    app = share_tab(editor_on_the_map(editor_account))
    app = publish_span(app, "2017-08-20", "2017-08-01")

    assert "Nothing was published" in app.error[0].value
    assert "1 Aug 2017 is before the first day, 20 Aug 2017" in plain(
        app.markdown[-1].value
    )
    assert "last day" in plain(app.markdown[-1].value).lower()
    assert stored(database_url) == []


def test_a_published_span_is_told_of_a_correction_on_a_later_day_of_it(database_url):
    open_app()  # stores the city's reports as their first revision
    found = published_by_bob(
        database_url, RAQQA, span=(date(2017, 8, 1), date(2017, 8, 20))
    )
    engine = open_database(database_url)
    add_reports(
        engine,
        Identity("Bob", Role.EDITOR, "password"),
        load_city(RAQQA),
        pd.DataFrame(
            [report("r-10-aug", "2017-08-10", DISTRICT, "held", actor="is")],
            columns=REPORT_COLUMNS,
        ),
        origin="form",
    )
    engine.dispose()

    opened = open_app(city="raqqa", snapshot=found.id)

    assert not opened.exception
    assert opened.expander[0].label == (
        "Updated since publication: 1 change — see what changed"
    )
    told = plain(opened.expander[0].markdown[0].value)
    assert "Hisham bin Abdulmalik on 10 Aug 2017: " in told
    assert "now held by Islamic State" in told
    assert "still shows 1 Aug 2017 to 20 Aug 2017 as it was published" in told
