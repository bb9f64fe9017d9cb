"""Article to claims: read a news article and propose the control claims it makes.

Rule: the extractor never invents a claim. Every proposal carries the sentence it
came from; nothing is stored until an editor accepts it (``pages/from_article.py``).

Code outside this package imports from ``geo.extraction`` only (the names in
``__all__``; a unit test of one inner module may import that module); the
modules inside are its implementation and may change freely:

- ``reading``: an upload's bytes, the format, the main text and its sentences;
- ``proposing``: ``extract_reports``, the rules applied mention by mention;
- ``results``: what it hands back (proposals, skipped names, their spans);
- ``sentence_facts``, ``claim_reading``, ``denials``, ``speakers``,
  ``claim_days``, ``confidence``: the rules a sentence is read by;
- ``text_matching``, ``claim_cues``, ``article_days``, ``attribution``: finding
  names, status words, days and speakers in text;
- ``review``: what the review page shows and stores.
"""

from geo.extraction.confidence import ACCEPT_CONFIDENCE
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
    Proposal,
    Skipped,
    Span,
)
from geo.extraction.review import (
    READ_ONLY_COLUMNS,
    proposal_html,
    reports_to_add,
    review_table,
)
from geo.extraction.text_matching import fold

__all__ = [
    "ACCEPT_CONFIDENCE",
    "EXTRACTOR_VERSION",
    "MAX_ARTICLE_CHARACTERS",
    "MAX_HTML_CHARACTERS",
    "MAX_UPLOAD_BYTES",
    "READ_ONLY_COLUMNS",
    "UPLOAD_SUFFIXES",
    "ArticleFormat",
    "Extraction",
    "ExtractionError",
    "Proposal",
    "Skipped",
    "Span",
    "decode_article",
    "extract_reports",
    "fold",
    "guess_format",
    "proposal_html",
    "reports_to_add",
    "review_table",
]
