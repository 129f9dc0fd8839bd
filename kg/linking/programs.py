"""Program mentions the exact linker misses: partial names by rule, other languages by meaning.

:class:`ProgramLinks` runs after :meth:`kg.linking.linker.Linker.link` and adds at most one
program link per question, when the linker found none:

1. a partial name (:mod:`kg.linking.partial`): "the UNSCR 1540 implementation program" →
   "UNSCR 1540 (2004) Implementation Program". Links inside its span ("UNSCR 1540" read as the
   resolution) are dropped: the longer mention wins, as in the linker;
2. else, when the question speaks of a program, the program nearest its meaning
   (:mod:`kg.linking.semantic`): "¿Quién financia el programa de seguridad portuaria?" → "Port
   Security Assistance Partnership". Its mention is the program word and the rest of its clause;
   resolutions, treaties and themes linked inside that span are part of the program's name and dropped.

Both are built once per linker (so once per store state, as the linker is) and reused by every request.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kg.embed.base import Embedder
from kg.linking.linker import Link, Linker
from kg.linking.partial import CONFIDENCE as PARTIAL_CONFIDENCE
from kg.linking.partial import PartialNames
from kg.linking.semantic import MARGIN, THRESHOLD, Nearest, ProgramVectors, Vector, program_cue
from kg.workspace import Workspace

#: a semantic link is never as sure as a name written out: its confidence is the cosine, capped here
MAX_SEMANTIC_CONFIDENCE = 0.88
#: links of these types inside a semantic mention are kept (a state in "the program in Colombia" is still a state)
KEPT_INSIDE = frozenset({"State"})
#: where a program word's clause ends
CLAUSE_END = re.compile(r"[?!.,;:¿¡()]")


class ProgramLinks:
    """``programs.extend(question, links, linker=…, embedder=…)`` → the links plus a program link.
    Thread-safe and cheap to make: what it builds is kept per linker, for every ``ProgramLinks`` (the service
    makes one per request). ``threshold`` and ``margin`` bound the semantic match (:mod:`kg.linking.semantic`)."""

    def __init__(self, *, threshold: float = THRESHOLD, margin: float = MARGIN) -> None:
        self.threshold = threshold
        self.margin = margin

    def extend(self, question: str, links: Sequence[Link], *, linker: Linker,
               encoder: QuestionEncoder | None) -> list[Link]:
        """``links`` with a program link added (and the links inside its span dropped), or unchanged when a
        program is linked already or none fits. Without an encoder only partial names are tried."""
        if any(lk.type == "Program" for lk in links):
            return list(links)
        for hit in _partial_names(linker).find(question):
            link = Link(question[hit.start:hit.end], hit.start, hit.end, hit.iri, linker.label(hit.iri, "en"),
                        "Program", PARTIAL_CONFIDENCE, "partial")
            return _with(links, link, keep=frozenset())
        cue = program_cue(question)
        if cue is None or encoder is None:
            return list(links)
        nearest = self.nearest(question, linker=linker, encoder=encoder)
        if nearest is None or nearest.score < self.threshold or nearest.margin < self.margin:
            return list(links)
        start = cue[0]
        stop = CLAUSE_END.search(question, cue[1])
        end = len(question[:stop.start() if stop else len(question)].rstrip())
        link = Link(question[start:end], start, end, nearest.iri, linker.label(nearest.iri, "en"), "Program",
                    round(min(nearest.score, MAX_SEMANTIC_CONFIDENCE), 3), "semantic")
        return _with(links, link, keep=KEPT_INSIDE)

    @staticmethod
    def nearest(question: str, *, linker: Linker, encoder: QuestionEncoder) -> Nearest | None:
        """The semantic match before its bounds are applied."""
        return _program_vectors(linker, encoder.embedder).nearest(encoder.encode(question))


@dataclass(frozen=True)
class QuestionEncoder:
    """The embedder programs are embedded with, and how a question is: through the workspace, whose query vector
    the search step then reuses rather than computing it again."""

    embedder: Embedder
    encode: Callable[[str], Vector]

    @classmethod
    def of(cls, embedder: Embedder) -> QuestionEncoder:
        """Questions embedded by ``embedder`` itself, with nothing shared."""
        return cls(embedder, lambda text: embedder.encode_queries([text])[0])


@dataclass
class _Built:
    partial: PartialNames | None = None
    vectors: dict[str, ProgramVectors] = field(default_factory=dict)


#: what is built from each linker, dropped with it (a linker lives as long as its store state is current)
_BUILT: weakref.WeakKeyDictionary[Linker, _Built] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _partial_names(linker: Linker) -> PartialNames:
    with _LOCK:
        built = _BUILT.setdefault(linker, _Built())
        if built.partial is None:
            built.partial = PartialNames(n for names in linker.names.values() for n in names)
        return built.partial


def _program_vectors(linker: Linker, embedder: Embedder) -> ProgramVectors:
    with _LOCK:  # held while embedding (once per linker): concurrent first questions wait rather than embed twice
        built = _BUILT.setdefault(linker, _Built())
        key = f"{embedder.name}/{embedder.version}"
        if key not in built.vectors:
            programs = {iri: names for iri, names in linker.names.items() if linker.types.get(iri) == "Program"}
            built.vectors[key] = ProgramVectors(programs, embedder)
        return built.vectors[key]


def question_encoder(workspace: Workspace) -> QuestionEncoder | None:
    """The embedder the service searches with (the workspace's own, loaded once), or None when it indexes none."""
    name = workspace.settings.default_embedder
    if name not in workspace.settings.embedders:
        name = workspace.settings.embedders[0] if workspace.settings.embedders else ""
    if not name:
        return None
    return QuestionEncoder(workspace.embedder(name), lambda text: workspace.encode_query(name, text))


def _with(links: Sequence[Link], link: Link, *, keep: frozenset[str]) -> list[Link]:
    inside = [lk for lk in links if link.start <= lk.start and lk.end <= link.end and lk.type not in keep]
    overlapping = [lk for lk in links if lk not in inside and lk.start < link.end and link.start < lk.end]
    if overlapping:  # crossing another mention's boundary: keep the others, add the program beside them
        return sorted([*links, link], key=lambda lk: lk.start)
    return sorted([*(lk for lk in links if lk not in inside), link], key=lambda lk: lk.start)
