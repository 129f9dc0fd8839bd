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
* named instruments (``named``) from the :data:`NAMED_INSTRUMENTS` table, in en/es/pt/fr.

OCR damage is repaired only where the repair can be checked: a lost parenthesis around
the year (``387 1976)``, ``841 1993``) or ``$`` read for ``5`` (``$46 (1984)``) is accepted
only when the number falls in the range the Council actually used that year
(:func:`unsc_number_fits_year`). Words hyphenated across lines are rejoined before matching.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from ingest.model import InstrumentRef, ResolutionHeader

__all__ = ["NAMED_INSTRUMENTS", "NamedInstrument", "find_instrument_refs",
           "self_reference_filter", "unsc_number_fits_year"]


class NamedInstrument(NamedTuple):
    """A convention, strategy or declaration known by name: its canonical English name, an
    acronym matched case-sensitively (or ``None``), and case-insensitive regex patterns in
    which a space stands for any run of whitespace."""

    name: str
    acronym: str | None
    patterns: tuple[str, ...]


NAMED_INSTRUMENTS: tuple[NamedInstrument, ...] = (
    NamedInstrument(
        "Inter-American Convention against the Illicit Manufacturing of and Trafficking in "
        "Firearms, Ammunition, Explosives, and Other Related Materials", "CIFTA", (
            r"Inter-?American Convention against (?:the )?Illicit Manufacturing of,? and "
            r"Trafficking in Firearms(?:, Ammunition, Explosives,? and Other Related Materials)?",
            r"Convenci[oó]n Interamericana contra la Fabricaci[oó]n y (?:el )?Tr[aá]fico "
            r"Il[ií]citos? de Armas de Fuego(?:, Municiones, Explosivos y otros Materiales Relacionados)?",
            r"Convention interam[ée]ricaine contre la fabrication et le trafic illicites? "
            r"d['’]armes [àa] feu(?:, de munitions, d['’]explosifs et d['’]autres mat[ée]riels connexes)?",
            r"Conven[çc][ãa]o Interamericana contra a Fabrica[çc][ãa]o e o Tr[áa]fico "
            r"Il[íi]citos? de Armas de Fogo(?:, Muni[çc][õo]es, Explosivos e Outros Materiais Correlatos)?",
        )),
    NamedInstrument("Inter-American Convention against Terrorism", None, (
        r"Inter-?American Convention against Terrorism",
        r"Convenci[oó]n Interamericana contra el Terrorismo",
        r"Convention interam[ée]ricaine contre le terrorisme",
        r"Conven[çc][ãa]o Interamericana contra o Terrorismo",
    )),
    NamedInstrument("International Convention for the Suppression of the Financing of Terrorism", None, (
        r"International Convention for the Suppression of the Financing of Terrorism",
        r"Convenio Internacional para la Represi[oó]n de la Financiaci[oó]n del Terrorismo",
        r"Convention internationale pour la r[ée]pression du financement du terrorisme",
        r"Conven[çc][ãa]o Internacional para a (?:Supress[ãa]o|Repress[ãa]o) do Financiamento do Terrorismo",
    )),
    NamedInstrument("Convention on International Civil Aviation", None, (
        r"Convention on International Civil Aviation", r"Chicago Convention",
        r"Convenio (?:sobre|de) Aviaci[oó]n Civil Internacional", r"Convenio de Chicago",
        r"Convention (?:relative [àa] l['’]|de l['’])aviation civile internationale",
        r"Convention de Chicago",
        r"Conven[çc][ãa]o (?:sobre|de) Avia[çc][ãa]o Civil Internacional", r"Conven[çc][ãa]o de Chicago",
    )),
    NamedInstrument("Comprehensive Inter-American Strategy to Combat Threats to Cybersecurity", None, (
        r"Comprehensive Inter-?American (?:Strategy to Combat Threats to Cyber-?\s?security|"
        r"Cyber-?\s?security Strategy)",
        r"Estrategia Interamericana Integral (?:para Combatir las Amenazas a la|de) Seguridad Cibern[ée]tica",
        r"Strat[ée]gie interam[ée]ricaine (?:globale|int[ée]gr[ée]e) (?:de lutte contre les menaces "
        r"(?:[àa] la|contre la) cybers[ée]curit[ée]|de cybers[ée]curit[ée])",
        r"Estrat[ée]gia Interamericana (?:Abrangente|Integral) (?:de Combate [àa]s Amea[çc]as [àa]|de|para "
        r"Combater as Amea[çc]as [àa]) Seguran[çc]a Cibern[ée]tica",
    )),
    NamedInstrument("Hemispheric Drug Strategy", None, (
        r"Hemispheric (?:Drug Strategy|Strategy on Drugs)",
        r"Estrategia Hemisf[ée]rica sobre Drogas", r"Estrat[ée]gia Hemisf[ée]rica sobre Drogas",
        r"Strat[ée]gie h[ée]misph[ée]rique (?:sur les|antidrogue|de lutte contre les) drogues?",
    )),
    NamedInstrument("Commitment to Public Security in the Americas", None, (
        r"Commitment to Public Security in the Americas",
        r"Compromiso (?:por|con) la Seguridad P[úu]blica en las Am[ée]ricas",
        r"Engagement (?:pour|en faveur de) la s[ée]curit[ée] publique dans les Am[ée]riques",
        r"Compromisso (?:com|pela) (?:a )?Seguran[çc]a P[úu]blica nas Am[ée]ricas",
    )),
    NamedInstrument("Declaration on Strengthening Cyber Security in the Americas", None, (
        r"Declaration on Strengthening Cyber-?\s?security in the Americas",
        r"Declaraci[oó]n sobre (?:el )?Fortalecimiento de la Seguridad Cibern[ée]tica en las Am[ée]ricas",
        r"D[ée]claration sur le renforcement de la cybers[ée]curit[ée] dans les Am[ée]riques",
        r"Declara[çc][ãa]o sobre (?:o )?Fortalecimento da Seguran[çc]a Cibern[ée]tica nas Am[ée]ricas",
    )),
    NamedInstrument("Declaration on the Protection of Critical Infrastructure from Emerging Threats", None, (
        r"Declaration on (?:the )?Protection of Critical Infrastructure from Emerging Threats",
        r"Declaraci[oó]n sobre (?:la )?Protecci[oó]n de (?:la )?Infraestructura Cr[ií]tica ante "
        r"(?:las )?Amenazas Emergentes",
        r"D[ée]claration sur la protection des infrastructures critiques (?:face|contre) (?:aux|les) "
        r"menaces [ée]mergentes",
        r"Declara[çc][ãa]o sobre a Prote[çc][ãa]o da Infraestrutura Cr[íi]tica (?:contra|diante d)as "
        r"Amea[çc]as Emergentes",
    )),
)

