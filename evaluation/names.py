"""Resolving the names a gold set uses ("OAS Department of Public Security", "USA") to graph IRIs.

The same gazetteer the extractor uses (every label, alias and acronym in the store) decides
what a name means, so a gold name counts as found only when the graph holds that entity.
A name resolves when one entity's mention covers most of it: "United States Coast Guard"
is not the United States, "Inter-American Committee against Terrorism (CICTE)" is CICTE.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ingest.gazetteer import Gazetteer
from ontology.iri import Iris

ISO3 = re.compile(r"^[A-Z]{3}$")
_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_LEADING_ARTICLE = re.compile(r"^(?:the|el|la|los|las|o|a|os|as|le|les|l')\s+", re.IGNORECASE)
#: Share of a name's letters and digits one mention must cover for the name to resolve to it.
MIN_COVERAGE = 0.75


def norm(text: str) -> str:
    """Comparison key: accents folded, lower case, every run of non-alphanumerics one space.

    >>> norm("  Programa de Ação — Minas (AICMA) ")
    'programa de acao minas aicma'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def _alnum(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def core_name(name: str) -> str:
    """A name without a leading article and a trailing parenthesis.

    >>> core_name("the Inter-American Committee against Terrorism (CICTE)")
    'Inter-American Committee against Terrorism'
    """
    stripped = _PAREN_TAIL.sub("", name.strip()) or name.strip()
    return _LEADING_ARTICLE.sub("", stripped) or stripped


class NameResolver:
    """Gold names → IRIs through a gazetteer; ISO3 codes → state IRIs."""

    def __init__(self, gazetteer: Gazetteer, iris: Iris) -> None:
        self.gazetteer = gazetteer
        self.iris = iris

    def state_or_entity(self, value: str) -> str | None:
        """An ISO3 code → its state IRI; anything else → :meth:`entity`."""
        if ISO3.match(value.strip()):
            return self.iris.state(value.strip())
        return self.entity(value)

    def entity(self, name: str) -> str | None:
        """The IRI of the one entity that ``name`` names, or None when the gazetteer knows none."""
        for candidate in dict.fromkeys((core_name(name), name.strip())):
            iri = self._covering(candidate)
            if iri is not None:
                return iri
        return None

    def _covering(self, text: str) -> str | None:
        total = _alnum(text)
        if not total:
            return None
        best: tuple[int, str] | None = None
        for mention in self.gazetteer.find(text):
            if mention.kind not in ("State", "Organization"):
                continue
            covered = _alnum(mention.text)
            if best is None or covered > best[0]:
                best = (covered, mention.iri)
        if best is not None and best[0] / total >= MIN_COVERAGE:
            return best[1]
        return None


def label_match(name: str, labels: Iterable[str]) -> bool:
    """Case- and accent-folded equality of ``name`` (or its core) with any of ``labels``.

    >>> label_match("Transport Canada", ["transport canada", "TC"])
    True
    """
    keys = {norm(name), norm(core_name(name))} - {""}
    return any(norm(label) in keys for label in labels)
