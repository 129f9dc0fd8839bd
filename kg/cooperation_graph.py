"""Derived cooperation facts in their own graph, ``graph/suggestions/cooperation``, rebuilt on every write.

Two states that take part in one program (donor and beneficiary, two beneficiaries, host and
donor…) ``pkg:cooperatesWith`` each other. Each link is written both ways (the property is
symmetric, and queries should not need to know that) with a ``pkg:QualifiedStatement`` per
direction: ``prov:wasDerivedFrom`` the programs it rests on and the passages their role facts
were read from, ``pkg:confidence`` 1 (it follows from asserted facts), ``pkg:extractor``
"cooperation", and an English ``rdfs:comment``.

When: after every ingest or delete that changes the store, like the practice suggestions (see
:mod:`kg.practices.graph`): idempotent, one transaction, written after the documents' own, so a
crash in between leaves a graph that the next write (or :func:`refresh_cooperation`) brings back
in line. Writing also warms the network cache (:func:`kg.network.load_network`) so the first
request after an ingest is as fast as the next.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Quad

from kg.network import Network, load_network, read_network
from kg.profiles import state_programs
from kg.store.base import GraphStore
from ontology.iri import Iris
from ontology.namespaces import PROV, RDF, RDFS, XSD

log = logging.getLogger(__name__)
#: The name of the derived graph: ``graph/suggestions/cooperation``.
GRAPH = "cooperation"


def co_participation(net: Network) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(A, B) with A < B → program → the passages of A's and B's role facts in it. Pure."""
    by_program: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for state in net.states():
        for program, pred, _ in state_programs(net, state):
            by_program[program][state].update(net.passages(program, pred, state))
    out: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for program, states in by_program.items():
        members = sorted(states)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out[(a, b)][program] |= states[a] | states[b]
    return out


def cooperation_quads(net: Network, iris: Iris) -> list[Quad]:
    """The quads of the derived graph. Pure and deterministic."""
    graph = NamedNode(iris.suggestions_graph(GRAPH))
    link = NamedNode(iris.vocab("cooperatesWith"))
    out: list[Quad] = []
    for (a, b), programs in sorted(co_participation(net).items()):
        names = ", ".join(net.label(p) for p in sorted(programs))
        for s, o in ((a, b), (b, a)):
            out.append(Quad(NamedNode(s), link, NamedNode(o), graph))
            node = NamedNode(iris.instance_base + "statement/cooperation-"
                             + hashlib.sha256(f"{s} {o}".encode()).hexdigest()[:16])
            triples: list[tuple[str, NamedNode | Literal]] = [
                (RDF + "type", NamedNode(iris.vocab("QualifiedStatement"))),
                (RDF + "subject", NamedNode(s)), (RDF + "predicate", link), (RDF + "object", NamedNode(o)),
                (iris.vocab("confidence"), Literal("1.0", datatype=NamedNode(XSD + "decimal"))),
                (iris.vocab("extractor"), Literal("cooperation")),
                (RDFS + "comment", Literal(f"{net.label(s)} and {net.label(o)} both take part in {names}.",
                                           language="en")),
            ]
            for program, passages in sorted(programs.items()):
                triples.append((PROV + "wasDerivedFrom", NamedNode(program)))
                triples += [(PROV + "wasDerivedFrom", NamedNode(p)) for p in sorted(passages)]
            out.extend(Quad(node, NamedNode(p), o_, graph) for p, o_ in triples)
    return out


def refresh_cooperation(store: GraphStore, iris: Iris) -> int:
    """Recompute the derived graph and replace it (one transaction); the number of state pairs linked."""
    net = read_network(store, iris)
    quads = cooperation_quads(net, iris)
    store.replace_graphs({iris.suggestions_graph(GRAPH): quads})
    pairs = sum(1 for q in quads if q.predicate.value == iris.vocab("cooperatesWith")) // 2
    load_network(store, iris)  # the write bumped the version: read the network now, not in the first request
    log.info("%d cooperating state pairs", pairs)
    return pairs
