"""Planning an update takes time linear in its length.

The rdflib planner it replaced took 5.0 s / 69 s for an INSERT DATA of 1,000 / 4,000 triples on
this machine (4.0 / 48 s in the integrator's report, and more than 8 minutes for 40,000).
Run with ``-s`` to see the times; the bound asserted is loose because the machine is shared.
"""

from __future__ import annotations

import time

import pytest

from kg.sparql.update import plan_update

GRAPH = "http://example.org/bulk"


def bulk_insert(n: int, graph: str = GRAPH) -> str:
    """An INSERT DATA of ``n`` triples into ``graph``, one per line."""
    triples = "\n".join(f'<http://example.org/s{i}> <http://example.org/p> "value {i}"@en .' for i in range(n))
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples}\n}} }}"


@pytest.mark.parametrize("n", [1_000, 4_000, 40_000])
def test_planning_a_bulk_insert_is_linear(n: int) -> None:
    text = bulk_insert(n)
    start = time.perf_counter()
    plan = plan_update(text, writable=lambda g: True, base_iri="http://localhost/update")
    elapsed = time.perf_counter() - start
    print(f"\nplan_update, INSERT DATA of {n:,} triples ({len(text):,} characters): {elapsed:.3f} s")
    assert plan.touched == (GRAPH,)
    assert elapsed < 20