# First Security Council resolution number of each year (the numbering is chronological).
_UNSC_FIRST_BY_YEAR: tuple[tuple[int, int], ...] = (
    (1946, 1), (1947, 16), (1948, 38), (1949, 67), (1950, 79), (1951, 90), (1952, 97),
    (1953, 99), (1954, 104), (1955, 106), (1956, 111), (1957, 122), (1958, 127), (1959, 132),
    (1960, 133), (1961, 161), (1962, 171), (1963, 177), (1964, 186), (1965, 200), (1966, 220),
    (1967, 233), (1968, 245), (1969, 263), (1970, 276), (1971, 292), (1972, 308), (1973, 325),
    (1974, 345), (1975, 367), (1976, 385), (1977, 403), (1978, 423), (1979, 444), (1980, 462),
    (1981, 485), (1982, 500), (1983, 529), (1984, 546), (1985, 560), (1986, 581), (1987, 594),
    (1988, 607), (1989, 628), (1990, 647), (1991, 684), (1992, 726), (1993, 800), (1994, 893),
    (1995, 977), (1996, 1036), (1997, 1092), (1998, 1148), (1999, 1223), (2000, 1285),
    (2001, 1335), (2002, 1388), (2003, 1456), (2004, 1522), (2005, 1583), (2006, 1649),
    (2007, 1736), (2008, 1795), (2009, 1860), (2010, 1904), (2011, 1964), (2012, 2033),
    (2013, 2090), (2014, 2133), (2015, 2200), (2016, 2266), (2017, 2337), (2018, 2398),
    (2019, 2451), (2020, 2505), (2021, 2561), (2022, 2618), (2023, 2672), (2024, 2720),
    (2025, 2768),
)
_YEARS = tuple(y for y, _ in _UNSC_FIRST_BY_YEAR)
_SLACK = 12

