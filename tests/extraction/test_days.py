"""Reading the day a sentence is about, relative to the publication day."""

from datetime import date

import pytest

from geo.extraction.article_days import find_day_expressions, weekday_on_or_before
from geo.status import DatePrecision

TUESDAY = date(2017, 6, 13)


def day_of(text: str, published: date = TUESDAY) -> tuple[date, DatePrecision, str]:
    found = find_day_expressions(text, published)
    assert len(found) == 1, found
    return found[0].day, found[0].precision, found[0].written


@pytest.mark.parametrize(
    ("text", "day", "written"),
    [
        ("The SDF said on Tuesday it captured al-Mashlab.", "2017-06-13", "on Tuesday"),
        ("Clashes erupted on Sunday.", "2017-06-11", "on Sunday"),
        ("Fighting resumed last Thursday.", "2017-06-08", "last Thursday"),
        ("The district fell last Tuesday.", "2017-06-06", "last Tuesday"),
        ("Clashes raged yesterday.", "2017-06-12", "yesterday"),
        ("It fell the day before yesterday.", "2017-06-11", "the day before yesterday"),
        ("Three days ago, clashes erupted.", "2017-06-10", "Three days ago"),
        ("It fell on 6 June.", "2017-06-06", "6 June"),
        ("It fell on June 9th, 2017.", "2017-06-09", "June 9th, 2017"),
        ("Dated 2017-06-10 in the log.", "2017-06-10", "2017-06-10"),
        ("Tuesday's clashes were heavy.", "2017-06-13", "Tuesday's"),
    ],
)
def test_english_day_expressions_resolve_against_publication(text, day, written):
    assert day_of(text)[0].isoformat() == day
    assert day_of(text)[2] == written


def test_since_last_week_is_a_week_starting_on_its_monday():
    day, precision, written = day_of("Fighting has raged since last week.")
    assert (day, precision, written) == (
        date(2017, 6, 5),
        DatePrecision.WEEK,
        "since last week",
    )


def test_a_month_without_a_day_has_month_precision():
    assert day_of("The siege began in May.")[:2] == (
        date(2017, 5, 1),
        DatePrecision.MONTH,
    )


def test_a_date_later_in_the_year_than_publication_is_last_year():
    assert day_of("It fell on 30 December.", date(2018, 1, 4))[0] == date(2017, 12, 30)


@pytest.mark.parametrize(
    "text",
    [
        "They may attack again.",
        "The offensive will resume next Tuesday.",
        "Nothing happened.",
        "They march on.",
    ],
)
def test_no_day_is_read_where_none_is_named(text):
    assert find_day_expressions(text, TUESDAY) == []


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("أعلنت قسد يوم الثلاثاء سيطرتها", date(2017, 6, 13), DatePrecision.DAY),
        ("اشتباكات عنيفة دارت أمس", date(2017, 6, 12), DatePrecision.DAY),
        ("نفى التنظيم الخميس الماضي سقوط الحي", date(2017, 6, 8), DatePrecision.DAY),
        ("في ٦ حزيران/يونيو ٢٠١٧", date(2017, 6, 6), DatePrecision.DAY),
        ("تدور اشتباكات منذ الأسبوع الماضي", date(2017, 6, 5), DatePrecision.WEEK),
    ],
)
def test_arabic_day_expressions(text, day, precision):
    assert day_of(text)[:2] == (day, precision)


def test_an_arabic_coming_day_is_ignored():
    assert find_day_expressions("هجوم متوقع الخميس المقبل", TUESDAY) == []


def test_weekday_on_or_before_counts_the_publication_day_unless_strict():
    assert weekday_on_or_before(TUESDAY, 1, strictly=False) == TUESDAY
    assert weekday_on_or_before(TUESDAY, 1, strictly=True) == date(2017, 6, 6)
    assert weekday_on_or_before(TUESDAY, 0, strictly=False) == date(2017, 6, 12)
