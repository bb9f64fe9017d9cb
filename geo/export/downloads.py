"""The files the import and export page offers: their labels, names and contents.

Kept apart from Streamlit so the page only lays out one button per ``Download``.
File names start with the city's name (and a snapshot's id and revision when
made from one) and say which day or span they show.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from geo.city import City
from geo.export.day_picture import picture_layout
from geo.export.leaflet import LeafletSource, LeafletUrls, checked_urls
from geo.export.options import ExportOptions
from geo.export.pictures import animated_gif, day_picture, gif_days
from geo.export.standalone_page import standalone_html
from geo.export.tables import (
    control_csv,
    control_geojson,
    frontline_csv,
    frontline_geojson,
)
from geo.snapshots import Snapshot

CSV = "text/csv"
GEOJSON = "application/geo+json"
DEFAULT_PICTURE = ExportOptions()


@dataclass(frozen=True)
class Download:
    """One file to offer: its button label, file name, media type and content.

    ``data`` is the content, or a function that makes it when the file is asked
    for, so that slow files (pictures) are not made on every page run.
    """

    label: str
    file_name: str
    mime: str
    data: bytes | str | Callable[[], bytes | str]


def _name(city: City, snapshot: Snapshot | None) -> str:
    """The start of every file name: the city's, and a snapshot's id and revision."""
    if snapshot is None:
        return city.name
    return f"{city.name}-{snapshot.id}-r{snapshot.version}"


def day_downloads(
    city: City,
    day: date,
    picture: ExportOptions | None = DEFAULT_PICTURE,
    snapshot: Snapshot | None = None,
) -> tuple[Download, ...]:
    """The files of one day: control and front lines as CSV and GeoJSON, a picture.

    The picture is as ``picture`` asks (none if ``None``); its layout is checked
    at once, the picture made only when asked for. Made from ``snapshot``
    (``city`` holding its data), every file names it in its metadata.

    Raises:
        ValueError: if the picture's texts leave no room for the map.
    """
    stem = f"{_name(city, snapshot)}-{day.isoformat()}"
    if picture is not None:
        picture_layout(city, picture)
    tables = (
        Download(
            "Control (CSV)",
            f"{stem}-control.csv",
            CSV,
            lambda: control_csv(city, day, snapshot),
        ),
        Download(
            "Control (GeoJSON)",
            f"{stem}-control.geojson",
            GEOJSON,
            lambda: control_geojson(city, day, snapshot),
        ),
        Download(
            "Front line (CSV)",
            f"{stem}-frontline.csv",
            CSV,
            lambda: frontline_csv(city, day, snapshot),
        ),
        Download(
            "Front line (GeoJSON)",
            f"{stem}-frontline.geojson",
            GEOJSON,
            lambda: frontline_geojson(city, day, snapshot),
        ),
    )
    if picture is None:
        return tables
    return (
        *tables,
        Download(
            f"Picture ({picture.format.upper()})",
            f"{stem}-map.{picture.format}",
            picture.format.mime,
            lambda: day_picture(city, day, picture, snapshot),
        ),
    )


def page_download(
    city: City, leaflet: LeafletSource, day: date, snapshot: Snapshot | None = None
) -> Download:
    """The standalone page opening on ``day``; ``leaflet`` is checked at once.

    Made from ``snapshot``, the page carries its words, revision and publish day.

    The page itself (a quarter of a second for Raqqa) is made only when asked for.

    Raises:
        ValueError: if ``leaflet`` gives an address or hash that is not safe.
    """
    if isinstance(leaflet, LeafletUrls):
        checked_urls(leaflet)
    return Download(
        "Web page with its own slider (HTML, no server needed)",
        f"{_name(city, snapshot)}-timeline.html",
        "text/html",
        lambda: standalone_html(city, leaflet=leaflet, day=day, snapshot=snapshot),
    )


def animation_download(
    city: City,
    first_day: date,
    last_day: date,
    options: ExportOptions = DEFAULT_PICTURE,
    snapshot: Snapshot | None = None,
) -> Download:
    """The GIF of the report days from ``first_day`` to ``last_day``.

    Made from ``snapshot``, its comment names the snapshot.

    It has ``options``' size and texts; its layout is checked at once.

    Raises:
        ValueError: if the texts leave no room for the map, or the span has no
            report day or more than the GIF's size allows (``gif_days``).
    """
    picture_layout(city, options)
    gif_days(city, first_day, last_day, options)
    return Download(
        "Animation (GIF, paced by calendar day)",
        f"{_name(city, snapshot)}-{first_day.isoformat()}-{last_day.isoformat()}.gif",
        "image/gif",
        lambda: animated_gif(
            city, first_day, last_day, options=options, snapshot=snapshot
        ),
    )