_MONTH = ("(?:January|February|March|April|May|June|July|August|September|October|November|"
          "December)")
_HYPHEN_BREAK_RE = re.compile(r"(?<=[A-Za-z0-9])-[ \t]*\r?\n[ \t]*(?=[a-z0-9])")
_KEYWORD_RE = re.compile(
    r"\b(?:(?P<unscr>UNSCRs?)(?![A-Za-z])|(?P<word>resolutions?|resoluci[oó]n(?:es)?|r[ée]solutions?|"
    r"resolu[çc](?:[ãa]o|[õo]es))\b)[ \t]*(?:\n[ \t]*)?(?:(?:No|Nos|number)\b\.?[ \t]*)?|"
    r"\bS/RES/(?=\d)", re.I)
_ITEM_RE = re.compile(r"""
    (?P<num>\$?\d{1,4})(?![\d,.]\d)
    (?:[ \t]?(?P<part>[A-H])(?![\w/]))?
    (?: /(?P<slash>\d{1,4})(?:[ \t]?[A-H](?![\w/]))?
      | \s*\(\s*(?P<year>\d{4})\s*\)
      | \s*\(\s*(?P<session>(?:E?S-)?[IVXLC]+(?:\s*-\s*[OE]\s*/\s*\d{2})?)\s*\)
      | \s*(?P<year_open>\d{4})\s*\)
      | \s*\(\s*(?P<year_close>\d{4})(?![\d)])
      | \s+(?P<year_bare>(?:19|20)\d\d)(?![\d/)\w])
    )?
    (?![\w/])""", re.X)
_CONNECT_RE = re.compile(
    rf"(?:[\s,;\[\]]+|\b(?:and|or|as\s+well\s+as|in\s+particular|including|notably|especially|also|"
    rf"particularly|respectively|y|et|e)\b|\b(?:of|adopted\s+on|dated|on)\s+(?:\d{{1,2}}\s+{_MONTH}"
    rf"(?:\s*,?\s*\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?))*", re.I)
_AG_RES_RE = re.compile(
    r"\bAG\s*/\s*RES\.?\s*(?P<num>\d{1,4})(?:\s*\(\s*(?P<session>[IVXLC]+\s*[-–]\s*[OE]\s*/\s*(?P<yy>\d{2}))\s*\))?")
_A_RES_RE = re.compile(
    r"\bA/RES/(?:(?P<sess>\d{1,3})/(?P<num>\d{1,4})|(?P<num2>\d{1,4})\s*\((?P<sess2>(?:E?S-)?[IVXLC]+)\))")
_GA_BEFORE_RE = re.compile(r"(?:General\s+Assembly|Assembl[ée]e\s+g[ée]n[ée]rale|Asamblea\s+General|"
                           r"Assembleia\s+Geral)[\s,’']*s?\s*(?:(?:in|by|under)\s+)?(?:its\s+)?$", re.I)
_OTHER_BEFORE_RE = re.compile(
    r"(?:Economic\s+and\s+Social\s+Council|ECOSOC|Commission|Board|Council\s+of\s+Ministers|Conference|"
    r"ICAO|IAEA|OAU|Organization\s+of\s+African\s+Unity|Permanent\s+Council|Trusteeship\s+Council|"
    r"Human\s+Rights\s+Council|League\s+of\s+Nations|Assembly\s+of\s+Heads\s+of\s+State[\w\s]*)"
    r"[\s,’']*s?\s*(?:(?:in|by|under)\s+)?(?:its\s+)?$", re.I)
