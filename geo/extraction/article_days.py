"""Reading the day a sentence is about, relative to the day the article was published.

"On Tuesday" in an article published on a Tuesday is that Tuesday; "last Thursday"
is the Thursday before the publication day; "yesterday", "6 June", "June 6, 2017",
"since last week" (week precision) and their Arabic forms ("أمس", "يوم الثلاثاء",
"الأسبوع الماضي", "6 حزيران") are understood too. A phrase that would put the day
after publication ("next week") is ignored: an article cannot report the future.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from geo.extraction.text_matching import FoldedText, fold_text, longest_first
from geo.status import DatePrecision
from geo.wording import counted

WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
ARABIC_WEEKDAYS = (
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "الاحد",
)
_MONTHS = {
    **{
        name: number
        for number, name in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
    **{
        short: number
        for number, short in enumerate(
            ("jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov"),
            start=1,
        )
        if short
    },
    "sept": 9,
    "dec": 12,
}
MONTH_NAMES = frozenset(_MONTHS)
"""English month names and their short forms, lower case."""
_ARABIC_MONTHS = {
    "كانون الثاني": 1,
    "يناير": 1,
    "شباط": 2,
    "فبراير": 2,
    "اذار": 3,
    "مارس": 3,
    "نيسان": 4,
    "ابريل": 4,
    "ايار": 5,
    "مايو": 5,
    "حزيران": 6,
    "يونيو": 6,
    "تموز": 7,
    "يوليو": 7,
    "اب": 8,
    "اغسطس": 8,
    "ايلول": 9,
    "سبتمبر": 9,
    "تشرين الاول": 10,
    "اكتوبر": 10,
    "تشرين الثاني": 11,
    "نوفمبر": 11,
    "كانون الاول": 12,
    "ديسمبر": 12,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ARABIC_MONTH = "|".join(sorted(_ARABIC_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_ARABIC_WEEKDAY = "|".join(ARABIC_WEEKDAYS)
_ORDINAL = r"(?:st|nd|rd|th)?"
_AHEAD_DAYS = 31
_AFTER_CLITIC = r"(?<![^\W_وف])"
"""Start of an Arabic word, which may carry "و" (and) or "ف" (so) in front."""
_YEAR = re.compile(
    r"(?<![\d,.])(?:(?:19|20)\d\d|(?:(?<=in )|(?<=of )|(?<=since ))1\d{3})(?!\d)"
)
"""A year: 19xx or 20xx, or an older one after "in", "of", "since" ("in 1187")."""


@dataclass(frozen=True)
class DayExpression:
    """A phrase in a text that names a day, and the day it names."""

    start: int
    end: int
    written: str
    day: date
    precision: DatePrecision
    explanation: str


def weekday_on_or_before(published: date, weekday: int, *, strictly: bool) -> date:
    """The latest ``weekday`` (Monday is 0) on or before ``published``.

    ``strictly`` ("last Tuesday") skips the publication day itself.
    """
    back = (published.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return published - timedelta(days=back)


def _in_year_before(published: date, month: int, day: int, year: int | None) -> date:
    """The year of a day named without one: the publication year, or the one before.

    The year before only for a day more than a month after publication ("30
    December" in a January article); a day a few weeks ahead stays ahead, and
    is then ignored.
    """
    if year is not None:
        return date(year, month, day)
    candidate = date(published.year, month, day)
    if candidate - published > timedelta(days=_AHEAD_DAYS):
        candidate = date(published.year - 1, month, day)
    return candidate


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_start(day: date) -> date:
    return day.replace(day=1)


_Resolved = tuple[date, DatePrecision, str]
_Resolver = Callable[[re.Match[str], date], _Resolved]


def _explicit_day_month(match: re.Match[str], published: date) -> _Resolved:
    day, month, year = match.group("day", "month", "year")
    months = _ARABIC_MONTHS if month in _ARABIC_MONTHS else _MONTHS
    resolved = _in_year_before(
        published, months[month], int(day), int(year) if year else None
    )
    return resolved, DatePrecision.DAY, "a date written out"


def _iso(match: re.Match[str], published: date) -> _Resolved:
    year, month, day = (int(part) for part in match.group("year", "month", "day"))
    return date(year, month, day), DatePrecision.DAY, "an ISO date"


def _month_only(match: re.Match[str], published: date) -> _Resolved:
    month, year = match.group("month", "year")
    resolved = _in_year_before(
        published, _MONTHS[month], 1, int(year) if year else None
    )
    return resolved, DatePrecision.MONTH, "a month without a day"


def _days_back(days: int, explanation: str) -> _Resolver:
    def resolve(match: re.Match[str], published: date) -> _Resolved:
        return published - timedelta(days=days), DatePrecision.DAY, explanation

    return resolve


def _days_ago(match: re.Match[str], published: date) -> _Resolved:
    count = match.group("count")
    days = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    return published - timedelta(days=days), DatePrecision.DAY, f"{days} days before"


def _weeks_ago(match: re.Match[str], published: date) -> _Resolved:
    count = match.group("count")
    weeks = (
        1
        if count in {"a", "one"}
        else (int(count) if count.isdigit() else _NUMBER_WORDS[count])
    )
    day = published - timedelta(days=7 * weeks)
    return day, DatePrecision.WEEK, f"{counted(weeks, 'week')} before publication"


def _weekday(match: re.Match[str], published: date) -> _Resolved:
    name, qualifier = match.group("weekday", "qualifier")
    weekdays = ARABIC_WEEKDAYS if name in ARABIC_WEEKDAYS else WEEKDAYS
    strictly = bool(qualifier) and qualifier.strip() in {"last", "الماضي", "المنصرم"}
    day = weekday_on_or_before(published, weekdays.index(name), strictly=strictly)
    which = "the one before" if strictly else "the latest on or before"
    return day, DatePrecision.DAY, f"weekday, {which} the publication day"


def _last_week(match: re.Match[str], published: date) -> _Resolved:
    start = _week_start(published) - timedelta(days=7)
    return start, DatePrecision.WEEK, "the week before publication (its Monday)"


def _this_week(match: re.Match[str], published: date) -> _Resolved:
    return _week_start(published), DatePrecision.WEEK, "the week of publication"


def _past_week(match: re.Match[str], published: date) -> _Resolved:
    start = published - timedelta(days=7)
    return start, DatePrecision.WEEK, "the seven days before publication"


def _weekend(match: re.Match[str], published: date) -> _Resolved:
    saturday = weekday_on_or_before(published, 5, strictly=True)
    return saturday, DatePrecision.WEEK, "the weekend before publication"


def _last_month(match: re.Match[str], published: date) -> _Resolved:
    start = _month_start(_month_start(published) - timedelta(days=1))
    return start, DatePrecision.MONTH, "the month before publication"


def _this_month(match: re.Match[str], published: date) -> _Resolved:
    return _month_start(published), DatePrecision.MONTH, "the month of publication"


_PATTERNS: tuple[tuple[re.Pattern[str], _Resolver], ...] = tuple(
    (re.compile(pattern), resolver)
    for pattern, resolver in (
        (r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b", _iso),
        (
            rf"\b(?P<day>\d{{1,2}}){_ORDINAL}(?:\s+of)?\s+(?P<month>{_MONTH})\b"
            r"(?:,?\s+(?P<year>\d{4})\b)?",
            _explicit_day_month,
        ),
        (
            rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b"
            r"(?:,?\s+(?P<year>\d{4})\b)?",
            _explicit_day_month,
        ),
        (
            rf"{_AFTER_CLITIC}(?P<day>\d{{1,2}})\s+(?:من\s+)?(?P<month>{_ARABIC_MONTH})(?!\w)"
            rf"(?:\s*/\s*(?:{_ARABIC_MONTH})(?!\w))?"
            r"(?:\s+(?:عام\s+|سنه\s+)?(?P<year>\d{4})\b)?",
            _explicit_day_month,
        ),
        (
            rf"\bin\s+(?:early\s+|mid-?|late\s+)?(?P<month>{_MONTH})\b"
            r"(?:\s+(?P<year>\d{4})\b)?",
            _month_only,
        ),
        (r"\b(?:the\s+)?day\s+before\s+yesterday\b", _days_back(2, "two days before")),
        (r"(?<!\w)اول\s+(?:من\s+)?امس(?!\w)", _days_back(2, "two days before")),
        (r"\byesterday\b|\blast\s+night\b", _days_back(1, "the day before")),
        (r"(?<!\w)(?:[وف]?امس|البارحه)(?!\w)", _days_back(1, "the day before")),
        (
            r"\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b"
            r"|\btonight\b|(?<!\w)[و]?اليوم(?!\w)",
            _days_back(0, "the publication day"),
        ),
        (
            r"\b(?P<count>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
            r"\s+days?\s+ago\b",
            _days_ago,
        ),
        (
            r"\b(?P<count>\d|a|one|two|three|four|five|six)\s+weeks?\s+ago\b",
            _weeks_ago,
        ),
        (
            rf"\b(?:(?P<qualifier>last|this|on|since|early|late)\s+)?"
            rf"(?P<weekday>{_WEEKDAY})s?\b",
            _weekday,
        ),
        (
            rf"{_AFTER_CLITIC}(?:يوم\s+)?(?P<weekday>{_ARABIC_WEEKDAY})(?!\w)"
            r"(?:\s+(?P<qualifier>الماضي|المنصرم))?",
            _weekday,
        ),
        (
            r"\b(?:since\s+)?(?:last|the\s+previous)\s+week\b"
            r"|(?<!\w)(?:منذ\s+)?الاسبوع\s+(?:الماضي|المنصرم)(?!\w)",
            _last_week,
        ),
        (
            r"\b(?:earlier\s+)?this\s+week\b|(?<!\w)(?:هذا|مطلع)\s+الاسبوع(?!\w)",
            _this_week,
        ),
        (
            r"\b(?:the\s+|over\s+the\s+)?(?:past|last)\s+(?:few\s+days|seven\s+days)\b"
            r"|\b(?:the\s+|over\s+the\s+)past\s+week\b|\bin\s+recent\s+days\b"
            r"|(?<!\w)(?:في\s+)?الايام\s+الاخيره(?!\w)",
            _past_week,
        ),
        (r"\b(?:over\s+the|last|this\s+past)\s+weekend\b", _weekend),
        (r"\blast\s+month\b|(?<!\w)الشهر\s+(?:الماضي|المنصرم)(?!\w)", _last_month),
        (r"\b(?:earlier\s+)?this\s+month\b|(?<!\w)هذا\s+الشهر(?!\w)", _this_month),
    )
)
_NEXT = re.compile(r"\b(?:next|coming|following)\s+$")
_ARABIC_NEXT = re.compile(r"\s+(?:المقبل|القادم)(?!\w)")


def _names_future(folded: str, match: re.Match[str]) -> bool:
    """Whether the phrase is about a coming day ("next Tuesday", "الخميس المقبل")."""
    return bool(
        _NEXT.search(folded[: match.start()]) or _ARABIC_NEXT.match(folded, match.end())
    )


def _month_written_as_name(text: FoldedText, match: re.Match[str]) -> bool:
    """English month names count only when capitalised ("May 6", not "may")."""
    month = match.groupdict().get("month")
    if month is None or month not in _MONTHS:
        return True
    start, _ = text.original_span(match.start("month"), match.end("month"))
    return text.original[start].isupper()


def find_day_expressions(text: str, published: date) -> list[DayExpression]:
    """Every phrase in ``text`` that names a day, resolved against ``published``.

    Phrases never overlap (the longest wins) and none is after ``published``.
    """
    folded = fold_text(text)
    found: list[DayExpression] = []
    for pattern, resolver in _PATTERNS:
        for match in pattern.finditer(folded.folded):
            if _names_future(folded.folded, match):
                continue
            if not _month_written_as_name(folded, match):
                continue
            try:
                day, precision, explanation = resolver(match, published)
            except ValueError:
                continue
            if day > published:
                continue
            start, end = folded.original_span(*match.span())
            found.append(
                DayExpression(start, end, text[start:end], day, precision, explanation)
            )
    return longest_first(found)


def find_years(text: str) -> list[tuple[int, int, int]]:
    """Every year written in ``text`` as (start, end, year), e.g. "in 2014"."""
    return [
        (match.start(), match.end(), int(match.group()))
        for match in _YEAR.finditer(text)
    ]
