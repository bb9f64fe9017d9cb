"""Days on the timeline (``geo.days``): the calendar, its months, report days in it."""

from datetime import date
from itertools import pairwise

from geo.days import (
    calendar_days,
    format_day,
    latest_on_or_before,
    month_starts,
    report_day_on_or_before,
)

REPORT_DAYS = (date(2017, 7, 30), date(2017, 8, 1), date(2017, 8, 3))


def test_a_calendar_day_shows_the_latest_report_day_on_or_before_it():
    assert report_day_on_or_before(REPORT_DAYS, date(2017, 8, 2)) == date(2017, 8, 1)
    assert report_day_on_or_before(REPORT_DAYS, date(2017, 8, 3)) == date(2017, 8, 3)
    assert report_day_on_or_before(REPORT_DAYS, date(2017, 9, 1)) == date(2017, 8, 3)


def test_before_the_first_report_day_there_is_no_report_day_to_show():
    assert latest_on_or_before(REPORT_DAYS, date(2017, 7, 29)) is None
    assert report_day_on_or_before(REPORT_DAYS, date(2017, 7, 29)) == REPORT_DAYS[0]


def test_the_calendar_holds_every_day_from_first_to_last_once():
    days = calendar_days(date(2017, 6, 6), date(2017, 10, 20))

    assert days[0] == date(2017, 6, 6)
    assert days[-1] == date(2017, 10, 20)
    assert len(set(days)) == len(days) == 137
    assert all((later - earlier).days == 1 for earlier, later in pairwise(days))


def test_months_are_ticked_where_they_begin_and_a_new_year_by_its_number():
    days = calendar_days(date(2017, 11, 20), date(2018, 2, 10))

    ticks = month_starts(days)

    assert [days[index] for index, _ in ticks] == [
        date(2017, 12, 1),
        date(2018, 1, 1),
        date(2018, 2, 1),
    ]
    assert [name for _, name in ticks] == ["Dec", "2018", "Feb"]


def test_a_day_is_still_written_as_before():
    assert format_day(date(2017, 8, 1)) == "1 Aug 2017"
