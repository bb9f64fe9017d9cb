"""Finding district and actor names in running text, English or Arabic.

The text is folded character by character (``geo.names.fold_character``) and each
folded character remembers where it came from, so every match points back at the
words as the writer spelled them. District names match fuzzily across
transliterations (rapidfuzz); actor names match exactly, acronyms case-sensitively.
"""

import functools
import re
from dataclasses import dataclass
from typing import Protocol, TypeVar

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo.colours import Actor
from geo.names import fold_character
from geo.status import FeatureKind

_WORD = re.compile(r"\w+")
_ALWAYS_ARTICLES = frozenset({"al", "el"})
_HYPHEN_ARTICLES = frozenset({"ar", "as", "ad", "at", "ash", "az", "an", "adh"})
_ARABIC_PREFIX = re.compile(r"^[وف]?(?:بال|كال|لل|ال)(?=\w\w)")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
_QUOTES = "'\"‘’“”"
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_NAME_GAP = re.compile(r"[\s\-]{1,3}")
_FUZZY_FLOOR = 80.0
_SHORT_NAME = 4
_MEDIUM_NAME = 6


@dataclass(frozen=True)
class FoldedText:
    """A text folded for matching, with the original offset of each folded character."""

    original: str
    folded: str
    origins: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text back to a span of the original text."""
        if start >= end:
            position = (
                self.origins[start] if start < len(self.origins) else len(self.original)
            )
            return position, position
        return self.origins[start], self.origins[end - 1] + 1


@functools.lru_cache(maxsize=512)
def fold_text(text: str) -> FoldedText:
    """Fold ``text`` for matching and keep, for each folded character, its origin.

    Cached: every finder folds the same sentence again.
    """
    folded: list[str] = []
    origins: list[int] = []
    for position, character in enumerate(text):
        for part in fold_character(character):
            folded.append(part)
            origins.append(position)
    return FoldedText(text, "".join(folded), tuple(origins))


def fold(text: str) -> str:
    """Fold ``text`` (case, accents, Arabic letter variants) without offsets."""
    return fold_text(text).folded


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_Found = TypeVar("_Found", bound=_Span)


def longest_first(found: list[_Found]) -> list[_Found]:
    """Keep the longest of overlapping matches, and return them in text order."""
    taken: set[int] = set()
    kept = []
    for item in sorted(found, key=lambda item: (item.start - item.end, item.start)):
        positions = range(item.start, item.end)
        if not taken.intersection(positions):
            taken.update(positions)
            kept.append(item)
    return sorted(kept, key=lambda item: item.start)


def fold_pattern(pattern: str) -> str:
    """Fold the Arabic letters of a regular expression; ASCII stays as written.

    Folding the ASCII too would lower-case escapes such as "non-word" into "word".
    """
    return "".join(
        character if character.isascii() else fold_character(character)
        for character in pattern
    )


@dataclass(frozen=True)
class Token:
    """A word of the original text: its matching key and where it was written.

    ``lead`` is where the word starts including a joined article ("al-" of
    "al-Mashlab"); ``key`` has the article and Arabic clitics removed.
    """

    key: str
    start: int
    end: int
    lead: int
    capitalised: bool
    arabic: bool


def tokenise(text: FoldedText) -> list[Token]:
    """Split a folded text into content words, dropping articles ("al-", "ال")."""
    words = list(_WORD.finditer(text.folded))
    tokens: list[Token] = []
    pending_article: int | None = None
    for number, word in enumerate(words):
        key = word.group()
        start, end = text.original_span(word.start(), word.end())
        following = words[number + 1] if number + 1 < len(words) else None
        gap = text.folded[word.end() : following.start()] if following else ""
        is_article = key in _ALWAYS_ARTICLES and gap in {"-", " "}
        is_article = is_article or (key in _HYPHEN_ARTICLES and gap == "-")
        if is_article and following is not None:
            pending_article = start if pending_article is None else pending_article
            continue
        arabic = bool(_ARABIC_LETTER.match(key))
        if arabic:
            key = _ARABIC_PREFIX.sub("", key)
        lead = start if pending_article is None else pending_article
        pending_article = None
        capitalised = text.original[start : start + 1].isupper()
        tokens.append(Token(key, start, end, lead, capitalised, arabic))
    return tokens


@dataclass(frozen=True)
class PlaceName:
    """One spelling of a district or landmark, as the gazetteer writes it."""

    district_id: str
    written: str
    key: str
    token_count: int
    primary: bool
    landmark: bool


@dataclass(frozen=True)
class Gazetteer:
    """Every spelling of every district of a city, and the city's actors."""

    names: tuple[PlaceName, ...]
    actors: tuple[Actor, ...]

    @property
    def longest(self) -> int:
        """The largest number of words in one spelling."""
        return max((name.token_count for name in self.names), default=1)


