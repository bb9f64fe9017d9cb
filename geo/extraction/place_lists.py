"""Places wider than one district: the whole city, and districts named together.

"All of Raqqa", "the whole city", "70 percent of the city", "كامل مدينة الرقة"
name the city (``geo.places.WHOLE_CITY``); the city's bare name counts only
right next to a control word ("liberated Raqqa", "Raqqa is completely
liberated", "تحرير مدينة الرقة"), never as a location ("fighting in Raqqa").
Districts named together with one status ("Hittin, al-Yarmouk and al-Batani
were liberated") become one proposal whose place is their list.
"""

import bisect
import re
from dataclasses import replace

from geo.city import City
from geo.extraction.claim_cues import Cue, CueKind, partial_before
from geo.extraction.results import Proposal, Span
from geo.extraction.text_matching import DistrictMention, fold, fold_text
from geo.places import LIST_SEPARATOR, WHOLE_CITY

WHOLE_CITY_NAME = "the whole city"
_WHOLE_BEFORE = re.compile(
    r"(?:\b(?:all|the\s+whole|the\s+entire|whole|entire)(?:\s+of)?\s+(?:the\s+)?"
    r"|(?<!\w)(?:كامل|كل|عموم)\s+)$"
)
_SHARE_BEFORE = re.compile(
    r"\b(?:\d+\s*(?:%|percent|per\s+cent)|most|much|parts?|half)\s+of\s+"
    r"(?:the\s+)?$|(?<!\w)(?:\d+\s*(?:%|بالمئه|في\s+المئه)\s+من|معظم|اغلب|نصف"
    r"|اجزاء\s+من)\s+$"
)
_GENERIC_CITY = re.compile(r"\b(?:the\s+)?city\b|(?<!\w)المدينه(?!\w)")
_WHOLE_AFTER = re.compile(r"^\s+(?:بالكامل|كامل[اه]?|كلها)(?!\w)")
_BARE_BEFORE = re.compile(
    r"^\s*(?:(?:of|over|on|to)\s+)?(?:the\s+(?:city|town)\s+of\s+)?(?:على\s+|من\s+)?$"
)
_BARE_AFTER = re.compile(
    r"^\s*(?:city\s+)?(?:(?:is|was|has|had|been|now|completely|fully|entirely"
    r"|totally|finally|officially)\s+)*$"
)
_COORDINATION = re.compile(
    r"^(?:\s|,|،|&|\b(?:and|as\s+well\s+as|the|of|nearby|neighbou?ring|adjacent"
    r"|districts?|neighbou?rhoods?|areas?)\b|(?<!\w)(?:و|حيي?|احياء|المجاور\w*)(?!\w))*$"
)
_COORDINATED_PREPOSITION = re.compile(r"\band\s+(?:in|at|inside)\s+")
_BARE_GAP = 25
_LOOK_BEHIND = 30


def _named_city(city_name: str) -> re.Pattern[str]:
    name = re.escape(fold(city_name))
    return re.compile(
        rf"\bthe\s+city\s+of\s+{name}\b|\b{name}(?:\s+city)?\b|(?<!\w)مدينه\s+\w+"
    )


def find_city_mentions(text: str, city_name: str) -> list[DistrictMention]:
    """Every place in ``text`` where the whole city, or a share of it, is named.

    "the city" counts only with a word for all or a share of it right before
    ("the whole city", "70 percent of the city"); the city's name counts
    alone too, as ``by_name_only``, for ``names_the_city`` to judge.
    """
    folded = fold_text(text)
    found = [(match, True) for match in _named_city(city_name).finditer(folded.folded)]
    found += [(match, False) for match in _GENERIC_CITY.finditer(folded.folded)]
    mentions = []
    for match, named in found:
        start, end = folded.original_span(*match.span())
        window = max(0, match.start() - _LOOK_BEHIND)
        whole = _WHOLE_BEFORE.search(folded.folded, window, match.start())
        after = _WHOLE_AFTER.match(folded.folded, match.end())
        share = _SHARE_BEFORE.search(folded.folded, window, match.start())
        if whole:
            start = folded.original_span(whole.start(), whole.end())[0]
        if after:
            end = folded.original_span(after.start(), after.end())[1]
        bare = not (whole or after or share or (named and partial_before(text, start)))
        if bare and not named:
            continue
        mentions.append(
            DistrictMention(
                WHOLE_CITY,
                start,
                end,
                text[start:end],
                WHOLE_CITY_NAME,
                100.0,
                False,
                by_name_only=bare,
            )
        )
    return sorted(mentions, key=lambda mention: mention.start)


def with_city_mentions(
    districts: list[DistrictMention], city: list[DistrictMention]
) -> list[DistrictMention]:
    """District mentions and city mentions together; a district's name wins."""
    starts = [mention.start for mention in districts]
    kept = []
    for mention in city:
        nearest = bisect.bisect_left(starts, mention.end)
        overlapping = any(
            other.end > mention.start and other.start < mention.end
            for other in districts[max(0, nearest - 2) : nearest]
        )
        if not overlapping:
            kept.append(mention)
    return sorted([*districts, *kept], key=lambda mention: mention.start)


def names_the_city(sentence: str, mention: DistrictMention, cue: Cue) -> bool:
    """Whether the city's bare name is what the control word is about."""
    if cue.kind not in (CueKind.HELD, CueKind.RETAKEN):
        return False
    if cue.end <= mention.start:
        gap = sentence[cue.end : mention.start]
        return len(gap) <= _BARE_GAP and bool(_BARE_BEFORE.match(fold(gap)))
    gap = sentence[mention.end : cue.start]
    return len(gap) <= _BARE_GAP and bool(_BARE_AFTER.match(fold(gap)))


def _coordinated(text: str, first: Proposal, second: Proposal) -> bool:
    gap = fold(text[first.district_name.end : second.district_name.start])
    gap = _COORDINATED_PREPOSITION.sub(" and ", gap)
    return bool(_COORDINATION.match(gap))


def _same_reading(first: Proposal, second: Proposal) -> bool:
    first_row, second_row = first.row(), second.row()
    first_row.pop("district_id")
    second_row.pop("district_id")
    return (
        first_row == second_row
        and first.status_cue == second.status_cue
        and first.denial_target == second.denial_target
        and WHOLE_CITY not in (first.district_id, second.district_id)
    )


def group_districts(proposals: list[Proposal], text: str, city: City) -> list[Proposal]:
    """One proposal for districts named together with the same reading.

    ``proposals`` are one sentence's, in text order; its districts are merged
    when they share the status word, day, actor, extent, kind and source and
    only "and", commas or "the nearby" stand between their names.
    """
    groups: list[list[Proposal]] = []
    for proposal in proposals:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and _same_reading(last, proposal)
            and _coordinated(text, last, proposal)
        ):
            groups[-1].append(proposal)
        else:
            groups.append([proposal])
    return [
        _merged(group, text, city) if len(group) > 1 else group[0] for group in groups
    ]


def _merged(group: list[Proposal], text: str, city: City) -> Proposal:
    first, last = group[0], group[-1]
    ids = LIST_SEPARATOR.join(proposal.district_id for proposal in group)
    start, end = first.district_name.start, last.district_name.end
    return replace(
        first,
        district_id=city.place(ids).text,
        district_name=Span(start, end, text[start:end]),
        confidence=min(proposal.confidence for proposal in group),
        reasons=(
            *first.reasons,
            f"one status for {len(group)} districts named together",
        ),
    )
