"""Citation links: the graph's ``eli:cites`` from each gold resolution against the gold list.

For each gold document the store holds (matched by ``pkg:source``), the instrument the
document is ``pkg:about`` and its ``eli:cites`` targets in that document's own graph are
read; a target is a Security Council resolution when its symbol, IRI or issuer says so, and
is keyed by (number, year). Precision, recall and F1 are micro-averaged over the gold
documents present in the store; a document the store lacks is listed, not scored. Links to
other bodies' resolutions are scored the same way against ``cites_other`` (key: number and
session, "A/RES/46/7" = number 7 of session 46). Read-only; one SPARQL query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from evaluation.gold import CitationGold
from evaluation.metrics import PRF, micro
from kg.workspace import Workspace
from ontology.iri import slugify
from ontology.namespaces import ELI

CITES_QUERY = """
PREFIX pkg: <{v}>
PREFIX eli: <{eli}>
SELECT ?src ?inst ?t ?symbol ?number ?year ?by WHERE {{
  GRAPH ?g {{ ?doc a pkg:Document ; pkg:source ?src . OPTIONAL {{ ?doc pkg:about ?inst }} }}
  OPTIONAL {{
    GRAPH ?g {{ ?inst eli:cites ?t }}
    OPTIONAL {{ ?t pkg:symbol ?symbol }}
    OPTIONAL {{ ?t pkg:number ?number }}
    OPTIONAL {{ ?t pkg:year ?year }}
    OPTIONAL {{ ?t pkg:issuedBy ?by }}
  }}
}}
"""
_UNSC_SYMBOL = re.compile(r"^\s*S/RES/(\d+)\s*(?:\((\d{4})\))?")
_UNSC_IRI = re.compile(r"instrument/unsc-res-(\d+)(?:-(\d{4}))?$")
_GA_SESSION = re.compile(r"^\s*A/RES/(\d+)\s*\(([^)]+)\)")
_GA_SLASH = re.compile(r"^\s*A/RES/(\d+)/(\d+)")
_GA_IRI = re.compile(r"instrument/unga-res-(\d+)-(.*)$")

Key = tuple[int, "int | str | None"]


def unsc_key(symbol: str) -> Key | None:
    """(number, year) of a Security Council symbol.

    >>> unsc_key("S/RES/3 (1946)"), unsc_key("S/RES/660"), unsc_key("A/RES/1474 (ES-IV)")
    ((3, 1946), (660, None), None)
    """
    m = _UNSC_SYMBOL.match(symbol)
    return (int(m[1]), int(m[2]) if m[2] else None) if m else None


def other_key(symbol: str) -> Key | None:
    """(number, session slug) of a General Assembly symbol; None for others.

    >>> other_key("A/RES/1474 (ES-IV)"), other_key("A/RES/47/20 A"), other_key("S/RES/3 (1946)")
    ((1474, 'es-iv'), (20, '47'), None)
    """
    if m := _GA_SESSION.match(symbol):
        return int(m[1]), slugify(m[2])
    if m := _GA_SLASH.match(symbol):
        return int(m[2]), m[1]
    return None


@dataclass(frozen=True)
class DocumentCitations:
    doc: str
    found: tuple[str, ...]  # correct links (gold symbols)
    missed: tuple[str, ...]  # gold symbols without a link
    spurious: tuple[str, ...]  # links the gold does not list
    prf: PRF


@dataclass(frozen=True)
class CitationReport:
    unsc: PRF  # micro-averaged over the documents present
    other: PRF
    documents: tuple[DocumentCitations, ...]
    missing: tuple[str, ...]  # gold documents not in the store
    without_instrument: tuple[str, ...]  # present, but no pkg:about instrument (header not read)


@dataclass
class _Target:
    iri: str
    symbols: set[str]
    number: int | None = None
    year: int | None = None
    unsc_issuer: bool = False

    def unsc(self) -> Key | None:
        for s in sorted(self.symbols):
            if (k := unsc_key(s)) is not None:
                return k
        if m := _UNSC_IRI.search(self.iri):
            return int(m[1]), int(m[2]) if m[2] else None
        if self.unsc_issuer and self.number is not None:
            return self.number, self.year
        return None

    def other(self) -> Key | None:
        if m := _GA_IRI.search(self.iri):
            return int(m[1]), m[2]
        return None


def evaluate_citations(workspace: Workspace, gold: Sequence[CitationGold]) -> CitationReport:
    """Score the stored ``eli:cites`` links of the gold documents. Read-only."""
    unsc_org = workspace.iris.org("unsc")
    targets: dict[str, dict[str, _Target]] = {}
    about: dict[str, set[str]] = {}
    for src, inst, t, symbol, number, year, by in workspace.store.select(
            CITES_QUERY.format(v=workspace.iris.ontology, eli=ELI)):
        source = src.value  # type: ignore[union-attr]
        about.setdefault(source, set())
        if inst is not None:
            about[source].add(inst.value)  # type: ignore[attr-defined]
        if t is None:
            continue
        target = targets.setdefault(source, {}).setdefault(t.value, _Target(t.value, set()))  # type: ignore[attr-defined]
        if symbol is not None:
            target.symbols.add(symbol.value)  # type: ignore[attr-defined]
        if number is not None:
            target.number = int(number.value)  # type: ignore[attr-defined]
        if year is not None:
            target.year = int(year.value)  # type: ignore[attr-defined]
        if by is not None and by.value == unsc_org:  # type: ignore[attr-defined]
            target.unsc_issuer = True

    documents, missing, without = [], [], []
    other_parts = []
    for g in gold:
        if g.doc not in about:
            missing.append(g.doc)
            continue
        if not about[g.doc]:
            without.append(g.doc)
        linked = list(targets.get(g.doc, {}).values())
        documents.append(_score(g.doc, g.cites, [t.unsc() for t in linked], unsc_key))
        other_parts.append(_score(g.doc, g.cites_other, [t.other() for t in linked if t.unsc() is None],
                                  other_key).prf)
    return CitationReport(micro(d.prf for d in documents), micro(other_parts), tuple(documents),
                          tuple(missing), tuple(without))


def _score(doc: str, gold_symbols: Sequence[str], predicted: Sequence[Key | None],
           key_of: Callable[[str], Key | None]) -> DocumentCitations:
    gold_keys: dict[object, str] = {}
    for s in gold_symbols:
        k = key_of(s)
        gold_keys[k if k is not None else ("unparsed", s)] = s
    pred = {k for k in predicted if k is not None}
    found = [s for k, s in gold_keys.items() if k in pred]
    missed = [s for k, s in gold_keys.items() if k not in pred]
    spurious = sorted(_show(k) for k in pred if k not in gold_keys)
    prf = PRF.of(len(pred) - len(spurious), len(pred), len(found), len(gold_keys))
    return DocumentCitations(doc, tuple(found), tuple(missed), tuple(spurious), prf)


def _show(key: Key) -> str:
    number, second = key
    if isinstance(second, str):
        return f"A/RES/{number} ({second})"
    return f"S/RES/{number} ({second})" if second else f"S/RES/{number}"
