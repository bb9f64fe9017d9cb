"""The vocabulary of reports and of the control the map shows: one home per word."""

from enum import StrEnum


class ReportStatus(StrEnum):
    """What a single report says about a district."""

    HELD = "held"
    CONTESTED = "contested"
    UNKNOWN = "unknown"


class Control(StrEnum):
    """What the map shows for a district on a day, after the resolution rule."""

    HELD = "held"
    CONTESTED = "contested"
    DISPUTED = "disputed"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    """Whether a report asserts, assesses, or rejects another report."""

    CLAIM = "claim"
    ASSESSMENT = "assessment"
    DENIAL = "denial"


class Extent(StrEnum):
    """How much of the district the report covers."""

    FULL = "full"
    PARTIAL = "partial"


class SourceType(StrEnum):
    """Who is speaking: a party to the fighting, a monitor, the press, ..."""

    PARTY = "party"
    MONITOR = "monitor"
    MEDIA = "media"
    OFFICIAL = "official"
    ENCYCLOPEDIA = "encyclopedia"


class DatePrecision(StrEnum):
    """How exactly the report's day is known."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Verification(StrEnum):
    """What the desk itself has established about a report, set by an editor."""

    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    DISPUTED = "disputed"


class FeatureKind(StrEnum):
    """A district is an area; a landmark is a point that reports also name."""

    DISTRICT = "district"
    LANDMARK = "landmark"
