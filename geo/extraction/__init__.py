"""Article to claims: read a news article and propose the control claims it makes.

Rule: the extractor never invents a claim. Every proposal carries the sentence it
came from; nothing is stored until an editor accepts it (``app_pages/from_article.py``).

Code outside this package imports from ``geo.extraction`` only (the names in
``__all__``; a unit test of one inner module may import that module); the
modules inside are its implementation and may change freely:

- ``reading``: an upload's bytes, the format, the main text and its sentences
  (hidden HTML text is never read);
- ``layout``: headlines, day headings, live-blog entries, transcript turns and
  questions;
- ``proposing``: ``extract_reports``, the rules applied mention by mention;
- ``results``: what it hands back (proposals of reports and of figures, skipped
  names, their spans);
- ``sentence_facts``, ``claim_reading``, ``denials``, ``speakers``,
  ``claim_days``, ``place_lists``, ``merging``, ``figures``, ``confidence``:
  the rules a sentence is read by, and what is merged;
- ``text_matching``, ``claim_cues``, ``article_days``, ``attribution``: finding
  names, status words, days and speakers in text;
- ``review``: what the review page shows, what accepted rows would change on
  the map, and what it stores.
"""

from geo.extraction.confidence import HIGH_CONFIDENCE, Level, confidence_level
from geo.extraction.proposing import extract_reports
from geo.extraction.reading import (
    MAX_ARTICLE_CHARACTERS,
    MAX_HTML_CHARACTERS,
    MAX_UPLOAD_BYTES,
    UPLOAD_SUFFIXES,
    ArticleFormat,
    ExtractionError,
    decode_article,
    guess_format,
)
from geo.extraction.results import (
    EXTRACTOR_VERSION,
    Extraction,
    FigureProposal,
    Proposal,
    Skipped,
    Span,
)
from geo.extraction.review import (
    MAP_CHANGE_COLUMNS,
    READ_ONLY_COLUMNS,
    Decision,
    Target,
    denial_targets,
    figures_csv,
    figures_table,
    map_changes,
    place_options,
    proposal_html,
    reports_to_add,
    review_table,
)
from geo.extraction.text_matching import fold

__all__ = [
    "EXTRACTOR_VERSION",
    "HIGH_CONFIDENCE",
    "MAP_CHANGE_COLUMNS",
    "MAX_ARTICLE_CHARACTERS",
    "MAX_HTML_CHARACTERS",
    "MAX_UPLOAD_BYTES",
    "READ_ONLY_COLUMNS",
    "UPLOAD_SUFFIXES",
    "ArticleFormat",
    "Decision",
    "Extraction",
    "ExtractionError",
    "FigureProposal",
    "Level",
    "Proposal",
    "Skipped",
    "Span",
    "Target",
    "confidence_level",
    "decode_article",
    "denial_targets",
    "extract_reports",
    "figures_csv",
    "figures_table",
    "fold",
    "guess_format",
    "map_changes",
    "place_options",
    "proposal_html",
    "reports_to_add",
    "review_table",
]
