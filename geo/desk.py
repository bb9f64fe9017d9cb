"""The desk's report rows, built from what an editor typed; plain data, no Streamlit.

A new report, a denial of one, the fields an edit changes, and the tables the
Reports page shows (the listing, one report's fields). Nothing is checked here:
``storage.reports`` validates a row when it is saved.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.city import City
from geo.places import PlaceParts, place_text
from geo.resolution import describe
from geo.schema import REPORT_COLUMNS
from geo.status import Kind, ReportStatus

SHOWN_FIELDS = (*REPORT_COLUMNS, "verification", "verified_by", "origin")
"""A stored report's fields as the Reports page lists them: the row, then the desk's."""


@dataclass(frozen=True)
class ReportDraft:
    """A report's fields as an editor set them in a form, typed, before any check."""

    place: PlaceParts
    day: date | None
    status: str
    actor: str
    extent: str
    date_precision: str
    source: str
    source_type: str
    url: str
    published: date | None
    note: str

    def cells(self) -> dict[str, str]:
        """The text cells of a report row; the actor is kept only for "held".

        Raises ``geo.places.PlaceError`` when the place's parts contradict.
        """
        return {
            "district_id": place_text(self.place),
            "date": self.day.isoformat() if self.day else "",
            "status": self.status,
            "actor": self.actor if self.status == ReportStatus.HELD else "",
            "extent": self.extent,
            "date_precision": self.date_precision,
            "source": self.source,
            "source_type": self.source_type,
            "url": self.url,
            "published": self.published.isoformat() if self.published else "",
            "note": self.note,
        }

    def as_new_report(self, *, report_id: str, kind: str) -> dict[str, str]:
        """A whole new report row: these cells, its id and kind, the rest empty."""
        return {
            **dict.fromkeys(REPORT_COLUMNS, ""),
            **self.cells(),
            "kind": kind,
            "report_id": report_id,
        }

    def changes_from(self, stored: Mapping[str, str]) -> dict[str, str]:
        """The cells an edit changes: those that differ from the ``stored`` text."""
        return {
            field: value
            for field, value in self.cells().items()
            if value != stored[field]
        }


def denial_of(
    report: Mapping[str, object],
    *,
    kind: Kind = Kind.DENIAL,
    report_id: str,
    day: date,
    source: str,
    source_type: str,
    url: str,
    note: str,
) -> dict[str, str]:
    """A denial (or retraction) row: on ``day``, ``source`` rejects ``report``.

    It is about the same place as the report it rejects.
    """
    return {
        **dict.fromkeys(REPORT_COLUMNS, ""),
        "report_id": report_id,
        "date": day.isoformat(),
        "district_id": str(report["district_id"]),
        "kind": kind,
        "denies": str(report["report_id"]),
        "source": source,
        "source_type": source_type,
        "url": url,
        "note": note,
    }


def report_frame(row: Mapping[str, str]) -> pd.DataFrame:
    """One report row as the frame ``storage.reports.add_reports`` takes."""
    return pd.DataFrame([row], columns=REPORT_COLUMNS)


def desk_table(city: City, reports: pd.DataFrame) -> pd.DataFrame:
    """The Reports page's listing: one row per report, its place and claim in words.

    A report about one district names it; one about several says which, e.g.
    "the whole city except Stadium" (``geo.places``).
    """
    labels = city.actor_labels
    return pd.DataFrame(
        {
            "report_id": reports["report_id"],
            "day": reports["date"],
            "district": [city.place_words(place) for place in reports["district_id"]],
            "says": [
                describe(status, labels.get(actor, ""), extent)
                for status, actor, extent in zip(
                    reports["status"], reports["actor"], reports["extent"], strict=True
                )
            ],
            "kind": reports["kind"],
            "source": reports["source"],
            "check": reports["verification"],
            "retracted": reports["retracted"],
            "link": reports["url"],
            "note": reports["note"],
        }
    )


def fields_table(report: Mapping[str, object]) -> pd.DataFrame:
    """One stored report, field by field (``SHOWN_FIELDS``), each value as text."""
    return pd.DataFrame(
        {
            "field": SHOWN_FIELDS,
            "value": [str(report[field]) for field in SHOWN_FIELDS],
        }
    )
