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
from functools import cache

from ingest.model import Segment
from ingest.sheets.context import PROSE_KINDS, SheetDoc
from ingest.sheets.labels import intro_pattern
from ingest.sheets.name_rules import is_program_name
from ingest.sheets.names import NameSpan, find_program_names, is_acronym, is_org_head, is_program_head
from ingest.sheets.text import fold_key, fold_same_length



@cache
def _intro(pattern: str) -> re.Pattern[str]:
    """A sentence that introduces the program it names; keyed by the pattern, so switched-off entries count."""
    return re.compile(pattern)
_DASH_SPLIT = re.compile(r"\s+[–—-]\s+")
_TRAILING_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9/&.-]{1,14})\)\s*$")


@dataclass(frozen=True)
class ProgramName:
    label: str
    acronym: str | None
    start: int
    end: int


def name_program(doc: SheetDoc, segments: Sequence[Segment]) -> ProgramName | None:
    """The block's program: its title block, else the best name its prose introduces; ``None`` when
    nothing there looks like a program's name (:mod:`ingest.sheets.name_rules`)."""
    prose = [s for s in segments if s.kind in PROSE_KINDS]
    candidates = [n for n in [n for s in prose for n in _names(doc, s)] + _defined_names(doc, prose)
                  + _named_value_lines(doc, segments) if is_program_name(n.name, doc.lang)]
    titles = [s for s in segments if s.kind == "title" and s.label == "name" and not _mostly_states(doc, s)]
    for start, end in _title_spans(doc, titles):
        named = _from_title(doc, start, end, candidates)
        if named is not None:
            return named
    if not candidates:
        return None
    best = max(candidates, key=lambda n: (_score(doc, n, candidates, prose), -n.start))
    return ProgramName(best.name, best.acronym or _defined_acronym(doc, best.name), best.start, best.end)


def _title_spans(doc: SheetDoc, titles: Sequence[Segment]) -> list[tuple[int, int]]:
    """Each title line, then the title wrapped onto the next line ("... against" / "Terrorism")."""
    out: list[tuple[int, int]] = []
    for i, seg in enumerate(titles):
        nxt = titles[i + 1] if i + 1 < len(titles) else None
        if nxt is None or doc.layout[seg.end:nxt.start].count("\n") != 1:
            out.append((seg.start, seg.end))
            continue
        first_next = doc.layout[nxt.start:nxt.end].split()[:1]
        if first_next and is_program_head(first_next[0], doc.lang) and doc.lang == "en":
            out.append((seg.start, nxt.end))  # "... Financing" / "Program ...": the head word ends the name
        out += [(seg.start, seg.end), (seg.start, nxt.end)]
    return out


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


def _named_value_lines(doc: SheetDoc, segments: Sequence[Segment]) -> list[NameSpan]:
    """A line "Name (ACR)" printed among the fields, whose acronym the prose uses: the program's title,
    moved out of the title block by the layout."""
    out = []
    for seg in segments:
        if seg.kind != "fields" or seg.label != "value":
            continue
        line = doc.layout[seg.start:seg.end]
        m = _TRAILING_ACRONYM.search(line)
        if m is None or not is_acronym(m.group(1)):
            continue
        name = re.sub(r"\s+", " ", line[:m.start()]).strip()
        uses = len(re.findall(rf"(?<![\w/]){re.escape(m.group(1))}(?![\w/])", doc.text))
        if name and uses and any(is_program_head(w, doc.lang) for w in name.split()):
            at = seg.start + line.find(name.split()[0])
            out.append(NameSpan(at, at + len(name), name, "program", m.group(1)))
    return out


def _mostly_states(doc: SheetDoc, seg: Segment) -> bool:
    covered = sum(s.end - s.start for s in doc.states_in(seg.start, seg.end))
    return covered >= 0.6 * len(re.sub(r"[\W_]", "", doc.layout[seg.start:seg.end]))


def _from_title(doc: SheetDoc, start: int, end: int, candidates: Sequence[NameSpan]) -> ProgramName | None:
    """The name a title line prints: without its acronym in parentheses, without the label of a
    dash-joined pair ("OAS Hemispheric Security Observatory – Alertamerica"), cut to the program
    name it holds when an organisation's name follows it on the line; ``None`` when no part passes
    the name rules."""
    raw = doc.layout[start:end]
    view = doc.layout_view or doc.view
    text = re.sub(r"\s+", " ", raw).strip()
    acronym = None
    m = _TRAILING_ACRONYM.search(text)
    if m:
        acronym, text = m.group(1), text[:m.start()].strip()
    parts = [p.strip() for p in _DASH_SPLIT.split(text)]
    if len(parts) == 2:  # "OAS Hemispheric Security Observatory – Alertamerica": the name, and a brand word
        brand = [p for p in parts if " " not in p and not is_acronym(p)]
        if len(brand) == 1:
            other = parts[1 - parts.index(brand[0])]
            if is_program_name(other, doc.lang):
                text = other
    head = next(iter(find_program_names(text, lang=doc.lang)), None)
    if head is not None and head.start == 0 and len(head.name) < len(text) \
            and any(is_org_head(w) for w in text[head.end:].split()):
        text = head.name  # "X Program Inter-American Committee against Terrorism": the program, not its runner
    if not is_program_name(text, doc.lang):
        inner = [n for n in find_program_names(view.clean, view.clean_index(start), view.clean_index(end),
                                               lang=doc.lang) if is_program_name(n.name, doc.lang)]
        if not inner:
            return None
        text, acronym = inner[0].name, inner[0].acronym or acronym
    key = fold_key(text)
    if acronym is None:
        acronym = next((n.acronym for n in candidates if n.acronym and fold_key(n.name) == key), None) \
            or _defined_acronym(doc, text)
    first = raw.find(text.split()[0])
    at = start + max(0, first)
    return ProgramName(text, acronym, at, min(end, at + len(text)))


def _defined_acronym(doc: SheetDoc, name: str) -> str | None:
    key = fold_key(name)
    return next((acr for acr, d in doc.acronyms.items() if fold_key(d.name) == key and d.kind != "org"), None)


def _score(doc: SheetDoc, n: NameSpan, candidates: Sequence[NameSpan], prose: Sequence[Segment]) -> float:
    sentence = next((s for s in doc.sentences if s.start <= n.start < s.end), None)
    score = 0.0
    if n.acronym:
        score += 3.0 + 0.3 * len(re.findall(rf"(?<![\w/]){re.escape(n.acronym)}(?![\w/])", doc.text))
    if sentence is not None:
        intro = _intro(intro_pattern() + r"|\bstarted\b|\bbegan\b|\bcomenz[óo]\b")
        spans = [m.span() for m in intro.finditer(doc.text, sentence.start, sentence.end)]
        holds = any(a < n.end and n.start < b for a, b in spans)  # "Under its X Program": the cue holds the name
        near = any(a < n.end + 60 and n.start - 60 < b for a, b in spans)  # "the X Network was created"
        score += 2.0 if holds else 1.5 if near else 0.5 if spans else 0.0
    seg = next((s for s in prose if s.start <= n.start < s.end), None)
    if seg is not None and seg.kind == "summary":
        score += 1.0
    key = fold_same_length(n.name)
    score += 0.2 * sum(1 for c in candidates if fold_same_length(c.name) == key)
    score += 0.1 * min(len(n.name.split()), 10)
    return score
