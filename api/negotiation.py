"""Content negotiation as pure functions over the format table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from kg.errors import NotAcceptable
from kg.formats import RDF_SYNTAXES, RESULTS_SYNTAXES

#: media type offered → syntax name in ``kg.formats``, in the server's order of preference.
RESULT_OFFERS: dict[str, str] = {
    **{s.media_type: s.name for s in RESULTS_SYNTAXES},
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
}
GRAPH_OFFERS: dict[str, str] = {
    **{s.media_type: s.name for s in RDF_SYNTAXES},
    "application/json": "jsonld", "application/xml": "rdfxml", "text/xml": "rdfxml",
    "application/x-turtle": "turtle", "text/plain": "ntriples",
}
#: ``format=`` values (besides names, extensions and media types) that differ by result form.
RESULT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "srj": "json", "srx": "xml",
                  "sparql-results+json": "json", "sparql-results+xml": "xml"}
GRAPH_ALIASES = {"json": "jsonld", "xml": "rdfxml", "rdf": "rdfxml", "ttl": "turtle", "nt": "ntriples",
                 "nq": "nquads", "n3": "turtle", "json-ld": "jsonld", "rdf/xml": "rdfxml", "rdf+xml": "rdfxml",
                 "rdfxml": "rdfxml", "turtle": "turtle", "ntriples": "ntriples", "n-triples": "ntriples",
                 "nquads": "nquads", "n-quads": "nquads", "trig": "trig", "jsonld": "jsonld", "ld+json": "jsonld"}

#: Every ``format=`` value accepted, exactly as spelled here (OpenAPI enums, and the gate below).
GRAPH_FORMATS: list[str] = sorted({*GRAPH_ALIASES, *GRAPH_OFFERS, *GRAPH_OFFERS.values()})
QUERY_FORMATS: list[str] = sorted({*RESULT_ALIASES, *RESULT_OFFERS, *RESULT_OFFERS.values(), *GRAPH_FORMATS})


def offered(fmt: str | None, formats: Sequence[str]) -> str | None:
    """``fmt`` when it is one of ``formats`` (or absent), else :class:`NotAcceptable` naming them.

    >>> offered("ttl", GRAPH_FORMATS), offered(None, GRAPH_FORMATS)
    ('ttl', None)
    >>> offered("TTL", GRAPH_FORMATS)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.NotAcceptable: format=TTL is not offered here; use one of application/json, ...
    """
    if fmt is not None and fmt not in formats:
        raise NotAcceptable(f"format={fmt} is not offered here; use one of {', '.join(formats)}")
    return fmt


def content(media_types: Sequence[str]) -> dict[str, dict[str, object]]:
    """OpenAPI ``content`` for response bodies in these media types: JSON ones are JSON, the rest text.

    >>> content(["text/turtle", "application/ld+json"])["application/ld+json"]
    {'schema': {'type': ['object', 'array']}}
    """
    return {media: {"schema": {"type": ["object", "array"]} if media.endswith("json") else {"type": "string"}}
            for media in media_types}


@lru_cache(maxsize=512)  # clients send few distinct headers, and each request reads its own several times
def parse_accept(header: str | None) -> tuple[tuple[str, float], ...]:
    """Media ranges with their q-values, best first (stable for equal q).

    >>> parse_accept("text/turtle;q=0.5, application/ld+json")
    (('application/ld+json', 1.0), ('text/turtle', 0.5))
    """
    if not header:
        return (("*/*", 1.0),)
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return tuple(sorted(ranges, key=lambda r: -r[1]))


def _quality(offer: str, ranges: Sequence[tuple[str, float]]) -> tuple[float, int]:
    """The q the most specific matching range gives ``offer``, and that range's specificity."""
    main = offer.split("/")[0]
    best: tuple[float, int] = (0.0, -1)
    for media_range, q in ranges:
        if media_range == offer:
            specificity = 2
        elif media_range == f"{main}/*":
            specificity = 1
        elif media_range == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best[1]:
            best = (q, specificity)
    return best


def negotiate(header: str | None, offers: Sequence[str]) -> str:
    """The offer the Accept header rates highest (ties: the server's order), else :class:`NotAcceptable`.

    Each offer gets the q of the most specific range that matches it, so ``text/csv;q=0, */*``
    excludes CSV and allows the rest.

    >>> negotiate("text/csv, */*;q=0.1", ["application/sparql-results+json", "text/csv"])
    'text/csv'
    >>> negotiate(None, ["application/sparql-results+json", "text/csv"])
    'application/sparql-results+json'
    >>> negotiate("*/*, application/sparql-results+json;q=0", ["application/sparql-results+json", "text/csv"])
    'text/csv'
    """
    ranges = parse_accept(header)
    chosen, chosen_q = None, 0.0
    for offer in offers:
        q, _ = _quality(offer, ranges)
        if q > chosen_q:
            chosen, chosen_q = offer, q
    if chosen is None:
        raise NotAcceptable(f"none of the offered types fits Accept: {header}; offered: {', '.join(offers)}")
    return chosen


def _names_an_offer(ranges: Sequence[tuple[str, float]], offers: Sequence[str]) -> bool:
    """Whether the Accept ranges ask for an offer by its type (``type/subtype`` or ``type/*``), not only by ``*/*``.

    A browser's Accept (it names ``text/html``) counts as asking for none: its ``application/xml``
    is not a choice of results syntax.
    """
    if any(media_range == "text/html" for media_range, q in ranges if q > 0):
        return False
    return any(_quality(offer, ranges)[1] >= 1 and _quality(offer, ranges)[0] > 0 for offer in offers)


def pick_syntax(accept: str | None, formats: Sequence[str], offers: Mapping[str, str],
                aliases: Mapping[str, str]) -> str:
    """The syntax name for a response. Accept decides when it asks for an offered type; else the
    first ``format=`` value this endpoint knows (a browser's fallback; clients such as SPARQLWrapper
    send several synonyms); else Accept's wildcards, in the server's order.

    >>> pick_syntax("text/csv;q=0.5, application/sparql-results+xml", (), RESULT_OFFERS, RESULT_ALIASES)
    'xml'
    >>> pick_syntax(None, ("json",), GRAPH_OFFERS, GRAPH_ALIASES)
    'jsonld'
    >>> pick_syntax("application/rdf+xml", ("rdf+xml", "application/rdf+xml"), GRAPH_OFFERS, GRAPH_ALIASES)
    'rdfxml'
    >>> pick_syntax("text/turtle", ("json",), GRAPH_OFFERS, GRAPH_ALIASES)  # Accept can be met: format= is a fallback
    'turtle'
    >>> pick_syntax("text/html,application/xml;q=0.9,*/*;q=0.8", ("csv",), RESULT_OFFERS, RESULT_ALIASES)
    'csv'
    """
    ranges = parse_accept(accept)
    if formats and not _names_an_offer(ranges, list(offers)):
        for fmt in formats:
            key = fmt.strip().lower()
            if key in aliases:
                return aliases[key]
            if key in offers:
                return offers[key]
            if key in offers.values():
                return key
        names = sorted(set(aliases) | set(offers.values()))
        raise NotAcceptable(f"format={formats[0]} is not offered here; use one of {', '.join(names)}")
    return offers[negotiate(accept, list(offers))]
