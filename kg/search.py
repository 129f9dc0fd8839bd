"""Hybrid passage search: dense vectors first, BM25 and the question's constraints as boosts, filtered through the graph."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import cast

import numpy as np
from pyoxigraph import Literal, NamedNode

from kg.candidates import rows_of_iris
from kg.constraints import Constraints, read_constraints
from kg.errors import BadInput
from kg.fusion import FusionWeights, dense_first
from kg.index.base import Scored, rrf
from kg.index.passage_set import PassageSet
from kg.workspace import Workspace
from ontology.iri import Iris

MODES = ("bm25", "dense", "hybrid")
FUSIONS = ("dense-first", "rrf")
ALL = "all"


@dataclass(frozen=True)
class EntityRef:
    iri: str
    label: str
    type: str


@dataclass(frozen=True)
class DocumentRef:
    iri: str
    title: str
    source: str
    type: str
    language: str


@dataclass(frozen=True)
class PassageRef:
    iri: str
    text: str
    start: int
    end: int
    section: str


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    document: DocumentRef
    passage: PassageRef
    entities: tuple[EntityRef, ...]
    ranks: dict[str, int] = field(default_factory=dict)  # rank of this passage in each retriever


@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: str
    embedder: str | None
    k: int
    filters: dict[str, str]
    hits: tuple[Hit, ...]
    elapsed_ms: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


#: A query holds a character other than whitespace, whitespace as ``str.strip`` means it (the
#: class is spelled out because ``\s`` differs between Python, JSON Schema and pydantic).
NOT_BLANK = ("[^\\u0009-\\u000d\\u001c-\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f"
             "\\u205f\\u3000]")


def is_blank(text: str) -> bool:
    """Whether ``text`` is empty once stripped; the same test as :data:`NOT_BLANK`.

    >>> all(is_blank(chr(c)) == chr(c).isspace() for c in range(0x3001))
    True
    """
    return re.search(NOT_BLANK, text) is None


def state_pattern(iris: Iris) -> str:
    r"""What the ``state`` filter accepts, as a regular expression (JSON Schema's and Python's alike).

    >>> state_pattern(Iris("https://policykg.org/"))
    '^(?:[A-Za-z]{3}|https://policykg\\.org/id/state/[A-Z]{3})$'
    """
    base = "".join("\\" + c if c in ".^$*+?()[]{}|\\" else c for c in iris.state(""))
    return f"^(?:[A-Za-z]{{3}}|{base}[A-Z]{{3}})$"


def state_iri(iris: Iris, value: str) -> str:
    """The IRI of the state a filter names: an ISO 3166 alpha-3 code, or the IRI policykg mints for one.

    >>> iris = Iris("https://policykg.org/")
    >>> state_iri(iris, "gtm") == state_iri(iris, "https://policykg.org/id/state/GTM") == iris.state("GTM")
    True
    """
    if not re.fullmatch(state_pattern(iris), value):
        raise BadInput(f"state must be an ISO 3166 alpha-3 code or a state IRI ({iris.state('GTM')}), "
                       f"not {value!r}")
    return value if len(value) > 3 else iris.state(value)


@dataclass(frozen=True)
class Filters:
    state: str | None = None
    type: str | None = None
    year: int | None = None
    lang: str | None = None

    def active(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v is not None}


class Searcher:
    """Hybrid search over one workspace.

    ``expand`` rewrites the query for the lexical leg only (e.g. cross-lingual entity
    names); the dense leg always gets the query as written.
    """

    def __init__(self, workspace: Workspace, *, expand: Callable[[str], str] | None = None) -> None:
        self.ws = workspace
        self.v = workspace.iris.ontology
        self.expand = expand

    def search(self, query: str, *, k: int = 10, mode: str | None = "hybrid", embedder: str | None = None,
               filters: Filters = Filters(), fusion: str | None = None,
               within: Sequence[str] | None = None) -> SearchResult:
        """Top ``k`` passages for ``query``. Read-only; cost: one query encoding plus index scans.

        ``within`` (IRIs of passages, documents or entities, e.g. a SELECT's first column:
        :func:`kg.candidates.rows_of_iris`) restricts the candidates before ranking, on top of
        ``filters``; an empty sequence leaves none.

        ``mode=None`` is hybrid where a dense index exists, else bm25 (the only mode there).
        ``fusion`` (hybrid) is ``dense-first`` or ``rrf``; None takes the setting. Fusing
        several embedders (``embedder="all"``) is always by RRF.
        """
        started = time.perf_counter()
        if is_blank(query):
            raise BadInput("the query is empty")
        query = query.strip()
        mode = mode or ("hybrid" if self.ws.passages().dense else "bm25")
        if mode not in MODES:
            raise BadInput(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        if not 1 <= k <= self.ws.settings.search_k_max:
            raise BadInput(f"k must be between 1 and {self.ws.settings.search_k_max}")
        name = embedder or self.ws.settings.default_embedder
        passages = self.ws.passages()
        # "all" fuses every indexed embedder (hybrid) — dense needs one ranking, so it takes the first.
        names = list(passages.dense) if name == ALL else [name]
        if mode == "dense":
            names = names[:1]
        missing = [n for n in names if n not in passages.dense]
        if mode != "bm25" and (missing or not names):
            raise BadInput(f"embedder {name!r} is not indexed here; indexed: {', '.join(passages.dense) or 'none'}")
        fusion = fusion or self.ws.settings.fusion
        if fusion not in FUSIONS:
            raise BadInput(f"unknown fusion {fusion!r}; use one of {', '.join(FUSIONS)}")
        active = filters.active()
        allowed = self._allowed_rows(filters, passages) if active else None
        if within is not None:
            rows = rows_of_iris(within, passages=passages, store=self.ws.store, vocab=self.v)
            allowed = rows if allowed is None else np.intersect1d(allowed, rows)
            active["within"] = f"{len(rows)} passages"
        depth = max(k, 50)
        settings = self.ws.settings
        rankings: dict[str, list[Scored]] = {}
        if mode in ("bm25", "hybrid"):
            lexical = self.expand(query) if self.expand else query
            rankings["bm25"] = passages.bm25.search(lexical, depth, allowed=allowed)
        dense_first_here = mode == "hybrid" and fusion == "dense-first" and len(names) == 1
        scores = None
        if mode in ("dense", "hybrid"):
            for n in names:
                vector = self.ws.encode_query(n, query)
                if mode == "hybrid" and fusion == "rrf":  # the plain fusion, as before dense-first
                    rankings[n] = passages.dense[n].search_vector(vector, depth, allowed=allowed)
                    continue
                # Past the HNSW threshold, the lexical hits get their dense scores too: fusion drops unscored rows.
                lexical_rows = np.array([h.row for h in rankings.get("bm25", ())], dtype=np.int64)
                scores = passages.scored_rows(n, vector, context=settings.context_weight, allowed=allowed,
                                              also=lexical_rows, depth=max(settings.ann_candidates, depth))
                best = scores.top(depth)
                rankings[n] = [Scored(int(r), float(s)) for r, s in zip(best, scores.at(best))]
        if dense_first_here and scores is not None:
            weights = FusionWeights(settings.lexical_weight, settings.year_boost, settings.type_boost)
            constraints = read_constraints(query)
            fused = dense_first(scores, rankings["bm25"], depth=max(k, 100), lexical_depth=max(k, 20),
                                weights=weights, matches=self._matcher(constraints, passages))
        elif mode == "hybrid":
            fused = rrf(list(rankings.values()), k=settings.rrf_k)
        else:
            fused = next(iter(rankings.values()))
        top = fused[:k]
        hits = self._hits(top, rankings, passages)
        return SearchResult(query, mode, None if mode == "bm25" else "+".join(names), k, active, tuple(hits),
                            round((time.perf_counter() - started) * 1000, 2))

    def warm_up(self) -> float:
        """Pay a first search's one-time costs now; the milliseconds it took.

        A service's first search otherwise loads the default embedder's model, builds its
        single-query encoder and the expansion linker, and faults in index pages: seconds on
        the request of whoever comes first (on a replica a load balancer just added, the first
        user it routes there). Read-only; a store with no passages costs nothing here.
        """
        started = time.perf_counter()
        if self.ws.passages().rows:
            self.search("warm up", k=1, mode=None)
        return round((time.perf_counter() - started) * 1000, 1)

    def _matcher(self, constraints: Constraints, passages: PassageSet) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None:
        """Whether each row's document is of a year and of a type the question names (one store query)."""
        if not constraints.years and not constraints.types:
            return None

        def matches(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            documents = sorted({passages.rows[int(r)].document for r in rows})
            years, types = self._document_years_and_types(documents)
            year = np.array([any(constraints.year_matches(y) for y in years.get(passages.rows[int(r)].document, ()))
                             for r in rows], dtype=bool)
            kind = np.array([types.get(passages.rows[int(r)].document) in constraints.types for r in rows], dtype=bool)
            return year, kind

        return matches

    def _document_years_and_types(self, documents: list[str]) -> tuple[dict[str, set[int]], dict[str, str]]:
        if not documents:
            return {}, {}
        values = " ".join(f"<{d}>" for d in documents)
        q = (f"PREFIX pkg: <{self.v}> SELECT ?d ?type ?year WHERE {{ VALUES ?d {{ {values} }} "
             "?d pkg:documentType ?type . OPTIONAL { { ?d pkg:year ?year } UNION "
             "{ ?d pkg:about ?a . ?a pkg:year|pkg:startYear ?year } } }")
        years: dict[str, set[int]] = {}
        types: dict[str, str] = {}
        # ?d is an IRI and ?type a literal in every row; ?year is OPTIONAL.
        for d, t, y in cast(list[tuple[NamedNode, Literal, Literal | None]], self.ws.store.select(q)):
            types[d.value] = t.value
            if y is not None and y.value.lstrip("-").isdigit():
                years.setdefault(d.value, set()).add(int(y.value))
        return years, types

    def _allowed_rows(self, filters: Filters, passages: PassageSet) -> np.ndarray:
        clauses = []
        bindings: dict[str, object] = {}
        if filters.state is not None:  # "" too: it names no state (400)
            bindings["state"] = NamedNode(state_iri(self.ws.iris, filters.state))
            clauses.append("{ GRAPH ?g { ?x ?anyp ?state } }")
        if filters.type:
            bindings["type"] = Literal(filters.type)
            clauses.append("?doc pkg:documentType ?type .")
        if filters.lang:
            bindings["lang"] = Literal(filters.lang)
            clauses.append("?doc dcterms:language ?lang .")
        if filters.year is not None:
            bindings["year"] = Literal(str(filters.year), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
            clauses.append("{ ?doc pkg:year ?year } UNION { ?doc pkg:about ?a . ?a pkg:year|pkg:startYear ?year }")
        query = (f"PREFIX pkg: <{self.v}> PREFIX dcterms: <http://purl.org/dc/terms/> "
                 "SELECT DISTINCT ?doc WHERE { GRAPH ?g { ?doc a pkg:Document } " + " ".join(clauses) + " }")
        # ?doc is bound in every row, to a document's IRI.
        rows = cast(list[tuple[NamedNode]], self.ws.store.select(query, **bindings))
        docs = [row[0].value for row in rows]
        return passages.rows_of_documents(docs)

    def _hits(self, top: list[Scored], rankings: dict[str, list[Scored]], passages: PassageSet) -> list[Hit]:
        if not top:
            return []
        rows = [passages.rows[s.row] for s in top]
        rank_maps = {name: {s.row: i + 1 for i, s in enumerate(r)} for name, r in rankings.items()}
        docs = self._documents({r.document for r in rows})
        entities = self._entities([r.iri for r in rows])
        out = []
        for i, (s, row) in enumerate(zip(top, rows), start=1):
            doc = docs.get(row.document, DocumentRef(row.document, "", "", "", row.language))
            out.append(Hit(i, round(s.score, 6), doc,
                           PassageRef(row.iri, row.text, row.start, row.end, row.section),
                           tuple(entities.get(row.iri, ())),
                           {n: m[s.row] for n, m in rank_maps.items() if s.row in m}))
        return out

    def _documents(self, iris: set[str]) -> dict[str, DocumentRef]:
        values = " ".join(f"<{i}>" for i in iris)
        q = (f"PREFIX pkg: <{self.v}> PREFIX dcterms: <http://purl.org/dc/terms/> "
             f"SELECT ?d ?title ?source ?type ?lang WHERE {{ VALUES ?d {{ {values} }} "
             "?d dcterms:title ?title ; pkg:source ?source ; pkg:documentType ?type ; dcterms:language ?lang }")
        # No pattern is OPTIONAL: each row binds the document's IRI and four literals.
        rows = cast(list[tuple[NamedNode, Literal, Literal, Literal, Literal]], self.ws.store.select(q))
        return {d.value: DocumentRef(d.value, t.value, s.value, ty.value, la.value) for d, t, s, ty, la in rows}

    def _entities(self, passage_iris: list[str]) -> dict[str, list[EntityRef]]:
        values = " ".join(f"<{i}>" for i in passage_iris)
        q = (f"PREFIX pkg: <{self.v}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             f"SELECT ?p ?e (SAMPLE(?t) AS ?type) (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?p {{ {values} }} "
             "?p pkg:mentions ?e . OPTIONAL { ?e a ?t . FILTER(STRSTARTS(STR(?t), STR(pkg:))) } "
             "OPTIONAL { ?e rdfs:label|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l . "
             "FILTER(LANG(?l) = 'en' || LANG(?l) = '') } } GROUP BY ?p ?e")
        out: dict[str, list[EntityRef]] = {}
        # ?p and ?e are IRIs; the type and the label are OPTIONAL.
        rows = cast(list[tuple[NamedNode, NamedNode, NamedNode | None, Literal | None]], self.ws.store.select(q))
        for p, e, t, label in rows:
            kind = t.value.rsplit("#", 1)[-1] if t is not None else ""
            out.setdefault(p.value, []).append(EntityRef(e.value, label.value if label is not None else e.value, kind))
        return out
