"""AppTest of the desk: who sees which controls, adding reports, and imports."""

import json

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from storage.database import open_database
from storage.reports import current_reports
from storage.tables import report_revisions
from tests.app.conftest import EDITOR_PASSWORD, day_shown, log_in, open_app
from tests.conftest import ROOT, plain
from ui.report_forms import FORM_FIELDS

DISTRICT = "andalus"  # up to 1 Aug 2017 only the state before the battle (IS)
DAY = "2017-08-01"


def stored_revisions(database_url: str) -> int:
    engine = open_database(database_url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(report_revisions))
    engine.dispose()
    return count


def reports_page(app):
    return app.switch_page("app_pages/reports.py").run()


def widget(app, kind: str, label: str, form: str = "add"):
    """A form's widget found by its label, as an editor finds it."""
    return next(
        each
        for each in getattr(app, kind)
        if each.label == label and each.key.startswith(f"{form}_")
    )


def add_field(app, kind: str, field: str):
    return widget(app, kind, FORM_FIELDS[field].label)


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
    add_field(app, "selectbox", "district_id").set_value(values["district"])
    add_field(app, "date_input", "date").set_value(DAY)
    add_field(app, "selectbox", "status").set_value(values["status"])
    add_field(app, "selectbox", "actor").set_value(values["actor"])
    add_field(app, "text_input", "source").input(values["source"])
    add_field(app, "text_input", "url").input(values["url"])
    add_field(app, "text_area", "note").input(values["note"])
    return (
        next(button for button in app.button if button.label == "Add report")
        .click()
        .run()
    )


def shown_after(app, label: str) -> list[str]:
    """The error messages drawn right after the widget labelled ``label``."""
    nodes = [node for node in app if node.type == "error" or hasattr(node, "label")]
    at = next(i for i, node in enumerate(nodes) if getattr(node, "label", "") == label)
    following = []
    for node in nodes[at + 1 :]:
        if node.type != "error":
            break
        following.append(readable(node.value))
    return following


def readable(markdown: str) -> str:
    """A message as a reader sees it (no escapes, no invisible word joiners)."""
    return plain(markdown).replace("\u2060", "")


def test_a_viewer_reads_reports_and_history_but_sees_no_edit_controls():
    app = reports_page(open_app())

    assert not app.exception
    assert "Log in as an editor" in app.info[0].value
    assert len(app.dataframe[0].value) == 109
    # Every column is headed in words, capitalised, not by its field name.
    headings = json.loads(app.dataframe[0].proto.columns)
    for column in app.dataframe[0].value.columns:
        label = headings[column]["label"]
        assert label[0].isupper(), column
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
    assert add_field(app, "text_input", "source").value == ""
    assert add_field(app, "text_area", "note").value == ""
    assert add_field(app, "selectbox", "district_id").value is None
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
    # In Nazlat Shahada other sources disagree that day: the claim is one side.
    roles = {"amin": "decides the colour", "nazlat_shahada": "one side of the dispute"}
    for district, role in roles.items():
        ledger = open_app(district=district, day=DAY).dataframe[0].value
        [desk] = ledger[ledger["source"] == "Desk test source"].itertuples()
        assert desk.about == "the whole city"
        assert desk.role.startswith(role)


def test_a_place_both_on_and_off_the_map_is_refused_in_words(
    editor_account, database_url
):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    before = stored_revisions(database_url)
    unplaced = "Or a place the map cannot show, in the source's words"
    widget(app, "text_input", unplaced).input("the old souk")

    app = fill_add_form(app)

    assert shown_after(app, FORM_FIELDS["district_id"].label) == [
        "The place: name a place on the map or describe one that is not, not both."
    ]
    assert any("Not saved: 1 thing to fix" in error.value for error in app.error)
    assert stored_revisions(database_url) == before


def test_another_open_session_sees_the_new_report_on_its_next_rerun(editor_account):
    viewer = open_app(district=DISTRICT, day=DAY)
    assert "Desk test source" not in set(viewer.dataframe[0].value["source"])

    editor = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    fill_add_form(editor)
    viewer.run()

    assert viewer.dataframe[0].value["source"].iloc[0] == "Desk test source"


