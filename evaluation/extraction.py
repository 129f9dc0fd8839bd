"""Entities, relations and ambiguities of a document against an ``extraction-*.json`` gold.

Gold ids become IRIs: ``state:GTM`` → ``Iris.state``, ``org:x`` → ``Iris.org``,
``instrument:x`` → ``Iris.instrument`` (an extracted IRI that extends it with ``-<suffix>``,
e.g. the session of ``oas-ag-res-2866-xliv-o-14``, also matches), and ``program:x`` → the
document's extracted programs whose label or acronym equals the gold label or an alias.

* Entities: what the document's graph links — its ``pkg:about``, its passages'
  ``pkg:mentions``, the entities it introduces, the objects of its programs' and
  instruments' relations — typed State, Organization, Program or LegalInstrument (themes
  are not entities here).
* Relations: plain triples of the document's graph from those entities to an IRI, except
  bookkeeping and themes; a triple matches a gold relation when both ends match and the
  predicate's local name is in the gold ``accept`` list. An instrument's ``issued_by`` in the
  gold entity list counts as a gold ``issuedBy`` relation.
* Ambiguities: an asserted ``pkg:fundedBy`` pointing at an entity the gold calls ambiguous
  is a violation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode, Triple

from evaluation.gold import ExtractionGold, GoldEntity, GoldRelation
from evaluation.graph_facts import Entity, GraphFacts
from evaluation.metrics import PRF
from evaluation.names import norm
from ontology.iri import Iris
from ontology.namespaces import ELI, PROV

KINDS = ("State", "Organization", "Program", "LegalInstrument")
GOLD_KIND = {"Resolution": "LegalInstrument", "Treaty": "LegalInstrument", "NationalLaw": "LegalInstrument",
             "LegalInstrument": "LegalInstrument", "State": "State", "Organization": "Organization",
             "Program": "Program"}
#: Predicates that record provenance, structure or themes rather than a relation between entities.
NOT_RELATIONS = ("about", "mentions", "partOf", "hasTheme", "wasDerivedFrom", "type", "sameAs", "subOrganizationOf")

LINKED_QUERY = """
PREFIX pkg: <{v}>
PREFIX prov: <{prov}>
SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{
  ?doc a pkg:Document .
  {{ ?doc pkg:about ?e }} UNION {{ ?p pkg:partOf ?doc ; pkg:mentions ?e }} UNION {{ ?e prov:wasDerivedFrom ?doc }}
}} }}
"""


@dataclass(frozen=True)
class KindScore:
    kind: str  # one of KINDS or "all"
    prf: PRF


@dataclass(frozen=True)
class Violation:
    entity: str  # gold id
    subject: str
    predicate: str
    object: str
    note: str


@dataclass(frozen=True)
class DocumentExtraction:
    document: str
    entities: tuple[KindScore, ...]  # "all" first
    relations: PRF
    missed_entities: tuple[str, ...]  # gold ids
    spurious_entities: tuple[str, ...]  # IRIs
    missed_relations: tuple[str, ...]  # "s p o" in gold ids
    spurious_relations: tuple[str, ...]  # "s p o" in IRIs / local names
    ambiguous_checked: int
    violations: tuple[Violation, ...]


@dataclass(frozen=True)
class ExtractionReport:
    documents: tuple[DocumentExtraction, ...]
    entities: tuple[KindScore, ...]  # micro over the present documents, "all" first
    relations: PRF
    ambiguous_checked: int
    violations: tuple[Violation, ...]
    missing: tuple[str, ...]


def local_name(iri: str) -> str:
    """The last segment of an IRI, after ``#`` or ``/``.

    >>> local_name("http://data.europa.eu/eli/ontology#cites"), local_name("https://x.org/a/b")
    ('cites', 'b')
    """
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def kind_of(e: Entity) -> str | None:
    for kind in ("Program", "LegalInstrument", "Resolution", "Treaty", "Organization", "State"):
        if kind in e.types:
            return GOLD_KIND[kind]
    return None


class _Mapper:
    """Gold ids → predicate over IRIs, for one document."""

    def __init__(self, iris: Iris, gold: ExtractionGold, programs: dict[str, Entity]) -> None:
        self.iris = iris
        self.entities = {e.id: e for e in gold.entities}
        self.programs = programs

    def matches(self, gold_id: str, iri: str) -> bool:
        prefix, _, local = gold_id.partition(":")
        if prefix == "state":
            return iri == self.iris.state(local)
        if prefix == "org":
            return iri == self.iris.org(local)
        if prefix == "instrument":
            base = self.iris.instrument(local)
            return iri == base or iri.startswith(base + "-")
        if prefix == "program":
            return iri in self.programs and self._program_named(gold_id, self.programs[iri])
        return False

    def _program_named(self, gold_id: str, program: Entity) -> bool:
        g: GoldEntity | None = self.entities.get(gold_id)
        if g is None:
            return False
        wanted = {norm(x) for x in (g.label, *g.aliases)} - {""}
        return bool(wanted & {norm(x) for x in program.labels}) or bool(set(g.aliases) & program.acronyms)


def evaluate_extraction(facts: GraphFacts, iris: Iris, golds: Sequence[ExtractionGold]) -> ExtractionReport:
    """Score every gold document the store holds. Read-only."""
    documents = facts.documents()
    results, missing = [], []
    for gold in golds:
        scope = documents.get(gold.document)
        if scope is None:
            missing.append(gold.document)
            continue
        results.append(_document(facts, iris, gold, scope.graph))
    entity_totals = []
    for kind in ("all", *KINDS):
        total = PRF.of(0, 0, 0, 0)
        for d in results:
            total = total + next(k.prf for k in d.entities if k.kind == kind)
        entity_totals.append(KindScore(kind, total))
    relations = PRF.of(0, 0, 0, 0)
    for d in results:
        relations = relations + d.relations
    return ExtractionReport(tuple(results), tuple(entity_totals), relations,
                            sum(d.ambiguous_checked for d in results),
                            tuple(v for d in results for v in d.violations), tuple(missing))


def gold_relations(gold: ExtractionGold) -> list[GoldRelation]:
    """The explicit relations plus each instrument's ``issued_by``, without duplicates."""
    out = list(gold.relations)
    have = {(r.s, r.o) for r in out if "issuedBy" in r.accept}
    for e in gold.entities:
        if e.issued_by and (e.id, e.issued_by) not in have:
            out.append(GoldRelation(e.id, "issuedBy", e.issued_by, ("issuedBy", "passedBy")))
    return out


