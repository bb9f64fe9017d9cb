"""The extractor's evaluation sets: load the cases, run them, pair and score claims.

Each case is an invented article written for these tests (its header says so)
and a TOML file beside it with the claims a careful reader would record (see
``cases/README.md`` for the format). Used by the tests and by
``bench/extraction.py``.
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.city import City
from geo.extraction import (
    Extraction,
    FigureProposal,
    Level,
    Proposal,
    decode_article,
    extract_reports,
    fold,
    guess_format,
)

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
SETS = {
    "cases": CASES,
    "held_out": HERE / "held_out",
    "development": HERE / "development",
    "unseen": HERE / "unseen",
}
"""The article sets, by name: the first two were tuned on, ``development`` is for
tuning, ``unseen`` is scored only to measure (see each folder's README)."""
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
    figures: tuple[dict, ...]


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
                figures=tuple(spec.get("figures", ())),
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
    if field not in claim:
        return None
    found = claim[field]
    return found.isoformat() if isinstance(found, date) else str(found)


def same_place(wanted: str, got: str, city: City) -> bool:
    """Whether two places name the same districts ("a; b" is "b; a")."""
    if wanted == got:
        return True
    return city.place(wanted).text == city.place(got).text


def agrees(claim: dict, proposal: Proposal, field: str, city: City) -> bool:
    wanted = expected_value(claim, field)
    if wanted is None:
        return True
    got = value(proposal, field)
    if field == "district":
        return same_place(wanted, got, city)
    if field == "speaker":
        return fold(wanted) in fold(got) if wanted else got == ""
    return wanted == got


def fully_right(claim: dict, proposal: Proposal, city: City) -> bool:
    """Whether a proposal agrees with its claim on every field the claim states."""
    return all(agrees(claim, proposal, field, city) for field in FIELDS)


def pair(
    claims: tuple[dict, ...], proposals: tuple[Proposal, ...], city: City
) -> list[tuple[dict | None, Proposal | None]]:
    """Pair expected claims with proposals of the same place, best match first."""
    candidates = [
        (sum(agrees(claim, proposal, field, city) for field in FIELDS), c, p)
        for c, claim in enumerate(claims)
        for p, proposal in enumerate(proposals)
        if same_place(claim["district"], proposal.district_id, city)
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
    pairs: list[tuple[dict | None, Proposal | None]], city: City
) -> dict[str, FieldScore]:
    """Precision and recall per field over paired claims.

    A blank value (no actor, no speaker) is a value like any other when it is
    right, but counts neither as predicted nor as expected: a proposal that
    names an actor the claim leaves blank lowers precision, a proposal that
    leaves blank an actor the claim names lowers recall. Fields a claim does not
    state are not judged for it.
    """
    scores = {}
    for field in FIELDS:
        correct = predicted = expected = 0
        for claim, proposal in pairs:
            wanted = None if claim is None else expected_value(claim, field)
            if claim is not None and wanted is None:
                continue
            got = "" if proposal is None else value(proposal, field)
            expected += bool(wanted)
            predicted += bool(got)
            correct += bool(
                wanted and got and agrees(claim, proposal, field, city)  # type: ignore[arg-type]
            )
        scores[field] = FieldScore(correct, predicted, expected)
    return scores


FIGURE_FIELDS = ("source", "as_stated", "as_of")


def figure_agrees(wanted: dict, figure: FigureProposal, field: str) -> bool:
    """Whether a proposed figure agrees with an expected one on a field it states."""
    if field not in wanted:
        return True
    if field == "as_of":
        return wanted["as_of"] == figure.as_of
    got = figure.source if field == "source" else figure.as_stated
    return fold(str(wanted[field])) in fold(got)


def pair_figures(
    wanted: tuple[dict, ...], figures: tuple[FigureProposal, ...]
) -> list[tuple[dict, FigureProposal]]:
    """Expected and proposed figures with the same numbers, in order."""
    pairs = []
    used: set[int] = set()
    for expected in wanted:
        numbers = (expected.get("low"), expected.get("high"))
        match = next(
            (
                number
                for number, figure in enumerate(figures)
                if number not in used and (figure.low, figure.high) == numbers
            ),
            None,
        )
        if match is not None:
            used.add(match)
            pairs.append((expected, figures[match]))
    return pairs


@dataclass(frozen=True)
class SetScore:
    """A set's scores: per field, whole claims, and proposals by confidence band."""

    articles: int
    fields: dict[str, FieldScore]
    claims: int
    claims_right: int
    proposals: int
    proposals_right: int
    bands: dict[str, tuple[int, int]]
    """For each confidence level: proposals at it, and how many are fully right."""
    figures: FieldScore
    """Figures with the right numbers: correct, proposed, expected."""
    figure_fields: dict[str, int]
    """Of the figures with the right numbers, how many agree on each field."""


def score_set(cases: list[Case], extractions: list[Extraction], city: City) -> SetScore:
    """Score a set of cases against what the extractor made of each."""
    pairs = []
    figure_pairs = []
    for case, extraction in zip(cases, extractions, strict=True):
        pairs += pair(case.claims, extraction.proposals, city)
        figure_pairs += pair_figures(case.figures, extraction.figures)
    right = [
        claim is not None
        and proposal is not None
        and fully_right(claim, proposal, city)
        for claim, proposal in pairs
    ]
    bands = {str(level): [0, 0] for level in Level}
    for (_, proposal), is_right in zip(pairs, right, strict=True):
        if proposal is not None:
            band = bands[proposal.level]
            band[0] += 1
            band[1] += is_right
    return SetScore(
        articles=len(cases),
        fields=score(pairs, city),
        claims=sum(claim is not None for claim, _ in pairs),
        claims_right=sum(right),
        proposals=sum(proposal is not None for _, proposal in pairs),
        proposals_right=sum(right),
        bands={name: (count, good) for name, (count, good) in bands.items()},
        figures=FieldScore(
            len(figure_pairs),
            sum(len(extraction.figures) for extraction in extractions),
            sum(len(case.figures) for case in cases),
        ),
        figure_fields={
            field: sum(
                figure_agrees(wanted, figure, field) for wanted, figure in figure_pairs
            )
            for field in FIGURE_FIELDS
        },
    )
