"""A document's page content: its passages in order, each with the entities it mentions marked in its text."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from api.web.highlight import Segment, find_names, spans_to_segments
from api.web.labels import labels, val, values_clause
from kg.workspace import Workspace
from ontology.namespaces import RDFS, SKOS


@dataclass(frozen=True)
class PassageView:
    anchor: str  # the passage IRI's last part, the fragment search results link to
    iri: str
    section: str
    segments: list[Segment]


def passages_of(workspace: Workspace, document: str, *, lang: str) -> list[PassageView]:
    """The document's passages by position, mentions marked and linked (names in any language, acronyms)."""
    store, pkg = workspace.store, workspace.iris.ontology
    rows = store.select(f"SELECT ?p ?text ?section ?pos WHERE {{ ?p <{pkg}partOf> ?doc ; <{pkg}text> ?text . "
                        f"OPTIONAL {{ ?p <{pkg}section> ?section }} OPTIONAL {{ ?p <{pkg}position> ?pos }} }}",
                        doc=NamedNode(document))
    passages = sorted(((int(val(pos)) if pos is not None else 0, val(p), val(text),
                        val(section) if section is not None else "")
                       for p, text, section, pos in rows if p is not None and text is not None))
    if not passages:
        return []
    mentions: dict[str, set[str]] = defaultdict(set)
    for p, e in store.select(f"SELECT ?p ?e WHERE {{ {values_clause('p', [x[1] for x in passages])} "
                             f"?p <{pkg}mentions> ?e FILTER(isIRI(?e)) }}"):
        if p is not None and e is not None:
            mentions[val(p)].add(val(e))
    entities = sorted({e for es in mentions.values() for e in es})
    names: dict[str, list[str]] = defaultdict(list)
    if entities:
        props = f"<{RDFS}label> <{SKOS}prefLabel> <{SKOS}altLabel> <{pkg}acronym> <{pkg}symbol> <{pkg}demonym>"
        for e, name in store.select(f"SELECT ?e ?n WHERE {{ {values_clause('e', entities)} VALUES ?q {{ {props} }} "
                                    "?e ?q ?n }"):
            if e is not None and isinstance(name, Literal):
                names[val(e)].append(name.value)
    title = labels(store, entities, lang)
    out = []
    for _, iri, text, section in passages:
        table = {n: (_href(workspace, e), title[e]) for e in sorted(mentions.get(iri, ())) for n in names.get(e, ())}
        out.append(PassageView(iri.rsplit("/", 1)[-1], iri, section, spans_to_segments(text, find_names(text, table))))
    return out


def _href(workspace: Workspace, iri: str) -> str:
    local = workspace.iris.local_path(iri)
    return f"/entities/{local}" if local else iri
