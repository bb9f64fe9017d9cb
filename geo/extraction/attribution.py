"""Who a sentence says is speaking: "X said", "said X", "according to X", "قال X".

The speaker is a short run of words next to the reporting verb: names, roles
("spokesman", "commander") and the words that join them ("a spokesman for the
SDF"). A pronoun ("he said") is returned as written, for the caller to resolve.
"""

import re
from dataclasses import dataclass

from geo.extraction.article_days import ARABIC_WEEKDAYS, MONTH_NAMES, WEEKDAYS
from geo.extraction.claim_cues import find_cues
from geo.extraction.text_matching import fold, fold_pattern, fold_text

_VERBS = re.compile(
    r"\b(?:said|says|say|told|tells|claimed|claims|announced|announces|stated|added"
    r"|reported|(?<!the )(?<!that )(?<!this )(?<!a )(?<!its )(?<!their )reports?"
    r"|denied|denies|dismissed|rejected|confirmed|insisted|wrote|posted"
    r"|declared|estimated|estimates|counted|withdrew|retracted|deleted|according\s+to"
    r"|(?:spoke|talked)\s+(?:by\s+(?:tele)?phone\s+)?(?:to|with)|interviewed)\b"
)
_NAMES_AFTER = re.compile(r"^(?:according|spoke|talked|interviewed)", re.IGNORECASE)
_ARABIC_VERBS = re.compile(
    fold_pattern(
        r"(?<![^\W_وف])[وف]?(?:قال|قالت|قاله|قالته|أعلن|أعلنت|أفاد|أفادت|ذكر|ذكرت|أكد|أكدت|نفى|نفت"
        r"|أضاف|أضافت|أوضح|أوضحت|تابع|تابعت|أحصى|أحصت|وثق|وثقت|قدر|قدرت"
        r"|زعم|زعمت|ادعى|ادعت|صرح|صرحت|أشار|أشارت|بحسب|حسب|وفقا\s+ل|نقلا\s+عن)(?!\w)"
    )
)
_ARABIC_PERFECT_SUBJECT = re.compile(
    r"(?<!\w)[وف]?(?:كان|كانت)\s+(?P<who>[^،,.\s][^،,.]{0,40}?)\s+قد\s+\S*$"
)
""""وكانت قسد قد أعلنت": the speaker stands before the verb."""
_WORD = re.compile(r"[^\W_][\w'’\-]*|[,،]")
_HARD_BOUNDARY = re.compile(r"[\"“”«»;:—–]|\bthat\b")
_COORDINATED_VERB = re.compile(
    r"^\W*(?P<subject>(?:(?:the|an?)\s+)?(?:[A-Z][\w'’\-.]*\s+){0,4}?"
    r"[A-Z][\w'’\-.]*)\s+[a-z]+(?:ed|s)\b[^;:\"“”]{0,160}\s+and\s*$"
)
""""The Observatory documented … and said": the speaker is the first verb's subject."""
_RELATIVE_CLAUSE = re.compile(
    r"(?:,\s+(?:a|an|the)\s+[\w'’\- ]{1,40}?)?,?\s+(?P<clause>(?:who|which|that)\s+"
    r"[^,;:\"“”]{1,80}),\s*$"
)
_ADVERBIAL_TAIL = re.compile(
    r"(?:\s+(?:on|late\s+on|early\s+on|last)\s+\w+(?:\s+(?:morning|afternoon|evening"
    r"|night))?|\s+(?:yesterday|today|earlier|later|also|again|now|still)"
    r"|\s+in\s+a\s+statement"
    r"|\s+(?:interviewed|quoted|contacted|reached|cited)\s+(?:by|in)\s+[^,;:]{1,60}"
    r"|\s+on\s+\w+\s+\w+)\s*,?\s*$",
    re.IGNORECASE,
)
_ROLE_TEXT = """
    spokesman spokeswoman spokesperson spokesmen commander commanders official
    officials officer officers source sources activist activists monitor monitors
    monitoring observatory group agency statement council media office centre center
    command coalition military field senior local head chief leader member members
    resident residents witness witnesses correspondent reporter news press channel
    outlet network campaign analyst analysts forces force army unit units ministry
    minister fighter fighters militia militants team general colonel representative
    website account organisation organization body war defence defense alliance
    authorities diplomats doctors medics journalist journalists refugee refugees
    humanitarian relief aid rights health worker workers
    """
