"""The words in a sentence that make it a claim about control, and who is speaking.

Patterns run on folded text (``geo.text_matching.fold_text``): lower case, no
accents, one spelling per Arabic letter, so "Captured", "captured" and "سيطرت" /
"سيطرة" are found alike. Every span returned is an offset into the original text.
"""

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from geo.extraction.text_matching import (
    FoldedText,
    fold,
    fold_pattern,
    fold_text,
    longest_first,
)


class CueKind(StrEnum):
    """What a cue says about the district it is attached to."""

    HELD = "held"
    """Captured, seized, took control, liberated, controls, fell to."""
    RETAKEN = "retaken"
    """Retook, recaptured: held again, by the side that came back."""
    LOST = "lost"
    """Lost X (to Y): held by the other side."""
    CONTESTED = "contested"
    """Battles, clashes, fighting, entered, stormed, holdouts, pockets."""
    DENIAL = "denial"
    """Denied, dismissed, rejected: the claim that follows is disputed."""
    RETRACTION = "retraction"
    """An earlier version said, withdrew its statement: the claim that follows is
    withdrawn by its own source."""


@dataclass(frozen=True)
class Cue:
    """A status word or phrase found in a sentence."""

    kind: CueKind
    start: int
    end: int
    written: str
    negated: bool = False
    hypothetical: str = ""
    """The words that make it no claim of fact ("if", "hope to", "will"), or ""."""

    @property
    def rejects(self) -> bool:
        """Whether the cue rejects the claim after it (a denial or a retraction)."""
        return self.kind in (CueKind.DENIAL, CueKind.RETRACTION)


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern from several; Arabic parts are folded like the text they search."""
    return re.compile("|".join(f"(?:{fold_pattern(pattern)})" for pattern in patterns))


_CLITIC = r"(?<![^\W_وف])[وف]?"
"""An Arabic word may carry "و" (and) or "ف" (so) in front."""

_CUE_PATTERNS: dict[CueKind, re.Pattern[str]] = {
    CueKind.DENIAL: _compile(
        (
            r"\bden(?:ied|ies|y|ying)\b",
            r"\bdismiss(?:ed|es|ing)?\b",
            r"\breject(?:ed|s|ing)?\b",
            r"\brefut(?:ed|es|e|ing)\b",
            r"\brebuff(?:ed|s)?\b",
            r"\b(?:false|untrue|baseless|fabricated|inaccurate|incorrect)\b",
            r"\bnot\s+(?:true|accurate|correct|the\s+case)\b|\bno\s+truth\b",
            rf"{_CLITIC}(?:نفى|نفت|ينفي|تنفي|نافيا|نافية)(?!\w)",
            r"(?<!\w)(?:عار\w*\s+عن\s+الصحة|غير\s+صحيح\w*|كاذب\w*)(?!\w)",
        )
    ),
    CueKind.RETRACTION: _compile(
        (
            r"\b(?:an?\s+)?(?:earlier|previous|original)\s+version\s+of\s+this\s+"
            r"(?:article|story|report|item|post)\s+(?:\w+\s+){0,2}?"
            r"(?:said|stated|reported|misstated|misreported)\b(?:\s+that)?",
            r"\bwe\s+(?:wrongly|incorrectly|mistakenly|erroneously)\s+"
            r"(?:said|reported|stated)\b(?:\s+that)?",
            r"\b(?:withdrew|withdrawn|withdraws|withdrawing|retracted|retracts|deleted"
            r"|took\s+back|walked\s+back)\s+(?:\w+\s+){0,3}?"
            r"(?:statement|claim|report|announcement|post)s?\b",
            r"(?<!\w)نسخة\s+سابقة\s+من\s+هذا\s+\w+\s+(?:\w+\s+)?"
            r"(?:ذكرت|أفادت|قالت)(?:\s+أن)?",
            r"(?<!\w)(?:ذكرت|أفادت|قالت|أوردت)\s+نسخة\s+سابقة\s+من\s+هذا\s+\w+"
            r"(?:\s+أن)?",
            rf"{_CLITIC}(?:سحب\w*|حذف\w*)\s+(?:\w+\s+){{0,2}}?(?:بيان\w*|تصريح\w*"
            r"|خبر\w*|ادعاء\w*)|(?<!\w)[وف]?تراجع\w*\s+عن(?!\w)",
        )
    ),
    CueKind.RETAKEN: _compile(
        (
            r"\bre-?(?:took|taken|take|takes|taking|captur\w*|gain\w*|claim(?:ed|s)?)\b",
            r"\b(?:won|win|wins|winning)\s+back\b",
            rf"{_CLITIC}(?:استعاد\w*|استعادة|استرجع\w*|استرداد)(?!\w)",
        )
    ),
    CueKind.LOST: _compile(
        (
            r"\b(?:lost|loses|lose|losing)\b(?:\s+control\s+of)?",
            rf"{_CLITIC}(?:خسر\w*|خسارة)(?!\w)",
        )
    ),
    CueKind.CONTESTED: _compile(
        (
            r"\b(?:battle|battles|fight|fighting|struggle)\s+for(?:\s+control\s+of)?\b",
            r"\bbattl(?:e|es|ed|ing)\b",
            r"\bclash(?:es|ed|ing)?\b",
            r"\bfight(?:s|ing)?\b|\bfought\b",
            r"\bholdouts?\b|\bpockets?\s+of\s+resistance\b|\bpockets?\b",
            r"\b(?:holding|held|hold|holds)\s+out\b",
            r"\bbesieg(?:ed|ing)\b|\bunder\s+siege\b|\bsiege\b",
            r"\bencircl(?:ed|ing)\b|\bsurrounded\b",
            r"\bstorm(?:ed|ing|s)?\b|\bassault(?:ed|s)?\b",
            r"\b(?:counter-?)?attack(?:ed|s|ing)?\b|\boffensive\b",
            r"\bpush(?:ed|es|ing)?\s+(?:deeper\s+|further\s+)?into\b",
            r"\badvanc(?:ed|es|e|ing)\b",
            r"\b(?:entered|enter|enters|entering)\b",
            r"\b(?:broke|broken|got|moved|went|pushed)\s+(?:into|inside)\b",
            r"\b(?:progress|gains?|headway)\s+in\b",
            r"\b(?:slipped|sneaked|crept)\s+(?:back\s+)?(?:in)?to\b"
            r"|\breturned\s+back\s+into\b|\binfiltrat\w*",
            r"\bcontested\b|\bfront\s*-?\s*lines?\b|\bsnipers?\b|\bstreet\s+battles\b",
            rf"{_CLITIC}(?:اشتباك\w*|الاشتباكات|مواجهات|المواجهات)(?!\w)",
            rf"{_CLITIC}(?:معارك|معركة|المعارك|قتال|القتال)(?!\w)",
            rf"{_CLITIC}(?:اقتحم\w*|اقتحام|دخل\w*|دخول|هجوم\w*|الهجوم)(?!\w)",
            rf"{_CLITIC}(?:تقدم\w*|التقدم|حصار|محاصرة|جيوب|[يت]حاصر\w*|[يت]شتبك\w*)(?!\w)",
        )
    ),
    CueKind.HELD: _compile(
        (
            r"\bcaptur(?:ed|es|e|ing)\b",
            r"\bseiz(?:ed|es|e|ing)\b",
            r"\bliberat(?:ed|es|e|ing|ion)\b|\bfreed\b",
            r"\bcontrol(?:s|led|ling)?\b",
            r"\b(?:took|taken|take|takes|taking)\b(?!\s+(?:part|place|up|cover|refuge))",
            r"\bover-?r[au]n\b|\bcleared\b|\bsecured\b",
            r"\b(?:fell|fallen|falls|fall)\b",
            r"\b(?:hold|holds|holding)\b|\bheld\s+by\b|\b(?:still|now|firmly)\s+held\b",
            r"\bheld\b(?!\s+(?:a|an|talks|meetings?|elections?|funerals?|prayers?"
            r"|public|captive|hostages?|prisoners?|out|up|back|off|responsible)\b)",
            r"\bin\s+the\s+hands\s+of\b|\bin\s+(?:\w+\s+)?hands\b",
            r"\b(?:remain|remains|remained|still)\s+(?:entrenched|in\s+control)\b"
            r"|\bentrenched\b|\bdug\s+in\b",
            r"\b(?:expelled|ousted|evicted)\b|\b(?:drove|driven|pushed|flushed)\s+"
            r"(?:\w+\s+){0,3}out\b",
            rf"{_CLITIC}(?:سيطر\w*|تسيطر\w*|يسيطر\w*|السيطرة)(?!\w)",
            rf"{_CLITIC}(?:حرر\w*|تحرير\w*|تحرر\w*|استولت|استولى|الاستيلاء)(?!\w)",
            rf"{_CLITIC}(?:انتزع\w*|طرد\w*|سقوط|سقط\w*)(?!\w)",
        )
    ),
}
_NEGATION = _compile(
    (
        r"\b(?:not|never|no\s+longer|yet\s+to|failed\s+to|unable\s+to|without)"
        r"(?:\s+\w+){0,2}\s*$",
        r"\b(?:didnt|doesnt|dont|hasnt|havent|hadnt|wasnt|werent|isnt|arent|cannot|cant"
        r"|couldnt|wont)(?:\s+\w+){0,2}\s*$",
        r"(?<!\w)(?:لم|لن|لا(?!\s+[يت]زال)|ليس|ليست|غير|دون)(?:\s+\w+){0,2}\s*$",
    )
)
_HYPOTHETICAL = _compile(
    (
        r"\b(?:will|would|could|might|may|can|should|shall|must)(?:\s+\w+){0,2}\s*$",
        r"\b(?:hope|hopes|hoped|hoping|plan|plans|planned|planning|aim|aims|aiming"
        r"|expect|expects|expected|intend|intends|intended|want|wants|wanted|try|tries"
        r"|tried|trying|seek|seeks|sought|seeking|vow|vows|vowed|threaten|threatens"
        r"|threatened|prepare|prepares|preparing|ready|about|going|poised|set|likely)"
        r"\s+to(?:\s+\w+)?\s*$",
        r"\b(?:if|unless|whether|once)\s+(?:[\w'’-]+\s+){0,5}$",
        r"(?<!\w)(?:سوف|إذا|إن\s+تمكن\w*|لو|قد(?=\s+[يتن])|يأمل|تأمل|يخطط|تخطط|يسعى|تسعى|يتوقع"
        r"|تتوقع|يستعد|تستعد|يعتزم|تعتزم)(?:\s+\w+){0,3}\s*$",
    )
)
_MODIFIERS = (
    r"(?:(?!(?:in|into|at|on|to|from|near|and|or|with|by|for|of|the)\b)"
    r"[\w'’\-]+\s+){0,2}"
)
"""Up to two words between "much of the" and a name ("southern", "Raqqa's")."""
EXPULSION = _compile(
    (
        r"\b(?:expelled|ousted|evicted)\b|\b(?:drove|driven|pushed|flushed)\s+"
        r"(?:\w+\s+){0,3}out\b",
    )
)
"""Cues of driving a side out: in the passive ("IS was driven out") the other
side holds the place."""
_PARTIAL_BEFORE = _compile(
    (
        r"\b(?:most|much|parts?|half|some|areas|sections|streets|neighbourhoods|"
        r"(?:large|several|many)\s+parts|the\s+majority|(?:more|less)\s+than\s+half"
        r"|(?:north|south|east|west)ern"
        r"\s+(?:parts?|half|edges?|sides?|outskirts))\s+of\s+(?:the\s+)?"
        rf"{_MODIFIERS}$",
        rf"\b\d+\s*(?:%|percent|per\s+cent)\s+of\s+(?:the\s+)?{_MODIFIERS}$",
        r"(?<!\w)(?:معظم|أغلب|أجزاء\s+من|جزء\s+من|نصف|أكثر\s+من\s+نصف|\d+\s*(?:%|بالمئة"
        r"|في\s+المئة)\s+من)\s+(?:أحياء\s+|حي\s+)?$",
    )
)
_PARTIAL_ANYWHERE = _compile(
    (
        r"\bpockets?\b|\bholdouts?\b|\bremnants?\b|\bpartly\b|\bpartially\b",
        r"\b(?:a\s+few|some|several|a\s+handful\s+of)\s+(?:streets|blocks|buildings"
        r"|houses|positions)\b",
        r"\bnot\s+(?:yet\s+)?(?:fully|completely|entirely)\b",
        r"(?<!\w)(?:جيوب|فلول|بقايا|جزئي\w*)(?!\w)",
    )
)
_REFERENCE_BEFORE = _compile(
    (
        r"\b(?:near|beside|behind|opposite|towards?|facing|overlooking|outside"
        r"|via|past|beyond|around|next\s+to|close\s+to|adjacent\s+to|away\s+from"
        r"|in\s+the\s+vicinity\s+of|(?:the\s+)?outskirts\s+of"
        r"|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
        r"(?:ern)?\s+of|the\s+road\s+(?:to|from)|on\s+the\s+way\s+to|en\s+route\s+to"
        r"|heading\s+(?:to|towards?)|the\s+direction\s+of)\s+(?:the\s+)?$",
        r"(?<!\w)(?:قرب|بالقرب\s+من|قريبا\s+من|بجوار|جوار|بجانب|مقابل|باتجاه|نحو|طريق"
        r"|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي)\s+(?:حي\s+)?$",
    )
)
_PAST_MARKERS = (
    r"\b(?:years\s+ago|in\s+the\s+past|before\s+the\s+war|back\s+in|used\s+to)\b",
    r"(?<!\w)(?:قبل\s+الحرب|في\s+الماضي)(?!\w)",
)
_PAST = _compile(_PAST_MARKERS)
_HISTORY_WORDS = _compile(
    (
        *_PAST_MARKERS,
        r"\b(?:used\s+as|used\s+by|once|formerly|built\s+in|dating|infamous"
        r"|notorious|known\s+as|known\s+for|site\s+of)\b",
        r"(?<!\w)(?:الذي\s+كان|التي\s+كانت|سابقا|استخدم\w*)(?!\w)",
    )
)
_ACCOUNT_START = _compile(
    (
        r",?\s+(?:saying|adding|insisting|and\s+said|and\s+added)\b|،|;|\s[—–]\s",
        r",?\s+but\b",
    )
)
_FIRST_PERSON = _compile(
    (
        r"\b(?:we|us)\b|\bour\s+(?:own\s+)?\w+",
        r"(?<!\w)[وف]?[لب]?(?:قوات|مقاتل\w*?|عناصر|جنود|وحدات|ايدي|سيطرت)نا(?!\w)",
    )
)
_THIRD_PERSON = _compile(
    (
        r"\b(?:its|his|her|their)\s+(?:own\s+)?(?:forces|fighters|troops|units|men"
        r"|soldiers|militants|members|partners|hands|control|positions)\b",
        r"(?<!\w)[وف]?[لب]?(?:قوات|مقاتل\w*?|عناصر|جنود|وحدات|ايدي|سيطرت)(?:ه|ها|هم)"
        r"(?!\w)",
    )
)
_CLAUSE_BREAK = _compile(
    (
        r";|:\s|\s[—–]\s|\s-\s",
        r",?\s+\b(?:but|while|whereas|although|though|meanwhile)\b",
        r"،?\s*(?<!\w)(?:لكن|بينما|فيما|في\s+حين)(?!\w)",
    )
)
_APPOSITIVE_END = re.compile(r"[,،;.)\n]")


def _spans(pattern: re.Pattern[str], text: FoldedText) -> list[tuple[int, int]]:
    return [
        text.original_span(*match.span()) for match in pattern.finditer(text.folded)
    ]


def find_cues(text: str) -> list[Cue]:
    """Every status cue in ``text``; where two overlap the longer wins.

    A cue with "not", "never", "failed to", "لم" ... just before it is marked
    ``negated`` ("did not capture" is no claim of capture; "لا يزال", still, is no
    negation); one with "if", "will", "hope to" ... before it in its clause is
    ``hypothetical``.
    """
    folded = fold_text(text)
    clauses = clause_spans(text)
    found = []
    for kind, pattern in _CUE_PATTERNS.items():
        for start, end in _spans(pattern, folded):
            before = fold(text[max(0, start - 40) : start])
            negated = bool(_NEGATION.search(before))
            clause_start = clause_of(clauses, start)[0]
            hypothetical = _HYPOTHETICAL.search(
                fold(text[max(clause_start, start - 60) : start])
            )
            found.append(
                Cue(
                    kind,
                    start,
                    end,
                    text[start:end],
                    negated,
                    hypothetical.group().strip() if hypothetical else "",
                )
            )
    return longest_first(found)


def account_start(text: str, position: int) -> int | None:
    """Where the account after a rejected claim starts (", saying", ";", ", but")."""
    folded = fold_text(text)
    match = _ACCOUNT_START.search(
        folded.folded, bisect.bisect_left(folded.origins, position)
    )
    return folded.original_span(*match.span())[0] if match else None


def clause_spans(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence, split at ";", dashes, "but", "while", "لكن" ..."""
    breaks = _spans(_CLAUSE_BREAK, fold_text(text))
    starts = [0, *(end for _, end in breaks)]
    ends = [*(start for start, _ in breaks), len(text)]
    return list(zip(starts, ends, strict=True))


