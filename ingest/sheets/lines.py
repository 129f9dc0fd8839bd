"""Classify the lines of a program sheet by layout alone: headings, field lines, lists, values, prose.

PDF extraction leaves one line per printed line. :func:`classify_lines` says what each is:
``heading`` (a section heading from :data:`~ingest.sheets.labels.SECTION_HEADINGS`),
``field`` (one or more field labels, maybe with inline values, maybe broken over lines),
``list`` (capitalised items separated by commas, semicolons, bullets or bars), ``url``,
``null`` (``n/a``, a dash), ``short`` (a title, a banner or a value) or ``prose``. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.sheets.labels import FIELD_LABELS, NULL_VALUES, SECTION_HEADINGS
from ingest.sheets.text import fold_key, line_spans, trim

URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
CHUNK_GAP = re.compile(r"\s{2,}|\t")
TERMINAL = ".!?:;"


@dataclass(frozen=True)
class Line:
    """One classified line: ``kind`` is blank, heading, field, list, url, null, short or prose."""

    start: int
    end: int
    kind: str
    section: str | None = None  # heading kind
    labels: tuple[tuple[str, int, int], ...] = ()  # (field key, start, end)
    values: tuple[tuple[int, int], ...] = ()  # inline value spans
    title: tuple[int, int] | None = None  # a title chunk before an inline label ("X Program  Start: 2016")


@cache
def _label_index() -> dict[str, str]:
    return {fold_key(label): key for key, labels in FIELD_LABELS.items() for label in labels}


@cache
def _heading_index() -> dict[str, str]:
    return {fold_key(h): kind for kind, heads in SECTION_HEADINGS.items() for h in heads}


def classify_lines(text: str) -> list[Line]:
    """Every line of ``text``, classified; offsets exact, content trimmed.

    >>> [l.kind for l in classify_lines("OBJECTIVES\\nDonor Countries   Canada\\n Canada, Peru\\nn/a")]
    ['heading', 'field', 'list', 'null']
    """
    spans = line_spans(text)
    raw = [_classify_line(text, a, b) for a, b in spans]
    raw = _join_multiline_labels(text, raw)
    return _settle_short_lines(text, raw)


def _classify_line(text: str, a: int, b: int) -> Line:
    s, e = trim(text, a, b)
    if s == e:
        return Line(s, e, "blank")
    content = text[s:e]
    key = fold_key(content)
    if key in _heading_index():
        return Line(s, e, "heading", section=_heading_index()[key])
    field = _field_line(text, s, e)
    if field is not None:
        return field
    if URL.match(content):
        return Line(s, e, "url")
    if key in NULL_VALUES or re.fullmatch(r"[-—–\s]+", content):
        return Line(s, e, "null")
    if _is_list(content):
        return Line(s, e, "list")
    words = content.split()
    if content[-1] not in TERMINAL and len(words) <= 20 and len(content) <= 110 and not content[0].islower():
        return Line(s, e, "short")
    return Line(s, e, "prose")


def _chunks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    pos = s
    for m in CHUNK_GAP.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return [c for c in out if c[1] > c[0]]


def _match_label(chunk: str) -> tuple[str, int, int] | None:
    """(key, label end, value start) when ``chunk`` is a label, or "Label: value"."""
    index = _label_index()
    key = fold_key(chunk)
    if key in index:
        return index[key], len(chunk.rstrip(" :.")), len(chunk)
    m = re.match(r"([^:]{2,60}):\s*", chunk)
    if m and fold_key(m.group(1)) in index:
        return index[fold_key(m.group(1))], m.end(1), m.end()
    return _label_then_value(chunk)


def _label_then_value(chunk: str) -> tuple[str, int, int] | None:
    """"Donor Countries Canada, Spain": a label and its value with one space between.

    Only a label of two words or more, or any label before a list; the value is short and
    not a sentence, so prose that opens with a label word ("Funding from Canada allowed...") is not read.
    """
    index = _label_index()
    words = list(re.finditer(r"\S+", chunk))
    for n in range(min(len(words) - 1, 7), 0, -1):
        label_end = words[n - 1].end()
        key = fold_key(chunk[:label_end])
        if key not in index:
            continue
        rest = chunk[words[n].start():]
        listed = bool(re.search(r"[,;·|]", rest))
        if (n >= 2 or listed) and rest[:1].isupper() and rest.rstrip()[-1:] not in ".!?" \
                and len(rest.split()) <= 15:
            return index[key], label_end, words[n].start()
        return None
    return None


def _field_line(text: str, s: int, e: int) -> Line | None:
    chunks = _chunks(text, s, e)
    labels: list[tuple[str, int, int]] = []
    values: list[tuple[int, int]] = []
    title: tuple[int, int] | None = None
    pending: list[tuple[int, int]] = []
    for i, (cs, ce) in enumerate(chunks):
        hit = _match_label(text[cs:ce])
        if hit is None:
            pending.append((cs, ce))
            continue
        if pending:
            if labels:
                values.append((pending[0][0], pending[-1][1]))
            elif i > 0:
                title = (pending[0][0], pending[-1][1])
            pending = []
        key, label_end, value_start = hit
        labels.append((key, cs, cs + label_end))
        if value_start < ce - cs:
            values.append(trim(text, cs + value_start, ce))
    if not labels:
        return None
    if pending:
        values.append((pending[0][0], pending[-1][1]))
    if title is None and text[s:labels[0][1]].strip():
        return None  # prose that happens to contain a label word
    return Line(s, e, "field", labels=tuple(labels), values=tuple(values), title=title)


def _is_list(content: str) -> bool:
    items = [i.strip() for i in re.split(r"[,;·|•]", content) if i.strip()]
    if len(items) < 2 or content[-1] in ".:!?" or len(content) > 220:
        return False
    return all(len(i.split()) <= 5 and (i[0].isupper() or i[0].isdigit()) for i in items)


def _join_multiline_labels(text: str, lines: list[Line]) -> list[Line]:
    """A label broken over lines ("Agencies, sectors, civil" / "society, etc") becomes one field line."""
    labels = _label_index()
    out = list(lines)
    for i, line in enumerate(out):
        if line.kind not in ("short", "prose", "list"):
            continue
        key = fold_key(text[line.start:line.end])
        if len(key) < 6 or not any(lab.startswith(key + " ") or lab.startswith(key + ",") for lab in labels):
            continue
        j, raw = i, text[line.start:line.end]
        for _ in range(2):
            following = next_nonblank(out, j)
            if following is None or out[following].kind in ("heading", "field"):
                break
            j = following
            raw = raw + " " + text[out[j].start:out[j].end]
            combined = fold_key(raw)
            if combined in labels:
                out[i] = Line(line.start, out[j].end, "field", labels=((labels[combined], line.start, out[j].end),))
                for k in range(i + 1, j + 1):
                    out[k] = Line(out[k].start, out[k].start, "blank")
                break
    return out


def next_nonblank(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 4)):
        if lines[j].kind != "blank":
            return j
    return None


def _settle_short_lines(text: str, lines: list[Line]) -> list[Line]:
    """Short lines and bare labels that continue a sentence are prose; inline field values may go on a line."""
    out = list(lines)
    nxt: Line | None
    for i in range(len(out) - 2, -1, -1):  # a short line opening a paragraph is prose
        line, nxt = out[i], out[i + 1]
        if line.kind == "short" and nxt.kind == "prose" and text[line.end:nxt.start].count("\n") == 1:
            out[i] = Line(line.start, line.end, "prose")
    for i, line in enumerate(out):
        prev = out[i - 1] if i else None
        glued = prev is not None and prev.kind == "prose" and text[prev.end - 1] not in TERMINAL + ")”\""
        if line.kind in ("short", "list") and glued or line.kind == "field" and glued and not line.values:
            out[i] = Line(line.start, line.end, "prose")
        elif line.kind == "short" and (_CONNECTOR_END.search(text[line.start:line.end])
                                       or _next_starts_lower(text, out, i)):
            out[i] = Line(line.start, line.end, "prose")
        elif line.kind in ("short", "prose", "list") and prev is not None and prev.kind == "field" and prev.values \
                and _continues(text, prev.values[-1], line):
            values = prev.values[:-1] + ((prev.values[-1][0], line.end),)
            out[i - 1] = Line(prev.start, line.end, "field", labels=prev.labels, values=values, title=prev.title)
            out[i] = Line(line.start, line.start, "blank")
    for i, line in enumerate(out):  # a long value right under its bare label ("Partners:" / a long list)
        prev, nxt = (out[i - 1] if i else None), (out[i + 1] if i + 1 < len(out) else None)
        if line.kind == "prose" and prev is not None and prev.kind == "field" and not prev.values \
                and text[line.end - 1] not in ".!?" and (nxt is None or nxt.kind in ("blank", "field", "heading")):
            out[i] = Line(line.start, line.end, "short")
    return out


_CONNECTOR_END = re.compile(r"\b(?:and|of|the|for|to|in|with|a|an|by|de|del|la|el|los|las|y|e|et|du|des|le|les|en|"
                            r"con|para|por|que|em|com|do|da|dos|das|au|aux|à)$", re.I)


def _next_starts_lower(text: str, lines: list[Line], i: int) -> bool:
    j = next_nonblank(lines, i)
    return j is not None and lines[j].kind == "prose" and text[lines[j].start:lines[j].start + 1].islower()


def _continues(text: str, value: tuple[int, int], line: Line) -> bool:
    tail = text[value[0]:value[1]].rstrip()
    head = text[line.start:line.end]
    return bool(re.search(r"(?:\b(?:of|the|and|de|la|del|du|des|da|do|y|e|et)|[·,;\-–])$", tail)) \
        or head[:1].islower() or head[:1] in "·"
