"""Segment an OAS program summary sheet: program blocks, then titles, field lines and prose sections.

Sheets come out of PDF extraction with their columns interleaved: headings stacked at the
top and their bodies below, field labels far from their values, several programs in one
file. The segmenter works on layout alone (no gazetteer):

* each line is a heading, a field line (one or more labels, maybe an inline value), a short
  line (a title, a banner, a value), a list, a URL, a null value, or prose;
* a program block ends where a heading already seen in it comes back after body text;
* short lines before a block's first prose and first label are its title and banners, the
  other short lines are field values;
* prose lines make paragraphs (bullets start new ones, a line broken mid-sentence over a
  blank line is joined); each paragraph takes the section of the heading above it, or, under
  a stack of headings, the section its opening and position say.

Segment conventions: ``title`` segments have label ``banner`` or ``name``; ``fields``
segments have label ``field:<key>`` (the label text, key from
:data:`~ingest.sheets.labels.FIELD_LABELS`) or ``value`` (a value's text); prose segments
have label ``None``. Spans are exact and trimmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.model import Segment
from ingest.sheets.furniture import mask_furniture
from ingest.sheets.labels import entries, intro_pattern, keyed
from ingest.sheets.lines import TERMINAL, Line, classify_lines
from ingest.sheets.name_rules import is_program_name
from ingest.sheets.names import is_org_head, is_program_head
from ingest.sheets.text import cue_regex, fold_same_length, guess_language, sentence_spans, trim

MAX_PARAGRAPH = 1200
MIN_BLOCK_BODY = 150
BULLET = re.compile(r"^[•·\-–*▪◦●]\s+")
_NOT_INFINITIVES = frozenset({"entre", "contre", "notre", "votre", "autre", "outre", "sobre", "lugar", "mayor",
                              "menor", "mejor", "super", "poder", "otro", "other", "cuatro", "quatre"})


@cache
def _summary_cues(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def looks_like_program_sheet(text: str) -> bool:
    """Whether ``text`` reads like a program summary sheet: section headings and field labels.

    >>> looks_like_program_sheet("PROGRAM SUMMARY\\nOBJECTIVES\\nDonor Countries\\nLink to web page\\n")
    True
    >>> looks_like_program_sheet("The Security Council,\\nRecalling its resolution 660 (1990),")
    False
    """
    headings: set[str] = set()
    keys: set[str] = set()
    for line in classify_lines(mask_furniture(text)):
        if line.kind == "heading" and line.section:
            headings.add(line.section)
        keys.update(k for k, _, _ in line.labels)
    return bool(keys) and len(headings) + len(keys) >= 3


def segment_sheet(text: str) -> list[Segment]:
    """Program blocks of a sheet, split into title, field and prose segments with exact spans.

    Pure; linear in the text. Segments come in text order; ``block`` numbers programs from 0.

    >>> t = "PROGRAM SUMMARY\\n\\nThe X Program helps.\\n\\nOBJECTIVES\\nTo help.\\n\\nDonor Countries  Canada\\n"
    >>> [(s.kind, s.label, t[s.start:s.end]) for s in segment_sheet(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('summary', None, 'The X Program helps.'), ('objectives', None, 'To help.'),
     ('fields', 'field:donor', 'Donor Countries'), ('fields', 'value', 'Canada')]
    """
    text = mask_furniture(text)  # same offsets; page numbers, running headers and dates blanked
    lines = classify_lines(text)
    segments: list[Segment] = []
    for block, (lo, hi) in enumerate(_blocks(text, lines)):
        segments.extend(_block_segments(text, lines[lo:hi], block))
    return sorted(segments, key=lambda s: (s.start, s.end))


# --- blocks ------------------------------------------------------------------------------------

def _blocks(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Line ranges of program blocks: a heading seen before in the block, after body text, opens a new one."""
    starts = [0]
    seen: set[str] = set()
    body = 0
    for i, line in enumerate(lines):
        if line.kind == "heading" and line.section:
            if line.section in seen and body >= MIN_BLOCK_BODY:
                start = i
                j = i - 1
                while j >= 0 and lines[j].kind in ("blank", "heading"):
                    if lines[j].kind == "heading":
                        start = j
                    j -= 1
                starts.append(start)
                seen = {lines[k].section or "" for k in range(start, i + 1) if lines[k].kind == "heading"}
                body = 0
            else:
                seen.add(line.section)
        elif line.kind == "prose":
            body += line.end - line.start
    bounds = starts + [len(lines)]
    return [(bounds[k], bounds[k + 1]) for k in range(len(starts))]


# --- segments of one block ---------------------------------------------------------------------

def _block_segments(text: str, lines: list[Line], block: int) -> list[Segment]:
    segments: list[Segment] = []
    lang = guess_language(text[lines[0].start:lines[-1].end]) if lines else "en"
    first_body = next((i for i, ln in enumerate(lines) if ln.kind in ("prose", "field")), len(lines))
    for i, line in enumerate(lines):
        if line.kind == "field":
            if line.title is not None:
                segments.append(Segment("title", *line.title, label="name", block=block))
            for key, s, e in line.labels:
                segments.append(Segment("fields", s, e, label=f"field:{key}", block=block))
            for s, e in line.values:
                segments.append(Segment("fields", s, e, label="value", block=block))
        elif line.kind in ("short", "list", "url", "null"):
            if i < first_body and line.kind in ("short", "list"):
                label = "banner" if _is_banner(text[line.start:line.end], lang) else "name"
                segments.append(Segment("title", line.start, line.end, label=label, block=block))
            elif line.kind == "short" and _titles_section(text, lines, i, lang):
                segments.append(Segment("title", line.start, line.end, label="name", block=block))
            else:
                segments.append(Segment("fields", line.start, line.end, label="value", block=block))
    segments.extend(_wrapped_title(text, _prose_segments(text, lines, block), lang))
    return segments


def _wrapped_title(text: str, prose: list[Segment], lang: str) -> list[Segment]:
    """A title wrapped over two lines reads as a paragraph: before the first sentence of the block, at most
    two lines, no full stop, and a program's name by the name rules. It is the block's title."""
    out = list(prose)
    for i, seg in enumerate(prose):
        content = text[seg.start:seg.end]
        if content.rstrip()[-1:] in TERMINAL:
            break
        if content.count("\n") <= 1 and len(content.split()) <= 15 and is_program_name(content, lang):
            out[i] = Segment("title", seg.start, seg.end, label="name", block=seg.block)
            break
    return out


def _titles_section(text: str, lines: list[Line], i: int, lang: str) -> bool:
    """A short line that reads as a program's name, alone between a heading and the prose under it
    (the sheet's title printed with the section it opens) or inside a paragraph (a line of the
    title column, read across the page)."""
    before = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].kind != "blank"), None)
    after = next((lines[k] for k in range(i + 1, len(lines)) if lines[k].kind != "blank"), None)
    if before is None or after is None:
        return False
    opens_section = before.kind == "heading" and after.kind in ("prose", "heading")
    inside_paragraph = before.kind == after.kind == "prose" and text[before.end:after.start].count("\n") == 2
    if not (opens_section or inside_paragraph):
        return False
    return is_program_name(text[lines[i].start:lines[i].end], lang)