ROLE_WORDS = frozenset(_ROLE_TEXT.split())
_CONNECTORS = frozenset(
    {"of", "for", "from", "the", "a", "an", "al", "el", "bin", "ibn"}
)
_ARTICLES = frozenset({"the", "a", "an"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_ATTACHED = ("-linked", "-led", "-backed", "-affiliated", "-run", "-allied")
_NOT_NAMES = frozenset(
    {
        *WEEKDAYS,
        *(month for month in MONTH_NAMES if len(month) > 3),
        "on",
        "in",
        "at",
        "after",
        "before",
        "by",
        "since",
        "yesterday",
        "today",
        "earlier",
        "later",
        "meanwhile",
        "but",
        "and",
        "the",
        "a",
        "an",
        "as",
        "when",
        "while",
    }
)
_ARABIC_STOP_TEXT = (
    "إن أن إنه أنه إنها أنها في يوم أمس اليوم عن على إلى بأن عبر خلال الماضي المنصرم"
)
_ARABIC_STOPS = frozenset(
    fold(word) for word in (*_ARABIC_STOP_TEXT.split(), *ARABIC_WEEKDAYS)
)
_ARABIC_SPEAKER_WORDS = 7


@dataclass(frozen=True)
class Attribution:
    """A speaker named in a sentence and the verb that names them."""

    speaker: str
    start: int
    end: int
    verb: str
    verb_start: int

    @property
    def is_pronoun(self) -> bool:
        """Whether the speaker is "he", "they", ... (to be resolved from context)."""
        return self.speaker.casefold() in _PRONOUNS


def _accepted(word: str) -> bool:
    """Whether a word can belong to a speaker phrase ("a spokesman for the SDF")."""
    lower = word.casefold().removesuffix("'s").removesuffix("’s")
    return (
        word[:1].isupper()
        or lower in ROLE_WORDS
        or lower in _CONNECTORS
        or lower.endswith(_ATTACHED)
        or word[:1].isdigit()
    )


def _is_name(word: str) -> bool:
    """Whether a word looks like part of a person's name ("Aras", "Hamo")."""
    return word[:1].isupper() and word.casefold() not in _NOT_NAMES


def _overlaps(start: int, end: int, avoid: list[tuple[int, int]]) -> bool:
    return any(
        start < other_end and other_start < end for other_start, other_end in avoid
    )


def _trim(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Drop commas and joining words at the edges, keeping a leading article."""
    while words and (
        words[0].group() in ",،"
        or (
            words[0].group().casefold() in _CONNECTORS
            and words[0].group().casefold() not in _ARTICLES
        )
    ):
        words = words[1:]
    while words and (
        words[-1].group() in ",،" or words[-1].group().casefold() in _CONNECTORS
    ):
        words = words[:-1]
    content = [word for word in words if word.group() not in ",،"]
    if not any(word.group().casefold() not in _CONNECTORS for word in content):
        return []
    return words


def _has_role(words: list[re.Match[str]]) -> bool:
    """Whether a phrase names a role ("an SDF commander", "a monitoring group")."""
    return any(
        word.group().casefold().removesuffix("'s") in ROLE_WORDS for word in words
    )


def _is_object_of_role(words: list[re.Match[str]]) -> bool:
    """Whether the last word ends "a spokeswoman for the alliance" (a role's object)."""
    if len(words) < 3:
        return False
    *rest, last = (word.group() for word in words[-4:])
    if last in ",،" or last.casefold() in _CONNECTORS:
        return False
    if rest and rest[-1].casefold() in _ARTICLES:
        rest = rest[:-1]
    return (
        len(rest) >= 2
        and rest[-1].casefold() in {"of", "for", "from"}
        and (rest[-2].casefold() in ROLE_WORDS or rest[-2][:1].isupper())
    )


def _speaker_before(
    text: str, verb_start: int, avoid: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The speaker phrase that ends at the verb ("Aras Hamo, an SDF commander,").

    One comma may be crossed, to a person's name or a role before it ("An SDF
    commander, Rezan Kobani,"), never to a district named before it. A relative
    clause between commas belongs to the speaker ("Hevi Baran, who heads the SDF
    media office,", "Strike Monitor, a group that tracks strikes,").
    """
    prefix = text[:verb_start]
    coordinated = _COORDINATED_VERB.search(prefix)
    if coordinated:
        return _speaker_before(text, coordinated.end("subject"), avoid)
    relative = _RELATIVE_CLAUSE.search(prefix)
    if relative:
        head = _speaker_before(text, relative.start(), avoid)
        return (head[0], relative.end("clause")) if head else None
    boundary = max(
        (match.end() for match in _HARD_BOUNDARY.finditer(prefix)), default=0
    )
    tail = _ADVERBIAL_TAIL.search(prefix, boundary)
    end_of_phrase = tail.start() if tail else len(prefix)
    words = list(_WORD.finditer(prefix, boundary, end_of_phrase))
    if words and words[-1].group().casefold() in _PRONOUNS:
        return words[-1].span()
    if words and words[-1].group() in ",،":
        words.pop()
    kept: list[re.Match[str]] = []
    if _is_object_of_role(words):
        kept.insert(0, words.pop())
    while words and words[-1].group() not in ",،" and _accepted(words[-1].group()):
        kept.insert(0, words.pop())
    if kept and words and words[-1].group() in ",،":
        comma = words.pop()
        crossed: list[re.Match[str]] = []
        while (
            words
            and _accepted(words[-1].group())
            and words[-1].group().casefold() not in _NOT_NAMES - _ARTICLES
        ):
            crossed.insert(0, words.pop())
        crossed = _trim(crossed)
        names_only = all(_is_name(word.group()) for word in crossed)
        if (
            crossed
            and (names_only or _has_role(crossed))
            and not _overlaps(crossed[0].start(), crossed[-1].end(), avoid)
        ):
            kept = [*crossed, comma, *kept]
    kept = _trim(kept)
    if not kept or _overlaps(kept[0].start(), kept[-1].end(), avoid):
        return None
    return kept[0].start(), kept[-1].end()


def _speaker_after(
    text: str, verb_end: int, avoid: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The speaker phrase right after the verb ("said Aras Hamo, an SDF commander").

    What follows a comma counts only when it names a role (", a monitoring
    group"), not when a new clause starts (", the SDF now controls …").
    """
    boundary = _HARD_BOUNDARY.search(text, verb_end)
    words = list(
        _WORD.finditer(text, verb_end, boundary.start() if boundary else len(text))
    )
    parts: list[list[re.Match[str]]] = [[]]
    for word in words:
        if word.group() in ",،":
            if len(parts) > 1:
                break
            parts.append([])
            continue
        if (
            not _accepted(word.group())
            or word.group().casefold() in _NOT_NAMES - _ARTICLES
        ):
            break
        parts[-1].append(word)
    kept = _trim(parts[0])
    if len(parts) > 1 and kept and _has_role(_trim(parts[1])):
        kept = _trim(parts[0] + parts[1])
    if not kept or not _accepted(kept[0].group()):
        return None
    if _overlaps(kept[0].start(), kept[-1].end(), avoid):
        return None
    return kept[0].start(), kept[-1].end()


def _arabic_speaker(text: str, verb_end: int) -> tuple[int, int] | None:
    """The words after an Arabic reporting verb, up to "أن", "في", a comma ..."""
    kept: list[tuple[int, int]] = []
    for match in _WORD.finditer(text, verb_end):
        word = match.group()
        if word in ",،" or fold(word) in _ARABIC_STOPS or find_cues(word):
            break
        kept.append(match.span())
        if len(kept) == _ARABIC_SPEAKER_WORDS:
            break
    if not kept:
        subject = _ARABIC_PERFECT_SUBJECT.search(text[:verb_end])
        return subject.span("who") if subject else None
    return kept[0][0], kept[-1][1]


def find_attributions(
    text: str, avoid: list[tuple[int, int]] | None = None
) -> list[Attribution]:
    """Every speaker named in ``text`` with a reporting verb, in order.

    ``avoid`` lists spans (district names) that cannot be part of a speaker.
    """
    avoid = avoid or []
    folded = fold_text(text)
    found: list[Attribution] = []
    for match in _VERBS.finditer(folded.folded):
        verb_start, verb_end = folded.original_span(*match.span())
        verb = text[verb_start:verb_end]
        quoted = re.search(r"[\"”’]\s*$", text[:verb_start])
        if _NAMES_AFTER.match(verb):
            span = _speaker_after(text, verb_end, avoid)
        elif quoted:
            span = _speaker_after(text, verb_end, avoid) or _speaker_before(
                text, verb_start, avoid
            )
        else:
            span = _speaker_before(text, verb_start, avoid) or _speaker_after(
                text, verb_end, avoid
            )
        if span:
            found.append(Attribution(text[span[0] : span[1]], *span, verb, verb_start))
    for match in _ARABIC_VERBS.finditer(folded.folded):
        verb_start, verb_end = folded.original_span(*match.span())
        span = _arabic_speaker(text, verb_end)
        if span and not _overlaps(*span, avoid):
            found.append(
                Attribution(
                    text[span[0] : span[1]],
                    *span,
                    text[verb_start:verb_end],
                    verb_start,
                )
            )
    return sorted(found, key=lambda attribution: attribution.verb_start)
