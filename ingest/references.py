"""Rule-based references to legal instruments: resolutions by symbol or number, conventions by name.

:func:`find_instrument_refs` is a pure function from text to sorted
:class:`~ingest.model.InstrumentRef` records with exact character spans. It knows

* UN Security Council resolutions (``unsc``): ``resolution 242 (1967)``, lists such as
  ``resolutions 218 (1965) of 23 November 1965 and 275 (1969)`` (one ref per number),
  ``S/RES/1540 (2004)``, ``UNSCR 1540``, ``Security Council resolution 1373 (2001)``, and a
  bare ``Resolution 1540`` when its sentence or document ties it to the Council;
* OAS General Assembly resolutions (``oas-ag``): ``AG/RES. 2866 (XLIV-O/14)``, or a bare
  ``Resolution 2866`` in a sentence about the OAS General Assembly;
* UN General Assembly resolutions (``un-ga``): ``A/RES/1474 (ES-IV)``, ``General Assembly
  resolution 1514 (XV)``, ``resolution 46/7`` after "General Assembly";
* named instruments (``named``): the conventions, protocols, strategies and standards of the
  reference data, by any of their names in en/es/pt/fr or by acronym
  (:func:`~ingest.instrument_names.find_named_instruments`).

OCR damage is repaired only where the repair can be checked: a lost parenthesis around the
year (``387 1976)``, ``841 1993``), ``$``/``S``/``O`` read for digits (``$46 (1984)``) or one
misread digit of a year is accepted only when the number falls in the range the Council
actually used that year (:func:`unsc_number_fits_year`). Words hyphenated across lines are
rejoined before matching.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ingest.instrument_names import find_named_instruments
from ingest.instrument_tables import NamedInstrument, named_instruments, unsc_number_fits_year
from ingest.model import InstrumentRef, ResolutionHeader

__all__ = ["NamedInstrument", "find_instrument_refs", "named_instruments", "self_reference_filter",
           "unsc_number_fits_year"]


_SP = r"[ \t\f\v\r]"  # white space within a line
_MONTH = ("(?:January|February|March|April|May|June|July|August|September|October|November|"
          "December)")
_HYPHEN_BREAK_RE = re.compile(rf"(?<=[A-Za-z0-9])-{_SP}*\n{_SP}*(?=[a-z0-9])")
_KEYWORD_RE = re.compile(
    r"\b(?:(?P<unscr>UNSCRs?)(?![A-Za-z])|(?P<word>reso[lIi1]utions?|resoluci[oó]n(?:es)?|"
    rf"r[ée]solutions?|resolu[çc](?:[ãa]o|[õo]es))\b){_SP}*(?:\n{_SP}*)?(?:(?:No|Nos|number)\b\.?{_SP}*)?"
    r"|\bS/RES/(?=\d)", re.I)
_OCR_NUM = r"[\dSOIlL$]"  # "$46 (1984)", "S11 (1982)", "SOL (1982)": accepted only before "(YYYY)"
_ITEM_RE = re.compile(rf"""
    (?P<num>\$?\d{{1,4}}|(?=[\dSOIlL$]*\d){_OCR_NUM}{{2,4}}(?=\s?\(\d{{4}}\))
       |[SOIlL$]{_OCR_NUM}{{1,3}}(?=\s?\(\d{{4}}\)))(?![\d,.]\d)
    (?:{_SP}?(?P<part>[A-H])(?![\w/]))?                             # "161 A (1961)"
    (?: /(?P<slash>\d{{1,4}})(?:{_SP}?[A-H](?![\w/]))?              # "46/7": General Assembly
      | \s*\(\s*(?P<year>\d{{4}})\s*\)                              # "(1967)"
      | \s*\(\s*(?P<session>(?:E?S-)?[IVXLC]+(?:\s*-\s*[OE]\s*/\s*\d{{2}})?)\s*\)  # "(XV)", "(XLIV-O/14)"
      | \s*(?P<year_open>\d{{4}})\s*\)                              # "387 1976)"
      | \s*\(\s*(?P<year_close>\d{{4}})(?![\d)])                    # "387 (1976"
      | \s+(?P<year_bare>(?:19|20)\d\d)(?![\d/)\w])                 # "841 1993"
    )?
    (?![\w/])""", re.X)
_DATE_TAIL = (rf"\b(?:of|adopted\s+on|dated|on)\s+(?:\d{{1,2}}[\s,]+{_MONTH}(?:\s*,?\s*\d{{4}})?"
              rf"|{_MONTH}\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?)")
_CONNECT_RE = re.compile(  # what may stand between the numbers of one list
    rf"(?:(?:{_SP}|[,;\[\]]|\n(?!{_SP}*\n))+|\b(?:and|or|as\s+well\s+as|in\s+particular|including|"
    rf"notably|especially|also|particularly|respectively|y|et|e)\b|{_DATE_TAIL})*", re.I)
_AG_RES_RE = re.compile(r"\bAG\s*/\s*RES\.?\s*(?P<num>\d{1,4})"
                        r"(?:\s*\(\s*(?P<session>[IVXLC]+\s*[-–]\s*[OE]\s*/\s*(?P<yy>\d{2}))\s*\))?")
_A_RES_RE = re.compile(r"\bA/RES/(?:(?P<sess>\d{1,3})/(?P<num>\d{1,4})"
                       r"|(?P<num2>\d{1,4})\s*\((?P<sess2>(?:E?S-)?[IVXLC]+)\))")
_BY_ITS = r"[\s,’']*s?\s*(?:(?:in|by|under)\s+)?(?:its\s+)?$"  # "General Assembly, in its resolution"
_GA_BEFORE_RE = re.compile(r"(?:General\s+Assembly|Assembl[ée]e\s+g[ée]n[ée]rale|Asamblea\s+General|"
                           r"Assembleia\s+Geral)" + _BY_ITS, re.I)
_OTHER_BEFORE_RE = re.compile(
    r"(?:Economic\s+and\s+Social\s+Council|ECOSOC|Commission|Board|Council\s+of\s+Ministers|Conference|"
    r"ICAO|IAEA|OAU|Organization\s+of\s+African\s+Unity|Permanent\s+Council|Trusteeship\s+Council|"
    r"Human\s+Rights\s+Council|League\s+of\s+Nations|Assembly\s+of\s+Heads\s+of\s+State[\w\s]*)"
    + _BY_ITS, re.I)
_UNSC_BEFORE_RE = re.compile(r"(?:Security\s+Council|UNSC|Consejo\s+de\s+Seguridad|Conseil\s+de\s+s[ée]curit[ée]"
                             r"|Conselho\s+de\s+Seguran[çc]a)" + _BY_ITS, re.I)
_UN_MARK_RE = re.compile(r"Security\s+Council|\bUNSC|\bUnited\s+Nations\b|\bUN\b|Consejo\s+de\s+Seguridad|"
                         r"Conseil\s+de\s+s[ée]curit[ée]|Conselho\s+de\s+Seguran[çc]a|Naciones\s+Unidas|"
                         r"Nations\s+Unies|Na[çc][õo]es\s+Unidas|\bONU\b", re.I)
_OAS_MARK_RE = re.compile(r"Organi[zs]ation\s+of\s+(?:the\s+)?American\s+States|\bOAS\b|\bOEA\b|AG\s*/\s*RES|"
                          r"Organizaci[oó]n\s+de\s+(?:los\s+)?Estados\s+Americanos|"
                          r"Organisation\s+des\s+[ÉE]tats\s+am[ée]ricains|"
                          r"Organiza[çc][ãa]o\s+dos\s+Estados\s+Americanos", re.I)
_UNSC_DOC_RE = re.compile(rf"^{_SP}*The\s+Security\s+Council\b{_SP}*[,:]?{_SP}*$"
                          r"|\A\s*(?:United Nations\s+)?S/RES/\d", re.M)
_SENTENCE_BREAK_RE = re.compile(r"[.!?;][\"”’)]?\s+(?=[\"“(A-Z0-9])|\n\s*\n")
_ORPHAN_RE = re.compile(r"(?<![\w/.$-])(?P<num>\d{1,4})\s?\((?P<year>(?:19|20)\d\d)\)(?!\.\s*Resolution)")
_NOT_RESOLUTION_BEFORE_RE = re.compile(
    r"\b(?:vols?|Nos?|pp?|paras?|paragraphs?|pages?|Articles?|Chapter|Series|Supplement|annex|section|"
    r"rules?|reso[lIi1]utions?|RES/)\.?\s*$", re.I)
_OCR_DIGITS = str.maketrans("SOIlL$", "501115")
_TITLE_NEXT_RE = re.compile(r"\s*(?:of|on|Adopted)\b")
_YEAR_RE = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
_CONTEXT = 400  # characters around a ref searched for its sentence

_Pending = list[tuple[int, int, int]]  # (number, start, end) of bare numbers the document decides


def find_instrument_refs(text: str) -> list[InstrumentRef]:
    """Every legal-instrument reference in *text*, sorted by start, one per span.

    Spans are exact offsets into *text*; the first number after "resolution(s)" carries the
    keyword in its span, later numbers of a list only themselves. Overlapping readings keep
    the earliest, longest one. Pure; precompiled patterns, linear in ``len(text)``.

    >>> [(r.body, r.number, r.year) for r in find_instrument_refs(
    ...     "Recalling its resolutions 242 (1967) and 338 (1973) and General Assembly resolution 181 (II),")]
    [('unsc', 242, 1967), ('unsc', 338, 1973), ('un-ga', 181, None)]
    >>> [(r.body, r.number, r.session, r.year) for r in find_instrument_refs("AG/RES. 2866 (XLIV-O/14)")]
    [('oas-ag', 2866, 'XLIV-O/14', 2014)]
    """
    norm, cuts, shifts = _dehyphenate(text)
    unsc_doc = _UNSC_DOC_RE.search(norm[:4000]) is not None
    oas_doc = not unsc_doc and _OAS_MARK_RE.search(norm) is not None
    found: list[InstrumentRef] = []
    pending: _Pending = []
    for kw in _KEYWORD_RE.finditer(norm):
        found.extend(_read_list(norm, kw, unsc_doc=unsc_doc, oas_doc=oas_doc, pending=pending))
    if unsc_doc:
        found.extend(_orphan_refs(norm, found))
    found.extend(_symbol_refs(norm))
    found.extend(find_named_instruments(norm))
    known = {r.number: r.body for r in found if r.body in ("unsc", "oas-ag")}
    found.extend(InstrumentRef(body=known[n], number=n, year=None, start=s, end=e)
                 for n, s, e in pending if n in known)  # "Resolution 1540" where "UNSCR 1540 (2004)" is
    kept: list[InstrumentRef] = []
    for ref in sorted(found, key=lambda r: (r.start, -r.end)):
        if not kept or ref.start >= kept[-1].end:
            kept.append(ref)
    if not cuts:
        return kept
    return [replace(r, start=_to_original(r.start, cuts, shifts), end=_to_original(r.end - 1, cuts, shifts) + 1)
            for r in kept]


def unsc_symbol(number: int, year: int | None) -> str:
    """The Security Council's own symbol of a resolution.

    >>> unsc_symbol(660, 1990), unsc_symbol(660, None)
    ('S/RES/660 (1990)', 'S/RES/660')
    """
    return f"S/RES/{number} ({year})" if year else f"S/RES/{number}"


def self_reference_filter(refs: list[InstrumentRef], header: ResolutionHeader | None) -> list[InstrumentRef]:
    """Drop the references a resolution makes to itself (its title, "S/RES/..." page heads).

    Council numbers are unique, so every ``unsc`` ref with the header's number goes, whatever
    year OCR gave it. Pure; keeps order.

    >>> h = ResolutionHeader(number=660, year=1990, date=None, start=0, end=21)
    >>> [r.number for r in self_reference_filter(find_instrument_refs(
    ...     "Resolution 660 (1990) ... resolution 598 (1987)"), h)]
    [598]
    """
    if header is None:
        return list(refs)
    return [r for r in refs if not (r.body == "unsc" and r.number == header.number)]


# --- helpers -----------------------------------------------------------------------------
def _dehyphenate(text: str) -> tuple[str, list[int], list[int]]:
    """Join words hyphenated across lines. From ``cuts[i]`` on, a position in the new text
    lies ``shifts[i]`` characters before the same character in *text*."""
    cuts: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    last = removed = 0
    for m in _HYPHEN_BREAK_RE.finditer(text):
        parts.append(text[last:m.start()])
        cuts.append(m.start() - removed)
        removed += m.end() - m.start()
        shifts.append(removed)
        last = m.end()
    return ("".join(parts) + text[last:], cuts, shifts) if cuts else (text, cuts, shifts)


def _to_original(pos: int, cuts: list[int], shifts: list[int]) -> int:
    i = bisect_right(cuts, pos) - 1
    return pos + (shifts[i] if i >= 0 else 0)


def _read_list(text: str, kw: re.Match[str], *, unsc_doc: bool, oas_doc: bool,
               pending: _Pending) -> list[InstrumentRef]:
    """The refs of the numbers that follow one "resolution(s)" / "UNSCR" / "S/RES/" keyword."""
    before = text[max(0, kw.start() - 90):kw.start()]
    if kw["unscr"] or not kw["word"] or _UNSC_BEFORE_RE.search(before):
        anchor = "unsc"
    elif _GA_BEFORE_RE.search(before):
        anchor = "oas-ag" if oas_doc else "un-ga"
    elif _OTHER_BEFORE_RE.search(before):
        return []  # another body's resolution: ECOSOC, ICAO, OAU, ...
    else:
        anchor = ""
    items: list[re.Match[str]] = []
    pos = kw.end()
    while (item := _ITEM_RE.match(text, pos)) is not None:
        if items and not _has_date(item) and (_has_date(items[0]) or text.startswith(".", item.end())):
            break  # "resolution 242 (1967), 3 ...": a footnote mark; "... 418\n5. Requests": a paragraph
        items.append(item)
        nxt = _CONNECT_RE.match(text, item.end())
        if not kw["word"] and not kw["unscr"] or nxt is None or nxt.end() == item.end():
            break
        pos = nxt.end()
    if not items or _is_title(text, kw, items[0]):
        return []
    if not _has_date(items[0]) and (int(items[0]["num"].translate(_OCR_DIGITS)) < 10
                                    or len(items) == 1 and kw[0].rstrip().lower().endswith("s")):
        return []  # "two resolutions 31 adopted", "resolution 4 programme": footnote marks, OCR noise
    refs = (_item_ref(text, item, anchor, start=kw.start() if i == 0 else item.start(),
                      unsc_doc=unsc_doc, pending=pending) for i, item in enumerate(items))
    return [r for r in refs if r is not None]


def _is_title(text: str, kw: re.Match[str], item: re.Match[str]) -> bool:
    """A resolution's title line ("Resolution 474 (1980)" over "of 17 June 1980") cites nothing."""
    line_start = text.rfind("\n", 0, kw.start()) + 1
    if text[line_start:kw.start()].strip() or not kw[0][:1].isupper():
        return False
    line_end = text.find("\n", item.end())
    line_end = len(text) if line_end < 0 else line_end
    return not text[item.end():line_end].strip(" \t\f\v\r.") and bool(_TITLE_NEXT_RE.match(text, line_end))


