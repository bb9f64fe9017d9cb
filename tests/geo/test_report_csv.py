"""Uploading and downloading reports as spreadsheet CSV files.

Every note, source and Arabic text below is written for these tests.
"""

import codecs
import csv
import io
from datetime import date

import pandas as pd
import pytest

from geo.report_csv import (
    MAX_IMPORT_BYTES,
    DateOrder,
    DayError,
    TextEncoding,
    check_import,
    read_day,
    reports_csv,
)
from geo.schema import REPORT_COLUMNS
from tests.conftest import feature, report, square

ARABIC_NOTE = "ملاحظة تجريبية: نص للاختبار فقط"
"""Arabic test text ("test note: text for testing only")."""
WEST_ARABIC = "الغربي"
"""A made-up Arabic name for the test district "west" ("the western")."""

ARABIC_INDIC_DAY = "".join(
    chr(0x0660 + int(char)) if char.isdigit() else char for char in "2017-07-03"
)
"""2017-07-03 written with Arabic-Indic digits, as Arabic keyboards type them."""


def csv_text(rows: list[dict], columns=REPORT_COLUMNS, delimiter=",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=columns, delimiter=delimiter, lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def upload(
    city,
    data: bytes,
    encoding=TextEncoding.UTF_8,
    date_order=DateOrder.ISO,
    existing=frozenset(),
):
    return check_import(
        data,
        encoding=encoding,
        date_order=date_order,
        city=city,
        existing_report_ids=existing,
    )


def messages(preview) -> list[str]:
    return [str(problem) for problem in preview.problems]


@pytest.fixture
def city(make_city):
    features = [
        feature("west", square(0, 0), name_ar=WEST_ARABIC),
        feature("east", square(1, 0)),
    ]
    return make_city(
        [report("r1", "2020-01-02", "west", "held", actor="blue")], features
    )


ARABIC_ROWS = [
    report("n1", "2020-01-03", WEST_ARABIC, "held", actor="red", note=ARABIC_NOTE),
    report("n2", "2020-01-04", "east", "contested"),
]


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_utf8_with_or_without_bom_keeps_arabic_text(city, bom):
    preview = upload(city, bom + csv_text(ARABIC_ROWS).encode("utf-8"))

    assert messages(preview) == []
    assert preview.ready_to_store
    assert preview.reports["note"].iloc[0] == ARABIC_NOTE
    assert list(preview.reports["district_id"]) == ["west", "east"]
    assert list(preview.reports.index) == [2, 3]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read_even_when_another_encoding_was_chosen(city, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = csv_text(ARABIC_ROWS, delimiter="\t")  # Excel's "Unicode Text" uses tabs

    preview = upload(city, bom + text.encode(codec), encoding=TextEncoding.UTF_8)

    assert messages(preview) == []
    assert preview.encoding == TextEncoding.UTF_16
    assert preview.reports["note"].iloc[0] == ARABIC_NOTE


def test_utf16_without_bom_is_refused(city):
    data = csv_text(ARABIC_ROWS).encode("utf-16-le")

    preview = upload(city, data, encoding=TextEncoding.UTF_16)

    assert not preview.ready_to_store
    assert "does not start with a UTF-16 byte order mark" in messages(preview)[0]


def test_windows_1256_file_is_read_when_chosen(city):
    data = csv_text(ARABIC_ROWS).encode("cp1256")

    preview = upload(city, data, encoding=TextEncoding.WINDOWS_1256)

    assert messages(preview) == []
    assert preview.reports["note"].iloc[0] == ARABIC_NOTE
    assert preview.reports["district_id"].iloc[0] == "west"


def test_windows_1256_file_read_as_utf8_names_the_line_and_suggests_1256(city):
    rows = [report("n0", "2020-01-02", "east", "contested"), *ARABIC_ROWS]
    data = csv_text(rows).encode("cp1256")

    preview = upload(city, data, encoding=TextEncoding.UTF_8)

    assert preview.reports.empty
    [message] = messages(preview)
    assert message.startswith("uploaded file (line 3): cannot be read as UTF-8")
    assert "saved by Excel on Arabic Windows? choose Windows-1256" in message


def test_utf8_arabic_file_read_as_windows_1256_is_refused_not_garbled(city):
    data = csv_text(ARABIC_ROWS).encode("utf-8")

    preview = upload(city, data, encoding=TextEncoding.WINDOWS_1256)

    assert preview.reports.empty
    assert "reads as UTF-8" in messages(preview)[0]
    assert "choose UTF-8" in messages(preview)[0]


def test_binary_file_is_refused_as_not_text(city):
    workbook_start = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"

    preview = upload(city, workbook_start + bytes(range(256)))

    assert messages(preview) == [
        "uploaded file: is not a text file (it contains NUL bytes); if it is an "
        "Excel workbook, save it as 'CSV UTF-8' first"
    ]


def test_file_over_the_size_limit_is_refused_before_reading(city):
    data = csv_text(ARABIC_ROWS).encode("utf-8").ljust(MAX_IMPORT_BYTES + 1, b"\n")

    preview = upload(city, data)

    [message] = messages(preview)
    assert "the limit is 5 MB" in message
    assert "split it into smaller files" in message


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("2017-07-03", DateOrder.ISO),
        ("2017-07-03", DateOrder.DAY_FIRST),
        ("3/7/2017", DateOrder.DAY_FIRST),
        ("03.07.2017", DateOrder.DAY_FIRST),
        ("03-07-2017", DateOrder.DAY_FIRST),
        (ARABIC_INDIC_DAY, DateOrder.ISO),
    ],
)
def test_days_in_the_stated_order_are_read(text, order):
    assert read_day(text, order) == date(2017, 7, 3)


