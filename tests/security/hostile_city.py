"""A tiny test city whose every text field carries a payload of the injection corpus.

Written for tests only: the districts are squares on a grid and the reports,
events and figures are invented hostile text, not events of any real place.
Each payload lands in at least one field; ``HostileCity.placements`` says where.
Ids are plain (``d00``, ``a01``): a hostile id is refused when a city is loaded
(``geo.ids``; ``tests/security/test_hostile_ids.py``), so payloads live in the
names, labels, sources and notes.
"""

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from geo.events import EVENT_COLUMNS, FIGURE_COLUMNS
from geo.schema import SOURCE_MAX_LENGTH
from tests.conftest import feature, report, square, write_city
from tests.security.corpus import PAYLOADS, URL_PAYLOADS, Payload

COLUMNS, ROWS = 4, 3
FIRST_DAY, SECOND_DAY = "2020-01-02", "2020-01-05"
NOTED_DISTRICTS = 3
"""The first districts also carry a payload in their boundary note (``basis``),
where their hostile ids used to be: every other payload keeps its field."""


@dataclass
class HostileCity:
    """Where the city was written, its districts (id to English name), and where
    each payload was put (field and row)."""

    folder: Path
    district_ids: list[str]
    names: dict[str, str]
    event_districts: list[str]
    placements: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def payloads_in(self, *fields: str) -> set[str]:
        """Names of the payloads placed in any of these fields (e.g. "note")."""
        return {
            name
            for name, places in self.placements.items()
            if any(place.split(":")[0] in fields for place in places)
        }


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: JSON's escapes are valid TOML escapes."""
    return json.dumps(text, ensure_ascii=False)


def _ordered() -> list[Payload]:
    """Long payloads first, so they land in names (which have no length limit)."""
    return sorted(PAYLOADS, key=lambda payload: len(payload.text) <= SOURCE_MAX_LENGTH)


def _city_toml(title: Payload, credits: Payload, blue: Payload, red: Payload) -> str:
    return f"""\
name = "hostileville"
title = {toml_string(title.text)}
default_day = "{SECOND_DAY}"
first_day = "2020-01-01"
last_day = "2020-01-31"

[[actors]]
id = "blue"
label = {toml_string(blue.text)}
colour = "#1f77b4"

[[actors]]
id = "red"
label = {toml_string(red.text)}
colour = "#d62728"

[credits]
text = {toml_string(credits.text)}
"""


def _write_table(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows({**dict.fromkeys(columns, ""), **row} for row in rows)


def write_hostile_city(folder: Path) -> HostileCity:
    """Write the city: 12 districts, 24 reports, 3 events, 2 figures, all hostile."""
    queue = _ordered()
    position = 0
    placements: dict[str, list[str]] = defaultdict(list)

    def take(place: str, *, short: bool = False) -> Payload:
        nonlocal position
        while True:
            payload = queue[position % len(queue)]
            position += 1
            if not short or len(payload.text) <= SOURCE_MAX_LENGTH:
                placements[payload.name].append(place)
                return payload

    district_ids = []
    features = []
    for number in range(COLUMNS * ROWS):
        name_en = take(f"name_en:{number}")
        name_ar = take(f"name_ar:{number}")
        aliases = take(f"aliases:{number}")
        district_id = f"d{number:02}"
        district_ids.append(district_id)
        noted = number < NOTED_DISTRICTS
        basis = take(f"basis:{number}", short=True).text if noted else ""
        shape = square(number % COLUMNS * 0.01, number // COLUMNS * 0.01, 0.01)
        features.append(
            feature(
                district_id,
                shape,
                name_en=name_en.text,
                name_ar=name_ar.text,
                aliases=aliases.text,
                basis=basis,
            )
        )

    reports = []
    url_payloads = iter(URL_PAYLOADS)
    for number, district_id in enumerate(district_ids):
        day = FIRST_DAY if number % 2 else SECOND_DAY
        first_id, second_id = f"a{number:02}", f"b{number:02}"
        last = number == len(district_ids) - 1
        for report_id, status, actor, source_type in (
            (first_id, "held", "blue", "party"),
            (second_id, "held" if number % 3 else "contested", "red", "monitor"),
        ):
            if status == "contested":
                actor = ""
            # The last district's second report denies its first: a struck-through
            # claim on the map. The denial's own text shows in the tables only.
            denial = last and report_id == second_id
            prefix = "denial_" if denial else ""
            hostile_url = next(url_payloads, None)
            if hostile_url:
                placements[hostile_url.name].append(f"url:{report_id}")
            reports.append(
                report(
                    report_id,
                    day,
                    district_id,
                    "" if denial else status,
                    actor="" if denial else actor,
                    kind="denial" if denial else "claim",
                    denies=first_id if denial else "",
                    source_type=source_type,
                    source=take(f"{prefix}source:{report_id}", short=True).text,
                    note=take(f"{prefix}note:{report_id}", short=True).text,
                    url=hostile_url.text
                    if hostile_url
                    else f"https://example.org/{report_id}",
                )
            )

    title = take("title")
    credits = take("credits")
    blue, red = take("actor_label:blue"), take("actor_label:red")
    write_city(
        folder, features, reports, city_toml=_city_toml(title, credits, blue, red)
    )

    # Events lie after the noted districts: a test selects the first district,
    # then an event's, and expects the ledger to change.
    events = [
        {
            "event_id": f"e{number}",
            "date": FIRST_DAY,
            "kind": "strike",
            "place": take(f"event_place:e{number}", short=True).text,
            "location_precision": "district",
            "district_id": district_ids[number + NOTED_DISTRICTS],
            "summary": take(f"event_summary:e{number}", short=True).text,
            "source": take(f"event_source:e{number}", short=True).text,
            "source_type": "media",
            "url": f"https://example.org/e{number}",
        }
        for number in range(3)
    ]
    _write_table(folder / "events.csv", EVENT_COLUMNS, events)
    figures = [
        {
            "figure_id": f"f{number}",
            "as_of": FIRST_DAY,
            "source": take(f"figure_source:f{number}", short=True).text,
            "source_type": "monitor",
            "measure": take(f"figure_measure:f{number}", short=True).text,
            "low": "1",
            "high": "2",
            "as_stated": take(f"figure_as_stated:f{number}", short=True).text,
            "unit": "people",
            "scope": take(f"figure_scope:f{number}", short=True).text,
            "url": f"https://example.org/f{number}",
        }
        for number in range(2)
    ]
    _write_table(folder / "figures.csv", FIGURE_COLUMNS, figures)
    names = {
        district["properties"]["id"]: district["properties"]["name_en"]
        for district in features
    }
    event_districts = [event["district_id"] for event in events]
    return HostileCity(folder, district_ids, names, event_districts, placements)
