"""Reports as spreadsheet files: check an uploaded CSV, and write reports for Excel.

Uploads come from Excel, LibreOffice or Google Sheets on any system, so nothing is
guessed: the user states the encoding and the date order, a byte order mark
overrides the stated encoding, and every cell that cannot be read exactly is a
``Problem`` naming its row and field. Exports are UTF-8 with a byte order mark (so
Excel shows Arabic) and formula-neutralised; importing an export gives back the
same reports.
"""

import codecs
import csv
import io
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pandas as pd

from geo.city import City
from geo.escaping import spreadsheet_cell, spreadsheet_cell_restored
from geo.problems import Problem
from geo.schema import (
    REPORT_COLUMNS,
    row_location,
    spreadsheet_row,
    validate_city_reports,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
"""Largest accepted upload: about ten thousand reports, far more than one desk adds."""
DATE_FIELDS = ("date", "published")
_DELIMITERS = (",", ";", "\t")
_MONTHS = 12
_UTF16_BOMS = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}

_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
_MONTH_ONLY = re.compile(r"\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4}")


class DateOrder(StrEnum):
    """How the uploaded file writes its days, as the user states it."""

    ISO = "iso"
    DAY_FIRST = "day_first"

    @property
    def label(self) -> str:
        """How a person recognises this order, with an example."""
        return {
            DateOrder.ISO: "year-month-day (2017-07-03)",
            DateOrder.DAY_FIRST: "day/month/year (03/07/2017)",
        }[self]


class TextEncoding(StrEnum):
    """The encodings a user may pick for an upload (values are Python codec names)."""

    UTF_8 = "utf-8"
    UTF_16 = "utf-16"
    WINDOWS_1256 = "cp1256"

    @property
    def label(self) -> str:
        """The name a user knows: "UTF-8", "UTF-16", "Windows-1256"."""
        return _ENCODING_LABELS[self]

    @property
    def hint(self) -> str:
        """Which programs write it, phrased as when to choose it."""
        return _ENCODING_HINTS[self]


_ENCODING_LABELS = {
    TextEncoding.UTF_8: "UTF-8",
    TextEncoding.UTF_16: "UTF-16",
    TextEncoding.WINDOWS_1256: "Windows-1256",
}
_ENCODING_HINTS = {
    TextEncoding.UTF_8: "saved as Excel 'CSV UTF-8', by Google Sheets or "
    "LibreOffice? choose UTF-8",
    TextEncoding.UTF_16: "saved as Excel 'Unicode Text'? choose UTF-16",
    TextEncoding.WINDOWS_1256: "saved by Excel on Arabic Windows? choose Windows-1256",
}


class DayError(ValueError):
    """A date cell that cannot be read as one day; the message says what to do."""


@dataclass(frozen=True)
class ImportPreview:
    """What an upload would store, and every problem that stops it.

    ``reports`` holds the rows without problems, in the schema (``date`` as a
    ``datetime.date``), indexed by spreadsheet row number. Store only when
    ``ready_to_store``: then it holds every row of the file, since a write is whole
    or nothing and a denial may name a row that failed.
    """

    reports: pd.DataFrame
    problems: tuple[Problem, ...]
    encoding: TextEncoding | None
    ignored_columns: tuple[str, ...] = ()

    @property
    def ready_to_store(self) -> bool:
        """True when the file has reports and no problem at all."""
        return not self.problems and not self.reports.empty


def read_day(text: str, order: DateOrder) -> date:
    """Read a date cell written in the stated order; raise ``DayError`` if unsure.

    Year-first days (2017-07-03) are read in either order, since they cannot be
    misread; ``day_first`` also takes 3/7/2017, 03.07.2017 and 03-07-2017.
    """
    year_first = _YEAR_FIRST.fullmatch(text)
    day_first = _DAY_FIRST.fullmatch(text)
    if year_first:
        year, month, day = year_first.group(1, 3, 4)
    elif day_first and order == DateOrder.DAY_FIRST:
        day, month, year = day_first.group(1, 3, 4)
    elif day_first:
        raise DayError(
            f"'{text}' is not written year-month-day (YYYY-MM-DD); if the file "
            "writes days as day/month/year, choose that date order when uploading"
        )
    elif _MONTH_ONLY.fullmatch(text):
        raise DayError(
            f"'{text}' gives only a month; give a full day (such as the first of "
            "the month) and set date_precision to 'month'"
        )
    elif _SHORT_YEAR.fullmatch(text):
        raise DayError(f"'{text}' has a two-digit year; write the year in full")
    else:
        expected = "YYYY-MM-DD" if order == DateOrder.ISO else "day/month/year"
        raise DayError(f"'{text}' is not a day written {expected}")
    try:
        return date(int(year), int(month), int(day))
    except ValueError as error:
        hint = (
            "; is the file month/day/year? Only day/month/year and "
            "year-month-day are read"
            if order == DateOrder.DAY_FIRST and int(month) > _MONTHS
            else ""
        )
        raise DayError(f"'{text}' is not a real day ({error}){hint}") from None


