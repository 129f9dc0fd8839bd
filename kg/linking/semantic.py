"""Cross-lingual program mentions: the question's meaning against each program's name, by the multilingual embedder.

A program has a label in one language only, its sheet's ("Programa de Asistencia para el Control de
Armas y Municiones"); a question in another language ("Who funds the arms and ammunition control
assistance program?") shares no word with it, but multilingual e5 puts both near each other. Each
program is embedded once per linker (its labels, aliases and acronyms, as a passage); a question is
embedded as a query and its nearest program is linked when

* the question speaks of one program — a singular program word (``CUE_WORDS``, en/es/pt/fr) that is
  not the one its wh-phrase asks with ("Which program does Spain fund?" names none; "Who funds the
  program…" does);
* the cosine is at least ``threshold`` and beats the runner-up by ``margin`` (a near-tie links none).

Both bounds were chosen by measurement (``evaluation/program_links.py``, leave-one-language-out).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kg.embed.base import Embedder
from kg.linking.names import Name
from ontology.folding import fold

Vector = npt.NDArray[np.float32]

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
#: words that say one program is being spoken of, accents and case folded: program, project, initiative, network,
#: mission, meeting, observatory, partnership, workshop in four languages. Singular only: "the OAS programs on
#: education" speaks of many programs, so of no one program in particular.
CUE_WORDS = frozenset("""program programme programa project proyecto projeto projet initiative iniciativa network red
    rede reseau mission mision missao meeting reunion reuniao observatory observatorio observatoire partnership
    asociacion parceria partenariat workshop taller atelier""".split())
#: interrogatives of en/es/pt/fr, folded ("which program…", "¿qué programa…": the program is the one asked for)
WH_WORDS = frozenset("which what who whom whose que qual quais quem cual cuales quien quienes quel quelle quels quelles "
                     "lequel laquelle".split())
#: what comes between an interrogative and the program word it asks with ("which OAS program"), at most
WH_GAP = 2
#: articles and prepositions: "who funds THE program" names a program, "which program" asks for one
DETERMINERS = frozenset("the a an this that of el la los las un una este esta del de o os as um uma do da dos das no na "
                        "le les l un une ce cette du des au aux d".split())
#: measured on evaluation/program_links.json (README, "Program linking"): chosen leave-one-language-out, the
#: bounds came out 0.82–0.83 and 0.01–0.015; the higher of each is kept (the one held-out false link had margin 0.012)
THRESHOLD = 0.83
MARGIN = 0.015


@dataclass(frozen=True)
class Nearest:
    """The program nearest a question: its IRI, the cosine, and how far it beats the runner-up."""

    iri: str
    score: float
    margin: float


def program_cue(text: str) -> tuple[int, int] | None:
    """The span of the first program word by which the question speaks of one program, or None. A program word
    right after an interrogative asks for a program rather than naming one.

    >>> program_cue("Which program does Spain fund?"), program_cue("Which OAS programs help Peru?")
    (None, None)
    >>> program_cue("¿Quién financia la red de bibliotecas?")
    (19, 22)
    >>> program_cue("Which program shares donors with the port security programme?")
    (51, 60)
    """
    tokens = [(fold(m.group()), m.start(), m.end()) for m in TOKEN.finditer(text)]
    for i, (word, start, end) in enumerate(tokens):
        if word not in CUE_WORDS:
            continue
        before = [w for w, _, _ in tokens[max(0, i - WH_GAP - 1):i]]
        asked = any(w in WH_WORDS and not any(x in DETERMINERS for x in before[j + 1:])
                    for j, w in enumerate(before))
        if not asked:
            return start, end
    return None


class ProgramVectors:
    """One row per program: its names embedded as a passage. Built once per linker; ``nearest`` is pure."""

    def __init__(self, names: Mapping[str, Sequence[Name]], embedder: Embedder) -> None:
        self.iris = sorted(names)
        self.embedder = embedder
        self.matrix = embedder.encode([describe(names[iri]) for iri in self.iris]) if self.iris else None

    def nearest(self, query: Vector) -> Nearest | None:
        """The program nearest a question's query vector (same embedder), or None when there are fewer than two."""
        if self.matrix is None or len(self.iris) < 2:
            return None
        scores = self.matrix @ query
        first, second = np.argsort(-scores)[:2]
        return Nearest(self.iris[int(first)], float(scores[first]), float(scores[first] - scores[second]))


def describe(names: Sequence[Name]) -> str:
    """What a program is embedded as: its names, labels first, each once ("Salud y Vida en las Américas SAVIA")."""
    seen: dict[str, None] = {}
    for n in sorted(names, key=lambda n: (n.how != "label", not n.preferred)):
        if n.how != "demonym":
            seen.setdefault(n.text, None)
    return " ".join(seen)