def _has_date(item: re.Match[str]) -> bool:
    return any(item[g] for g in ("year", "session", "year_open", "year_close", "year_bare", "slash"))


def _item_ref(text: str, item: re.Match[str], anchor: str, *, start: int, unsc_doc: bool,
              pending: _Pending) -> InstrumentRef | None:
    raw, end = item["num"], item.end()
    number = int(raw.translate(_OCR_DIGITS))
    if item["session"]:
        session = re.sub(r"\s+", "", item["session"])
        if "/" in session:  # OAS style "(XLIV-O/14)"
            return InstrumentRef(body="oas-ag", number=number, year=_oas_year(session[-2:]),
                                 start=start, end=end, session=session)
        return InstrumentRef(body="un-ga", number=number, year=None, start=start, end=end, session=session)
    if item["slash"]:  # "40/61": the General Assembly's (or another body's) numbering
        return InstrumentRef(body="un-ga", number=int(item["slash"]), year=None, start=start, end=end,
                             session=raw) if anchor == "un-ga" else None
    year_s = item["year"] or item["year_open"] or item["year_close"] or item["year_bare"]
    year = int(year_s) if year_s else None
    if year is None and not raw.isdigit():
        return None  # an OCR repair we cannot check against the Council's numbering
    if anchor in ("un-ga", "oas-ag"):
        return InstrumentRef(body=anchor, number=number, year=year, start=start, end=end)
    body = "unsc" if anchor == "unsc" or unsc_doc else _context_body(text, start, end)
    if year is not None:  # "N (YYYY)" is the UN's style: OAS only when the Council's numbering rules it out
        checked = _checked_year(number, year)
        if checked is None and body == "oas-ag" and item["year"] and raw.isdigit():
            return InstrumentRef(body="oas-ag", number=number, year=year, start=start, end=end)
        return None if checked is None else InstrumentRef(body="unsc", number=number, year=checked,
                                                          start=start, end=end)
    if body == "oas-ag":  # "Resolution 2907 adopted at the 47th regular session ... in 2017"
        year = _year_after(text, end)
        return InstrumentRef(body=body, number=number, year=year, start=start, end=end,
                             session=_oas_session(text, start, end, year))
    if body == "unsc":
        return InstrumentRef(body=body, number=number, year=None, start=start, end=end)
    pending.append((number, start, end))
    return None