def _size_problem(data: bytes, file: str) -> Problem | None:
    if len(data) <= MAX_IMPORT_BYTES:
        return None
    megabytes = len(data) / 1024 / 1024
    limit = MAX_IMPORT_BYTES / 1024 / 1024
    return Problem(
        file,
        "",
        "",
        f"is {megabytes:.1f} MB; the limit is {limit:.0f} MB: "
        "split it into smaller files",
    )


def _other_encodings(chosen: TextEncoding) -> str:
    return "; ".join(encoding.hint for encoding in TextEncoding if encoding != chosen)


def _decode(
    data: bytes, chosen: TextEncoding, file: str
) -> tuple[str, TextEncoding] | Problem:
    """Decode strictly, or say why not; a byte order mark decides by itself."""
    if data.startswith(codecs.BOM_UTF8):
        body, codec, encoding, by_mark = data[3:], "utf-8", TextEncoding.UTF_8, True
    elif data[:2] in _UTF16_BOMS:
        body, codec, by_mark = data[2:], _UTF16_BOMS[data[:2]], True
        encoding = TextEncoding.UTF_16
    else:
        body, codec, encoding, by_mark = data, chosen.value, chosen, False

    if encoding != TextEncoding.UTF_16 and b"\x00" in body:
        return Problem(
            file,
            "",
            "",
            "is not a text file (it contains NUL bytes); if it is an Excel "
            "workbook, save it as 'CSV UTF-8' first",
        )
    if encoding == TextEncoding.UTF_16 and not by_mark:
        return Problem(
            file,
            "line 1",
            "",
            "does not start with a UTF-16 byte order mark, so its byte order is "
            f"unknown; {_other_encodings(encoding)}",
        )
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        line = body[: error.start].decode(codec, errors="replace").count("\n") + 1
        advice = (
            "the file is damaged or cut short; save it again"
            if by_mark
            else _other_encodings(encoding)
        )
        return Problem(
            file,
            f"line {line}",
            "",
            f"cannot be read as {encoding.label}: {error.reason} "
            f"(bytes {body[error.start : error.end].hex(' ')}); {advice}",
        )
    if "\x00" in text:
        return Problem(file, "", "", "is not a text file (it contains NUL characters)")
    if encoding == TextEncoding.WINDOWS_1256 and _is_utf8_beyond_ascii(body):
        return Problem(
            file,
            "",
            "",
            "reads as UTF-8, so as Windows-1256 its Arabic letters would come out "
            "garbled; choose UTF-8",
        )
    return text, encoding


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    """True for valid UTF-8 with non-ASCII text: Windows-1256 Arabic almost never is."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def _delimiter(header_line: str, columns: Collection[str]) -> str:
    """The separator that splits the header into the most of the expected columns."""

    def known_columns(delimiter: str) -> int:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        return sum(cell.strip() in columns for cell in cells)

    return max(_DELIMITERS, key=known_columns)


def _read_rows(
    text: str, file: str, columns: Collection[str]
) -> tuple[list[str], list[list[str]], list[Problem]]:
    """Split text into a header and rows of cells, one row per spreadsheet row.

    An empty header means the file cannot be read as a table at all.
    """
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=_delimiter(first_line, columns),
        strict=True,
    )
    try:
        records = list(reader)
    except csv.Error as error:
        message = f"is not valid CSV ({error}); check the quotes on or before this line"
        return [], [], [Problem(file, f"line {reader.line_num}", "", message)]
    if not records or not any(cell.strip() for cell in records[0]):
        return [], [], [Problem(file, "", "", "is empty or has no header row")]
    header = [cell.strip() for cell in records[0]]
    named = [column for column in header if column]
    problems = [
        Problem(file, "header", column, "appears more than once")
        for column in sorted({column for column in named if named.count(column) > 1})
    ]
    problems += [
        Problem(
            file,
            row_location(index),
            "",
            f"has {len(cells)} cells but the header has {len(header)}; "
            "is a cell with a comma missing its quotes?",
        )
        for index, cells in enumerate(records[1:])
        if len(cells) > len(header)
    ]
    return header, records[1:], problems


def _table(header: list[str], records: list[list[str]]) -> pd.DataFrame:
    """Cells as text, apostrophes added by an export removed, blank rows dropped.

    The index stays each row's 0-based position, so row numbers match the sheet.
    """
    width = len(header)
    cells = [
        [spreadsheet_cell_restored(cell.strip()) for cell in row[:width]]
        + [""] * (width - len(row))
        for row in records
    ]
    table = pd.DataFrame(cells, columns=header, dtype=str)
    return table[table.ne("").any(axis=1)] if width else table


def _normalise_days(
    table: pd.DataFrame, order: DateOrder, file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Rewrite every date cell as YYYY-MM-DD; list the cells that cannot be read."""
    problems = []
    columns = {}
    for field in DATE_FIELDS:
        if field not in table.columns:
            continue
        cells = []
        for index, text in table[field].items():
            try:
                cells.append(read_day(text, order).isoformat() if text else "")
            except DayError as error:
                problems.append(Problem(file, row_location(index), field, str(error)))
                cells.append(text)
        columns[field] = cells
    return table.assign(**columns), problems


