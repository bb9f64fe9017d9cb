"""Proposing reports from a news article, for a person to check before saving.

The extractor decides nothing and invents nothing: a proposal is one district
named in one sentence next to a status word ("captured", "clashes", "denied"),
and it carries that sentence with its offsets, the words it relied on (name as
written, status cue, speaker, day expression) and a confidence with its reasons.
Districts named only as landmarks ("near the Black Stadium") or in the past
("…, used as a prison in 2014") are listed as skipped, with the reason.

This module reads the article sentence by sentence and applies the rules of the
modules beside it to each district mention; repeats of a claim are merged.
"""

from dataclasses import replace
from datetime import date, timedelta

from geo.city import City
from geo.escaping import is_web_url
from geo.extraction.claim_cues import clause_of, partial_before, reference_before
from geo.extraction.claim_days import (
    HISTORY_DAYS,
    day_for,
    described_in_the_past,
    history_reason,
)
from geo.extraction.claim_reading import read_claim, read_holder
from geo.extraction.confidence import score_confidence
from geo.extraction.denials import denials_of_previous, read_denial
from geo.extraction.reading import (
    ArticleFormat,
    ExtractionError,
    article_text,
    guess_format,
    split_sentences,
)
from geo.extraction.results import (
    ArticleSource,
    Extraction,
    Proposal,
    Skipped,
    Span,
)
from geo.extraction.sentence_facts import (
    ReadingContext,
    SentenceFacts,
    find_sentence_facts,
)
from geo.extraction.speakers import (
    resolve_speaker,
    same_person,
    source_cells,
    speaker_of,
)
from geo.extraction.text_matching import (
    DistrictMention,
    Gazetteer,
    build_gazetteer,
    find_actors,
    find_districts,
)
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType

_CLAIM_COLUMNS = (
    "date",
    "date_precision",
    "district_id",
    "status",
    "actor",
    "extent",
    "kind",
)


def _propose(
    facts: SentenceFacts,
    mention: DistrictMention,
    source: ArticleSource,
    gazetteer: Gazetteer,
    context: ReadingContext,
) -> Proposal | str:
    """A proposal for one district mention, or the reason there is none."""
    sentence = facts.text
    reference = reference_before(sentence, mention.start)
    if reference:
        return f"named as a landmark reference ('{reference}'), not a claim about it"
    clause = clause_of(facts.clauses, mention.start)
    history = history_reason(
        sentence, mention, clause, facts.past_markers, source.published
    )
    if history:
        return history
    reading = read_denial(facts, mention, context) or read_claim(facts, mention)
    if reading is None:
        return "no status word (captured, clashes, denied ...) near it"
    past = described_in_the_past(sentence, mention, reading.cue)
    if past:
        return past
    expression, day_weight, day_reason = day_for(facts.days, mention, clause)
    if expression and expression.day < source.published - timedelta(days=HISTORY_DAYS):
        return f"the sentence is about {expression.day:%B %Y}, not the fighting"

    weights = list(reading.weights)
    speaker, speaker_weights = resolve_speaker(facts, reading.cue.start, context)
    weights += speaker_weights
    status, extent = reading.status, Extent.FULL
    partial_start = max(clause[0], reading.region_start)
    partial = partial_before(sentence, mention.start) or next(
        (
            words
            for start, _, words in facts.partial_words
            if partial_start <= start < clause[1]
        ),
        "",
    )
    if partial and status is not None:
        extent = Extent.PARTIAL
        weights.append((0.0, f"partial: '{partial}'"))
        if status == ReportStatus.HELD:
            status = ReportStatus.CONTESTED
            weights.append((0.0, "partial control is recorded as contested, partial"))
    actor = ""
    if status == ReportStatus.HELD and reading.holder_cue is not None:
        region = (reading.region_start, max(clause[1], reading.region_start + 1))
        if reading.kind == Kind.DENIAL:
            region = (reading.region_start, len(sentence))
        actor, actor_weight, how = read_holder(
            reading.holder_cue, mention, facts, region, speaker, gazetteer
        )
        weights.append((actor_weight, how))
    weights.append((day_weight, day_reason))
    if mention.score < 100:
        weights.append(
            (
                -0.15,
                f"'{mention.written}' read as '{mention.gazetteer_name}' "
                f"(spelling {mention.score:.0f}% alike)",
            )
        )
    source_text, source_type, affiliation = source_cells(speaker, source.outlet)
    kind = reading.kind
    if kind == Kind.CLAIM and source_type == SourceType.MONITOR:
        kind = Kind.ASSESSMENT
    confidence, reasons = score_confidence(weights)
    offset = facts.start
    return Proposal(
        date=expression.day if expression else source.published,
        date_precision=expression.precision if expression else DatePrecision.DAY,
        district_id=mention.district_id,
        status=status,
        actor=actor,
        extent=extent,
        kind=kind,
        denial_target=reading.target,
        source=source_text,
        source_type=source_type,
        url=source.url,
        published=source.published,
        evidence=Span(offset, offset + len(sentence), sentence),
        district_name=Span(
            offset + mention.start, offset + mention.end, mention.written
        ),
        status_cue=Span(
            offset + reading.cue.start, offset + reading.cue.end, reading.cue.written
        ),
        day_expression=(
            Span(offset + expression.start, offset + expression.end, expression.written)
            if expression
            else None
        ),
        speaker=speaker.name if speaker else "",
        affiliation=affiliation,
        confidence=confidence,
        reasons=reasons,
    )


