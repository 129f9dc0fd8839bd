"""The SPARQL Update text of the store's writes, shared by every backend that speaks SPARQL Update.

Each function returns one update *request*: an engine that runs a request as one transaction
(Oxigraph, embedded or server) applies all of it or none. With ``maintained=True`` the text also
keeps the default graph equal to the deduplicated union of the named graphs (the store's
``union_default_graph`` is ``MAINTAINED``); with False the server computes the union itself and
only the named graphs are written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pyoxigraph import BlankNode, NamedNode, Quad

from kg.sparql.text import ends_with_separator


def _node(graph: str) -> NamedNode:
    from kg.store.oxigraph import iri  # validates: the IRI is then safe to write into SPARQL

    return iri(graph)


def triples_text(quads: Iterable[Quad]) -> str:
    """The triples of ``quads`` as N-Triples lines (pyoxigraph escapes every term).

    >>> n = NamedNode("http://x/n"); from pyoxigraph import Literal
    >>> triples_text([Quad(n, n, Literal('a "b"'))])
    '<http://x/n> <http://x/n> "a \\\\"b\\\\"" .'
    """
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def _insert(blocks: Sequence[str], quads: Iterable[Quad]) -> str:
    """``INSERT DATA`` of ``blocks``; with blank nodes, the equivalent ``INSERT { … } WHERE {}``, whose template
    makes fresh nodes too (Virtuoso refuses blank nodes in ``INSERT DATA``)."""
    body = "\n".join(blocks)
    if any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object)):
        return "INSERT {\n" + body + "\n} WHERE {}"
    return "INSERT DATA {\n" + body + "\n}"


def replace_graphs_text(replacements: Mapping[str, Sequence[Quad]], *, drop: Iterable[str] = (),
                        maintained: bool) -> str:
    """One update that drops ``drop`` and the replaced graphs, then inserts the new quads ("" if nothing to do).

    Maintained union: triples that leave a dropped graph leave the default graph unless another
    graph states them, and new triples enter it.

    >>> replace_graphs_text({}, drop=["http://x/g"], maintained=False)
    'DROP SILENT GRAPH <http://x/g>'
    """
    ops = []
    for g in dict.fromkeys([*drop, *replacements]):
        node = _node(g)
        if maintained:
            ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} "
                       f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {node}) }} }}")
        ops.append(f"DROP SILENT GRAPH {node}")
    blocks = []
    for graph, quads in replacements.items():
        if not quads:  # an empty graph still exists once replaced (Graph Store Protocol PUT)
            ops.append(f"CREATE SILENT GRAPH {_node(graph)}")
            continue
        body = triples_text(quads)
        blocks.append((f"{body}\n" if maintained else "") + f"GRAPH {_node(graph)} {{\n{body}\n}}")
    if blocks:
        ops.append(_insert(blocks, (q for quads in replacements.values() for q in quads)))
    return " ;\n".join(ops)


def add_text(graph: str, quads: Sequence[Quad], *, maintained: bool) -> str:
    """One update adding ``quads`` (as triples) to ``graph`` (and to the default graph when maintained).

    Blank nodes in ``INSERT DATA`` are new nodes of the store, as a Graph Store Protocol POST wants.
    """
    node = _node(graph)
    if not quads:
        return f"CREATE SILENT GRAPH {node}"
    body = triples_text(quads)
    return _insert([body, f"GRAPH {node} {{\n{body}\n}}"] if maintained else [f"GRAPH {node} {{\n{body}\n}}"], quads)


def with_union_fixups(update: str, touched: Sequence[str], predicates: Iterable[str]) -> str:
    """``update`` followed, in the same request, by the operations that bring the maintained union
    up to date for the ``touched`` graphs; ``predicates`` are the predicates they used before.

    >>> with_union_fixups("CLEAR GRAPH <http://x/g>", ["http://x/g"], [])
    'CLEAR GRAPH <http://x/g>\\n;\\nINSERT { ?s ?p ?o } WHERE { GRAPH <http://x/g> { ?s ?p ?o } }'
    """
    nodes = [_node(g) for g in touched]
    fixups = [f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}" for node in nodes]
    predicates = sorted(set(predicates))
    if predicates:
        fixups.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {' '.join(predicates)} }} ?s ?p ?o "
                      "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
    if not fixups:
        return update
    return update.rstrip() + ("\n" if ends_with_separator(update) else "\n;\n") + " ;\n".join(fixups)
