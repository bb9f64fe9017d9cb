"""AppTest of the desk: who sees which controls, adding reports, and imports."""

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from storage.database import open_database
from storage.tables import report_revisions
from tests.app.conftest import EDITOR_PASSWORD, day_shown, log_in, open_app
from tests.conftest import ROOT, plain

DISTRICT = "andalus"  # up to 1 Aug 2017 only the state before the battle (IS)
DAY = "2017-08-01"


def stored_revisions(database_url: str) -> int:
    engine = open_database(database_url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(report_revisions))
    engine.dispose()
    return count


def reports_page(app):
    return app.switch_page("pages/reports.py").run()


def fill_add_form(app, **fields: str):
    values = {
        "district": DISTRICT,
        "status": "held",
        "actor": "sdf",
        "source": "Desk test source",
        "url": "https://example.org/desk-test",
        "note": "Written for an automated test.",
        **fields,
    }
    app.selectbox(key="add_district").set_value(values["district"])
    app.date_input(key="add_date").set_value(DAY)
    app.selectbox(key="add_status").set_value(values["status"])
    app.selectbox(key="add_actor").set_value(values["actor"])
    app.text_input(key="add_source").input(values["source"])
    app.text_input(key="add_url").input(values["url"])
    app.text_area(key="add_note").input(values["note"])
    return (
        next(button for button in app.button if button.label == "Add report")
        .click()
        .run()
    )


def test_a_viewer_reads_reports_and_history_but_sees_no_edit_controls():
    app = reports_page(open_app())

    assert not app.exception
    assert "Log in as an editor" in app.info[0].value
    assert len(app.dataframe[0].value) == 109
    assert "Add report" not in [button.label for button in app.button]

    app.selectbox(key="opened_report").set_value("rq-001").run()

    history = app.dataframe[-1].value
    assert list(history["action"]) == ["seed"]
    assert not app.tabs


def test_an_editor_logs_in_adds_a_report_and_the_map_shows_it(editor_account):
    app = fill_add_form(
        reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    )

    assert not app.error, [error.value for error in app.error]
    assert "Every open map shows it" in app.success[0].value
    map_view = open_app(district=DISTRICT, day=DAY)
    ledger = map_view.dataframe[0].value
    assert ledger["source"].iloc[0] == "Desk test source"
    assert list(ledger["role"]) == ["decides the colour"] + ["earlier report"] * (
        len(ledger) - 1
    )


def test_an_editor_adds_a_city_wide_claim_and_every_district_shows_it(
    editor_account, database_url
):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    before = stored_revisions(database_url)

    app = fill_add_form(app, district="city")

    assert "Every open map shows it" in app.success[0].value
    assert stored_revisions(database_url) == before + 1
    for district in ("amin", "nazlat_shahada"):
        ledger = open_app(district=district, day=DAY).dataframe[0].value
        [desk] = ledger[ledger["source"] == "Desk test source"].itertuples()
        assert desk.about == "the whole city"
        assert desk.role.startswith("decides the colour")


def test_a_place_both_on_and_off_the_map_is_refused_in_words(
    editor_account, database_url
):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    before = stored_revisions(database_url)
    app.text_input(key="add_unplaced").input("the old souk")

    app = fill_add_form(app)

    problems = plain(" ".join(block.value for block in app.markdown))
    assert "Not saved" in app.error[0].value
    assert "**place**: name a place on the map or describe one that is not" in problems
    assert stored_revisions(database_url) == before


def test_another_open_session_sees_the_new_report_on_its_next_rerun(editor_account):
    viewer = open_app(district=DISTRICT, day=DAY)
    assert "Desk test source" not in set(viewer.dataframe[0].value["source"])

    editor = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    fill_add_form(editor)
    viewer.run()

    assert viewer.dataframe[0].value["source"].iloc[0] == "Desk test source"


def test_a_refused_report_explains_each_problem_and_stores_nothing(
    editor_account, database_url
):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    before = stored_revisions(database_url)

    app = fill_add_form(app, source="", url="javascript:alert(1)")

    problems = plain(" ".join(block.value for block in app.markdown))
    assert "Not saved" in app.error[0].value
    assert "**source**: is empty" in problems
    assert "**url**: 'javascript:alert(1)' is not an http(s) address" in problems
    assert stored_revisions(database_url) == before


