"""Names in sheet prose: organization names, acronym definitions and program names.

Pure functions over a text (already re-joined where words were hyphenated across lines).
A *run* is a maximal stretch of capitalised words, acronyms and numbers joined by the
connectors names use ("of the", "de la", "contra"...). Inside runs:

* an organization name is a run part holding an organization head word ("Committee",
  "Secretaría"); "Secretariat of the Inter-American Committee against Terrorism" names the
  committee, so a genitive tail that is itself an organization name wins;
* a program name is a run part holding a program head word ("Program", "Red", "Missão");
* ``Long Name (ACR)`` defines an acronym, checked by initials when the long name is not
  capitalised ("Département de la sécurité publique (DSP)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest.sheets.labels import entries, keyed, switched_off
from ingest.sheets.text import fold_same_length

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\(\d{4}\)|[^\W_][\w'’./&-]*[^\W_]|[^\W_]|[^\w\s]")
ACRONYM = re.compile(r"[A-Z][A-Z0-9]*(?:[/&-][A-Z0-9]+)*")
GENITIVES = frozenset({"of", "of the", "de", "de la", "del", "de los", "de las", "do", "da", "dos", "das", "du",
                       "des", "de l'"})
JOINERS = frozenset({"and", "y", "e", "et", "&"})
_ACRONYM_DASH = re.compile(r"(?:^|[\s(])([A-Z][A-Z0-9/&-]{1,14})\s*[-–—]\s*(?:the |el |la |le |o |a )?$")


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        """The word without a possessive "'s"."""
        return re.sub(r"['’]s$", "", self.text)


@dataclass(frozen=True)
class NameSpan:
    """A name found in text: ``[start, end)``, its text with spaces normalised, its kind."""

    start: int
    end: int
    name: str
    kind: str  # org | program | other
    acronym: str | None = None


@cache
def _upper_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.upper() for w in words)


@cache
def _lower_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@cache
def _exact_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def in_family(table: str, word: str) -> bool:
    """Whether ``word`` (folded) is one of the one-word families of the lexicon table ``table``.

    >>> in_family("ORG_HEAD_FAMILIES", "Secretaría"), in_family("ORG_HEAD_FAMILIES", "Security")
    (True, False)
    """
    return _in_family(table, word, switched_off())


@cache
def _in_family(table: str, word: str, off: frozenset[str]) -> bool:
    return bool(_families(table, off).fullmatch(fold_same_length(word)))


@cache
def _families(table: str, off: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{f})" for f in entries(table)) or r"(?!)")


def is_org_head(word: str) -> bool:
    """A noun that heads an organization's name ("Committee", "Secretaría", "Ministère")."""
    return in_family("ORG_HEAD_FAMILIES", word)


def is_program_head(word: str, lang: str) -> bool:
    """A capitalised noun that heads a program's name ("Program", "Misión", "Réseau"; "Red" in Spanish)."""
    if not word[:1].isupper():
        return False
    own = keyed("PROGRAM_HEAD_WORDS").get(lang, ())
    return in_family("PROGRAM_HEAD_FAMILIES", word) or word in _exact_set(own) or word.isupper() \
        and word in _upper_set(own)


