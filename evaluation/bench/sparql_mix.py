"""A fixed mix of realistic SPARQL queries, timed through the HTTP endpoint, pyoxigraph and rdflib.

The mix covers what the service is asked: lookups by code or symbol, joins of programs with
states and bodies, aggregations over states × programs × partners, property paths over
citations (``eli:cites+``), gaps (``FILTER NOT EXISTS``), a scan of passage text, a
provenance join, a CONSTRUCT and an ASK. Every engine answers over the same triples: the
service and pyoxigraph over the store's default graph (the union of the named graphs),
rdflib over that graph dumped as N-Triples. Each engine reports its result size, so the
table also shows whether the engines agree.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
from pyoxigraph import DefaultGraph, QueryBoolean, RdfFormat, Store

from evaluation.bench.rdflib_engine import EngineRun, RdflibEngine
from evaluation.bench.timing import median, ms, sig, time_repeated

PREFIXES = """PREFIX pkg: <{pkg}>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


@dataclass(frozen=True)
class MixQuery:
    name: str
    shape: str  # lookup | join | aggregation | path | gap | scan | construct | ask
    body: str  # the query after the prefixes

    @property
    def form(self) -> str:
        return {"construct": "graph", "ask": "ask"}.get(self.shape, "select")

    def text(self, ontology: str) -> str:
        return PREFIXES.format(pkg=ontology) + self.body


