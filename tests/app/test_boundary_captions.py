"""The map page's sidebar and panels call a surveyed city's boundaries surveyed.

Runs the whole app (``app.py``, map page) on a copy of Raqqa, marked surveyed
as the City settings page marks it, and on Raqqa as bundled (schematic).
"""

from geo.boundaries import BoundaryKind
from geo.city_settings import districts_with_boundary
from geo.io import DISTRICTS_FILE
from tests.app.conftest import open_app

PANELS = ("Who holds how much", "Front line")
TEXT_ELEMENTS = (
    "caption",
    "markdown",
    "info",
    "warning",
    "title",
    "header",
    "subheader",
)


def page_texts(app) -> list[str]:
    """Every caption, Markdown and message on the page, the sidebar and the
    measuring panels (area and front line), each read as it is shown."""
    texts = shown_texts(app)
    for panel in PANELS:
        texts += shown_texts(app.segmented_control(key="panel").set_value(panel).run())
    return texts


def shown_texts(app) -> list[str]:
    return [
        element.value
        for kind in TEXT_ELEMENTS
        for element in app.get(kind)
        if isinstance(getattr(element, "value", None), str)
    ]


def test_a_surveyed_city_is_never_called_schematic_on_the_map_page(cities_dir):
    districts = cities_dir / "raqqa" / DISTRICTS_FILE
    districts.write_text(
        districts_with_boundary(
            districts.read_text(encoding="utf-8"), BoundaryKind.SURVEYED
        ),
        encoding="utf-8",
    )

    app = open_app(city="raqqa")

    assert not app.exception
    assert any("Surveyed boundaries" in c.value for c in app.sidebar.caption)
    texts = page_texts(app)
    assert any("held in part counts whole" in text for text in texts)
    assert [text for text in texts if "chematic" in text] == []


def test_raqqa_says_schematic_in_the_sidebar_and_beside_its_areas(cities_dir):
    app = open_app(city="raqqa")

    assert not app.exception
    assert any("Schematic boundaries" in c.value for c in app.sidebar.caption)
    texts = page_texts(app)
    assert sum("schematic district boundaries" in text for text in texts) >= 2