def _is_banner(content: str, lang: str) -> bool:
    letters = [c for c in content if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(content.split()) > 1:
        return True
    words = re.findall(r"[\w'’-]+", content)
    has_org = any(is_org_head(w) for w in words if w[:1].isupper())
    return bool(words) and (is_org_head(words[0]) or has_org and not any(is_program_head(w, lang) for w in words))


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    after_fields: bool
    stack: tuple[str, ...]


def _paragraphs(text: str, lines: list[Line]) -> list[_Paragraph]:
    out: list[_Paragraph] = []
    stack: list[str] = []
    stack_open = False
    seen_fields = False
    last_prose = False  # the previous non-blank line was prose
    gap = False  # blank lines since it
    interleaved = False  # non-prose lines since it, with no blank line
    for line in lines:
        if line.kind == "blank":
            gap = gap or last_prose
            continue
        if line.kind == "heading":
            if not stack_open:
                stack = []
            stack.append(line.section or "other")
            stack_open, seen_fields, last_prose, interleaved = True, False, False, False
            continue
        if line.kind != "prose":
            seen_fields = seen_fields or line.kind in ("field", "list", "null")
            if last_prose and not gap:  # maybe a line of another column, printed inside the paragraph
                interleaved = True
                continue
            last_prose = interleaved = False
            continue
        stack_open = False
        content = text[line.start:line.end]
        indented = line.start > 0 and text[line.start - 1] in " \t" and out and text[out[-1].end - 1] in ".!?"
        runs_on = not interleaved or content[:1].islower() or text[out[-1].end - 1] not in TERMINAL + ")”\""
        same = last_prose and not gap and not BULLET.match(content) and not indented and runs_on
        interleaved = False
        rejoined = last_prose and gap and content[:1].islower() and text[out[-1].end - 1] not in TERMINAL + ")”\""
        if (same or rejoined) and out:
            last = out[-1]
            out[-1] = _Paragraph(last.start, line.end, last.after_fields, last.stack)
        else:
            out.append(_Paragraph(line.start, line.end, seen_fields, tuple(stack)))
        last_prose, gap = True, False
    return out


def _is_objective(text: str, s: int, e: int, lang: str) -> bool:
    head = text[s:min(e, s + 80)]
    if BULLET.match(head):
        return True
    folded = fold_same_length(head)
    if re.match(r"to [a-z]+", folded) or cue_regex(entries("OBJECTIVE_OPENERS")).match(folded):
        return True
    first = re.match(r"([A-ZÀ-Ý][a-zà-ÿ]{3,}),?\s+[a-zà-ÿ]", head)
    endings = keyed("INFINITIVE_ENDINGS")
    if lang not in endings or not first or fold_same_length(first.group(1)) in _NOT_INFINITIVES:
        return False
    word = fold_same_length(first.group(1))
    return word.endswith(endings[lang])


def _prose_segments(text: str, lines: list[Line], block: int) -> list[Segment]:
    segments: list[Segment] = []
    lang = guess_language(text[lines[0].start:lines[-1].end]) if lines else "en"
    state = {"objective_seen": False, "summary_open": False, "used_summary": False}
    last_stack: tuple[str, ...] = ()
    for p in _paragraphs(text, lines):
        if p.stack != last_stack:
            state = {"objective_seen": False, "summary_open": False, "used_summary": False}
            last_stack = p.stack
        if len(p.stack) == 1:
            kind = p.stack[0]
        elif not p.stack:
            kind = "other"
        else:
            kind = _stacked_kind(text, p, state, lang)
        for a, b in _split_long(text, p.start, p.end):
            segments.append(Segment(kind, a, b, block=block))
    return segments


def _stacked_kind(text: str, p: _Paragraph, state: dict[str, bool], lang: str) -> str:
    stack = p.stack
    if "objectives" in stack and _is_objective(text, p.start, p.end, lang):
        state["objective_seen"] = True
        state["summary_open"] = False
        return "objectives"
    if _summary_cues(intro_pattern()).search(text, p.start, p.end) or state["summary_open"] \
            or (p.after_fields and not state["used_summary"]):
        state["summary_open"] = state["used_summary"] = True
        return "summary"
    if not state["objective_seen"] and "summary" in stack and not state["used_summary"]:
        state["summary_open"] = state["used_summary"] = True
        return "summary"
    return "results" if "results" in stack else "other"


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_PARAGRAPH:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    piece_end = start
    for s, e in sentence_spans(text, start, end):
        if e - piece_start > MAX_PARAGRAPH and piece_end > piece_start:
            pieces.append((piece_start, piece_end))
            piece_start = s
        piece_end = e
    pieces.append((piece_start, piece_end))
    return [trim(text, a, b) for a, b in pieces if b > a]
