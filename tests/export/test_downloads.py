"""The files the import and export page offers: names, media types and contents."""

from datetime import date

import pytest

from geo.export import (
    INLINE_LEAFLET,
    LeafletUrls,
    animation_download,
    control_csv,
    day_downloads,
    frontline_geojson,
    page_download,
)
from tests.conftest import report

DAY = date(2020, 1, 2)


def test_the_files_of_a_day_are_named_after_the_city_and_the_day(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    downloads = day_downloads(city, DAY)

    assert [(item.file_name, item.mime) for item in downloads] == [
        ("Testville-2020-01-02-control.csv", "text/csv"),
        ("Testville-2020-01-02-control.geojson", "application/geo+json"),
        ("Testville-2020-01-02-frontline.csv", "text/csv"),
        ("Testville-2020-01-02-frontline.geojson", "application/geo+json"),
        ("Testville-2020-01-02-map.png", "image/png"),
    ]
    assert all(callable(item.data) for item in downloads)
    assert downloads[0].data() == control_csv(city, DAY)
    assert downloads[3].data() == frontline_geojson(city, DAY)


def test_the_page_is_made_when_asked_and_a_script_address_refused_at_once(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    page = page_download(city, INLINE_LEAFLET, DAY)

    assert (page.file_name, page.mime) == ("Testville-timeline.html", "text/html")
    assert page.data().startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="leaflet script_url: 'javascript:alert"):
        page_download(
            city, LeafletUrls("javascript:alert(1)", "https://cdn.example/l.css"), DAY
        )


def test_the_animation_is_named_after_its_span_and_made_only_when_asked(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    animation = animation_download(city, date(2020, 1, 1), date(2020, 1, 31))

    assert animation.file_name == "Testville-2020-01-01-2020-01-31.gif"
    assert animation.mime == "image/gif"
    assert callable(animation.data)