def test_a_refused_report_says_each_problem_in_words_beside_its_field(
    editor_account, database_url
):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    before = stored_revisions(database_url)

    app = fill_add_form(app, source="", url="javascript:alert(1)")

    assert shown_after(app, FORM_FIELDS["source"].label) == ["The source is empty."]
    assert shown_after(app, FORM_FIELDS["url"].label) == [
        "The URL: 'javascript:alert(1)' is not an http(s) address."
    ]
    assert shown_after(app, FORM_FIELDS["note"].label) == []
    errors = [readable(error.value) for error in app.error]
    assert "Not saved: 2 things to fix. Each is marked beside its field." in errors
    assert not [text for text in errors if "source:" in text or "url:" in text]
    assert add_field(app, "text_area", "note").value == (
        "Written for an automated test."
    )
    assert stored_revisions(database_url) == before


def test_a_second_click_on_the_same_form_stores_the_report_once(
    editor_account, database_url
):
    """A double click: the second submit can reach the server before the form
    has been emptied, still carrying the first one's submission."""
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    first_filling = app.session_state["add_submission"]
    app = fill_add_form(app)
    stored = stored_revisions(database_url)

    app.session_state["add_submission"] = first_filling
    app = fill_add_form(app.run())

    assert "already saved as r-" in readable(app.info[0].value)
    assert "nothing more was stored" in readable(app.info[0].value)
    assert stored_revisions(database_url) == stored
    added = current_reports(open_database(database_url), "Raqqa")
    assert (added["source"] == "Desk test source").sum() == 1


def test_an_editor_edits_a_report_and_its_history_grows(editor_account):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    app.selectbox(key="opened_report").set_value("rq-001").run()

    widget(app, "text_area", FORM_FIELDS["note"].label, "edit").input(
        "Corrected paraphrase."
    )
    widget(app, "text_input", FORM_FIELDS["reason"].label, "edit").input(
        "Tightened the wording"
    )
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
    app.user = {"email": email, "is_logged_in": True, "email_verified": True}

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
    app = app.switch_page("app_pages/import_export.py").run()
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
    app = next(b for b in app.button if b.label == "Import 1 report").click().run()

    assert "Imported 1 report." in app.success[0].value
    assert stored_revisions(database_url) == before + 1


def test_anyone_can_reach_the_exports_but_a_script_address_for_leaflet_is_refused():
    app = open_app().switch_page("app_pages/import_export.py").run()

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
    """A page script run on its own (as AppTest runs it) still checks the desk."""
    monkeypatch.setenv("FRONTLINE_PRIVATE", "true")

    app = AppTest.from_file(str(ROOT / "app_pages" / page), default_timeout=60).run()

    assert not app.exception
    assert "private" in app.info[0].value
    assert not app.dataframe
    assert day_shown(app) is None


def test_a_page_run_without_app_py_opens_the_default_city():
    app = AppTest.from_file(str(ROOT / "app_pages" / "reports.py"), default_timeout=60)

    app.run()

    assert not app.exception
    assert len(app.dataframe[0].value) == 109


def test_a_denial_appears_in_the_history_of_the_report_it_denies(editor_account):
    app = reports_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))
    app.selectbox(key="opened_report").set_value("rq-001").run()
    widget(app, "text_input", "Who says so", "deny").input("IS media office")
    widget(app, "text_input", "URL of the denial", "deny").input(
        "https://example.org/denial"
    )

    app = next(b for b in app.button if b.label == "File the denial").click().run()

    filed = plain(app.success[0].value).split()[1].rstrip(":")
    history = app.dataframe[-1].value
    assert list(history["action"]) == ["seed", "denied"]
    assert history.iloc[-1]["author"] == "Alice"
    assert history.iloc[-1]["reason"] == f"{filed} (IS media office)"
    assert widget(app, "text_input", "Who says so", "deny").value == ""


def test_an_import_names_a_side_by_any_of_its_names_in_any_case(
    editor_account, database_url
):
    app = log_in(open_app(), editor_account, EDITOR_PASSWORD)
    app = app.switch_page("app_pages/import_export.py").run()
    header = (
        "report_id,date,date_precision,district_id,status,actor,extent,kind,"
        "denies,source,source_type,url,published,note\n"
    )
    rows = "".join(
        f"t-{number},2017-08-01,day,andalus,held,{actor},full,claim,,Test,media,"
        f"https://example.org/{number},,Test row\n"
        for number, actor in enumerate(["SDF", "sdf", "Syrian Democratic Forces"])
    )
    app.file_uploader(key="import_file").upload(
        "sides.csv", (header + rows).encode("utf-8"), "text/csv"
    ).run()
    app = next(b for b in app.button if b.label == "Import 3 reports").click().run()

    assert "Imported 3 reports" in app.success[0].value
    stored = current_reports(open_database(database_url), "Raqqa")
    imported = stored[stored["report_id"].str.startswith("t-")]
    assert list(imported["actor"]) == ["sdf", "sdf", "sdf"]
