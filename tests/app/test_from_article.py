"""AppTest of the article review page: propose, accept, and what is stored."""

from pathlib import Path

from storage.database import open_database
from storage.reports import current_reports
from tests.app.conftest import EDITOR_PASSWORD, log_in, open_app
from tests.conftest import plain

CASES = Path(__file__).resolve().parents[1] / "extraction" / "cases"
ARTICLE = (CASES / "01_attributed_capture.txt").read_text(encoding="utf-8")
URL = "https://example.org/test/01"


def article_page(app):
    return app.switch_page("pages/from_article.py").run()


def propose(app, text: str = ARTICLE, url: str = URL):
    app.text_area(key="article_text").input(text)
    app.text_input(key="article_url").input(url)
    app.date_input(key="article_published").set_value("2017-06-13")
    app.text_input(key="article_outlet").input("Example Wire")
    return next(b for b in app.button if b.label == "Propose claims").click().run()


def test_a_viewer_cannot_use_the_extractor():
    app = article_page(open_app())

    assert "needs an editor login" in app.info[0].value
    assert not app.text_area


def test_an_editor_accepts_a_proposal_and_it_is_stored_with_its_sentence(
    editor_account, database_url
):
    app = propose(article_page(log_in(open_app(), editor_account, EDITOR_PASSWORD)))

    assert not app.exception
    assert "proposal(s)" in app.subheader[0].value
    add = next(b for b in app.button if b.label.startswith("Add "))
    app = add.click().run()

    assert "Every open map shows them" in app.success[0].value
    stored = current_reports(open_database(database_url), "Raqqa")
    from_article = stored[stored["url"] == URL]
    assert not from_article.empty
    assert set(from_article["district_id"]) == {"romaniya"}
    assert all(from_article["origin"].str.startswith("extractor "))
    assert all(
        sentence and sentence in ARTICLE for sentence in from_article["evidence"]
    )


def test_empty_text_and_a_script_url_are_refused_with_a_message(editor_account):
    app = article_page(log_in(open_app(), editor_account, EDITOR_PASSWORD))

    app = propose(app, text="   ")
    assert app.error
    app = propose(app, url="javascript:alert(1)")
    assert "http(s) address" in plain(app.error[0].value)
