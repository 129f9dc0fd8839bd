"""The name and acronym of the program a sheet block describes.

A title line wins ("Salud y Vida en las Américas (SAVIA)"); without one, the program name
the prose introduces: a name around a program head word, preferred when it comes with its
acronym, in a sentence that creates or runs it ("The Department of Public Security (DPS)
has created the Inter-American Network for ...", "Through the X Program, CICTE offers"),
in the summary, and used often.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.model import Segment
from ingest.sheets.context import PROSE_KINDS, SheetDoc
from ingest.sheets.labels import PROGRAM_INTRO
from ingest.sheets.names import NameSpan, find_program_names, is_program_head
from ingest.sheets.text import fold_key, fold_same_length

INTRO = re.compile(PROGRAM_INTRO + r"|\bstarted\b|\bbegan\b|\bcomenz[óo]\b")
_DASH_SPLIT = re.compile(r"\s+[–—-]\s+")
_TRAILING_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9/&.-]{1,14})\)\s*$")


@dataclass(frozen=True)
class ProgramName:
    label: str
    acronym: str | None
    start: int
    end: int


def name_program(doc: SheetDoc, segments: Sequence[Segment]) -> ProgramName | None:
    """The block's program: its title line, else the best name its prose introduces."""
    prose = [s for s in segments if s.kind in PROSE_KINDS]
    candidates = [n for s in prose for n in _names(doc, s)] + _defined_names(doc, prose)
    for seg in segments:
        if seg.kind == "title" and seg.label == "name" and not _mostly_states(doc, seg):
            return _from_title(doc, seg, candidates)
    if not candidates:
        return None
    best = max(candidates, key=lambda n: (_score(doc, n, candidates, prose), -n.start))
    return ProgramName(best.name, best.acronym or _defined_acronym(doc, best.name), best.start, best.end)


def _names(doc: SheetDoc, seg: Segment) -> list[NameSpan]:
    view = doc.view
    out = []
    for n in find_program_names(view.clean, view.clean_index(seg.start), view.clean_index(seg.end), lang=doc.lang):
        start, end = view.original_span(n.start, n.end)
        out.append(NameSpan(start, end, n.name, n.kind, n.acronym))
    return out


def _defined_names(doc: SheetDoc, prose: Sequence[Segment]) -> list[NameSpan]:
    """"Le Programme de formation policière (PFP)": a defined acronym whose long form is headed like a program."""
    out = []
    for acronym, d in doc.acronyms.items():
        words = d.name.split()
        if d.kind == "org" or not words or not any(s.start <= d.start < s.end for s in prose):
            continue
        if is_program_head(words[0], doc.lang) or is_program_head(words[-1], doc.lang):
            out.append(NameSpan(d.start, d.end, d.name, "program", acronym))
    return out


def _mostly_states(doc: SheetDoc, seg: Segment) -> bool:
    covered = sum(s.end - s.start for s in doc.states_in(seg.start, seg.end))
    return covered >= 0.6 * len(re.sub(r"[\W_]", "", doc.text[seg.start:seg.end]))


def _from_title(doc: SheetDoc, seg: Segment, candidates: Sequence[NameSpan]) -> ProgramName:
    text = re.sub(r"\s+", " ", doc.text[seg.start:seg.end]).strip()
    acronym = None
    m = _TRAILING_ACRONYM.search(text)
    if m:
        acronym, text = m.group(1), text[:m.start()].strip()
    parts = _DASH_SPLIT.split(text)
    if len(parts) == 2:
        named = [p for p in parts if any(is_program_head(w, doc.lang) for w in p.split())]
        single = [p for p in parts if " " not in p.strip()]
        if len(named) == 1 and single and single[0] not in named:
            text = named[0]
    key = fold_key(text)
    if acronym is None:
        acronym = next((n.acronym for n in candidates if n.acronym and fold_key(n.name) == key), None) \
            or _defined_acronym(doc, text)
    start = seg.start + max(0, doc.text[seg.start:seg.end].find(text.split()[0]))
    return ProgramName(text, acronym, start, min(seg.end, start + len(text)))


def _defined_acronym(doc: SheetDoc, name: str) -> str | None:
    key = fold_key(name)
    return next((acr for acr, d in doc.acronyms.items() if fold_key(d.name) == key and d.kind != "org"), None)


def _score(doc: SheetDoc, n: NameSpan, candidates: Sequence[NameSpan], prose: Sequence[Segment]) -> float:
    sentence = next((s for s in doc.sentences if s.start <= n.start < s.end), None)
    score = 0.0
    if n.acronym:
        score += 3.0 + 0.3 * len(re.findall(rf"(?<![\w/]){re.escape(n.acronym)}(?![\w/])", doc.text))
    if sentence is not None and INTRO.search(doc.text, sentence.start, sentence.end):
        score += 2.0
    seg = next((s for s in prose if s.start <= n.start < s.end), None)
    if seg is not None and seg.kind == "summary":
        score += 1.0
    key = fold_same_length(n.name)
    score += 0.2 * sum(1 for c in candidates if fold_same_length(c.name) == key)
    score += 0.1 * min(len(n.name.split()), 10)
    return score
