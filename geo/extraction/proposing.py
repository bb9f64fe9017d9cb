"""Proposing reports from a news article, for a person to check before saving.

The extractor decides nothing and invents nothing: a proposal is one place
named in one sentence next to a status word ("captured", "clashes", "denied"),
and it carries that sentence with its offsets, the words it relied on (name as
written, status cue, speaker, day expression) and a confidence with its reasons.
Districts named only as landmarks ("near the Black Stadium") or in the past
("…, used as a prison in 2014") are listed as skipped, with the reason.

This module reads the article sentence by sentence, in its layout (headline,
day headings, live-blog entries, transcript turns, questions), applies the
rules of the modules beside it to each place mention, and merges what belongs
together: districts named together, a headline and the body it sums up, a
denial and its account in the next sentence, repeats of one claim.
"""

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
from geo.extraction.claim_reading import Sides, read_claim, read_holder
from geo.extraction.confidence import score_confidence
from geo.extraction.denials import denials_of_previous, read_denial, with_account
from geo.extraction.figures import figures_in
from geo.extraction.layout import lay_out
from geo.extraction.merging import merge_duplicates, merge_headlines
from geo.extraction.place_lists import (
    find_city_mentions,
    group_districts,
    names_the_city,
    with_city_mentions,
)
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
    FigureProposal,
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
    new_speakers,
    resolve_speaker,
    source_cells,
)
from geo.extraction.text_matching import (
    DistrictMention,
    Gazetteer,
    build_gazetteer,
    find_actors,
    find_districts,
)
from geo.places import WHOLE_CITY
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType

NO_STATUS_WORD = "no status word (captured, clashes, denied ...) near it"


def _partial_words(
    facts: SentenceFacts, mention: DistrictMention, start: int, end: int
) -> str:
    """A word that makes this mention partial, or "".

    Before its name ("most of"), or in its own part of the clause ("pockets"),
    never past another district's name.
    """
    before = partial_before(facts.text, mention.start)
    if before:
        return before
    others = [
        other.start
        for other in facts.mentions
        if other is not mention and start <= other.start < end
    ]
    for position, _, words in facts.partial_words:
        if not start <= position < end:
            continue
        nearest = min([mention.start, *others], key=lambda other: abs(other - position))
        if nearest == mention.start:
            return words
    return ""


