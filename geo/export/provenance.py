"""Where an exported file comes from: the data version, and the snapshot if any.

Every export carries these in its own kind of metadata, so a file found later
can be traced to the data it was drawn from and, when it was made from a
published map, to that map's revision and publish day.
"""

import hashlib

from geo.city import City
from geo.days import format_day
from geo.snapshots import Snapshot, published_day


def data_version(city: City) -> str:
    """A short fingerprint of the reports and districts a file is drawn from.

    The same data always gives the same version; any change to a report or a
    district gives another.
    """
    digest = hashlib.sha256(city.all_reports.to_csv(index=False).encode("utf-8"))
    digest.update(b"".join(city.districts.geometry.to_wkb()))
    latest = max(city.days).isoformat() if city.days else "none"
    return (
        f"{city.name} {len(city.reports)} reports to {latest} "
        f"sha256:{digest.hexdigest()[:16]}"
    )


def published_line(found: Snapshot) -> str:
    """E.g. "as published 3 Aug 2017, revision 2" (the snapshot's version)."""
    published = format_day(published_day(found.published_at))
    return f"as published {published}, revision {found.version}"


def provenance(city: City, found: Snapshot | None = None) -> dict[str, str]:
    """What a file says of its origin, as plain names and values.

    Always the data version; for a snapshot also its id, revision and publish
    time (ISO, UTC).
    """
    fields = {"data_version": data_version(city)}
    if found is not None:
        fields |= {
            "snapshot": found.id,
            "snapshot_revision": str(found.version),
            "published": found.published_at,
        }
    return fields


def provenance_text(city: City, found: Snapshot | None = None) -> str:
    """``provenance`` in one line for a comment or description field."""
    fields = provenance(city, found)
    words = f"Data version: {fields['data_version']}"
    if found is None:
        return words
    return (
        f"{words}. Snapshot {found.id}, {published_line(found)} ({fields['published']})"
    )