def _merge_duplicates(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per claim; repeats are folded into the best one and noted.

    The outlet's own unattributed wording of an attributed claim (a headline
    that repeats the body) is folded into the attributed proposal.
    """
    groups: dict[tuple, list[Proposal]] = {}
    for proposal in proposals:
        row = proposal.row()
        key = (*(row[column] for column in _CLAIM_COLUMNS), proposal.denial_target)
        groups.setdefault(key, []).append(proposal)
    merged = []
    for group in groups.values():
        attributed = [proposal for proposal in group if proposal.speaker]
        kept: dict[str, Proposal] = {}
        for proposal in attributed or group:
            best = kept.get(proposal.source)
            if best is None or proposal.confidence > best.confidence:
                kept[proposal.source] = proposal
        for proposal in kept.values():
            others = len(group) - 1
            note = f"{others} other sentence(s) say the same" if others else ""
            merged.append(
                replace(proposal, reasons=(*proposal.reasons, note))
                if note
                else proposal
            )
    return sorted(merged, key=lambda proposal: proposal.evidence.start)


def _check_source(source: ArticleSource) -> None:
    """Refuse an article that cannot be cited: a url not http(s), or no outlet."""
    if not is_web_url(source.url):
        raise ExtractionError(f"The article's url '{source.url[:80]}' is not http(s)")
    if not source.outlet.strip():
        raise ExtractionError("The outlet is empty: name who published the article")


def _remember(
    context: ReadingContext, facts: SentenceFacts, made: list[Proposal]
) -> None:
    """Carry a sentence's speaker and claims forward to the next sentences."""
    named = [item for item in facts.attributions if not item.is_pronoun]
    if named and not any(same_person(item, context.speaker) for item in named):
        context.speaker = speaker_of(named[-1], facts.actors)
    claims = tuple(item for item in made if item.kind != Kind.DENIAL)
    context.previous_claims = claims
    context.all_claims += claims


def extract_reports(
    content: str,
    *,
    url: str,
    published: date,
    outlet: str,
    city: City,
    article_format: ArticleFormat | None = None,
) -> Extraction:
    """Propose reports from an article about ``city``, each pointing at its sentence.

    ``content`` is the article as text, Markdown or HTML (guessed when
    ``article_format`` is None). Raises ``ExtractionError`` for input that cannot
    be read; an article that claims nothing gives no proposals.
    """
    source = ArticleSource(url.strip(), published, outlet.strip())
    _check_source(source)
    text = article_text(content, article_format or guess_format(content))
    gazetteer = build_gazetteer(city.districts, city.actors)
    mentions = find_districts(text, gazetteer)
    actors = find_actors(text, gazetteer.actors)
    context = ReadingContext()
    proposals: list[Proposal] = []
    skipped: list[Skipped] = []
    for sentence in split_sentences(text):
        facts = find_sentence_facts(text, sentence, mentions, actors, published)
        made = []
        for mention in facts.mentions:
            result = _propose(facts, mention, source, gazetteer, context)
            if isinstance(result, Proposal):
                made.append(result)
                continue
            name = Span(
                sentence.start + mention.start,
                sentence.start + mention.end,
                mention.written,
            )
            evidence = Span(sentence.start, sentence.end, facts.text)
            skipped.append(Skipped(mention.district_id, name, evidence, result))
        if not facts.mentions:
            made = denials_of_previous(facts, context, source)
        proposals += made
        _remember(context, facts, made)
    return Extraction(text, tuple(_merge_duplicates(proposals)), tuple(skipped))