def _checked_year(number: int, year: int) -> int | None:
    """*year* if resolution *number* fits it; else the one year a single misread digit away
    that fits ("274 (1959)" is 274 (1969)); else ``None`` (the number itself is misread)."""
    if unsc_number_fits_year(number, year):
        return year
    digits = str(year)
    near = {int(digits[:i] + d + digits[i + 1:]) for i in range(len(digits)) for d in "0123456789"} - {year}
    fits = [y for y in near if unsc_number_fits_year(number, y)]
    return fits[0] if len(fits) == 1 else None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    for m in _SENTENCE_BREAK_RE.finditer(text, lo, start):
        lo = m.end()
    after = _SENTENCE_BREAK_RE.search(text, end, hi)
    return lo, (after.start() + 1 if after else hi)


def _context_body(text: str, start: int, end: int) -> str | None:
    """``unsc`` or ``oas-ag``: the body named nearest to the ref in its sentence, if any."""
    lo, hi = _sentence_bounds(text, start, end)
    best, best_dist = None, hi - lo + 1
    for body, pattern in (("unsc", _UN_MARK_RE), ("oas-ag", _OAS_MARK_RE)):
        for m in pattern.finditer(text, lo, hi):
            dist = start - m.end() if m.end() <= start else m.start() - end
            if dist < best_dist:
                best, best_dist = body, dist
    return best


