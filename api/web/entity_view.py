"""What an entity page shows, read from the store: names, type, relations grouped with their provenance,
plain details, and the documents that mention the entity (paged). Pure reads; one query per part."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from api.web.i18n import LANGUAGES
from api.web.labels import LABEL_PROPERTIES, labels, local_name, val, values_clause
from api.web.relations import hidden_predicates, relation_names
from kg.workspace import Workspace
from ontology.namespaces import DCTERMS, OA, PROV, RDF, SKOS

MAX_PER_GROUP = 60
DOCUMENTS_PER_PAGE = 10


@dataclass(frozen=True)
class Evidence:
    """One place a fact was read: the quoted span, its passage and document."""

    quote: str
    passage: str
    document: str
    document_title: str
    confidence: float | None


@dataclass
class Link:
    iri: str
    label: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Group:
    key: str  # message key of the heading, or "" with ``heading`` from the ontology
    heading: str
    links: list[Link]
    more: int = 0


@dataclass(frozen=True)
class Detail:
    property: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class MentioningDocument:
    iri: str
    title: str
    passages: int


@dataclass
class EntityView:
    iri: str
    title: str
    names: list[str]
    types: list[str]
    is_document: bool
    groups: list[Group]
    details: list[Detail]
    documents: list[MentioningDocument]
    document_total: int
    page: int
    pages: int
    language: str | None = None  # a document's language (dcterms:language), for the text's lang attribute


def _is_named(term: object) -> bool:
    return isinstance(term, NamedNode)


def entity_view(workspace: Workspace, iri: str, *, lang: str, page: int = 1) -> EntityView:
    """Everything the page needs; raises nothing for an unknown IRI (the route checks existence)."""
    store, pkg = workspace.store, workspace.iris.ontology
    node = NamedNode(iri)
    rows = store.select("SELECT ?p ?o WHERE { ?s ?p ?o }", s=node)
    names_by_lang: dict[str, list[str]] = defaultdict(list)
    types: list[str] = []
    literals: dict[str, list[str]] = defaultdict(list)
    outgoing: dict[str, list[str]] = defaultdict(list)
    hidden, named = hidden_predicates(pkg), relation_names(pkg)
    for p, o in rows:
        if p is None or o is None:
            continue
        pv = val(p)
        if pv == RDF + "type" and _is_named(o):
            types.append(val(o))
        elif isinstance(o, Literal) and (pv in LABEL_PROPERTIES or pv == SKOS + "altLabel"):
            names_by_lang[o.language or ""].append(o.value)
        elif isinstance(o, Literal):
            literals[pv].append(o.value)
        elif _is_named(o) and pv not in hidden:
            outgoing[pv].append(val(o))
    incoming: dict[str, list[str]] = defaultdict(list)
    hidden_in = " ".join(str(NamedNode(h)) for h in sorted(hidden))
    for s, p in store.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p ?o FILTER(?p NOT IN ({hidden_in.replace(' ', ', ')})) "
                             "FILTER(isIRI(?s)) }", o=node):
        if s is not None and p is not None:
            incoming[val(p)].append(val(s))
    shown = {*types, *(i for v in outgoing.values() for i in v[:MAX_PER_GROUP]),
             *(i for v in incoming.values() for i in v[:MAX_PER_GROUP]), *outgoing, *incoming, *literals}
    label = labels(store, shown | {iri}, lang)
    evidence = _evidence(workspace, iri, lang)
    groups: list[Group] = []
    order = list(dict.fromkeys(named.values()))
    for direction, table in (("", outgoing), (".inv", incoming)):
        for predicate, targets in table.items():
            name = named.get(predicate)
            key = f"rel.{name}{direction}" if name else ""
            heading = key or (label[predicate] if not direction else f"← {label[predicate]}")
            links = [Link(t, label.get(t, local_name(t)),
                          evidence.get((iri, predicate, t) if not direction else (t, predicate, iri), []))
                     for t in sorted(set(targets))]
            links.sort(key=lambda link: link.label.lower())
            groups.append(Group(key, heading, links[:MAX_PER_GROUP], max(len(links) - MAX_PER_GROUP, 0)))
    # merge groups with the same heading (pkg:cites and eli:cites are both "Cites")
    merged: dict[str, Group] = {}
    for g in groups:
        key = g.key or g.heading
        if key in merged:
            have = {link.iri for link in merged[key].links}
            merged[key].links.extend(link for link in g.links if link.iri not in have)
            merged[key].more += g.more
        else:
            merged[key] = g
    ranked = sorted(merged.values(), key=lambda g: (
        order.index(g.key[4:].removesuffix(".inv")) if g.key else len(order), g.key.endswith(".inv"), g.heading))
    title_lang = names_by_lang.get(lang) or names_by_lang.get("en") or names_by_lang.get("") or []
    title = label.get(iri, local_name(iri)) if not title_lang else label.get(iri, title_lang[0])
    names = sorted({n for values in names_by_lang.values() for n in values} - {title})
    # the path a file was read from is the ingesting machine's business, not the reader's
    details = [Detail(label.get(p, local_name(p)), tuple(sorted(set(v)))) for p, v in sorted(literals.items())
               if p not in (pkg + "text", pkg + "sourcePath")]
    language = next(iter(literals.get(DCTERMS + "language", [])), None)
    documents, total = _mentioning(workspace, iri, page, lang)
    pages = max((total + DOCUMENTS_PER_PAGE - 1) // DOCUMENTS_PER_PAGE, 1)
    return EntityView(iri, title, names, [label.get(t, local_name(t)) for t in _main_types(types, pkg)],
                      pkg + "Document" in types, ranked, details, documents, total, min(page, pages), pages,
                      language if language in LANGUAGES else None)


def _main_types(types: list[str], pkg: str) -> list[str]:
    """Our own classes when there are any (``pkg:Program`` rather than ``schema:Project``)."""
    own = [t for t in types if t.startswith(pkg)]
    return sorted(set(own or types))


EVIDENCE = f"""SELECT ?s ?p ?o ?passage ?start ?end ?confidence WHERE {{
  {{ ?st <{RDF}subject> ?x }} UNION {{ ?st <{RDF}object> ?x }}
  ?st <{RDF}subject> ?s ; <{RDF}predicate> ?p ; <{RDF}object> ?o ; <{PROV}wasDerivedFrom> ?passage .
  OPTIONAL {{ ?st <{OA}hasSelector> ?sel . ?sel <{OA}start> ?start ; <{OA}end> ?end }}
  OPTIONAL {{ ?st <PKG:confidence> ?confidence }}
}} LIMIT 2000"""


def _evidence(workspace: Workspace, iri: str, lang: str) -> dict[tuple[str, str, str], list[Evidence]]:
    """Each qualified statement about ``iri`` as ``(s, p, o) → evidence``, quoting its passage's span."""
    pkg = workspace.iris.ontology
    store = workspace.store
    rows = store.select(EVIDENCE.replace("<PKG:confidence>", f"<{pkg}confidence>"), x=NamedNode(iri))
    passages = sorted({val(r[3]) for r in rows if r[3] is not None})
    if not passages:
        return {}
    texts: dict[str, tuple[str, int, str]] = {}
    for passage, text, start, doc in store.select(
            f"SELECT ?p ?text ?start ?doc WHERE {{ {values_clause('p', passages)} ?p <{pkg}text> ?text ; "
            f"<{pkg}start> ?start ; <{pkg}partOf> ?doc }}"):
        if passage is not None and text is not None and start is not None and doc is not None:
            texts[val(passage)] = (val(text), int(val(start)), val(doc))
    titles = labels(store, {d for _, _, d in texts.values()}, lang)
    out: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for s, p, o, passage, start, end, confidence in rows:
        if s is None or p is None or o is None or passage is None or val(passage) not in texts:
            continue
        text, offset, doc = texts[val(passage)]
        quote = text
        if start is not None and end is not None:
            a, b = int(val(start)) - offset, int(val(end)) - offset
            if 0 <= a < b <= len(text):
                quote = text[a:b]
        conf = float(val(confidence)) if confidence is not None else None
        out[(val(s), val(p), val(o))].append(
            Evidence(quote, val(passage), doc, titles.get(doc, local_name(doc)), conf))
    return out


def _mentioning(workspace: Workspace, iri: str, page: int, lang: str) -> tuple[list[MentioningDocument], int]:
    """One page of the documents whose passages mention ``iri`` (most mentions first), and their number."""
    pkg = workspace.iris.ontology
    store = workspace.store
    node = NamedNode(iri)
    count = store.select(f"SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE {{ ?p <{pkg}mentions> ?x ; <{pkg}partOf> ?doc }}",
                         x=node)
    total = int(val(count[0][0])) if count and count[0][0] is not None else 0
    offset = (max(page, 1) - 1) * DOCUMENTS_PER_PAGE
    rows = store.select(f"SELECT ?doc (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p <{pkg}mentions> ?x ; <{pkg}partOf> ?doc }} "
                        f"GROUP BY ?doc ORDER BY DESC(?n) ?doc LIMIT {DOCUMENTS_PER_PAGE} OFFSET {offset}", x=node)
    docs = [(val(d), int(val(n))) for d, n in rows if d is not None and n is not None]
    titles = labels(store, {d for d, _ in docs}, lang)
    return [MentioningDocument(d, titles[d], n) for d, n in docs], total