@pytest.mark.parametrize(
    ("text", "order", "hint"),
    [
        ("03/07/2017", DateOrder.ISO, "choose that date order when uploading"),
        ("2017-06", DateOrder.ISO, "set date_precision to 'month'"),
        ("06/2017", DateOrder.DAY_FIRST, "set date_precision to 'month'"),
        ("31/02/2017", DateOrder.DAY_FIRST, "is not a real day"),
        ("2017-02-31", DateOrder.ISO, "is not a real day"),
        ("07/31/2017", DateOrder.DAY_FIRST, "is the file month/day/year?"),
        ("3/7/17", DateOrder.DAY_FIRST, "two-digit year"),
        ("3 July 2017", DateOrder.ISO, "is not a day written YYYY-MM-DD"),
    ],
)
def test_ambiguous_partial_or_impossible_days_are_refused(text, order, hint):
    with pytest.raises(DayError, match=hint.replace("?", r"\?")):
        read_day(text, order)


def test_day_first_upload_stores_iso_days(city):
    rows = [
        report("n1", "3/1/2020", "west", "contested", published="04.01.2020"),
        report("n2", "03-01-2020", "east", "contested"),
    ]

    preview = upload(
        city, csv_text(rows).encode("utf-8"), date_order=DateOrder.DAY_FIRST
    )

    assert messages(preview) == []
    assert list(preview.reports["date"]) == [date(2020, 1, 3)] * 2
    assert list(preview.reports["published"]) == ["2020-01-04", ""]


def test_day_month_cell_in_an_iso_upload_is_one_problem_with_the_hint(city):
    rows = [
        report("n1", "2020-01-03", "west", "contested"),
        report("n2", "03/01/2020", "east", "contested", published="2020-01"),
    ]

    preview = upload(city, csv_text(rows).encode("utf-8"))

    assert messages(preview) == [
        "uploaded file (row 3, date): '03/01/2020' is not written year-month-day "
        "(YYYY-MM-DD); if the file writes days as day/month/year, choose that date "
        "order when uploading",
        "uploaded file (row 3, published): '2020-01' gives only a month; give a full "
        "day (such as the first of the month) and set date_precision to 'month'",
    ]
    assert list(preview.reports["report_id"]) == ["n1"]
    assert not preview.ready_to_store


def test_row_numbers_match_the_spreadsheet_across_blank_and_multiline_rows(city):
    rows = [
        report(
            "n1", "2020-01-03", "west", "contested", note="Test note,\non two lines"
        ),
        dict.fromkeys(REPORT_COLUMNS, ""),
        report("n2", "2020-01-04", "wset", "contested"),
    ]

    preview = upload(city, csv_text(rows).encode("utf-8"))

    assert messages(preview) == [
        "uploaded file (row 4, district_id): unknown district 'wset'; "
        "did you mean west?"
    ]
    assert list(preview.reports.index) == [2]


def test_report_id_already_stored_is_refused_with_where_to_edit_it(city):
    rows = [report("r1", "2020-01-05", "east", "contested")]

    preview = upload(city, csv_text(rows).encode("utf-8"), existing=frozenset({"r1"}))

    assert messages(preview) == [
        "uploaded file (row 2, report_id): 'r1' is already stored; "
        "edit it on the reports page instead"
    ]


