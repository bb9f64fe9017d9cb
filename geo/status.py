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
    """Whether a report asserts, assesses, or rejects reports it names.

    ``denial``: another party rejects the reports it names; they keep counting and
    the district is shown disputed. ``retraction``: the claimant itself (or the
    same outlet, correcting itself) withdraws them; they stop counting.
    """

    CLAIM = "claim"
    ASSESSMENT = "assessment"
    DENIAL = "denial"
    RETRACTION = "retraction"

    @property
    def rejects(self) -> bool:
        """Whether this kind names reports it rejects (in ``denies``)."""
        return self in (Kind.DENIAL, Kind.RETRACTION)


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


class Boundary(StrEnum):
    """How a district's outline was made: given by the user, or drawn by us.

    ``schematic``: a Voronoi cell around a named point, not a real boundary;
    ``supplied``: taken from a boundary file (or a landmark's own point).
    """

    SCHEMATIC = "schematic"
    SUPPLIED = "supplied"


class EventKind(StrEnum):
    """What happened at a point on a day, as the source tells it.

    ``strike``: an air strike or shelling (artillery, mortar); ``attack``: a ground
    assault, car bomb or suicide attack; ``medical``: a clinic, hospital or
    ambulance point; ``displacement``: people leaving, fleeing or being evacuated.
    """

    STRIKE = "strike"
    ATTACK = "attack"
    MEDICAL = "medical"
    DISPLACEMENT = "displacement"
    OTHER = "other"


class LocationPrecision(StrEnum):
    """How an event's point was found: printed by its source, or placed by us.

    The first four are coordinates the source published, with the accuracy it
    states (``unstated`` when it gives none). ``district`` and ``landmark`` mean the
    source names only a place: the event sits at that feature's point in
    ``districts.geojson``, which is itself hand-placed, and the row gives no lat/lon.
    """

    EXACT = "exact"
    STREET = "street"
    NEIGHBOURHOOD = "neighbourhood"
    UNSTATED = "unstated"
    DISTRICT = "district"
    LANDMARK = "landmark"