def test_an_editor_edits_a_report_and_its_history_grows(editor_account):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    app.selectbox(key="opened_report").set_value("rq-001").run()

    app.text_area(key="edit_note").input("Corrected paraphrase.")
    app.text_input(key="edit_reason").input("Tightened the wording")
    app = next(b for b in app.button if b.label == "Save as a new revision").click()
    app = app.run()

    assert "Saved rq-001" in plain(app.success[0].value)
    history = app.dataframe[-1].value
    assert list(history["action"]) == ["seed", "edit"]
    assert history.iloc[-1]["author"] == "Alice"
    assert history.iloc[-1]["changed"] == "note"


@pytest.mark.parametrize(
    ("email", "can_edit"), [("ed@news.example", True), ("reader@news.example", False)]
)
def test_identity_provider_logins_edit_only_when_listed(monkeypatch, email, can_edit):
    monkeypatch.setenv("FRONTLINE_LOGIN", "oidc")
    monkeypatch.setenv("FRONTLINE_EDITORS", "ed@news.example")
    app = open_app()
    app.user = {"email": email, "is_logged_in": True}

    app = reports_page(app.run())

    buttons = [button.label for button in app.button]
    assert ("Add report" in buttons) is can_edit
    assert bool(app.info) is not can_edit


def test_a_private_desk_shows_nothing_before_login(monkeypatch, editor_account):
    monkeypatch.setenv("FRONTLINE_PRIVATE", "true")

    app = open_app()

    assert "private" in app.info[0].value
    assert day_shown(app) is None

    app = log_in(app, editor_account, EDITOR_PASSWORD)
    assert day_shown(app) == "2017-08-01"


def test_a_bad_import_lists_row_problems_and_a_good_one_goes_in_whole(
    editor_account, database_url
):
    app = log_in(open_app(), editor_account, EDITOR_PASSWORD)
    app = app.switch_page("pages/import_export.py").run()
    header = (
        "report_id,date,date_precision,district_id,status,actor,extent,kind,"
        "denies,source,source_type,url,published,note\n"
    )
    tail = "held,sdf,full,claim,,Test,media,https://example.org/{},,Test row\n"
    good = "t-1,01/08/2017,day,الأندلس," + tail.format(1)
    bad = "t-2,02/08/2017,day,Andaluz," + tail.format(2)
    before = stored_revisions(database_url)

    app.radio(key="import_date_order").set_value("day_first")
    app.file_uploader(key="import_file").upload(
        "desk.csv", (header + good + bad).encode("utf-8"), "text/csv"
    ).run()

    problems = app.dataframe[0].value
    assert list(problems["where"]) == ["row 3"]
    assert "did you mean andalus" in problems.iloc[0]["problem"]
    assert not [b for b in app.button if b.label.startswith("Import")]

    app.file_uploader(key="import_file").upload(
        "desk.csv", (header + good).encode("utf-8-sig"), "text/csv"
    ).run()
    app = next(b for b in app.button if b.label == "Import 1 reports").click().run()

    assert "Imported 1 reports" in app.success[0].value
    assert stored_revisions(database_url) == before + 1


def test_anyone_can_reach_the_exports_but_a_script_address_for_leaflet_is_refused():
    app = open_app().switch_page("pages/import_export.py").run()

    assert not app.exception
    labels = [button.label for button in app.get("download_button")]
    assert "Picture (PNG)" in labels
    assert "Web page with its own slider (HTML, no server needed)" in labels
    assert "Importing reports needs an editor login" in app.info[0].value

    app.radio(key="export_leaflet").set_value("urls").run()
    app.text_input(key="export_leaflet_js").input("javascript:alert(1)")
    app.text_input(key="export_leaflet_css").input("https://cdn.example/leaflet.css")
    app.run()

    assert "not an absolute http(s) address" in plain(app.error[0].value)


@pytest.mark.parametrize(
    "page", ["map.py", "reports.py", "from_article.py", "import_export.py"]
)
def test_a_page_run_without_app_py_still_keeps_a_private_desk_private(
    monkeypatch, page
):
    """Streamlit can run a script of pages/ on its own (folder navigation)."""
    monkeypatch.setenv("FRONTLINE_PRIVATE", "true")

    app = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60).run()

    assert not app.exception
    assert "private" in app.info[0].value
    assert not app.dataframe
    assert day_shown(app) is None


def test_a_page_run_without_app_py_opens_the_default_city():
    app = AppTest.from_file(str(ROOT / "pages" / "reports.py"), default_timeout=60)

    app.run()

    assert not app.exception
    assert len(app.dataframe[0].value) == 109