def required_score(key: str) -> float:
    """The rapidfuzz ratio a spelling needs: exact for short names, looser for long."""
    if len(key) <= _SHORT_NAME:
        return 100.0
    if len(key) <= _MEDIUM_NAME:
        return 83.0
    return 85.0


def _clean_spelling(spelling: str) -> str:
    without_notes = _PARENTHESIS.sub(" ", spelling)
    return " ".join(without_notes.strip(_QUOTES + " ").split())


def _parenthetical_spellings(spelling: str) -> list[str]:
    """Names given in brackets ("al-Morour (al-Haramiya)"), not notes or labels."""
    found = []
    for inner in _PARENTHESIS.findall(spelling):
        words = inner.strip(_QUOTES + " ").split()
        name_like = all(
            word[:1].isupper() or word.startswith("al-") or word in {"bin", "ibn"}
            for word in words
        )
        if name_like and (len(words) >= 2 or words[0].startswith("al-")):
            found.append(" ".join(words))
    return found


def _usable(spelling: str) -> bool:
    """Latin spellings with no capital letter are descriptions, not names."""
    if not spelling or spelling.casefold().startswith("possibly"):
        return False
    return bool(_ARABIC_LETTER.search(spelling)) or any(
        character.isupper() for character in spelling
    )


def district_spellings(
    name_en: str, name_ar: str, aliases: str
) -> list[tuple[str, bool]]:
    """The spellings of one district, each marked primary (a name) or alias.

    Bracketed notes are dropped ("Al Baryd (post office)"), bracketed names kept
    ("al-Morour (al-Haramiya)"); Latin aliases with no capital are descriptions.
    """
    spellings: list[tuple[str, bool]] = []
    for text, primary in [
        (name_en, True),
        (name_ar, True),
        *((alias, False) for alias in aliases.split(";")),
    ]:
        for part in text.split(" / "):
            spellings.append((_clean_spelling(part), primary))
            spellings += [(inner, primary) for inner in _parenthetical_spellings(part)]
    return [(spelling, primary) for spelling, primary in spellings if _usable(spelling)]


_DistrictRow = tuple[str, str, str, str, bool]


def build_gazetteer(districts: pd.DataFrame, actors: tuple[Actor, ...]) -> Gazetteer:
    """Collect the spellings of every district, keeping one district per spelling.

    When two districts share a spelling, a name beats an alias; two names or two
    aliases cancel out, since the text could mean either. The result is cached
    per distinct set of names, so a page can call this for every article.
    """
    kinds = districts["kind"] if "kind" in districts else [""] * len(districts.index)
    rows = tuple(
        (
            str(district_id),
            str(name_en),
            str(name_ar),
            str(aliases),
            kind == FeatureKind.LANDMARK,
        )
        for district_id, name_en, name_ar, aliases, kind in zip(
            districts.index,
            districts["name_en"],
            districts["name_ar"],
            districts["aliases"],
            kinds,
            strict=True,
        )
    )
    return _gazetteer(rows, actors)


@functools.lru_cache(maxsize=8)
def _gazetteer(rows: tuple[_DistrictRow, ...], actors: tuple[Actor, ...]) -> Gazetteer:
    chosen: dict[str, PlaceName] = {}
    ambiguous: set[str] = set()
    for district_id, name_en, name_ar, aliases, landmark in rows:
        for spelling, primary in district_spellings(name_en, name_ar, aliases):
            words = tokenise(fold_text(spelling))
            key = "".join(word.key for word in words)
            if len(key) < 3:
                continue
            name = PlaceName(district_id, spelling, key, len(words), primary, landmark)
            known = chosen.get(key)
            if known is None or known.district_id == name.district_id:
                chosen.setdefault(key, name)
            elif primary and not known.primary:
                chosen[key] = name
            elif primary == known.primary:
                ambiguous.add(key)
    names = tuple(name for key, name in chosen.items() if key not in ambiguous)
    return Gazetteer(names, actors)


@dataclass(frozen=True)
class DistrictMention:
    """A district or landmark named in the text, with the words as written."""

    district_id: str
    start: int
    end: int
    written: str
    gazetteer_name: str
    score: float
    landmark: bool
    by_name_only: bool = False
    """The city's bare name ("Raqqa"): a place only right next to a control word."""


def _candidates(tokens: list[Token], text: str, longest: int) -> list[tuple[int, int]]:
    """Runs of adjacent words that could spell a name (spaces or hyphens between)."""
    runs = []
    for first, token in enumerate(tokens):
        has_article = token.lead != token.start
        if not (token.arabic or token.capitalised or has_article):
            continue
        for last in range(first, min(first + longest + 1, len(tokens))):
            if last > first:
                gap = text[tokens[last - 1].end : tokens[last].lead]
                if not _NAME_GAP.fullmatch(gap):
                    break
            runs.append((first, last + 1))
    return runs