def _in_row_order(problems: Iterable[Problem], indexes: Iterable[int]) -> list[Problem]:
    """Sort problems: the file's own first, then by row, keeping order within a row."""
    order = {row_location(index): position for position, index in enumerate(indexes)}
    return sorted(problems, key=lambda problem: order.get(problem.location, -1))


def _nothing_read(problems: Iterable[Problem]) -> ImportPreview:
    return ImportPreview(pd.DataFrame(columns=REPORT_COLUMNS), tuple(problems), None)


def read_text_table(
    data: bytes,
    *,
    encoding: TextEncoding,
    file: str,
    columns: Collection[str] = REPORT_COLUMNS,
) -> tuple[pd.DataFrame | None, TextEncoding | None, list[Problem]]:
    """Decode an uploaded CSV and split it into text cells, one row per sheet row.

    ``columns`` are the expected column names, used to tell the separator
    (comma, semicolon or tab). The table is None when the file cannot be read as
    a table at all (undecodable, broken quoting, no or repeated header names).
    The index is each row's 0-based position, so ``row_location`` names it.
    """
    decoded = _decode(data, encoding, file)
    if isinstance(decoded, Problem):
        return None, None, [decoded]
    text, used = decoded
    header, records, problems = _read_rows(text, file, columns)
    if not header or any(problem.location == "header" for problem in problems):
        return None, used, problems
    return _table(header, records), used, problems


def read_report_table(
    data: bytes, *, encoding: TextEncoding, date_order: DateOrder, file: str
) -> tuple[pd.DataFrame | None, TextEncoding | None, list[Problem]]:
    """A reports CSV as text cells with every readable day rewritten YYYY-MM-DD.

    The first half of ``check_import``: it needs no city, so a new city's days
    and actors can be taken from its reports before they are checked against it.
    """
    size_problem = _size_problem(data, file)
    if size_problem:
        return None, None, [size_problem]
    table, used, problems = read_text_table(data, encoding=encoding, file=file)
    if table is None:
        return None, used, problems
    if table.empty:
        problems.append(Problem(file, "", "", "has a header but no reports"))
    table, day_problems = _normalise_days(table, date_order, file)
    return table, used, problems + day_problems


def check_import(
    data: bytes,
    *,
    encoding: TextEncoding,
    date_order: DateOrder,
    city: City,
    existing_report_ids: frozenset[str] = frozenset(),
    file: str = "uploaded file",
) -> ImportPreview:
    """Read an uploaded reports CSV and check every row against the city.

    Nothing is guessed: the encoding and date order are the user's, and every
    problem names its row (as the spreadsheet numbers it) and field.
    """
    table, used, problems = read_report_table(
        data, encoding=encoding, date_order=date_order, file=file
    )
    if table is None:
        return _nothing_read(problems)
    clean, checked = validate_city_reports(
        table, city, file=file, existing_report_ids=existing_report_ids
    )
    unreadable_days = {
        (problem.location, problem.field)
        for problem in problems
        if problem.field in DATE_FIELDS
    }
    problems += [
        problem
        for problem in checked
        if (problem.location, problem.field) not in unreadable_days
    ]
    if any(problem.location == "header" for problem in problems):
        return _nothing_read(problems)

    failed = {problem.location for problem in problems}
    clean.index = table.index
    clean = clean[[row_location(index) not in failed for index in clean.index]]
    clean.index = pd.Index(clean.index.map(spreadsheet_row), name="row")
    return ImportPreview(
        reports=clean,
        problems=tuple(_in_row_order(problems, table.index)),
        encoding=used,
        ignored_columns=tuple(
            column
            for column in table.columns
            if column and column not in REPORT_COLUMNS
        ),
    )


def _cell_text(value: object) -> str:
    if not isinstance(value, tuple | list) and pd.isna(value):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def spreadsheet_csv(table: pd.DataFrame) -> bytes:
    """Any table as CSV that Excel opens safely: UTF-8 with BOM, no live formulas."""
    cells = table.map(lambda value: spreadsheet_cell(_cell_text(value)))
    return cells.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def reports_csv(reports: pd.DataFrame) -> bytes:
    """Reports as a CSV to edit in a spreadsheet: schema columns first, extras after."""
    extra = [column for column in reports.columns if column not in REPORT_COLUMNS]
    return spreadsheet_csv(reports[[*REPORT_COLUMNS, *extra]])
