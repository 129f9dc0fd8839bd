"""The state–program–partner–instrument network as data: GraphML (Gephi, yEd), CSV (Excel), and a state's ego network.

Nodes are states, programs, organizations, legal instruments and laws; edges are the asserted
facts between them (program → state with the state's role, program → partner/donor/executing
body, program → instrument, law → state and law → instrument), each with how many passages
state it and the first of them. Pure over a :class:`~kg.network.Network`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from xml.sax.saxutils import quoteattr

from kg.errors import NotFound
from kg.network import Network
from kg.profiles import kind_of

#: the relations exported (local names of pkg: or eli: predicates) → the edge label
RELATIONS = {"beneficiary": "beneficiary", "fundedBy": "donor", "location": "host", "partner": "partner",
             "implementedBy": "executing", "implements": "implements", "mandatedBy": "mandated by",
             "cites": "cites", "jurisdiction": "jurisdiction", "ensures_implementation_of": "implements",
             "evaluatedIn": "evaluated in"}
NODE_KINDS = ("State", "Program", "Organization", "LegalInstrument", "NationalLaw", "BestPractice")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    type: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str
    predicate: str
    passages: int
    passage: str  # the first passage it was read from


@dataclass(frozen=True)
class NetworkData:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _exported(net: Network, iri: str) -> bool:
    return any(net.is_a(iri, k) for k in NODE_KINDS)


def network_data(net: Network, *, lang: str = "en", around: str | None = None) -> NetworkData:
    """Every exported edge (or only those one or two steps from the node ``around``), with their nodes.

    Around a state: its programs, laws and practices, and what those link to (partners, donors,
    instruments, the other states taking part). Deterministic order.
    """
    keep: set[str] | None = None
    if around is not None:
        first = {s for _, s in net.into.get(around, ())} | {o for _, o in net.out.get(around, ())}
        keep = {around} | {x for x in first if _exported(net, x)}
    edges = []
    for (s, p, o), passages in sorted(net.edges.items()):
        local = p.rsplit("#", 1)[-1]
        if local not in RELATIONS or not (_exported(net, s) and _exported(net, o)):
            continue
        if keep is not None and s not in keep:
            continue
        if s == o:
            continue
        edges.append(Edge(s, o, RELATIONS[local], p, len(passages), passages[0] if passages else ""))
    ids = sorted({e.source for e in edges} | {e.target for e in edges} | ({around} if around else set()))
    nodes = tuple(Node(i, net.label(i, lang), kind_of(net, i)) for i in ids)
    return NetworkData(nodes, tuple(edges))


def state_network(net: Network, iso3: str, *, lang: str = "en") -> NetworkData:
    """The ego network of one state (see :func:`network_data`). Raises :class:`NotFound` for an unknown code."""
    state = net.iris.state(iso3)
    if not net.is_a(state, "State"):
        raise NotFound(f"no state with ISO 3166 alpha-3 code {iso3.upper()!r}")
    return network_data(net, lang=lang, around=state)


def to_graphml(data: NetworkData) -> str:
    """GraphML with node attributes label/type and edge attributes relation/passages/passage.

    >>> d = NetworkData((Node("a", "A", "State"), Node("p", "P & Q", "Program")), (Edge("p", "a", "donor", "x", 1, "s"),))
    >>> "P &amp; Q" in to_graphml(d) and 'source="p" target="a"' in to_graphml(d)
    True
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '<key id="label" for="node" attr.name="label" attr.type="string"/>',
           '<key id="type" for="node" attr.name="type" attr.type="string"/>',
           '<key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
           '<key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>',
           '<key id="passages" for="edge" attr.name="passages" attr.type="int"/>',
           '<key id="passage" for="edge" attr.name="passage" attr.type="string"/>',
           '<graph id="policykg" edgedefault="directed">']
    for n in data.nodes:
        out.append(f'<node id={quoteattr(n.id)}><data key="label">{_text(n.label)}</data>'
                   f'<data key="type">{_text(n.type)}</data></node>')
    for i, e in enumerate(data.edges):
        out.append(f'<edge id="e{i}" source={quoteattr(e.source)} target={quoteattr(e.target)}>'
                   f'<data key="relation">{_text(e.relation)}</data><data key="predicate">{_text(e.predicate)}</data>'
                   f'<data key="passages">{e.passages}</data><data key="passage">{_text(e.passage)}</data></edge>')
    out += ["</graph>", "</graphml>", ""]
    return "\n".join(out)


def _text(value: str) -> str:
    return quoteattr(value)[1:-1]


def to_csv(data: NetworkData, *, part: str = "edges") -> str:
    """The edges (one row each, both ends labelled) or the nodes as CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    labels = {n.id: n for n in data.nodes}
    if part == "nodes":
        writer.writerow(["id", "label", "type"])
        writer.writerows([n.id, n.label, n.type] for n in data.nodes)
    else:
        writer.writerow(["source", "source_label", "source_type", "relation", "target", "target_label", "target_type",
                         "passages", "passage"])
        for e in data.edges:
            writer.writerow([e.source, labels[e.source].label, labels[e.source].type, e.relation, e.target,
                             labels[e.target].label, labels[e.target].type, e.passages, e.passage])
    return buffer.getvalue()
