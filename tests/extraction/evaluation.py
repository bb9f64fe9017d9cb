"""The extractor's evaluation set: load the cases, run them, pair and score claims.

Each case in ``cases/`` is an invented article written for these tests (its
header says so) and a TOML file beside it with the claims a careful reader
would record. Used by ``test_evaluation_set.py`` and by ``bench/extraction.py``.
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.city import City
from geo.extraction import (
    Extraction,
    Proposal,
    decode_article,
    extract_reports,
    fold,
    guess_format,
)

CASES = Path(__file__).resolve().parent / "cases"
FIELDS = (
    "district",
    "status",
    "actor",
    "extent",
    "kind",
    "day",
    "precision",
    "speaker",
)


@dataclass(frozen=True)
class Case:
    """One invented article and what a careful reader would record from it."""

    name: str
    article: Path
    url: str
    published: date
    outlet: str
    covers: tuple[str, ...]
    claims: tuple[dict, ...]
    not_claimed: tuple[str, ...]


def load_cases(folder: Path = CASES) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.toml")):
        spec = tomllib.loads(path.read_text(encoding="utf-8"))
        cases.append(
            Case(
                name=path.stem,
                article=folder / spec["article"],
                url=spec["url"],
                published=spec["published"],
                outlet=spec["outlet"],
                covers=tuple(spec.get("covers", ())),
                claims=tuple(spec.get("claims", ())),
                not_claimed=tuple(spec.get("not_claimed", ())),
            )
        )
    return cases


def run_case(case: Case, city: City) -> Extraction:
    text = decode_article(case.article.read_bytes(), case.article.name)
    return extract_reports(
        text,
        url=case.url,
        published=case.published,
        outlet=case.outlet,
        city=city,
        article_format=guess_format(text, case.article.name),
    )


def value(proposal: Proposal, field: str) -> str:
    """A proposal's value for an evaluated field, as text."""
    values = {
        "district": proposal.district_id,
        "status": str(proposal.status or ""),
        "actor": proposal.actor,
        "extent": str(proposal.extent),
        "kind": str(proposal.kind),
        "day": proposal.date.isoformat(),
        "precision": str(proposal.date_precision),
        "speaker": proposal.speaker,
    }
    return values[field]


def expected_value(claim: dict, field: str) -> str | None:
    """An expected claim's value for a field; None when the case does not say."""
    key = {"district": "district", "day": "day"}.get(field, field)
    if key not in claim:
        return None
    found = claim[key]
    return found.isoformat() if isinstance(found, date) else str(found)


def agrees(claim: dict, proposal: Proposal, field: str) -> bool:
    wanted = expected_value(claim, field)
    if wanted is None:
        return True
    got = value(proposal, field)
    if field == "speaker":
        return fold(wanted) in fold(got) if wanted else got == ""
    return wanted == got


def pair(
    claims: tuple[dict, ...], proposals: tuple[Proposal, ...]
) -> list[tuple[dict | None, Proposal | None]]:
    """Pair expected claims with proposals of the same district, best match first."""
    candidates = [
        (sum(agrees(claim, proposal, field) for field in FIELDS), c, p)
        for c, claim in enumerate(claims)
        for p, proposal in enumerate(proposals)
        if proposal.district_id == claim["district"]
    ]
    candidates.sort(key=lambda item: -item[0])
    used_claims: set[int] = set()
    used_proposals: set[int] = set()
    pairs: list[tuple[dict | None, Proposal | None]] = []
    for _, c, p in candidates:
        if c in used_claims or p in used_proposals:
            continue
        used_claims.add(c)
        used_proposals.add(p)
        pairs.append((claims[c], proposals[p]))
    pairs += [(claim, None) for c, claim in enumerate(claims) if c not in used_claims]
    pairs += [
        (None, proposal)
        for p, proposal in enumerate(proposals)
        if p not in used_proposals
    ]
    return pairs


@dataclass(frozen=True)
class FieldScore:
    correct: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def score(
    pairs: list[tuple[dict | None, Proposal | None]],
) -> dict[str, FieldScore]:
    """Precision and recall per field over paired claims.

    A field counts as predicted when its proposal is paired with a claim that
    states the field, or is unpaired and has a value for it; as expected when the
    claim states it; as correct when both agree.
    """
    scores = {}
    for field in FIELDS:
        correct = predicted = expected = 0
        for claim, proposal in pairs:
            states = claim is not None and (
                field == "district" or expected_value(claim, field) is not None
            )
            expected += states
            if proposal is None:
                continue
            if claim is None:
                predicted += bool(value(proposal, field)) or field == "district"
            elif states:
                predicted += 1
                correct += agrees(claim, proposal, field)
        scores[field] = FieldScore(correct, predicted, expected)
    return scores
