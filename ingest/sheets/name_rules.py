"""Whether a piece of a sheet can be a program's name: a name looks like a name.

A program is minted only under a name that passes these rules, so a sentence fragment
("To make police, immigration officers, prosecutors and judges"), a running header
("OAS | Program Fact Sheet May 2018"), a page number, a date, a section label ("KEY RESULTS"),
a list of states or an organisation's banner never becomes a program. Pure; cheap.

A name is title-cased or an acronym, has at most :data:`~ingest.sheets.labels.NAME_MAX_WORDS`
words, opens with neither a clause word ("To", "Through", "Con") nor an infinitive
("Fortalecer la...", "Renforcer les..."), holds no word that makes a clause ("which", "que",
"est") and does not end on a connector, a comma or a full stop.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.sheets.furniture import is_date, is_page_number, is_running_header
from ingest.sheets.labels import NAME_MAX_WORDS, entries, keyed, switched_off
from ingest.sheets.label_words import label_kind
from ingest.sheets.names import is_acronym, is_org_head, is_program_head
from ingest.sheets.text import fold_same_length

_WORD = re.compile(r"[^\W_][\w'’./&-]*")
_DETERMINERS = frozenset({"la", "el", "los", "las", "lo", "le", "les", "l", "o", "a", "os", "as", "un", "una", "une",
                          "um", "uma", "des", "del", "al", "sus", "su", "seu", "sua", "leur", "leurs", "ses"})
_NOT_INFINITIVES = frozenset({"entre", "contre", "notre", "votre", "autre", "outre", "sobre", "lugar", "mayor",
                              "menor", "mejor", "super", "poder", "centre", "centro", "foyer", "cuatro", "quatre"})


@cache
def _words(table: str, off: frozenset[str]) -> frozenset[str]:
    return frozenset(fold_same_length(w) for w in entries(table))


def refusal(text: str, lang: str) -> str | None:
    """Why ``text`` cannot be a program's name, or ``None`` when it can.

    >>> refusal("To make police, immigration officers, prosecutors and judges", "en")
    'opens with a clause word'
    >>> refusal("OAS | Program Fact Sheet May 2018", "en"), refusal("Page 2 of 3", "en")
    ('page furniture', 'page furniture')
    >>> refusal("Port Security Assistance Program", "en") is None, refusal("PSAP", "en") is None
    (True, True)
    """
    name = " ".join(text.split())
    words = _WORD.findall(name)
    if not words:
        return "empty"
    if "|" in name or is_page_number(name) or is_date(name) or is_running_header(name):
        return "page furniture"
    if len(words) > NAME_MAX_WORDS or len(name) > 180:
        return "too long"
    if len(words) == 1:
        return None if is_acronym(words[0].strip(".")) else "one word that is not an acronym"
    if not (name[:1].isupper() or name[:1].isdigit()):
        return "not capitalised"
    off = switched_off()
    folded = [fold_same_length(w).strip(".'’") for w in words]
    connectors = _words("NAME_CONNECTORS", off)
    if name[-1] in ".,;:-–—" and not name.endswith("etc."):
        return "ends like a fragment"
    if folded[-1] in connectors:
        return "ends on a connector"
    if folded[0] in _words("NAME_REFUSED_OPENERS", off):
        return "opens with a clause word"
    if _opens_with_infinitive(words, folded, lang):
        return "opens with an infinitive"
    clause = _words("NAME_CLAUSE_WORDS", off)
    if any(w in clause for w in folded[1:]):
        return "holds a clause word"
    if label_kind(name.rstrip(" .:")) is not None:
        return "a section or field label"
    if _organisation_only(words, lang):
        return "an organisation's name"
    if lang == "en" and not _title_cased(words, folded, connectors):
        return "not title case"
    if lang == "en" and re.search(r",\s+[a-z]", name):
        return "a clause list"
    return None


def is_program_name(text: str, lang: str) -> bool:
    """Whether ``text`` passes every rule of :func:`refusal`."""
    return refusal(text, lang) is None


def _opens_with_infinitive(words: list[str], folded: list[str], lang: str) -> bool:
    """"Fortalecer la capacidad", "Renforcer, dans chaque", "Apoiar os Estados": an infinitive then its object."""
    endings = keyed("INFINITIVE_ENDINGS").get(lang)
    first = folded[0]
    if not endings or not first.endswith(endings) or len(first) < 5 or first in _NOT_INFINITIVES:
        return False
    if is_program_head(words[0], lang) or is_org_head(words[0]):
        return False
    nxt = folded[1] if len(folded) > 1 else ""
    return nxt in _DETERMINERS or words[1][:1].islower() and nxt not in ("de", "da", "do", "du", "des")


def _organisation_only(words: list[str], lang: str) -> bool:
    """An organisation's banner ("Secretaría Ejecutiva", "Department of Public Security"): an
    organisation head word opens or closes it and no program head word is in it."""
    bare = [w for w in words if not (w.startswith("(") or is_acronym(w))]
    if not bare or any(is_program_head(w, lang) for w in bare):
        return False
    return is_org_head(bare[0]) or is_org_head(bare[-1])


def _title_cased(words: list[str], folded: list[str], connectors: frozenset[str]) -> bool:
    content = [w for w, f in zip(words, folded) if f not in connectors]
    if not content:
        return False
    capital = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return capital >= 0.6 * len(content)