def _year_after(text: str, end: int) -> int | None:
    _, hi = _sentence_bounds(text, end, end)
    m = _YEAR_RE.search(text, end, hi)
    return int(m[0]) if m else None


_ORDINAL_ASSEMBLY_RE = re.compile(
    r"\b(\d{1,2})\s*(?:st|nd|rd|th|º|°|\.º|e|ème|a|o)?\s+(?:regular\s+session\s+of\s+the\s+|"
    r"per[ií]odo\s+ordinario\s+de\s+sesiones\s+de\s+la\s+|período\s+ordinário\s+de\s+sessões\s+da\s+|"
    r"session\s+ordinaire\s+de\s+l['’]\s*)?(?:OAS\s+)?(?:General\s+Assembly|Asamblea\s+General|"
    r"Assembleia\s+Geral|Assemblée\s+générale)", re.IGNORECASE)
_ROMAN = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    """Roman numeral of an Assembly session (1 to 399; the OAS Assembly held its 50th in 2020).

    >>> _roman(44), _roman(39), _roman(49), _roman(50), _roman(54), _roman(90), _roman(99), _roman(100)
    ('XLIV', 'XXXIX', 'XLIX', 'L', 'LIV', 'XC', 'XCIX', 'C')
    """
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _oas_session(text: str, start: int, end: int, year: int | None) -> str | None:
    """The regular session symbol ("XLIV-O/14") when the sentence gives the Assembly's ordinal and the year."""
    if year is None:
        return None
    lo, hi = _sentence_bounds(text, start, end)
    m = _ORDINAL_ASSEMBLY_RE.search(text, lo, hi)
    if m is None or not 1 <= int(m[1]) <= 99:
        return None
    return f"{_roman(int(m[1]))}-O/{year % 100:02d}"