QUERIES: tuple[MixQuery, ...] = (
    MixQuery("state-by-iso3", "lookup", """SELECT ?state ?label ?wikidata WHERE {
  ?state pkg:iso3 "GTM" ; skos:prefLabel ?label . OPTIONAL { ?state owl:sameAs ?wikidata } }"""),
    MixQuery("resolution-by-symbol", "lookup", """SELECT ?r ?date ?doc ?title WHERE {
  ?r pkg:symbol "S/RES/678 (1990)" . OPTIONAL { ?r eli:date_document ?date }
  OPTIONAL { ?doc pkg:about ?r ; dcterms:title ?title } }"""),
    MixQuery("programs-of-a-state", "join", """SELECT ?program ?label ?body ?theme WHERE {
  ?state pkg:iso3 "COL" . ?program a pkg:Program ; pkg:beneficiary ?state ; rdfs:label ?label .
  OPTIONAL { ?program pkg:implementedBy ?body } OPTIONAL { ?program pkg:hasTheme ?theme } }"""),
    MixQuery("low-confidence-provenance", "join", """SELECT ?s ?p ?o ?c ?passage ?start ?end WHERE {
  ?st a pkg:QualifiedStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pkg:confidence ?c ;
      prov:wasDerivedFrom ?passage ; oa:hasSelector ?sel .
  ?sel oa:start ?start ; oa:end ?end . FILTER(?c < 0.5) } ORDER BY ?c ?st LIMIT 200"""),
    MixQuery("citations-across-decades", "join", """SELECT ?a ?b WHERE {
  ?a eli:cites ?b . ?a pkg:year ?ya . ?b pkg:year ?yb . FILTER(?ya - ?yb >= 10) } ORDER BY ?a ?b"""),
    MixQuery("programs-per-state", "aggregation", """SELECT ?iso3 (COUNT(DISTINCT ?program) AS ?programs)
       (COUNT(DISTINCT ?body) AS ?bodies) WHERE {
  ?program a pkg:Program ; pkg:beneficiary ?state . ?state pkg:iso3 ?iso3 .
  OPTIONAL { ?program pkg:implementedBy ?body } } GROUP BY ?iso3 ORDER BY DESC(?programs) ?iso3"""),
    MixQuery("partners-per-state", "aggregation", """SELECT ?iso3 ?partner (COUNT(DISTINCT ?program) AS ?n) WHERE {
  ?program pkg:beneficiary ?state ; pkg:partner|pkg:fundedBy ?partner . ?state pkg:iso3 ?iso3 }
GROUP BY ?iso3 ?partner ORDER BY DESC(?n) ?iso3 ?partner"""),
    MixQuery("donor-beneficiary-pairs", "aggregation", """SELECT ?donor ?beneficiary (COUNT(DISTINCT ?program) AS ?n) WHERE {
  ?program pkg:fundedBy ?d ; pkg:beneficiary ?b . ?d a pkg:State ; pkg:iso3 ?donor . ?b pkg:iso3 ?beneficiary .
  FILTER(?d != ?b) } GROUP BY ?donor ?beneficiary ORDER BY DESC(?n) ?donor ?beneficiary LIMIT 50"""),
    MixQuery("themes-coverage", "aggregation", """SELECT ?theme ?label (COUNT(DISTINCT ?program) AS ?programs)
       (COUNT(DISTINCT ?state) AS ?states) WHERE {
  ?program a pkg:Program ; pkg:hasTheme ?theme . ?theme skos:prefLabel ?label . FILTER(LANG(?label) = "en")
  OPTIONAL { ?program pkg:beneficiary ?state } } GROUP BY ?theme ?label ORDER BY DESC(?programs) ?theme"""),
    MixQuery("resolutions-per-year", "aggregation", """SELECT ?year (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?r a pkg:Resolution ; pkg:issuedBy ?body ; pkg:year ?year } GROUP BY ?year ORDER BY ?year"""),
    MixQuery("state-mentions", "aggregation", """SELECT ?iso3 (COUNT(DISTINCT ?passage) AS ?passages)
       (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?passage a pkg:Passage ; pkg:mentions ?state ; pkg:partOf ?doc . ?state a pkg:State ; pkg:iso3 ?iso3 }
GROUP BY ?iso3 ORDER BY DESC(?passages) ?iso3 LIMIT 25"""),
    MixQuery("cites-closure", "path", """SELECT DISTINCT ?cited ?symbol WHERE {
  ?r pkg:symbol "S/RES/678 (1990)" ; eli:cites+ ?cited . OPTIONAL { ?cited pkg:symbol ?symbol } }"""),
    MixQuery("cited-by-closure", "path", """SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?target pkg:symbol "S/RES/660 (1990)" . ?r eli:cites+ ?target }"""),
    MixQuery("most-cited-transitively", "path", """SELECT ?t (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?r a pkg:Resolution ; eli:cites+ ?t . ?t a pkg:Resolution } GROUP BY ?t ORDER BY DESC(?n) ?t LIMIT 20"""),
    MixQuery("cites-path-exists", "ask", """ASK {
  ?a pkg:symbol "S/RES/678 (1990)" . ?b pkg:symbol "S/RES/660 (1990)" . ?a eli:cites+ ?b }"""),
    MixQuery("oas-members-without-program", "gap", """SELECT ?iso3 WHERE {
  ?state pkg:oasMember true ; pkg:iso3 ?iso3 .
  FILTER NOT EXISTS { ?program a pkg:Program ; pkg:beneficiary ?state } } ORDER BY ?iso3"""),
    MixQuery("programs-without-mandate", "gap", """SELECT ?program WHERE {
  ?program a pkg:Program . FILTER NOT EXISTS { ?program pkg:mandatedBy|pkg:implements ?instrument } }
ORDER BY ?program"""),
    MixQuery("uncited-resolutions", "gap", """SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {
  ?doc pkg:about ?r . ?r a pkg:Resolution . FILTER NOT EXISTS { ?other eli:cites ?r } }"""),
    MixQuery("passages-about-sanctions", "scan", """SELECT (COUNT(?p) AS ?n) WHERE {
  ?p a pkg:Passage ; pkg:text ?text . FILTER(CONTAINS(LCASE(?text), "sanctions")) }"""),
    MixQuery("describe-programs", "construct", """CONSTRUCT { ?program ?p ?o } WHERE {
  ?program a pkg:Program ; ?p ?o }"""),
)


@dataclass(frozen=True)
class SparqlRow:
    """One query of the mix: medians in ms per engine, ratios to pyoxigraph, runs per engine."""

    query: str
    shape: str
    rows: int | None  # pyoxigraph's result size (rows, triples, or 1/0 for ASK)
    http_ms: float | None
    oxigraph_ms: float | None
    rdflib_ms: float | None
    http_ratio: float | None  # HTTP / pyoxigraph
    rdflib_ratio: float | None  # rdflib / pyoxigraph
    runs: tuple[int, int, int]  # timed runs: HTTP, pyoxigraph, rdflib
    note: str  # result sizes that differ, errors, queries past the cap


@dataclass(frozen=True)
class SparqlReport:
    triples: int  # in the default graph (what every engine queries)
    rdflib_triples: int
    rdflib_load_s: float  # parsing the N-Triples dump into an rdflib Graph (first load)
    rdflib_restarts: int  # child processes started again after a query past the cap
    repeats: int
    budget_s: float
    cap_s: float
    rows: tuple[SparqlRow, ...]
    http_ratio_geomean: float | None
    rdflib_ratio_geomean: float | None


def open_engine(directory: Path) -> Store:
    """pyoxigraph itself, read-only on a *copy* of a store's ``oxigraph`` directory: the baseline the service is timed
    against (the service reaches its store only through :mod:`kg.store`)."""
    return Store.read_only(str(directory))