def _propose(
    facts: SentenceFacts,
    mention: DistrictMention,
    source: ArticleSource,
    gazetteer: Gazetteer,
    context: ReadingContext,
) -> Proposal | str:
    """A proposal for one place mention, or the reason there is none."""
    sentence = facts.text
    reference = reference_before(sentence, mention.start)
    if reference:
        return f"named as a landmark reference ('{reference}'), not a claim about it"
    clause = clause_of(facts.clauses, mention.start)
    published = facts.setting.day
    history = history_reason(sentence, mention, clause, facts.past_markers, published)
    if history:
        return history
    reading = read_denial(facts, mention, context)
    if isinstance(reading, str):
        return reading
    reading = reading or read_claim(facts, mention)
    if reading is None:
        return NO_STATUS_WORD
    if mention.by_name_only and not names_the_city(sentence, mention, reading.cue):
        return "the city named as a location, not as what is claimed"
    past = described_in_the_past(sentence, mention, reading.cue)
    if past:
        return past
    days = facts.days
    if reading.quiet_days:
        low, high = reading.quiet_days
        days = [item for item in days if not low <= item.start < high]
    expression, day_weight, day_reason = day_for(days, mention, clause)
    if expression and expression.day < published - timedelta(days=HISTORY_DAYS):
        return f"the sentence is about {expression.day:%B %Y}, not the fighting"
    if expression is None and facts.setting.day_heading:
        day_weight, day_reason = 0.05, f"day heading '{facts.setting.day_heading}'"

    weights = list(reading.weights)
    speaker, speaker_weights = resolve_speaker(facts, reading.cue.start, context)
    weights += speaker_weights
    if speaker is None and context.outlet_side:
        weights.append((0.1, "the party's own statement"))
    if mention.district_id == WHOLE_CITY:
        weights.append((-0.1, "a claim about the whole city: check its scope"))
    status, extent = reading.status, Extent.FULL
    partial = _partial_words(
        facts, mention, max(clause[0], reading.region_start), clause[1]
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
        if reading.kind != Kind.CLAIM:
            region = (reading.region_start, len(sentence))
        sides = Sides(
            speaker=speaker.actor_id if speaker else "",
            outlet=context.outlet_side,
            previous=context.previous_side,
        )
        actor, actor_weight, how = read_holder(
            reading.holder_cue, mention, facts, region, sides, gazetteer
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
    source_text, source_type, affiliation = source_cells(
        speaker, source.outlet, context.outlet_side
    )
    kind = reading.kind
    if kind == Kind.CLAIM and source_type == SourceType.MONITOR:
        kind = Kind.ASSESSMENT
    confidence, reasons = score_confidence(weights)
    offset = facts.start
    return Proposal(
        date=expression.day if expression else published,
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


def _asked_about(
    facts: SentenceFacts, mention: DistrictMention, source: ArticleSource
) -> Proposal:
    """What a question relays about a district it names with no status word.

    Never proposed: only a denial in the answer ("That's not correct.") uses it.
    """
    offset = facts.start
    name = Span(offset + mention.start, offset + mention.end, mention.written)
    return Proposal(
        date=facts.setting.day,
        date_precision=DatePrecision.DAY,
        district_id=mention.district_id,
        status=None,
        actor="",
        extent=Extent.FULL,
        kind=Kind.CLAIM,
        denial_target="",
        source=source.outlet,
        source_type=SourceType.MEDIA,
        url=source.url,
        published=source.published,
        evidence=Span(offset, offset + len(facts.text), facts.text),
        district_name=name,
        status_cue=name,
        day_expression=None,
        speaker="",
        affiliation="",
        confidence=0.05,
        reasons=("asked about in a question",),
    )


def _check_source(source: ArticleSource) -> None:
    """Refuse an article that cannot be cited: a url not http(s), or no outlet."""
    if not is_web_url(source.url):
        raise ExtractionError(f"The article's url '{source.url[:80]}' is not http(s)")
    if not source.outlet.strip():
        raise ExtractionError("The outlet is empty: name who published the article")


def _remember(
    context: ReadingContext, facts: SentenceFacts, made: list[Proposal]
) -> None:
    """Carry a sentence's speakers, sides and claims forward to the next ones."""
    added = new_speakers(facts, context)
    context.speakers += added
    named = [item for item in facts.attributions if not item.is_pronoun]
    if added or named:
        context.speaker = added[-1] if added else context.speaker
    sides = {actor.actor_id for actor in facts.actors}
    if sides:
        context.previous_side = sides.pop() if len(sides) == 1 else ""
    claims = tuple(item for item in made if not item.kind.rejects)
    if claims or not facts.setting.question:
        context.previous_claims = claims
    if not facts.setting.question:
        context.all_claims += claims


def _outlet_side(outlet: str, gazetteer: Gazetteer) -> str:
    """The side an outlet belongs to, when it names one ("SDF General Command")."""
    sides = {actor.actor_id for actor in find_actors(outlet, gazetteer.actors)}
    return sides.pop() if len(sides) == 1 else ""


def _answer_account(
    proposals: list[Proposal], open_denials: list[int], made: list[Proposal]
) -> list[Proposal]:
    """Give open denials the status their next sentence claims; that claim goes.

    A claim with a day of its own ("cleared it last week") is a claim of its
    own, and the denial keeps no account.
    """
    kept = []
    for proposal in made:
        match = next(
            (
                number
                for number in open_denials
                if proposals[number].district_id == proposal.district_id
                and not proposal.kind.rejects
                and proposal.day_expression is None
            ),
            None,
        )
        if match is None:
            kept.append(proposal)
        else:
            proposals[match] = with_account(proposals[match], proposal)
            open_denials.remove(match)
    return kept


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
    mentions = with_city_mentions(
        find_districts(text, gazetteer), find_city_mentions(text, city.name)
    )
    actors = find_actors(text, gazetteer.actors)
    context = ReadingContext(outlet_side=_outlet_side(source.outlet, gazetteer))
    sentences = split_sentences(text)
    settings = lay_out(text, sentences, published, source.outlet)
    proposals: list[Proposal] = []
    figures: list[FigureProposal] = []
    headlines: list[Proposal] = []
    skipped: list[Skipped] = []
    open_denials: list[int] = []
    for sentence, setting in zip(sentences, settings, strict=True):
        if setting.entry != context.entry or setting.question:
            open_denials = []
        context.start_entry(setting.entry)
        facts = find_sentence_facts(text, sentence, setting, mentions, actors)
        made = []
        for mention in facts.mentions:
            result = _propose(facts, mention, source, gazetteer, context)
            if isinstance(result, Proposal):
                made.append(result)
                continue
            if setting.question and result == NO_STATUS_WORD:
                made.append(_asked_about(facts, mention, source))
                continue
            name = Span(
                sentence.start + mention.start,
                sentence.start + mention.end,
                mention.written,
            )
            evidence = Span(sentence.start, sentence.end, facts.text)
            skipped.append(Skipped(mention.district_id, name, evidence, result))
        made = group_districts(made, text, city)
        if open_denials and not setting.heading:
            made = _answer_account(proposals, open_denials, made)
            open_denials = []
        elif not facts.mentions and not setting.question and not setting.heading:
            made = denials_of_previous(facts, context, source)
            open_denials = [len(proposals) + number for number in range(len(made))]
        if setting.heading:
            headlines += made
        elif not setting.question:
            proposals += made
            figures += figures_in(facts, context, source)
        _remember(context, facts, made)
    proposals = merge_headlines(headlines, proposals, city)
    return Extraction(
        text,
        tuple(merge_duplicates(proposals)),
        tuple(skipped),
        figures=tuple(figures),
    )
