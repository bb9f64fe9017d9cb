"""AppTest of the article review page: safe by default, then decide, check, save."""

from pathlib import Path

from storage.database import open_database
from storage.reports import current_reports
from tests.app.conftest import EDITOR_PASSWORD, log_in, open_app
from tests.conftest import plain

CASES = Path(__file__).resolve().parents[1] / "extraction" / "cases"
ARTICLE = (CASES / "01_attributed_capture.txt").read_text(encoding="utf-8")
URL = "https://example.org/test/01"
FIGURES_ARTICLE = (
    "[Written for the Frontline extractor tests: invented text.]\n\n"
    "At least 27 civilians were killed in air strikes on the city on Tuesday, "
    "a monitoring group said."
)


def article_page(app):
    return app.switch_page("app_pages/from_article.py").run()


def propose(app, text: str = ARTICLE, url: str = URL):
    app.text_area(key="article_text").input(text)
    app.text_input(key="article_url").input(url)
    app.date_input(key="article_published").set_value("2017-06-13")
    app.text_input(key="article_outlet").input("Example Wire")
    return next(b for b in app.button if b.label == "Propose claims").click().run()


def decide(app, decisions: dict[int, dict]):
    """Edit the review table as an editor would (AppTest seeds the edit state)."""
    app.session_state["review_table"] = {
        "edited_rows": decisions,
        "added_rows": [],
        "deleted_rows": [],
    }
    return app.run()


def button(app, start: str):
    return next(b for b in app.button if b.label.startswith(start))


def labels(app) -> list[str]:
    return [b.label for b in app.button]


def test_a_viewer_cannot_use_the_extractor():
    app = article_page(open_app())

    assert "needs an editor login" in app.info[0].value
    assert not app.text_area


def test_nothing_is_accepted_until_the_editor_says_so(editor_account):
    app = propose(article_page(log_in(open_app(), editor_account, EDITOR_PASSWORD)))

    assert not app.exception
    review = app.data_editor(key="review_table").value
    assert set(review["decision"]) == {""}
    assert list(review["confidence"]) == sorted(review["confidence"], reverse=True)
    assert all(sentence in ARTICLE for sentence in review["evidence"])
    assert "nothing is accepted yet" in app.info[0].value
    assert not any(label.startswith(("Add ", "Check ")) for label in labels(app))


def test_the_map_changes_are_shown_before_an_accepted_row_is_saved(
    editor_account, database_url
):
    app = propose(article_page(log_in(open_app(), editor_account, EDITOR_PASSWORD)))
    app = decide(app, {0: {"decision": "accept"}})

    assert not any(label.startswith("Add ") for label in labels(app))
    app = button(app, "Check what 1 accepted").click().run()

    assert "What will change on the map" in [header.value for header in app.subheader]
    changes = app.dataframe[-1].value
    assert list(changes["District"]) == ["al-Romaniya"]
    assert list(changes["After saving"]) == ["held by SDF and partner forces"]
    stored = current_reports(open_database(database_url), "Raqqa")
    assert stored[stored["url"] == URL].empty

    app = button(app, "Add 1 report").click().run()

    assert "Every open map shows them" in app.success[0].value
    stored = current_reports(open_database(database_url), "Raqqa")
    from_article = stored[stored["url"] == URL]
    assert set(from_article["district_id"]) == {"romaniya"}
    assert all(from_article["origin"].str.startswith("extractor "))
    assert all(
        sentence and sentence in ARTICLE for sentence in from_article["evidence"]
    )


def test_a_change_after_the_check_asks_for_a_new_check(editor_account):
    app = propose(article_page(log_in(open_app(), editor_account, EDITOR_PASSWORD)))
    app = decide(app, {0: {"decision": "accept"}})
    app = button(app, "Check what").click().run()
    assert any(label.startswith("Add ") for label in labels(app))

    app = decide(app, {0: {"decision": "accept", "actor": "is"}})

    assert not any(label.startswith("Add ") for label in labels(app))
    assert any("Check the changes first" in caption.value for caption in app.caption)


def test_figures_are_a_table_of_their_own_with_a_csv_download(editor_account):
    app = log_in(open_app(), editor_account, EDITOR_PASSWORD)
    app = propose(article_page(app), text=FIGURES_ARTICLE)

    assert "1 figure" in [header.value for header in app.subheader]
    figures = app.dataframe[0].value
    assert list(figures["low"]) == ["27"]
    assert list(figures["as_stated"]) == ["At least 27 civilians"]
    assert app.download_button[0].label == "Download as figures.csv rows"


def test_empty_text_and_a_script_url_are_refused_with_a_message(editor_account):
    app = article_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))

    app = propose(app, text="   ")
    assert app.error
    app = propose(app, url="javascript:alert(1)")
    assert "http(s) address" in plain(app.error[0].value)