_UNSC_BEFORE_RE = re.compile(r"(?:Security\s+Council|UNSC|Consejo\s+de\s+Seguridad|Conseil\s+de\s+s[ée]curit[ée]|"
                             r"Conselho\s+de\s+Seguran[çc]a)[\s,’']*s?\s*(?:(?:in|by|under)\s+)?(?:its\s+)?$", re.I)
_UN_MARK_RE = re.compile(r"Security\s+Council|\bUNSC|\bUnited\s+Nations\b|\bUN\b|Consejo\s+de\s+Seguridad|"
                         r"Conseil\s+de\s+s[ée]curit[ée]|Conselho\s+de\s+Seguran[çc]a|Naciones\s+Unidas|"
                         r"Nations\s+Unies|Na[çc][õo]es\s+Unidas|\bONU\b", re.I)
_OAS_MARK_RE = re.compile(r"Organi[zs]ation\s+of\s+(?:the\s+)?American\s+States|\bOAS\b|\bOEA\b|AG\s*/\s*RES|"
                          r"Organizaci[oó]n\s+de\s+(?:los\s+)?Estados\s+Americanos|"
                          r"Organisation\s+des\s+[ÉE]tats\s+am[ée]ricains|"
                          r"Organiza[çc][ãa]o\s+dos\s+Estados\s+Americanos", re.I)
_UNSC_DOC_RE = re.compile(r"^[ \t]*The\s+Security\s+Council\b[ \t]*[,:]?[ \t]*$|\A\s*(?:United Nations\s+)?S/RES/\d",
                          re.M)
_SENTENCE_BREAK_RE = re.compile(r"[.!?;][\"”’)]?\s+(?=[\"“(A-Z0-9])|\n[ \t]*\n")
_YEAR_RE = re.compile(r"\b(?:19[4-9]\d|20\d\d)\b")
_CONTEXT = 400
_ANY_SPACE = r"[ \t]*\s[ \t]*"
_NAMED_RES = tuple(
    (inst.name,
     re.compile("|".join("(?:" + p.replace(" ", _ANY_SPACE) + ")" for p in inst.patterns), re.I),
     re.compile(r"\b" + re.escape(inst.acronym) + r"\b") if inst.acronym else None)
    for inst in NAMED_INSTRUMENTS)


def unsc_number_fits_year(number: int, year: int) -> bool:
    """Whether Security Council resolution *number* can date from *year* (a few numbers slack).

    >>> unsc_number_fits_year(546, 1984), unsc_number_fits_year(46, 1984)
    (True, False)
    """
    if year < _YEARS[0] or number < 1:
        return False
    i = bisect_right(_YEARS, year) - 1
    first = _UNSC_FIRST_BY_YEAR[i][1]
    if year > _YEARS[-1]:
        return number >= first - _SLACK
    nxt = _UNSC_FIRST_BY_YEAR[i + 1][1] if i + 1 < len(_YEARS) else first + 80
    return first - _SLACK <= number < nxt + _SLACK