def _oas_year(yy: str) -> int:
    return (1900 if int(yy) >= 70 else 2000) + int(yy)


def _orphan_refs(text: str, found: list[InstrumentRef]) -> list[InstrumentRef]:
    """In a Council resolution, "N (YYYY)" with no keyword ("particularly 435 (1978), 629 (1989)"),
    when the number fits the year and no volume, page or paragraph word precedes it."""
    taken = [(r.start, r.end) for r in found]
    refs = []
    for m in _ORPHAN_RE.finditer(text):
        number, year = int(m["num"]), int(m["year"])
        if (unsc_number_fits_year(number, year) and not any(s <= m.start() < e for s, e in taken)
                and not _NOT_RESOLUTION_BEFORE_RE.search(text, max(0, m.start() - 25), m.start())):
            refs.append(InstrumentRef(body="unsc", number=number, year=year, start=m.start(), end=m.end()))
    return refs


def _symbol_refs(text: str) -> list[InstrumentRef]:
    refs = [InstrumentRef(body="oas-ag", number=int(m["num"]), start=m.start(), end=m.end(),
                          session=re.sub(r"\s+", "", m["session"]).replace("–", "-") if m["session"] else None,
                          year=_oas_year(m["yy"]) if m["yy"] else None)
            for m in _AG_RES_RE.finditer(text)]
    for m in _A_RES_RE.finditer(text):
        number, session = (m["num"], m["sess"]) if m["num"] else (m["num2"], m["sess2"])
        refs.append(InstrumentRef(body="un-ga", number=int(number), year=None, start=m.start(), end=m.end(),
                                  session=session))
    return refs


def __getattr__(attr: str) -> tuple[NamedInstrument, ...]:
    """``NAMED_INSTRUMENTS`` (the instruments known by name), read on first use."""
    if attr == "NAMED_INSTRUMENTS":
        return named_instruments()
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
