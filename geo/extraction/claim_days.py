"""When a claim is: the day it is about, or the reason it is history, not news.

A mention's day is the nearest day expression in its clause, else in its
sentence, else the publication day. A mention in a sentence about an earlier
year, or in a note on the place's past, is history and gives no claim.
"""

from datetime import date

from geo.extraction.article_days import DayExpression, find_years
from geo.extraction.claim_cues import Cue, appositive_span, history_words
from geo.extraction.text_matching import DistrictMention

_YEAR_AFTER_NAME = 30
"""A year this close after a name, in its clause, dates it ("Hittin in 1187")."""
HISTORY_DAYS = 90
"""A day named this long before publication is history, not news of the fighting."""


def day_for(
    expressions: list[DayExpression],
    mention: DistrictMention,
    clause: tuple[int, int],
) -> tuple[DayExpression | None, float, str]:
    """The day expression a mention's claim is about, with its weight and reason.

    The nearest expression in the mention's clause, else in its sentence; with
    none, the publication day is assumed (a sentence without a day usually
    reports the state of things when the article was written).
    """
    same_clause = [item for item in expressions if clause[0] <= item.start < clause[1]]
    pool = same_clause or expressions
    if not pool:
        return None, -0.2, "no day named: the publication day is assumed"
    nearest = min(pool, key=lambda item: abs(item.start - mention.start))
    return nearest, 0.1, f"day from '{nearest.written}': {nearest.explanation}"


def history_reason(
    sentence: str,
    mention: DistrictMention,
    clause: tuple[int, int],
    past: list[tuple[int, int, str]],
    published: date,
) -> str:
    """Why a mention is about the past rather than the fighting, or "".

    A year before publication in the mention's appositive ("…, a prison in
    2014"), anywhere before it or just after it in its clause ("Hittin in 1187"),
    or "years ago", "before the war" in its clause.
    """
    appositive = appositive_span(sentence, mention.end)
    for start, _, year in find_years(sentence):
        if year >= published.year:
            continue
        if appositive and appositive[0] <= start < appositive[1]:
            return f"described in the past ({year}), not as a place being fought over"
        if start < mention.end or (
            start - mention.end <= _YEAR_AFTER_NAME and start < clause[1]
        ):
            return f"the sentence is about {year}, not the fighting"
    for start, _, words in past:
        if clause[0] <= start < mention.start:
            return f"the sentence is about the past ('{words}')"
    return ""


def described_in_the_past(sentence: str, mention: DistrictMention, cue: Cue) -> str:
    """Why a cue in a note on the place's past ("…, where IS once held") is no claim.

    Returns "" when the cue is not inside such a note.
    """
    appositive = appositive_span(sentence, mention.end)
    if not appositive or not appositive[0] <= cue.start < appositive[1]:
        return ""
    words = history_words(sentence[appositive[0] : appositive[1]])
    return f"described in the past ('{words}'), not fought over" if words else ""
