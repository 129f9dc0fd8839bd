"""Classify the lines of a program sheet by layout alone: headings, field lines, lists, values, prose.

PDF extraction leaves one line per printed line. :func:`classify_lines` says what each is:
``heading`` (a section label standing alone), ``field`` (one or more field labels, maybe with
inline values, maybe broken over lines), ``list`` (capitalised items separated by commas,
semicolons, bullets or bars), ``url``, ``null`` (``n/a``, a dash), ``short`` (a title, a
banner or a value) or ``prose``. A label is recognised by its words, not by its exact wording
(:func:`~ingest.sheets.label_words.label_kind`). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.sheets.label_words import ENUMERATOR, MAX_LABEL_WORDS, SECTION_KINDS, heading_kind, label_kind
from ingest.sheets.labels import entries
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


def classify_lines(text: str) -> list[Line]:
    """Every line of ``text``, classified; offsets exact, content trimmed.

    >>> [l.kind for l in classify_lines("OBJECTIVES\\nDonor Countries   Canada\\n Canada, Peru\\nn/a")]
    ['heading', 'field', 'list', 'null']
    """
    spans = line_spans(text)
    raw = [_classify_line(text, a, b) for a, b in spans]
    raw = _join_multiline_labels(text, raw)
    raw = _join_wrapped_lists(text, raw)
    return _settle_short_lines(text, raw)


def _classify_line(text: str, a: int, b: int) -> Line:
    s, e = trim(text, a, b)
    if s == e:
        return Line(s, e, "blank")
    content = text[s:e]
    key = fold_key(content)
    section = heading_kind(content)
    if section is not None:
        return Line(s, e, "heading", section=section)
    field = _field_line(text, s, e)
    if field is not None:
        return field
    if URL.match(content):
        return Line(s, e, "url")
    if key in entries("NULL_VALUES") or re.fullmatch(r"[-—–\s]+", content):
        return Line(s, e, "null")
    if _is_list(content):
        return Line(s, e, "list")
    words = content.split()
    if content[-1] not in TERMINAL and len(words) <= 20 and len(content) <= 110 and not content[0].islower() \
            and not _sentence_like(words):
        return Line(s, e, "short")
    return Line(s, e, "prose")


def _capitals(content: str) -> bool:
    """A line in capitals (a banner, maybe wrapped): never a line of prose."""
    letters = [c for c in content if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and " " in content.strip()


def _sentence_like(words: list[str]) -> bool:
    """A long run of mostly lower-case words broken off mid-clause: a line of a paragraph, not a title
    or a value (a title in sentence case is shorter and does not end on a comma)."""
    lower = sum(1 for w in words if w[:1].islower())
    broken = words[-1].endswith(",") or len(" ".join(words)) >= 90
    items = [i.strip() for i in re.split(r"[,;·|•]", " ".join(words)) if i.strip()]
    listed = len(items) >= 3 and sum(1 for i in items if i[:1].isupper()) > len(items) / 2
    clause = words[-1].endswith(",") and len(words) >= 6 and lower >= 3  # "Through this project the X gave Y,"
    return (len(words) >= 12 and lower >= 0.6 * len(words) and broken or clause) and not listed


def _chunks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    pos = s
    for m in CHUNK_GAP.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return [c for c in out if c[1] > c[0]]


def _field_kind(chunk: str) -> str | None:
    """The field key of a capitalised label chunk ("Donor Countries", "Pilar de la OEA"), else ``None``."""
    stripped = chunk.strip().rstrip(" .:")
    if not stripped[:1].isupper() and not ENUMERATOR.match(stripped):
        return None
    kind = label_kind(stripped)
    return kind if kind is not None and kind not in SECTION_KINDS else None


def _match_label(chunk: str) -> tuple[str, int, int] | None:
    """(key, label end, value start) when ``chunk`` is a label, or "Label: value"."""
    key = _field_kind(chunk)
    if key is not None:
        return key, len(chunk.rstrip(" :.")), len(chunk)
    m = re.match(r"([^:]{2,60}):\s*", chunk)
    if m and (key := _field_kind(m.group(1))) is not None:
        return key, m.end(1), m.end()
    return _label_then_value(chunk)


def _label_then_value(chunk: str) -> tuple[str, int, int] | None:
    """"Donor Countries Canada, Spain": a label and its value with one space between.

    Only a label of two words or more, or any label before a list; the value is short and
    not a sentence, so prose that opens with a label word ("Funding from Canada allowed...") is not read.
    """
    words = list(re.finditer(r"\S+", chunk))
    for n in range(min(len(words) - 1, MAX_LABEL_WORDS), 0, -1):
        label_end = words[n - 1].end()
        key = _field_kind(chunk[:label_end])
        if key is None:
            continue
        rest = chunk[words[n].start():]
        listed = bool(re.search(r"[,;·|]", rest))
        lower = sum(1 for w in rest.split() if w[:1].islower())
        if (n >= 2 or listed) and rest[:1].isupper() and rest.rstrip()[-1:] not in ".!?" \
                and len(rest.split()) <= 15 and lower <= 0.4 * len(rest.split()):
            return key, label_end, words[n].start()
        return None
    return None


_UNKNOWN_FIELD = re.compile(r"([A-ZÀ-Þ][^\W\d_]*(?: [^\W\d_]+){0,2}):\s*\S")


def _unknown_field(chunk: str) -> tuple[str, int, int] | None:
    """"Status: Active" next to known labels: a field of a kind no table names (key ``other``)."""
    m = _UNKNOWN_FIELD.match(chunk)
    return ("other", m.end(1), len(chunk) - len(chunk[m.end(1) + 1:].lstrip())) if m else None


def _field_line(text: str, s: int, e: int) -> Line | None:
    chunks = _chunks(text, s, e)
    labels: list[tuple[str, int, int]] = []
    values: list[tuple[int, int]] = []
    title: tuple[int, int] | None = None
    pending: list[tuple[int, int]] = []
    hits = [_match_label(text[cs:ce]) for cs, ce in chunks]
    if any(hits):  # beside a known label, any "Word: value" chunk is a field too, never part of a title
        hits = [hit or _unknown_field(text[cs:ce]) for hit, (cs, ce) in zip(hits, chunks)]
    for i, (cs, ce) in enumerate(chunks):
        hit = hits[i]
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
    """A label broken over lines ("Agencies, sectors, civil" / "society, etc") becomes one label line."""
    out = list(lines)
    for i, line in enumerate(out):
        bare = line.kind == "heading" or line.kind == "field" and len(line.labels) == 1 and not line.values \
            and line.title is None
        if not bare:
            continue
        j = next_nonblank(out, i)
        if j is None or out[j].kind not in ("prose", "short", "list"):
            continue
        first, second = text[line.start:line.end], text[out[j].start:out[j].end]
        if not second[:1].islower() and not first.rstrip()[-1:] in ",-":
            continue
        kind = label_kind(first.strip() + " " + second.strip().rstrip(" .:"))
        own = label_kind(first.strip().rstrip(" .:")), label_kind(second.strip().rstrip(" .:"))
        if kind is None or own[1] is not None and own[1] != own[0]:
            continue  # the second line is another label's tail ("Pays donateurs" / "société civile, etc.")
        if kind in SECTION_KINDS:
            out[i] = Line(line.start, out[j].end, "heading", section=SECTION_KINDS[kind])
        else:
            out[i] = Line(line.start, out[j].end, "field", labels=((kind, line.start, out[j].end),))
        for k in range(i + 1, j + 1):
            out[k] = Line(out[k].start, out[k].start, "blank")
    return out


_SEPARATOR_END = re.compile(r"(?:[,;·|•]|\s(?:and|y|e|et|&))$")


def _join_wrapped_lists(text: str, lines: list[Line]) -> list[Line]:
    """A list wrapped over lines ("Nicaragua · Costa Rica ·" / "Peru · Suriname") is one list line.

    The next line continues the list when it follows with no blank line between and a
    separator ends the first line or opens the second.
    """
    out = list(lines)
    for i, line in enumerate(out):
        if line.kind != "list":
            continue
        joined = line
        for j in range(i + 1, len(out)):
            nxt = out[j]
            if nxt.kind not in ("list", "short", "prose") or text[joined.end:nxt.start].count("\n") != 1:
                break
            first, second = text[joined.start:joined.end].rstrip(), text[nxt.start:nxt.end].lstrip()
            last_line = text[text.rfind("\n", 0, joined.end) + 1:joined.end].strip()
            separated = _SEPARATOR_END.search(first) or second[:1] in ",;·|•"
            wrapped = len(last_line) >= 50 and _separators(second) <= _separators(last_line)
            if not (separated or wrapped) or second[-1:] in ".!?" or len(second) > 220:
                break
            joined = Line(joined.start, nxt.end, "list")
            out[j] = Line(nxt.start, nxt.start, "blank")
        out[i] = joined
    return out


def _separators(content: str) -> set[str]:
    return set(re.findall(r"[,;·|•]", content))


def next_nonblank(lines: list[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 4)):
        if lines[j].kind != "blank":
            return j
    return None


def _settle_short_lines(text: str, lines: list[Line]) -> list[Line]:
    """Short lines and bare labels that continue a sentence are prose; inline field values may go on a line."""
    out = list(lines)
    nxt: Line | None
    inside = {i for i in range(1, len(out) - 1) if out[i].kind in ("short", "list") and out[i - 1].kind == "prose"
              and _interleaved(text, out, i)}  # lines of another column: never prose
    inside |= {i for i, line in enumerate(out) if line.kind == "short" and _capitals(text[line.start:line.end])}
    for i in range(len(out) - 2, -1, -1):  # a short line opening a paragraph is prose
        line, nxt = out[i], out[i + 1]
        if line.kind == "short" and nxt.kind == "prose" and text[line.end:nxt.start].count("\n") == 1 \
                and i not in inside:
            out[i] = Line(line.start, line.end, "prose")
    for i, line in enumerate(out):
        prev = out[i - 1] if i else None
        glued = prev is not None and prev.kind == "prose" and text[prev.end - 1] not in TERMINAL + ")”\""
        if i in inside:
            continue
        if line.kind in ("short", "list") and glued \
                or line.kind == "field" and glued and not line.values and text[line.end - 1] in ".!?;,":
            out[i] = Line(line.start, line.end, "prose")
        elif line.kind == "short" and (CONNECTOR_END.search(text[line.start:line.end])
                                       or _next_starts_lower(text, out, i)):
            out[i] = Line(line.start, line.end, "prose")
        elif line.kind in ("short", "prose", "list") and prev is not None and prev.kind == "field" and prev.values \
                and _continues(text, prev.values[-1], line) and not _runs_on_paragraph(text, out, i):
            values = prev.values[:-1] + ((prev.values[-1][0], line.end),)
            out[i - 1] = Line(prev.start, line.end, "field", labels=prev.labels, values=values, title=prev.title)
            out[i] = Line(line.start, line.start, "blank")
    for i, line in enumerate(out):  # a long value right under its bare label ("Partners:" / a long list)
        prev, nxt = (out[i - 1] if i else None), (out[i + 1] if i + 1 < len(out) else None)
        if line.kind == "prose" and prev is not None and prev.kind == "field" and not prev.values \
                and text[line.end - 1] not in ".!?" and (nxt is None or nxt.kind in ("blank", "field", "heading")) \
                and not _sentence_like(text[line.start:line.end].split()):
            out[i] = Line(line.start, line.end, "short")
    return out


def _runs_on_paragraph(text: str, lines: list[Line], i: int) -> bool:
    """A prose line right after a field line that itself sits right after a paragraph line broken
    mid-sentence: the paragraph goes on past a line of another column."""
    if lines[i].kind != "prose" or i < 2:
        return False
    before = lines[i - 2]
    return before.kind == "prose" and text[before.end - 1] not in TERMINAL + ")”\"" \
        and text[before.end:lines[i - 1].start].count("\n") == 1


def _interleaved(text: str, lines: list[Line], i: int) -> bool:
    """A short line inside a paragraph that cannot be one of its lines: the paragraph runs on after it,
    and it is much shorter than the full-width line before it (a line of another column)."""
    prev, nxt = lines[i - 1], lines[i + 1] if i + 1 < len(lines) else None
    if nxt is None or nxt.kind != "prose" or text[lines[i].end:nxt.start].count("\n") != 1:
        return False
    width = prev.end - prev.start
    return width >= 60 and lines[i].end - lines[i].start < 0.7 * width


CONNECTOR_END = re.compile(r"\b(?:and|of|the|for|to|in|with|a|an|by|de|del|la|el|los|las|y|e|et|du|des|le|les|en|"
                            r"con|para|por|que|em|com|do|da|dos|das|au|aux|à)$", re.I)


def _next_starts_lower(text: str, lines: list[Line], i: int) -> bool:
    j = next_nonblank(lines, i)
    return j is not None and lines[j].kind == "prose" and text[lines[j].start:lines[j].start + 1].islower()


def _continues(text: str, value: tuple[int, int], line: Line) -> bool:
    """Whether ``line`` carries on the value: the value breaks off (a separator, a connector), the line
    opens in lower case or with a separator, or it starts in the value's column ("Costa" / "Rica, Peru")."""
    tail = text[value[0]:value[1]].rstrip()
    head = text[line.start:line.end]
    value_column = value[0] - (text.rfind("\n", 0, value[0]) + 1)
    line_column = line.start - (text.rfind("\n", 0, line.start) + 1)
    aligned = value_column >= 8 and abs(line_column - value_column) <= 2 and line.kind in ("short", "list")
    return bool(re.search(r"(?:\b(?:of|the|and|de|la|del|du|des|da|do|y|e|et)|[·,;\-–])$", tail)) \
        or head[:1].islower() or head[:1] in "·,;|•" or aligned