def find_instrument_refs(text: str) -> list[InstrumentRef]:
    """Every legal-instrument reference in *text*, sorted by start, one per span.

    Spans are exact offsets into *text*; the first number after "resolution(s)" carries
    the keyword in its span, later numbers of a list only themselves. Pure; one pass of
    precompiled patterns, linear in ``len(text)``.

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
    pending: list[tuple[int, int, int, int | None]] = []  # bare numbers whose body the document decides
    for kw in _KEYWORD_RE.finditer(norm):
        _read_list(norm, kw, unsc_doc=unsc_doc, oas_doc=oas_doc, out=found, pending=pending)
    found.extend(_symbol_refs(norm))
    found.extend(_named_refs(norm))
    known = {r.number: r.body for r in found if r.body in ("unsc", "oas-ag")}
    for number, start, end, year in pending:
        body = known.get(number) or ("unsc" if unsc_doc else None)
        if body is not None:
            found.append(InstrumentRef(body=body, number=number, year=year, start=start, end=end))
    refs = sorted(found, key=lambda r: (r.start, -r.end))
    kept: list[InstrumentRef] = []
    for ref in refs:
        if kept and ref.start < kept[-1].end:
            continue  # same or overlapping span: the first, longest reading wins
        kept.append(ref)
    return [r if not cuts else r.__class__(
        body=r.body, number=r.number, year=r.year, session=r.session, name=r.name,
        start=_to_original(r.start, cuts, shifts), end=_to_original(r.end - 1, cuts, shifts) + 1)
        for r in kept]


def self_reference_filter(refs: list[InstrumentRef], header: ResolutionHeader | None) -> list[InstrumentRef]:
    """Drop the references a resolution makes to itself (its title, "S/RES/..." page heads).

    A Security Council ref with the header's number is dropped unless its year says it is
    another resolution. Pure; keeps order.

    >>> h = ResolutionHeader(number=660, year=1990, date=None, start=0, end=21)
    >>> [r.number for r in self_reference_filter(find_instrument_refs(
    ...     "Resolution 660 (1990) ... resolution 598 (1987)"), h)]
    [598]
    """
    if header is None:
        return list(refs)
    return [r for r in refs if not (
        r.body == "unsc" and r.number == header.number
        and (r.year is None or header.year is None or r.year == header.year))]


# --- helpers -----------------------------------------------------------------------------
def _dehyphenate(text: str) -> tuple[str, list[int], list[int]]:
    """Join words hyphenated across lines; return the new text and an offset map.

    ``cuts[i]`` is a position in the new text from which ``shifts[i]`` characters have been
    removed before it (so the original offset is ``pos + shifts[i]``).
    """
    cuts: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    last, removed = 0, 0
    for m in _HYPHEN_BREAK_RE.finditer(text):
        parts.append(text[last:m.start()])
        cuts.append(m.start() - removed)
        removed += m.end() - m.start()
        shifts.append(removed)
        last = m.end()
    if not cuts:
        return text, cuts, shifts
    parts.append(text[last:])
    return "".join(parts), cuts, shifts


def _to_original(pos: int, cuts: list[int], shifts: list[int]) -> int:
    i = bisect_right(cuts, pos) - 1
    return pos + (shifts[i] if i >= 0 else 0)


_Pending = list[tuple[int, int, int, int | None]]


def _read_list(text: str, kw: re.Match[str], *, unsc_doc: bool, oas_doc: bool,
               out: list[InstrumentRef], pending: _Pending) -> None:
    """Read the numbers that follow one "resolution(s)" / "UNSCR" / "S/RES/" keyword."""
    before = text[max(0, kw.start() - 90):kw.start()]
    if kw["unscr"] or not kw["word"] or _UNSC_BEFORE_RE.search(before):
        anchor = "unsc"
    elif _GA_BEFORE_RE.search(before):
        anchor = "oas-ag" if oas_doc else "un-ga"
    elif _OTHER_BEFORE_RE.search(before):
        return
    else:
        anchor = ""
    is_list = bool(kw["word"] or kw["unscr"])
    pos, first, bare_list = kw.end(), True, False
    while True:
        item = _ITEM_RE.match(text, pos)
        if item is None:
            return
        dated = _item_has_date(item)
        if not first and not dated and not bare_list:
            return  # "resolution 242 (1967), 3 ..." : a footnote mark, not a resolution
        ref = _item_ref(text, item, anchor, start=kw.start() if first else item.start(),
                        unsc_doc=unsc_doc, pending=pending)
        if ref is not None:
            out.append(ref)
        if first:
            bare_list = not dated
        first = False
        nxt = _CONNECT_RE.match(text, item.end())
        if not is_list or nxt is None or nxt.end() == item.end():
            return
        pos = nxt.end()


def _item_has_date(item: re.Match[str]) -> bool:
    return any(item[g] for g in ("year", "session", "year_open", "year_close", "year_bare", "slash"))


def _item_ref(text: str, item: re.Match[str], anchor: str, *, start: int, unsc_doc: bool,
              pending: _Pending) -> InstrumentRef | None:
    raw, end = item["num"], item.end()
    if item["session"]:
        session = re.sub(r"\s+", "", item["session"])
        number = int(raw.lstrip("$"))
        if "/" in session:  # OAS style "(XLIV-O/14)"
            return InstrumentRef(body="oas-ag", number=number, year=_oas_year(session[-2:]),
                                 start=start, end=end, session=session)
        return InstrumentRef(body="un-ga", number=number, year=None, start=start, end=end, session=session)
    if item["slash"]:  # "40/61": a General Assembly (or other body's) numbering
        if anchor != "un-ga":
            return None
        return InstrumentRef(body="un-ga", number=int(item["slash"]), year=None, start=start, end=end,
                             session=raw)
    year_s = item["year"] or item["year_open"] or item["year_close"] or item["year_bare"]
    year = int(year_s) if year_s else None
    number = int("5" + raw[1:]) if raw.startswith("$") else int(raw)
    repaired = raw.startswith("$") or year_s not in (None, item["year"])
    if repaired and (year is None or not unsc_number_fits_year(number, year)):
        return None  # an OCR repair we cannot check against the Council's numbering
    if anchor in ("un-ga", "oas-ag", "unsc"):
        return InstrumentRef(body=anchor, number=number, year=year, start=start, end=end)
    if unsc_doc:
        return InstrumentRef(body="unsc", number=number, year=year, start=start, end=end)
    body = _context_body(text, start, end)
    if year is not None:  # "N (YYYY)" is how the UN cites; OAS only when the sentence says so
        return InstrumentRef(body=body or "unsc", number=number, year=year, start=start, end=end)
    if body == "oas-ag":
        return InstrumentRef(body=body, number=number, year=_year_after(text, end), start=start, end=end)
    if body == "unsc":
        return InstrumentRef(body=body, number=number, year=None, start=start, end=end)
    pending.append((number, start, end, None))
    return None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    s = lo
    for m in _SENTENCE_BREAK_RE.finditer(text, lo, start):
        s = m.end()
    m2 = _SENTENCE_BREAK_RE.search(text, end, hi)
    return s, (m2.start() + 1 if m2 else hi)


def _context_body(text: str, start: int, end: int) -> str | None:
    """``unsc`` or ``oas-ag`` by the body named nearest to the ref in its sentence."""
    lo, hi = _sentence_bounds(text, start, end)
    best, best_dist = None, hi - lo + 1
    for body, pattern in (("unsc", _UN_MARK_RE), ("oas-ag", _OAS_MARK_RE)):
        for m in pattern.finditer(text, lo, hi):
            dist = start - m.end() if m.end() <= start else m.start() - end
            if dist < best_dist:
                best, best_dist = body, dist
    return best


def _year_after(text: str, end: int) -> int | None:
    sentence_end = _SENTENCE_BREAK_RE.search(text, end, min(len(text), end + 300))
    m = _YEAR_RE.search(text, end, sentence_end.start() + 1 if sentence_end else min(len(text), end + 300))
    return int(m[0]) if m else None


def _oas_year(yy: str) -> int:
    return (1900 if int(yy) >= 70 else 2000) + int(yy)


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


def _named_refs(text: str) -> list[InstrumentRef]:
    refs: list[InstrumentRef] = []
    for name, phrase_re, acronym_re in _NAMED_RES:
        spans = sorted([(m.start(), m.end()) for m in phrase_re.finditer(text)]
                       + ([(m.start(), m.end()) for m in acronym_re.finditer(text)] if acronym_re else []))
        last_end = -10
        for s, e in spans:
            if s < last_end or re.fullmatch(r"[\s(\[]*", text[last_end:s]) and last_end >= 0:
                last_end = max(last_end, e)
                continue  # "... Civil Aviation (Chicago Convention)": one mention, not two
            refs.append(InstrumentRef(body="named", number=0, year=None, start=s, end=e, name=name))
            last_end = e
    return refs
