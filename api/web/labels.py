"""Names of graph nodes in the reader's language, fetched in one query for many nodes."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.store.base import GraphStore
from ontology.namespaces import DCTERMS, ELI, RDFS, SKOS

#: label properties, best first
LABEL_PROPERTIES = (SKOS + "prefLabel", RDFS + "label", ELI + "title", DCTERMS + "title")


def local_name(iri: str) -> str:
    """The last part of an IRI, as a fallback name.

    >>> local_name("https://policykg.org/id/program/ctc-legal"), local_name("http://x.org/o#beneficiary")
    ('ctc-legal', 'beneficiary')
    """
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def values_clause(variable: str, iris: Iterable[str]) -> str:
    """A ``VALUES`` block over IRIs; each is checked as an IRI first, so nothing else gets into the query."""
    return f"VALUES ?{variable} {{ " + " ".join(str(NamedNode(i)) for i in iris) + " }"


def labels(store: GraphStore, iris: Iterable[str], lang: str) -> dict[str, str]:
    """The best label of each IRI: in ``lang``, else English, else untagged, else any; the local name if none."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    props = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    rows = store.select(f"SELECT ?s ?p ?l WHERE {{ {values_clause('s', wanted)} VALUES ?p {{ {props} }} ?s ?p ?l }}")
    best: dict[str, tuple[int, int, str]] = {}
    for s, p, label in rows:
        if not isinstance(label, Literal) or s is None or p is None:
            continue
        tag = (label.language or "").lower()
        rank_lang = 0 if tag == lang else 1 if tag == "en" else 2 if not tag else 3
        rank = (rank_lang, LABEL_PROPERTIES.index(val(p)), label.value)
        key = val(s)
        if key not in best or rank < best[key]:
            best[key] = rank
    return {iri: best[iri][2] if iri in best else local_name(iri) for iri in wanted}


def val(term: object) -> str:
    """The lexical value of a result term (IRI, literal, blank node), as text."""
    return str(getattr(term, "value", term))
