"""A law's structure: its title block, division headings and articles, with exact spans.

Statute books mark articles in a few ways, and each is a row of :data:`ARTICLE_STYLES`:
``Art. 1º`` / ``Artículo 5o.-`` / ``Article 1er`` / ``ARTÍCULO ÚNICO.-`` (the word), ``§ 2339C.``
(the U.S. Code), ``SEC. 2.`` (U.S. session laws), and the bare ``1 (1)`` section numbers of
Canadian statutes, which are believed only when they come after a bracketed marginal note or
a heading and keep counting up (a wrapped line that starts with a number is not a section).
Divisions (parts, titles, chapters, sections, books) are :data:`DIVISION` lines plus the short
name lines under them; transitory provisions and schedules open their own context, so their
articles are labelled apart (``transitorio primero``) and never clash with the body's.

Pure functions; linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ingest.spans import trim_span

_ORDINAL = (r"(?i:[úu]nic[oa]|premier|(?:(?:d[ée]cim|vig[ée]sim|trig[ée]sim)[oa]\s*)?"
            r"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[ée]ptim[oa]|octav[oa]|noven[oa])"
            r"|d[ée]cim[oa]|vig[ée]sim[oa]|trig[ée]sim[oa])")
_LATIN = r"(?i:bis|ter|qu[áa]ter|quinquies|sexies|septies|octies|nonies|decies)"
_WORD_ARTICLE = re.compile(
    rf"^[ \t]{{0,3}}(?:Art(?:[íi]culo|igo|icle)?\.?|ART(?:[ÍI]CULO|IGO|ICLE)\.?|Arts?\.)[ \t]*"
    rf"(?P<num>\d{{1,4}}|{_ORDINAL})(?P<ord>[ºo°]|er|\.o)?(?P<letter>-?[A-Z](?![\w]))?"
    rf"(?:\.?[ \t]+(?P<latin>{_LATIN})\b)?[ \t]*(?:\.[-–—]|[.:\-–—)]|(?=[ \t]+[A-ZÁÉÍÓÚÂÊÔÃÕÇ«\"“(])|$)", re.M)
_US_SECTION = re.compile(r"^[ \t]{0,3}§[ \t]*(?P<num>\d+[a-zA-Z]*(?:[–-]\d+[a-zA-Z]*)?)\.(?:[ \t]|$)", re.M)
_SESSION_SECTION = re.compile(r"^[ \t]{0,3}(?:SEC(?:TION)?\.?|Sec(?:tion)?\.)[ \t]+(?P<num>\d+[A-Za-z]?)\.[ \t]", re.M)
_BARE_SECTION = re.compile(r"^(?P<num>\d{1,4}(?:\.\d{1,3})*)(?=[ \t]|$)", re.M)
_TRANSITORY_ARTICLE = re.compile(rf"^[ \t]{{0,3}}(?P<num>{_ORDINAL})[ \t]*(?:\.[-–—]|[.:\-–—])", re.M)
_MARGINAL_NOTE = re.compile(r"^\[[^\]\n]{1,200}\][ \t]*$")
DIVISION = re.compile(
    r"^[ \t]{0,3}(?P<word>(?i:part(?:ie|e)?|title|titre|t[íi]tulo|chapter|chapitre|cap[íi]tulo|subchapter"
    r"|livro|libro|book|livre|se[çc][ãa]o|subse[çc][ãa]o|secci[óo]n|division|sous-section|subtitle))"
    rf"[ \t]+(?P<num>[IVXLCDM]+\b|\d+[A-Z]?\b|{_ORDINAL}\b)[ \t]*(?:[—–\-.:]|$|[ \t]+\S)")
_CONTEXT = re.compile(
    r"^[ \t]{0,3}(?:(?P<transitory>(?i:(?:art[íi]culos?\s+)?transitorios?|disposi[çc][õo]es\s+(?:finais\s+e\s+)?"
    r"transit[óo]rias|disposiciones\s+transitorias|dispositions\s+transitoires|transitional\s+provisions))"
    r"|(?P<schedule>(?i:schedules?|annexe?s?|anexos?))\b)[^\n]{0,80}$", re.M)
_HEADING_NAME_MAX = 160
_TITLE_CASE_HEADING = re.compile(r"^[A-ZÁÉÍÓÚÂÊÔÀÇ][^\n]{0,78}[^\s.;:,]$")


#: How an article is named in a label, per document language.
ARTICLE_WORDS = {"en": "Section", "fr": "Article", "es": "Artículo", "pt": "Art."}


class Unit(NamedTuple):
    kind: str  # title | heading | article
    label: str | None
    start: int
    end: int


class Marker(NamedTuple):
    kind: str  # heading | article | context
    label: str
    start: int  # where the unit starts (a marginal note above an article included)
    line_end: int


def article_label(m: re.Match[str], *, context: str = "") -> str:
    """``5-A``, ``1 bis``, ``2339C``, ``primero``: an article's number as the document prints it, tidied."""
    num = m["num"].lower() if not m["num"][:1].isdigit() else m["num"]
    groups = m.groupdict()
    letter = (groups.get("letter") or "").lstrip("-")
    label = num + (f"-{letter}" if letter else "") + (f" {groups['latin'].lower()}" if groups.get("latin") else "")
    label = label.replace("–", "-")
    return f"{context} {label}" if context else label


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        yield pos, end
        pos = end + 1


def _number_key(label: str) -> tuple[int, ...]:
    return tuple(int(x) for x in label.split("."))


