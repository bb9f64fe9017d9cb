"""Files exported from a published map name it: its id, revision and publish time.

Each format keeps them where its readers look: PNG text chunks, SVG metadata,
the PDF info dictionary, the GIF comment, CSV columns, a GeoJSON member and the
HTML page's meta tags. Files of the live map carry the data version only.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest
from PIL import Image
from pypdf import PdfReader

from geo.export import (
    ExportOptions,
    animated_gif,
    control_csv,
    control_geojson,
    data_version,
    day_picture,
    frontline_csv,
    frontline_geojson,
    standalone_html,
)
from geo.snapshots import Publication, Snapshot
from geo.view_state import ViewState
from tests.conftest import report

DAY = date(2020, 1, 2)
BOTH_HELD = date(2020, 1, 5)
"""West and east held by different sides: the front line between them has a row."""
PUBLISHED_AT = "2026-03-04T05:06:07Z"


@pytest.fixture
def city(make_city):
    return make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-05", "east", "held", actor="red"),
        ]
    )


@pytest.fixture
def published() -> Snapshot:
    return Snapshot(
        id="k3m9q2w7x4",
        publication=Publication("city", ViewState(day=DAY), "West falls"),
        data_sequence=2,
        published_by="Map desk",
        published_at=PUBLISHED_AT,
        first_id="a2b3c4d5e6",
        version=3,
        replaced_by=None,
    )


def test_a_png_from_a_snapshot_names_it_in_its_text_chunks(city, published):
    png = Image.open(io.BytesIO(day_picture(city, DAY, ExportOptions(), published)))

    assert png.info["Snapshot"] == "k3m9q2w7x4"
    assert png.info["Snapshot revision"] == "3"
    assert png.info["Published"] == PUBLISHED_AT
    assert png.info["Data version"] == data_version(city)
    assert "as published 4 Mar 2026, revision 3" in png.info["Description"]


def test_a_live_png_names_no_snapshot(city):
    png = Image.open(io.BytesIO(day_picture(city, DAY)))

    assert png.info["Data version"] == data_version(city)
    assert "Snapshot" not in png.info
    assert "published" not in png.info["Description"]


def test_an_svg_from_a_snapshot_names_it_in_its_metadata(city, published):
    svg = day_picture(city, DAY, ExportOptions(format="svg"), published)

    metadata = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}metadata")
    texts = [element.text or "" for element in metadata.iter()]
    assert "k3m9q2w7x4" in texts  # dc:identifier
    assert PUBLISHED_AT in texts  # dc:date
    assert any("snapshot revision 3" in text for text in texts)  # dc:subject
    assert any("as published 4 Mar 2026, revision 3" in text for text in texts)


def test_a_pdf_from_a_snapshot_names_it_in_its_info(city, published):
    pdf = day_picture(city, DAY, ExportOptions(format="pdf"), published)

    info = PdfReader(io.BytesIO(pdf)).metadata
    assert "snapshot k3m9q2w7x4" in info["/Keywords"]
    assert "snapshot revision 3" in info["/Keywords"]
    assert f"published {PUBLISHED_AT}" in info["/Keywords"]
    assert "as published 4 Mar 2026, revision 3" in info["/Subject"]


def test_a_gif_from_a_snapshot_names_it_in_its_comment(city, published):
    gif = Image.open(io.BytesIO(animated_gif(city, snapshot=published)))

    comment = gif.info["comment"].decode("utf-8")
    assert comment.startswith(f"Data version: {data_version(city)}.")
    assert "Snapshot k3m9q2w7x4, as published 4 Mar 2026, revision 3" in comment
    assert PUBLISHED_AT in comment


@pytest.mark.parametrize("table", [control_csv, frontline_csv])
def test_csv_rows_from_a_snapshot_end_with_its_provenance(city, published, table):
    text = table(city, BOTH_HELD, published).decode("utf-8-sig")

    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[-4:] == ["data_version", "snapshot", "snapshot_revision", "published"]
    assert rows
    for row in rows:
        assert row[-4:] == [data_version(city), "k3m9q2w7x4", "3", PUBLISHED_AT]
    live = table(city, BOTH_HELD).decode("utf-8-sig")
    live_header = next(csv.reader(io.StringIO(live)))
    assert "snapshot" not in live_header


@pytest.mark.parametrize("collection", [control_geojson, frontline_geojson])
def test_geojson_from_a_snapshot_names_it(city, published, collection):
    member = json.loads(collection(city, BOTH_HELD, published))["provenance"]

    assert member == {
        "data_version": data_version(city),
        "snapshot": "k3m9q2w7x4",
        "snapshot_revision": "3",
        "published": PUBLISHED_AT,
    }
    live = json.loads(collection(city, BOTH_HELD))["provenance"]
    assert live == {"data_version": data_version(city)}


class MetaTags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if tag == "meta" and "name" in named:
            self.meta[named["name"]] = named.get("content", "")


def test_the_page_from_a_snapshot_names_it_in_meta_tags(city, published):
    meta = MetaTags(standalone_html(city, snapshot=published)).meta

    assert meta["frontline:snapshot"] == "k3m9q2w7x4"
    assert meta["frontline:snapshot_revision"] == "3"
    assert meta["frontline:published"] == PUBLISHED_AT
    assert meta["frontline:data_version"] == data_version(city)
    assert "frontline:snapshot" not in MetaTags(standalone_html(city)).meta