def test_denial_may_name_a_stored_report_but_not_an_unknown_one(city):
    rows = [
        report("n1", "2020-01-05", "west", "", kind="denial", denies="r1"),
        report("n2", "2020-01-05", "west", "", kind="denial", denies="r9"),
    ]

    preview = upload(city, csv_text(rows).encode("utf-8"), existing=frozenset({"r1"}))

    assert messages(preview) == [
        "uploaded file (row 3, denies): 'r9' is not a report id in this file "
        "or among the stored reports"
    ]
    assert list(preview.reports["report_id"]) == ["n1"]


def test_columns_that_are_not_stored_are_named(city):
    rows = [{**report("n1", "2020-01-05", "west", "contested"), "editor": "test"}]

    preview = upload(city, csv_text(rows, [*REPORT_COLUMNS, "editor"]).encode())

    assert preview.ready_to_store
    assert preview.ignored_columns == ("editor",)


def test_missing_column_stops_the_import(city):
    data = b"report_id,date\nn1,2020-01-05\n"

    preview = upload(city, data)

    assert preview.reports.empty
    assert "missing columns: date_precision, district_id" in messages(preview)[0]


FORMULA_NOTES = [
    '=HYPERLINK("https://example.org","test")',
    "-test note starting with a minus",
    "+test note starting with a plus",
    "@test note starting with an at sign",
    "'=test note that already starts with an apostrophe",
    "'test note with a plain leading apostrophe",
    ARABIC_NOTE,
]


def test_export_then_import_gives_back_the_same_reports(make_city):
    rows = [
        report(f"t{number}", "2020-01-03", "west", "contested", note=note)
        for number, note in enumerate(FORMULA_NOTES)
    ]
    rows.append(report("t9", "2020-01-04", "west", "", kind="denial", denies="t1"))
    stored = make_city(rows)

    preview = upload(stored, reports_csv(stored.reports))

    assert messages(preview) == []
    pd.testing.assert_frame_equal(
        preview.reports.reset_index(drop=True), stored.reports
    )


def test_raqqa_export_then_import_gives_back_the_same_reports(raqqa):
    preview = upload(raqqa, reports_csv(raqqa.reports))

    assert messages(preview) == []
    pd.testing.assert_frame_equal(preview.reports.reset_index(drop=True), raqqa.reports)


def test_export_is_utf8_with_bom_and_neutralises_formulas(make_city):
    rows = [
        report(f"t{number}", "2020-01-03", "west", "contested", note=note)
        for number, note in enumerate(FORMULA_NOTES)
    ]
    reports = make_city(rows).reports.assign(editor="=test editor")

    data = reports_csv(reports)

    assert data.startswith(codecs.BOM_UTF8)
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == [*REPORT_COLUMNS, "editor"]
    notes = [row[REPORT_COLUMNS.index("note")] for row in table[1:]]
    assert notes == [
        '\'=HYPERLINK("https://example.org","test")',
        "'-test note starting with a minus",
        "'+test note starting with a plus",
        "'@test note starting with an at sign",
        "''=test note that already starts with an apostrophe",
        "'test note with a plain leading apostrophe",
        ARABIC_NOTE,
    ]
    assert {row[-1] for row in table[1:]} == {"'=test editor"}


def test_claims_about_several_districts_import_and_export_as_one_row_each(city):
    rows = [
        report("m1", "2020-01-03", f"east; {WEST_ARABIC}", "held", actor="red"),
        report("m2", "2020-01-04", "CITY except West", "contested"),
        report("m3", "2020-01-05", "unplaced: the five northern quarters", "held"),
    ]
    rows[2]["actor"] = "blue"

    preview = upload(city, csv_text(rows).encode("utf-8"))
    exported = list(csv.DictReader(io.StringIO(reports_csv(preview.reports).decode())))

    assert messages(preview) == []
    assert list(preview.reports["district_id"]) == [
        "east; west",
        "city except west",
        "unplaced: the five northern quarters",
    ]
    assert [row["district_id"] for row in exported] == list(
        preview.reports["district_id"]
    )


def test_a_place_that_cannot_be_read_is_named_by_row_and_field(city):
    rows = [report("m1", "2020-01-03", "city except west; east", "contested")]

    preview = upload(city, csv_text(rows).encode("utf-8"))

    assert messages(preview) == [
        "uploaded file (row 2, district_id): 'city except west; east' leaves no "
        "district: the 'except' covers all"
    ]
    assert not preview.ready_to_store