def uses_bare_sections(text: str) -> bool:
    """Whether sections are bare numbers under bracketed marginal notes (the Canadian statute layout)."""
    hits = 0
    lines = text.split("\n", 4000)
    for a, b in zip(lines, lines[1:]):
        if _MARGINAL_NOTE.match(a) and _BARE_SECTION.match(b):
            hits += 1
            if hits >= 2:
                return True
    return False


def find_markers(text: str) -> list[Marker]:
    """Every heading, article and context line of ``text``, in order. Pure; linear."""
    bare = uses_bare_sections(text)
    markers: list[Marker] = []
    context = ""
    body_max = 0
    last_bare: tuple[int, ...] = ()
    prev_blank, prev_note_start, prev_heading = True, -1, False
    lines = list(_lines(text))
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            prev_blank = True
            continue
        ctx = _CONTEXT.match(line)
        div = DIVISION.match(line)
        art = _WORD_ARTICLE.match(line) or _US_SECTION.match(line) or _SESSION_SECTION.match(line)
        if art is None and context == "transitorio":
            art = _TRANSITORY_ARTICLE.match(line)
        note_above = prev_note_start >= 0
        if ctx and art is None and len(stripped) <= 90:
            context = "transitorio" if ctx["transitory"] else "schedule"
            markers.append(Marker("heading", stripped[:60], s, e))
            last_bare, prev_heading = (), True
        elif div and art is None:
            markers.append(Marker("heading", f"{div['word']} {div['num']}", s, e))
            prev_heading = True
        elif art is not None:
            # numbering that goes on past the body's (Brazil's "disposições finais e transitórias") is the body's
            goes_on = art["num"].isdigit() and int(art["num"]) > body_max
            label = article_label(art, context="" if goes_on else context)
            if not context and art["num"].isdigit():
                body_max = max(body_max, int(art["num"]))
            markers.append(Marker("article", label, prev_note_start if note_above else s, e))
            prev_heading = False
        elif bare and (m := _BARE_SECTION.match(line)) and (note_above or prev_heading) and not context:
            key = _number_key(m["num"])
            if key > last_bare:
                markers.append(Marker("article", m["num"], prev_note_start if note_above else s, e))
                last_bare = key
            prev_heading = False
        elif bare and prev_blank and not line[:1].isspace() and _TITLE_CASE_HEADING.match(stripped) and \
                _next_is_break(text, lines, i):
            markers.append(Marker("heading", stripped[:60], s, e))
            prev_heading = True
        elif not _MARGINAL_NOTE.match(stripped):
            prev_heading = False
        prev_note_start = s if (_MARGINAL_NOTE.match(line) and not line[:1].isspace()) else -1
        prev_blank = False
    return markers


def _next_is_break(text: str, lines: list[tuple[int, int]], i: int) -> bool:
    """A heading line stands alone: a blank line or a marginal note comes next."""
    if i + 1 >= len(lines):
        return True
    nxt = text[lines[i + 1][0]:lines[i + 1][1]]
    return not nxt.strip() or _MARGINAL_NOTE.match(nxt) is not None


def parse_structure(text: str) -> list[Unit]:
    """The title block, then each heading (with its name lines) and each article, as exact trimmed spans.

    >>> t = ("LEI Nº 1.234, DE 2 DE MAIO DE 2001.\\n\\nDispõe sobre portos.\\n\\nCAPÍTULO I\\n\\nDOS PORTOS\\n\\n"
    ...      "Art. 1º Esta Lei trata de portos.\\n\\n§ 1º Vale em todo o País.\\n\\nArt. 2º-A Revoga-se o resto.\\n")
    >>> [(u.kind, u.label, t[u.start:u.end][:14]) for u in parse_structure(t)]
    [('title', None, 'LEI Nº 1.234, '), ('heading', 'CAPÍTULO I', 'CAPÍTULO I\\n\\nDO'), ('article', '1', 'Art. 1º Esta L'), ('article', '2-A', 'Art. 2º-A Revo')]
    """
    markers = find_markers(text)
    units: list[Unit] = []
    first = markers[0].start if markers else len(text)
    a, b = trim_span(text, 0, first)
    if b > a:
        units.append(Unit("title", None, a, b))
    for n, mk in enumerate(markers):
        end = markers[n + 1].start if n + 1 < len(markers) else len(text)
        if mk.kind == "heading":
            end = min(end, _heading_end(text, mk.line_end, end))
            s, e = trim_span(text, mk.start, end)
            units.append(Unit("heading", mk.label, s, e))
            rest = trim_span(text, e, markers[n + 1].start if n + 1 < len(markers) else len(text))
            if rest[1] > rest[0]:  # text under a heading before its first article (a preamble, a note)
                units.append(Unit("heading", mk.label, *rest))
        else:
            s, e = trim_span(text, mk.start, end)
            if e > s:
                units.append(Unit("article", mk.label, s, e))
    return units


def _heading_end(text: str, line_end: int, limit: int) -> int:
    """A heading's span: its line and up to two short name lines under it ("DO SISTEMA NACIONAL DE ARMAS")."""
    end, taken, pos = line_end, 0, line_end
    while taken < 2 and pos < limit:
        nxt = text.find("\n", pos + 1)
        line_end2 = limit if nxt < 0 or nxt > limit else nxt
        line = text[pos + 1:line_end2]
        pos = line_end2
        if not line.strip():
            continue
        if len(line.strip()) > _HEADING_NAME_MAX or line.rstrip().endswith((".", ";", ":")) and len(line) > 80:
            break
        end, taken = line_end2, taken + 1
        if _MARGINAL_NOTE.match(line.strip()):
            end = line_end
            break
    return end


def count_articles(text: str) -> int:
    """How many article markers ``text`` has (the strongest single sign of a law)."""
    return sum(1 for m in find_markers(text) if m.kind == "article")