def is_acronym(word: str) -> bool:
    """``CICTE``, ``MAPP/OEA``, ``UN`` (two capitals at least; no lower-case letters)."""
    return bool(ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    stop = len(text) if end is None else end
    return [Tok(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, stop)]


def _capitalised(tok: Tok) -> bool:
    c = tok.text[:1]
    return c.isupper() or c.isdigit() or tok.text.startswith("(") and tok.text[1:2].isdigit()


def _connector(tok: Tok) -> bool:
    return tok.text.lower() in _lower_set(entries("NAME_CONNECTORS"))


def runs(tokens: list[Tok], text: str) -> list[list[Tok]]:
    """Maximal capitalised runs; connectors only inside, at most three in a row; punctuation breaks.

    >>> toks = tokenize("The Group of Experts for the Control met; UN 1540 Committee")
    >>> [" ".join(t.text for t in r) for r in runs(toks, "")]
    ['Group of Experts for the Control', 'UN 1540 Committee']
    """
    out: list[list[Tok]] = []
    cur: list[Tok] = []
    pending: list[Tok] = []
    for tok in tokens:
        if cur and text and text[(pending[-1] if pending else cur[-1]).end:tok.start].count("\n") > 1:
            out.append(cur)
            cur, pending = [], []
        if _capitalised(tok):
            if tok.text in _exact_set(entries("NAME_STOP_WORDS")) and not pending:
                if cur:
                    out.append(cur)
                cur = []
                continue
            cur.extend(pending)
            cur.append(tok)
            pending = []
        elif cur and _connector(tok) and len(pending) < 3:
            pending.append(tok)
        else:
            if cur:
                out.append(cur)
            cur, pending = [], []
    if cur:
        out.append(cur)
    return out


def _split_joined(run: list[Tok]) -> list[list[Tok]]:
    """Split "X Committee and the Y University" into two names (only after a head word or acronym)."""
    parts: list[list[Tok]] = [[]]
    articles = _lower_set(entries("ARTICLES"))
    for i, tok in enumerate(run):
        prev = run[i - 1] if i else None
        nxt = run[i + 1] if i + 1 < len(run) else None
        if tok.text.lower() in JOINERS and prev is not None and nxt is not None \
                and (is_org_head(prev.bare) or is_acronym(prev.bare) or nxt.text.lower() in articles):
            parts.append([])
            continue
        parts[-1].append(tok)
    return [p for p in parts if p]


def _strip_connectors(part: list[Tok]) -> list[Tok]:
    """Without connectors at either end, nor numbers at the end ("... of Honduras in 2017")."""
    while part and _connector(part[0]):
        part = part[1:]
    while part and (_connector(part[-1]) or part[-1].text.isdigit()):
        part = part[:-1]
    return part


def org_core(part: list[Tok]) -> list[Tok]:
    """The organization a name part designates: the last genitive tail that is itself an organization.

    >>> toks = tokenize("Secretariat of the Inter-American Committee against Terrorism")
    >>> " ".join(t.text for t in org_core(toks))
    'Inter-American Committee against Terrorism'
    >>> " ".join(t.text for t in org_core(tokenize("Department of Public Security")))
    'Department of Public Security'
    """
    best = part
    i = 0
    while i < len(part):
        j = i
        while j < len(part) and _connector(part[j]):
            j += 1
        if j > i and j < len(part) and " ".join(t.text.lower() for t in part[i:j]) in GENITIVES:
            tail = part[j:]
            if any(is_org_head(t.bare) for t in tail) and _capitalised(tail[0]):
                best = tail
        i = max(j, i + 1)
    return best


def _span_name(text: str, part: list[Tok]) -> tuple[int, int, str]:
    start, end = part[0].start, part[-1].end
    name = re.sub(r"\s+", " ", text[start:end])
    return start, end, re.sub(r"['’]s$", "", name)


def _acronym_after(text: str, end: int) -> tuple[str, int] | None:
    m = re.match(r"\s*\(([A-Z][A-Za-z0-9/&.-]{1,14})\)", text[end:end + 20])
    if m and is_acronym(m.group(1)):
        return m.group(1), end + m.end()
    return None


def find_org_names(text: str, start: int = 0, end: int | None = None) -> list[NameSpan]:
    """Organization names (their cores) in ``text[start:end]``, with the acronym that follows.

    >>> t = ("with the Terrorism Prevention Branch of the UN Office on Drugs and Crime (UNODC) "
    ...      "and the Oxford University Centre")
    >>> [(n.name, n.acronym) for n in find_org_names(t)]
    [('UN Office on Drugs and Crime', 'UNODC'), ('Oxford University Centre', None)]
    """
    out: list[NameSpan] = []
    for run in runs(tokenize(text, start, end), text):
        for part in _split_joined(run):
            part = _strip_connectors(part)
            if not any(is_org_head(t.bare) for t in part):
                continue
            core = _strip_connectors(org_core(part))
            if len([t for t in core if not _connector(t)]) < 2:
                continue
            s, e, name = _span_name(text, core)
            acr = _acronym_after(text, e) if core[-1] is part[-1] else None
            out.append(NameSpan(s, e, name, "org", acr[0] if acr else None))
    return out


def name_after(text: str, pos: int, *, limit: int = 120) -> NameSpan | None:
    """The capitalised name that opens ``text[pos:]`` (after an article), with its acronym, if one does.

    >>> t = "in partnership with the Caribbean Customs Law Enforcement Council (CCLEC) and others"
    >>> n = name_after(t, 19); (n.name, n.acronym)
    ('Caribbean Customs Law Enforcement Council', 'CCLEC')
    """
    tokens = tokenize(text, pos, min(len(text), pos + limit))
    articles = _lower_set(entries("ARTICLES"))
    i = 0
    while i < len(tokens) and tokens[i].text.lower() in articles:
        i += 1
    if i == len(tokens) or not _capitalised(tokens[i]) or text[pos:tokens[i].start].count("\n") > 1:
        return None
    found = runs(tokens[i:], text)
    if not found or found[0][0] is not tokens[i]:
        return None
    part = _strip_connectors(_split_joined(found[0])[0])
    return _org_span(text, part)


def name_before(text: str, pos: int, *, limit: int = 80) -> NameSpan | None:
    """The capitalised name that ends right before ``pos``, if one does ("Microsoft" in "Microsoft experts gave").

    >>> t = "and the United States; Microsoft experts gave training"
    >>> name_before(t, t.index("experts")).name
    'Microsoft'
    """
    tokens = tokenize(text, max(0, pos - limit), pos)
    if not tokens or text[tokens[-1].end:pos].strip():
        return None
    found = runs(tokens, text)
    if not found or found[-1][-1] is not tokens[-1]:
        return None
    part = _strip_connectors(_split_joined(found[-1])[-1])
    return _org_span(text, part)


def _org_span(text: str, part: list[Tok]) -> NameSpan | None:
    if not part or all(t.text.isdigit() for t in part):
        return None
    s, e, name = _span_name(text, part)
    acr = _acronym_after(text, e)
    return NameSpan(s, e, name, "org", acr[0] if acr else None)


def _initials_match(words: list[str], acronym: str) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    connectors = _lower_set(entries("NAME_CONNECTORS"))
    initials = [w[0] for w in words if w.lower() not in connectors and w[:1].isalpha()]
    return len(initials) == len(letters) and all(fold_same_length(a).lower() == fold_same_length(b).lower()
                                                 for a, b in zip(initials, letters))


def find_acronym_definitions(text: str, start: int = 0, end: int | None = None) -> list[NameSpan]:
    """``Long Name (ACR)``: the long name as a capitalised run, or a lower-case phrase whose initials spell it.

    >>> t = "le Département de la sécurité publique (DSP) et la Junta Interamericana de Defesa (JID)."
    >>> [(n.name, n.acronym) for n in find_acronym_definitions(t)]
    [('Département de la sécurité publique', 'DSP'), ('Junta Interamericana de Defesa', 'JID')]
    """
    stop = len(text) if end is None else end
    out: list[NameSpan] = []
    for m in re.finditer(r"\(([A-Z][A-Za-z0-9/&.-]{1,14})\)", text):
        if not start <= m.start() < stop or not is_acronym(m.group(1)):
            continue
        found = _long_form(text, max(start, m.start() - 160), m.start(), m.group(1))
        if found:
            s, e, name = _span_name(text, found)
            kind = "org" if any(is_org_head(t.bare) for t in found) else "other"
            out.append(NameSpan(s, e, name, kind, m.group(1)))
    return out


def _long_form(text: str, lo: int, hi: int, acronym: str) -> list[Tok] | None:
    before = tokenize(text, lo, hi)
    cut = max((i for i, t in enumerate(before) if re.fullmatch(r"[,;:.()\-–—]", t.text)), default=-1)
    words = [t for t in before[cut + 1:] if re.match(r"\w", t.text)]
    if not words:
        return None
    found_runs = runs(words, text)
    if found_runs and found_runs[-1][-1] is words[-1]:
        part = _strip_connectors(_split_joined(found_runs[-1])[-1])
        if len([t for t in part if not _connector(t)]) >= 2:
            return org_core(part) if any(is_org_head(t.bare) for t in part) else part
    for k in range(1, min(len(words), 10) + 1):
        if _initials_match([t.text for t in words[-k:]], acronym):
            return words[-k:]
    return None


def find_program_names(text: str, start: int = 0, end: int | None = None, *, lang: str = "en") -> list[NameSpan]:
    """Program names (runs around a program head word), with the acronym next to them.

    >>> t = ("PROCCER - the Training and Certification Program for Drug and Violence Prevention, "
    ...      "Treatment and Rehabilitation - is")
    >>> [(n.name, n.acronym) for n in find_program_names(t)]
    [('Training and Certification Program for Drug and Violence Prevention, Treatment and Rehabilitation', 'PROCCER')]
    """
    stop = len(text) if end is None else end
    out: list[NameSpan] = []
    for run in runs(tokenize(text, start, stop), text):
        for part in _split_joined(run):
            part = _strip_connectors(part)
            heads = [i for i, t in enumerate(part) if is_program_head(t.bare, lang)]
            if not heads or len(part) < 2:
                continue
            if lang == "en":  # the head word ends an English name: "X Program Inter-American Committee ..."
                cut = next((i + 1 for i in heads if i + 1 < len(part) and not _connector(part[i + 1])
                            and _capitalised(part[i + 1]) and i >= 1), None)
                if cut is not None:
                    part = part[:cut]
            part = _program_of_body(part, lang)
            core = org_core(part)
            if core is not part and any(is_org_head(t.bare) for t in core):
                part = _strip_connectors(part[:len(part) - len(core)])
                if not part or not any(is_program_head(t.bare, lang) for t in part) or len(part) < 2:
                    continue
            s, e = part[0].start, part[-1].end
            e = _list_tail(text, e, stop)
            name = re.sub(r"\s+", " ", text[s:e])
            acr = _acronym_after(text, e)
            acronym = acr[0] if acr else _acronym_before(text, s)
            out.append(NameSpan(s, e, name, "program", acronym))
    return out


def _program_of_body(part: list[Tok], lang: str) -> list[Tok]:
    """"Executive Secretariat of the X Workshop": the program is the genitive tail, not the body running it.

    >>> " ".join(t.text for t in _program_of_body(tokenize("Technical Secretariat of the Port Program"), "en"))
    'Port Program'
    """
    for i in range(1, len(part) - 1):
        j = i
        while j < len(part) and _connector(part[j]):
            j += 1
        if j == i or j >= len(part) or " ".join(t.text.lower() for t in part[i:j]) not in GENITIVES:
            continue
        head, tail = part[:i], part[j:]
        if any(is_org_head(t.bare) for t in head) and not any(is_program_head(t.bare, lang) for t in head) \
                and any(is_program_head(t.bare, lang) for t in tail) and len(tail) >= 2:
            return tail
    return part


def _list_tail(text: str, end: int, stop: int) -> int:
    """", Treatment and Rehabilitation -": a listed tail of the name, closed by a dash or parenthesis."""
    m = re.match(r",(?: [A-Z][\w-]*)+ (?:and|y|e|et) [A-Z][\w-]*(?= [-–—(]|\s*$)", text[end:min(stop, end + 120)])
    return end + m.end() if m else end


def _acronym_before(text: str, start: int) -> str | None:
    m = _ACRONYM_DASH.search(text[max(0, start - 30):start])
    return m.group(1) if m and is_acronym(m.group(1)) else None
