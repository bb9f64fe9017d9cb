"""Days on the timeline: how they are written, the calendar, and report days in it."""

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta


def format_day(day: date) -> str:
    """Write a day the way the dashboard shows it, e.g. "1 Aug 2017"."""
    return f"{day.day} {day:%b %Y}"


def format_month(day: date) -> str:
    """Name the month of ``day`` on a timeline's tick: "Aug"; January by its year.

    A timeline over a new year then says which year begins, in a tick's width.
    """
    return f"{day:%Y}" if day.month == 1 else f"{day:%b}"


def report_day_on_or_before(days: Sequence[date], requested: date) -> date:
    """The latest report day on or before ``requested``, else the first report day.

    ``days`` are sorted. On a day without reports the map shows the state of this
    report day; before the first report day there is none, so the first is used.
    """
    return latest_on_or_before(days, requested) or days[0]


def latest_on_or_before(days: Sequence[date], requested: date) -> date | None:
    """The latest of the sorted ``days`` on or before ``requested``, else None."""
    position = bisect_right(days, requested)
    return days[position - 1] if position else None


def calendar_days(first: date, last: date) -> tuple[date, ...]:
    """Every day from ``first`` to ``last``, both included."""
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


def month_starts(days: Sequence[date]) -> list[tuple[int, str]]:
    """Where each month begins among the consecutive ``days``: its index and name.

    The first day of a month is a tick; a timeline that starts mid-month gets no
    tick for that month, since it did not begin there.
    """
    return [
        (index, format_month(day)) for index, day in enumerate(days) if day.day == 1
    ]


def parse_day(text: str | None) -> date | None:
    """Read an ISO day (YYYY-MM-DD) from untrusted text, or None."""
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None