def clause_of(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The clause containing ``position``."""
    return next(
        (clause for clause in clauses if clause[0] <= position < clause[1]),
        clauses[-1],
    )


def partial_before(text: str, start: int) -> str:
    """The words that make a mention partial ("most of", "70% of"), or ""."""
    match = _PARTIAL_BEFORE.search(fold(text[max(0, start - 40) : start]))
    return match.group().strip() if match else ""


def find_partial_words(text: str) -> list[tuple[int, int, str]]:
    """Words that make their clause partial ("pockets", "holdouts"), with spans."""
    folded = fold_text(text)
    return [
        (start, end, text[start:end])
        for start, end in _spans(_PARTIAL_ANYWHERE, folded)
    ]


def reference_before(text: str, start: int) -> str:
    """The words that make a mention a landmark reference ("near the"), or ""."""
    match = _REFERENCE_BEFORE.search(fold(text[max(0, start - 40) : start]))
    return match.group().strip() if match else ""


def appositive_span(text: str, end: int) -> tuple[int, int] | None:
    """Where the appositive after a mention lies, if one follows."""
    after = text[end:]
    if not after.lstrip().startswith((",", "،", "(")):
        return None
    opening = len(after) - len(after.lstrip()) + 1
    closing = _APPOSITIVE_END.search(after, opening)
    return end + opening, end + (closing.start() if closing else len(after))


def history_words(text: str) -> str:
    """A phrase that describes a place's past ("used as", "once", "site of"), or ""."""
    match = _HISTORY_WORDS.search(fold(text))
    return match.group().strip() if match else ""


def find_self_references(text: str) -> list[tuple[int, int, bool]]:
    """A speaker's words for their own side ("our forces", "his fighters", "قواته").

    Each comes with whether it is in the first person.
    """
    folded = fold_text(text)
    found = [(*span, True) for span in _spans(_FIRST_PERSON, folded)]
    found += [(*span, False) for span in _spans(_THIRD_PERSON, folded)]
    return sorted(found)


def find_past_markers(text: str) -> list[tuple[int, int, str]]:
    """Phrases that put a passage in the past ("years ago", "before the war")."""
    folded = fold_text(text)
    return [(start, end, text[start:end]) for start, end in _spans(_PAST, folded)]