def run_oxigraph(store: Store, query: str, *, repeats: int, budget_s: float) -> EngineRun:
    """pyoxigraph called directly, results iterated to the end."""
    def once() -> int:
        result = store.query(query)
        if isinstance(result, QueryBoolean):
            return int(bool(result))
        return sum(1 for _ in result)  # solutions or triples, each materialised

    times, rows = time_repeated(once, repeats=repeats, budget_s=budget_s)
    return EngineRun(tuple(times), rows)


def run_http(client: httpx.Client, url: str, query: MixQuery, text: str, *, repeats: int,
             budget_s: float) -> EngineRun:
    """The service's ``/sparql`` (POST application/sparql-query), response read and parsed."""
    accept = "application/n-triples" if query.form == "graph" else "application/sparql-results+json"
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}

    def once() -> int | str:
        response = client.post(url + "/sparql", content=text.encode("utf-8"), headers=headers)
        if response.status_code != 200:
            return f"HTTP {response.status_code}: {response.text[:200]}"
        if query.form == "graph":
            return sum(1 for line in response.text.splitlines() if line.strip())
        data = json.loads(response.content)
        return int(data["boolean"]) if query.form == "ask" else len(data["results"]["bindings"])

    times, result = time_repeated(once, repeats=repeats, budget_s=budget_s)
    if isinstance(result, str):
        return EngineRun(error=result)
    return EngineRun(tuple(times), result)


def time_oxigraph(store: Store, ontology: str, *, repeats: int, budget_s: float,
                  queries: Sequence[MixQuery] = QUERIES) -> dict[str, EngineRun]:
    return {q.name: run_oxigraph(store, q.text(ontology), repeats=repeats, budget_s=budget_s) for q in queries}


def time_http(url: str, ontology: str, *, repeats: int, budget_s: float,
              queries: Sequence[MixQuery] = QUERIES) -> dict[str, EngineRun]:
    with httpx.Client(timeout=None) as client:
        return {q.name: run_http(client, url, q, q.text(ontology), repeats=repeats, budget_s=budget_s)
                for q in queries}


def time_rdflib(engine: RdflibEngine, ontology: str, *, repeats: int, budget_s: float, cap_s: float,
                queries: Sequence[MixQuery] = QUERIES) -> dict[str, EngineRun]:
    return {q.name: engine.run(q.text(ontology), repeats=repeats, budget_s=budget_s, cap_s=cap_s) for q in queries}


def dump_default_graph(store: Store, target: Path) -> int:
    """Write the store's default graph (the union) as N-Triples; returns its triple count."""
    store.dump(str(target), format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    return sum(1 for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))


def combine(oxigraph: Mapping[str, EngineRun], http: Mapping[str, EngineRun], rdflib: Mapping[str, EngineRun], *,
            triples: int, engine: RdflibEngine, repeats: int, budget_s: float, cap_s: float,
            queries: Sequence[MixQuery] = QUERIES) -> SparqlReport:
    """The report's SPARQL section from the three engines' runs."""
    rows = []
    for q in queries:
        ox, ht, rd = oxigraph[q.name], http[q.name], rdflib[q.name]
        ox_ms, ht_ms, rd_ms = (ms(median(r.times_s)) if r.times_s else None for r in (ox, ht, rd))
        notes = [f"{label}: {r.error}" for label, r in (("HTTP", ht), ("pyoxigraph", ox), ("rdflib", rd)) if r.error]
        sizes = {label: r.rows for label, r in (("HTTP", ht), ("rdflib", rd)) if r.rows is not None}
        notes += [f"{label} {n} ≠ {ox.rows}" for label, n in sizes.items() if ox.rows is not None and n != ox.rows]
        rows.append(SparqlRow(q.name, q.shape, ox.rows, ht_ms, ox_ms, rd_ms, _ratio(ht_ms, ox_ms), _ratio(rd_ms, ox_ms),
                              (len(ht.times_s), len(ox.times_s), len(rd.times_s)), "; ".join(notes)))
    return SparqlReport(triples, engine.triples, round(engine.load_s[0], 2) if engine.load_s else 0.0,
                        max(0, len(engine.load_s) - 1), repeats, budget_s, cap_s, tuple(rows),
                        _geomean([r.http_ratio for r in rows]), _geomean([r.rdflib_ratio for r in rows]))


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else sig(a / b)


def _geomean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v]
    return sig(math.exp(sum(math.log(v) for v in present) / len(present))) if present else None
