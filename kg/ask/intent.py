"""What an intent is: a template plus the rule that says when a question is one for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kg.ask.reading import Reading
from kg.ask.template import Template


@dataclass(frozen=True)
class Ranked:
    """The question's search hits as the evidence-based intents read them: IRIs with their rank (1 = best)."""

    passages: tuple[tuple[str, int], ...]
    documents: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Plan:
    """A bound template: the query to run and why it was chosen. ``from_graph``: the answers come from
    graph relations (evidence is then searched among the answers' passages), not from the evidence itself."""

    intent: str
    why: str
    sparql: str
    from_graph: bool


class Intent(Protocol):
    """Each module of :mod:`kg.ask.intents` is one: a ``TEMPLATE`` and a ``plan`` function."""

    TEMPLATE: Template

    def plan(self, reading: Reading, ranked: Ranked, *, vocab: str) -> Plan | None:
        """The bound query when ``reading`` is a question for this intent, else None. Pure."""
        ...