def _document(facts: GraphFacts, iris: Iris, gold: ExtractionGold, graph: str) -> DocumentExtraction:
    linked = [row[0].value for row in facts.store.select(  # type: ignore[union-attr]
        LINKED_QUERY.format(v=facts.v, prov=PROV), g=NamedNode(graph))]
    info = facts.entities(linked)
    # what the document's programs and instruments point at is linked too ("location HND")
    heads = [i for i, e in info.items() if kind_of(e) in ("Program", "LegalInstrument")]
    targets = [str(t.o) for t in facts.triples(graph, heads) if t.iri and local_name(t.p) not in NOT_RELATIONS]
    linked = list(dict.fromkeys([*linked, *targets]))
    info = facts.entities(linked)
    predicted = {i: k for i, e in info.items() if (k := kind_of(e)) is not None}
    mapper = _Mapper(iris, gold, {i: info[i] for i, k in predicted.items() if k == "Program"})

    scores = []
    for kind in ("all", *KINDS):
        g_ents = [g for g in gold.entities if kind == "all" or GOLD_KIND.get(g.type) == kind]
        p_ents = [i for i, k in predicted.items() if kind == "all" or k == kind]
        hit_g = [g for g in g_ents if any(mapper.matches(g.id, i) for i in p_ents)]
        hit_p = [i for i in p_ents if any(mapper.matches(g.id, i) for g in gold.entities)]
        scores.append(KindScore(kind, PRF.of(len(hit_p), len(p_ents), len(hit_g), len(g_ents))))
    all_gold = gold.entities
    missed_e = tuple(g.id for g in all_gold if not any(mapper.matches(g.id, i) for i in predicted))
    spurious_e = tuple(sorted(i for i in predicted if not any(mapper.matches(g.id, i) for g in all_gold)))

    subjects = [i for i, k in predicted.items() if k in ("Program", "LegalInstrument")]
    triples = [(t.s, t.p, str(t.o)) for t in facts.triples(graph, subjects)
               if t.iri and local_name(t.p) not in NOT_RELATIONS and (t.p.startswith(facts.v) or t.p.startswith(ELI))]
    rels = gold_relations(gold)

    def rel_match(r: GoldRelation, t: tuple[str, str, str]) -> bool:
        s, p, o = t
        return local_name(p) in r.accept and mapper.matches(r.s, s) and mapper.matches(r.o, o)

    hit_r = [r for r in rels if any(rel_match(r, t) for t in triples)]
    hit_t = [t for t in triples if any(rel_match(r, t) for r in rels)]
    relations = PRF.of(len(hit_t), len(triples), len(hit_r), len(rels))
    missed_r = tuple(f"{r.s} {r.p} {r.o}" for r in rels if r not in hit_r)
    spurious_r = tuple(f"{s} {local_name(p)} {o}" for s, p, o in triples if (s, p, o) not in hit_t)

    violations = []
    funded_by = NamedNode(iris.vocab("fundedBy"))
    for amb in gold.ambiguous:
        for i in [i for i in set(linked) | _iris_of(iris, amb.entity) if mapper.matches(amb.entity, i)]:
            for q in facts.store.quads(None, funded_by, NamedNode(i), graph=graph):
                if not isinstance(q.subject, Triple):  # a quoted triple funds nothing
                    violations.append(Violation(amb.entity, q.subject.value, "fundedBy", i, amb.note))
    return DocumentExtraction(gold.document, tuple(scores), relations, missed_e, spurious_e, missed_r,
                              spurious_r, len(gold.ambiguous), tuple(violations))


def _iris_of(iris: Iris, gold_id: str) -> set[str]:
    prefix, _, local = gold_id.partition(":")
    if prefix == "state":
        return {iris.state(local)}
    if prefix == "org":
        return {iris.org(local)}
    if prefix == "instrument":
        return {iris.instrument(local)}
    return set()
