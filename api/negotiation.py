"""Content negotiation as pure functions over the format table."""

from __future__ import annotations

from collections.abc import Sequence

from kg.errors import NotAcceptable


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, best first (stable for equal q).

    >>> parse_accept("text/turtle;q=0.5, application/ld+json")
    [('application/ld+json', 1.0), ('text/turtle', 0.5)]
    """
    if not header:
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return sorted(ranges, key=lambda r: -r[1])


def negotiate(header: str | None, offers: Sequence[str]) -> str:
    """The first offer the Accept header allows, by the client's preference, else :class:`NotAcceptable`.

    >>> negotiate("text/csv, */*;q=0.1", ["application/sparql-results+json", "text/csv"])
    'text/csv'
    >>> negotiate(None, ["application/sparql-results+json", "text/csv"])
    'application/sparql-results+json'
    """
    for media_range, q in parse_accept(header):
        if q <= 0:
            continue
        for offer in offers:
            main, _, sub = media_range.partition("/")
            if media_range in ("*/*", offer) or (sub == "*" and offer.startswith(main + "/")):
                return offer
    raise NotAcceptable(f"none of the offered types fits Accept: {header}; offered: {', '.join(offers)}")
