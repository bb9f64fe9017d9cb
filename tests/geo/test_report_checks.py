"""Checking a reports table finds the same problems as checking every row alone.

``validate_reports`` first marks, over the whole table at once, the rows that
could have a problem, and puts into words only those. A row it failed to mark
would be a problem nobody is told of, so these tests compare it with the same
check run on every row.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo import schema
from geo.schema import REPORT_COLUMNS, validate_city_reports

# Cells each column may hold: usable ones and every kind of mistake the checks name.
_CELLS = {
    "report_id": ["r1", "r2", "r3", "", " r1 ", "constructor", "a b", "x" * 65, "é"],
    "date": ["2017-06-06", "2017-10-20", "2016-01-01", "2017-13-01", "6 Jun", ""],
    "date_precision": ["", "day", "week", "month", "fortnight"],
    "district_id": ["mashlab", "Old City", "al-Nahda, al-Rawda", "nowhere", "", "*"],
    "status": ["held", "contested", "unknown", "", "HELD", "taken"],
    "actor": ["", "sdf", "SDF", "Islamic State", "isis", "nobody"],
    "extent": ["", "full", "partial", "most"],
    "kind": ["", "claim", "assessment", "denial", "retraction", "rumour"],
    "denies": ["", "r1", "r2 r9", "r1;r3", "rq-001"],
    "source": ["SOHR", "", "s" * 201],
    "source_type": ["", "monitor", "party", "blog"],
    "url": [
        "https://example.org/a",
        "",
        "javascript:alert(1)",
        "https://a b",
        "http:///x",
        "HTTPS://EXAMPLE.ORG/ü",
    ],
    "published": ["", "2017-06-07", "yesterday"],
    "note": ["", "A note.", "n" * 601, "<script>alert(1)</script>"],
}
_CLEAN = {
    "report_id": None,
    "date": "2017-06-06",
    "date_precision": "day",
    "district_id": "mashlab",
    "status": "held",
    "actor": "sdf",
    "extent": "full",
    "kind": "claim",
    "denies": "",
    "source": "SOHR",
    "source_type": "monitor",
    "url": "https://example.org/a",
    "published": "",
    "note": "",
}
"""A clean row; its ``report_id`` is given by its position (r1, r2, ...)."""
# Mostly clean rows, each with up to three cells taken from the list above, so
# a mistake is often a row's only one, as in a real file.
_ROW = st.lists(st.sampled_from(list(_CELLS)), max_size=3, unique=True).flatmap(
    lambda changed: st.fixed_dictionaries(
        {
            column: st.sampled_from(_CELLS[column])
            if column in changed
            else st.just(_CLEAN[column])
            for column in REPORT_COLUMNS
        }
    )
)


def _every_row_checked(monkeypatch) -> None:
    monkeypatch.setattr(
        schema,
        "_may_have_problems",
        lambda checks, rows, *_: np.ones(len(rows), dtype=bool),
    )


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(_ROW, max_size=8), stored=st.booleans())
# A claim with no status and no side: its only mistake, and a rare draw.
@example(rows=[{**_CLEAN, "status": "", "actor": ""}], stored=False)
def test_the_table_check_finds_what_a_check_of_every_row_finds(
    rows, stored, raqqa, monkeypatch
):
    frame = pd.DataFrame(
        [
            {**row, "report_id": f"r{number}"} if row["report_id"] is None else row
            for number, row in enumerate(rows, start=1)
        ],
        columns=list(REPORT_COLUMNS),
        dtype=object,
    )
    existing = frozenset({"rq-001", "r3"}) if stored else frozenset()

    def check() -> tuple[pd.DataFrame, list]:
        return validate_city_reports(
            frame, raqqa, file="reports.csv", existing_report_ids=existing
        )

    clean, problems = check()
    with monkeypatch.context() as patched:
        _every_row_checked(patched)
        every_clean, every_problem = check()

    assert problems == every_problem
    pd.testing.assert_frame_equal(clean, every_clean)


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("date", "2017-02-30", "is not an ISO date"),
        ("report_id", "rq-001", "is used by an earlier row"),
        ("url", "javascript:alert(1)", "http"),
        ("note", "n" * 601, "the limit is 600"),
    ],
)
def test_one_bad_cell_among_many_clean_rows_is_named(raqqa, column, cell, message):
    rows = pd.read_csv(raqqa.folder / "reports.csv", dtype=str, keep_default_na=False)
    last = rows.index[-1]
    rows.loc[last, column] = cell

    _, problems = validate_city_reports(rows, raqqa, file="reports.csv")

    assert [(problem.location, problem.field) for problem in problems] == [
        (f"row {last + 2}", column)
    ]
    assert message in problems[0].message
