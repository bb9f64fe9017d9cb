"""Days on the timeline: how they are written and how a requested day is snapped."""

from collections.abc import Sequence
from datetime import date


def format_day(day: date) -> str:
    """Write a day the way the dashboard shows it, e.g. "1 Aug 2017"."""
    return f"{day.day} {day:%b %Y}"


def report_day_on_or_before(days: Sequence[date], requested: date) -> date:
    """The latest report day on or before ``requested``, else the first report day.

    A shared link may name any day; the timeline stops only on report days.
    """
    earlier = [day for day in days if day <= requested]
    return earlier[-1] if earlier else days[0]


def parse_day(text: str | None) -> date | None:
    """Read an ISO day (YYYY-MM-DD) from untrusted text, or None."""
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None