def _opens_sentence(text: str, position: int) -> bool:
    """Whether a word starts a sentence, where a capital letter proves nothing."""
    before = text[:position].rstrip(" \t\"'“‘«(")
    return not before or before[-1] in ".!?:\n"


def _same_district_runs(
    found: list[tuple[float, bool, int, int, PlaceName]],
    runs: list[tuple[int, int]],
) -> dict[tuple[str, float, int], list[int]]:
    """Ends of matched runs by district, score and first word, to widen a match.

    "al-Badu" widens to "Harat al-Badu": same district, same score.
    """
    widths: dict[tuple[str, float, int], list[int]] = {}
    for score, _, _, row, name in found:
        first, last = runs[row]
        widths.setdefault((name.district_id, score, first), []).append(last)
    return widths


def find_districts(text: str, gazetteer: Gazetteer) -> list[DistrictMention]:
    """Every district or landmark named in ``text``, in order, never overlapping.

    A run of words matches a spelling when their folded keys are close enough
    (``required_score``); a Latin run must start with a capital letter.
    """
    tokens = tokenise(fold_text(text))
    runs = _candidates(tokens, text, gazetteer.longest)
    if not runs or not gazetteer.names:
        return []
    queries = ["".join(token.key for token in tokens[a:b]) for a, b in runs]
    keys = [name.key for name in gazetteer.names]
    scores = process.cdist(
        queries, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_FLOOR, workers=1
    )
    required = np.array([required_score(key) for key in keys])
    counts = np.array([name.token_count for name in gazetteer.names])
    lengths = np.array([b - a for a, b in runs])
    fits = (scores >= required) & (np.abs(lengths[:, None] - counts[None, :]) <= 1)
    found = []
    for row, column in zip(*np.nonzero(fits), strict=True):
        name = gazetteer.names[column]
        first, last = runs[row]
        score = float(scores[row, column])
        if score < 100 and _opens_sentence(text, tokens[first].lead):
            continue
        found.append((score, name.primary, last - first, row, name))
    found.sort(key=lambda match: match[:3], reverse=True)
    owner: list[int | None] = [None] * len(tokens)
    chosen: list[tuple[float, PlaceName, int, int]] = []
    for score, _, _, row, name in found:
        first, last = runs[row]
        if any(owner[position] is not None for position in range(first, last)):
            continue
        owner[first:last] = [len(chosen)] * (last - first)
        chosen.append((score, name, first, last))
    widths = _same_district_runs(found, runs)
    mentions = []
    for number, (score, name, first, last) in enumerate(chosen):
        for wider_first in range(max(0, first - gazetteer.longest), first + 1):
            for wider_last in widths.get((name.district_id, score, wider_first), []):
                free = all(
                    owner[position] in (None, number)
                    for position in range(wider_first, wider_last)
                )
                if (
                    free
                    and last <= wider_last
                    and wider_last - wider_first > last - first
                ):
                    first, last = wider_first, wider_last
        start, end = tokens[first].lead, tokens[last - 1].end
        mentions.append(
            DistrictMention(
                name.district_id,
                start,
                end,
                text[start:end],
                name.written,
                score,
                name.landmark,
            )
        )
    return sorted(mentions, key=lambda mention: mention.start)


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text ("SDF", "Daesh", "قسد")."""

    actor_id: str
    start: int
    end: int
    written: str


def _actor_pattern(alias: str) -> tuple[re.Pattern[str], bool]:
    """A pattern for one actor name and whether it runs on the original text."""
    if _ACRONYM.fullmatch(alias):
        return re.compile(rf"(?<![\w]){re.escape(alias)}(?![^\W_])"), True
    words = fold(alias).split()
    body = r"\s+".join(re.escape(word) for word in words)
    if _ARABIC_LETTER.search(alias):
        return re.compile(rf"(?<!\w)[وف]?(?:[بلك]|لل)?{body}(?!\w)"), False
    return re.compile(rf"(?<!\w){body}s?(?!\w)"), False


def find_actors(text: str, actors: tuple[Actor, ...]) -> list[ActorMention]:
    """Every mention of an actor by its label or an alias; the longest wins."""
    folded = fold_text(text)
    found: list[ActorMention] = []
    for actor in actors:
        for alias in (actor.label, *actor.aliases):
            pattern, on_original = _actor_pattern(alias)
            haystack = text if on_original else folded.folded
            for match in pattern.finditer(haystack):
                start, end = (
                    match.span()
                    if on_original
                    else folded.original_span(match.start(), match.end())
                )
                found.append(ActorMention(actor.id, start, end, text[start:end]))
    return longest_first(found)
