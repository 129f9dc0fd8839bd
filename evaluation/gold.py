"""Gold sets, read from any folder laid out like ``../shared/eval`` (see its README).

Five parts, each in its own file(s): ``questions.jsonl`` and any ``questions-*.jsonl``
(retrieval), ``citations.jsonl`` (citation links), ``oas-program-facts.jsonl`` (program
fields), ``extraction-*.json`` (entities, relations, ambiguities) and ``law-facts.jsonl`` (law
metadata). A part whose file is missing is empty and named in
:attr:`GoldSet.absent`; a malformed line raises :class:`~kg.errors.BadInput` naming the
file and line. Loading reads the files once and touches nothing else.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "citations.jsonl").write_text('{"doc": "S_RES_0005_1946_EN_GOLD", "cites": ["S/RES/3 (1946)"]}\\n')
>>> gold = load_gold(d)
>>> gold.citations[0].cites, gold.absent
(('S/RES/3 (1946)',), ('questions', 'programs', 'extraction', 'laws'))
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import BadInput

PARTS = ("questions", "citations", "programs", "extraction", "laws")
ALL = "all"  # the pseudo-language of scores over every language
LANGUAGE_ORDER = ("en", "es", "pt", "fr")
QUESTIONS_FILE = "questions.jsonl"
CITATIONS_FILE = "citations.jsonl"
PROGRAMS_FILE = "oas-program-facts.jsonl"
EXTRACTION_GLOB = "extraction-*.json"
#: More question sets beside ``questions.jsonl`` (``questions-laws.jsonl``), read with it.
MORE_QUESTIONS_GLOB = "questions-*.jsonl"
LAWS_FILE = "law-facts.jsonl"


@dataclass(frozen=True)
class Answer:
    """An expected answer entity; exactly one of ``symbol``, ``iso3``, ``name`` is set."""

    type: str
    symbol: str | None = None
    iso3: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    kind: str
    relevant: tuple[str, ...]  # document ids: corpus file names without extension
    answers: tuple[Answer, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class CitationGold:
    doc: str
    cites: tuple[str, ...]  # Security Council symbols, "S/RES/3 (1946)"
    cites_other: tuple[str, ...] = ()  # General Assembly and other bodies
    note: str = ""


@dataclass(frozen=True)
class ProgramFacts:
    """What one program sheet states about its program."""

    document: str
    label: str
    acronym: str | None
    language: str
    implementedBy: tuple[str, ...]
    mandatedBy: tuple[str, ...]
    beneficiary: tuple[str, ...]  # ISO3
    donor: tuple[str, ...]  # ISO3 or organization names
    partner: tuple[str, ...]
    themes: tuple[str, ...]
    start: int | None
    end: int | None


@dataclass(frozen=True)
class LawFacts:
    """What one law file states about its law: the gold of :mod:`evaluation.laws`."""

    document: str
    title: str
    jurisdiction: str | None  # ISO3
    language: str
    number: str | None  # as printed; None for unnumbered laws
    date: str | None  # ISO date of assent / promulgation / publication, where the text states it
    parallel_version_of: str | None  # the other-language version of the same act


@dataclass(frozen=True)
class GoldEntity:
    id: str  # "state:GTM", "org:oas-dps", "program:police-network", "instrument:unsc-res-1540-2004"
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    issued_by: str | None = None  # an instrument's issuer, as an entity id


@dataclass(frozen=True)
class GoldRelation:
    s: str
    p: str
    o: str
    accept: tuple[str, ...]  # relation names that count as the same fact
    evidence: str = ""


@dataclass(frozen=True)
class Ambiguity:
    entity: str
    note: str = ""


@dataclass(frozen=True)
class ExtractionGold:
    document: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    themes: tuple[tuple[str, tuple[str, ...]], ...]
    ambiguous: tuple[Ambiguity, ...]


@dataclass(frozen=True)
class GoldSet:
    folder: str
    questions: tuple[Question, ...]
    citations: tuple[CitationGold, ...]
    programs: tuple[ProgramFacts, ...]
    extractions: tuple[ExtractionGold, ...]
    absent: tuple[str, ...]  # parts of PARTS whose file is missing
    laws: tuple[LawFacts, ...] = ()

    def has(self, part: str) -> bool:
        return part not in self.absent


def load_gold(folder: Path) -> GoldSet:
    """Read every gold part found in ``folder``. Raises BadInput if the folder is missing or holds none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(f"gold folder {folder} does not exist")
    absent: list[str] = []
    questions = tuple(_question(r) for r in _jsonl(folder / QUESTIONS_FILE, absent, "questions"))
    for more in sorted(folder.glob(MORE_QUESTIONS_GLOB)):
        questions += tuple(_question(r) for r in _jsonl(more, [], "questions"))
    if questions and "questions" in absent:
        absent.remove("questions")
    citations = tuple(_citation(r) for r in _jsonl(folder / CITATIONS_FILE, absent, "citations"))
    programs = tuple(_program(r) for r in _jsonl(folder / PROGRAMS_FILE, absent, "programs"))
    files = sorted(folder.glob(EXTRACTION_GLOB))
    if not files:
        absent.append("extraction")
    extractions = tuple(_extraction(r) for f in files for r in _json_records(f))
    laws = tuple(_law(r) for r in _jsonl(folder / LAWS_FILE, absent, "laws"))
    if len(absent) == len(PARTS):
        raise BadInput(f"no gold files in {folder} (expected {QUESTIONS_FILE}, {CITATIONS_FILE}, "
                       f"{PROGRAMS_FILE}, {EXTRACTION_GLOB} or {LAWS_FILE})")
    return GoldSet(str(folder), questions, citations, programs, extractions, tuple(absent), laws)


def languages_of(values: Iterable[str]) -> tuple[str, ...]:
    """``all`` first, then the languages present: en, es, pt, fr first, others alphabetically.

    >>> languages_of(["fr", "en", "de", "en"])
    ('all', 'en', 'fr', 'de')
    """
    present = set(values)
    return (ALL,) + tuple(sorted(present, key=lambda x: (LANGUAGE_ORDER.index(x) if x in LANGUAGE_ORDER else 99, x)))


# reading -------------------------------------------------------------------------------------

def _jsonl(path: Path, absent: list[str], part: str) -> Iterator[Mapping[str, Any]]:
    if not path.exists():
        absent.append(part)
        return
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise BadInput(f"{path.name}:{n}: not JSON ({e.msg})") from None
        if not isinstance(record, dict):
            raise BadInput(f"{path.name}:{n}: expected an object")
        yield _Located(record, f"{path.name}:{n}")


def _json_records(path: Path) -> Iterator[Mapping[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise BadInput(f"{path.name}: not JSON ({e.msg})") from None
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise BadInput(f"{path.name}[{i}]: expected an object")
        yield _Located(record, f"{path.name}[{i}]")


class _Located(dict):  # type: ignore[type-arg]
    """A record that knows where it came from, so a missing key names its file and line."""

    def __init__(self, record: Mapping[str, Any], where: str) -> None:
        super().__init__(record)
        self.where = where

    def __missing__(self, key: str) -> Any:
        raise BadInput(f"{self.where}: missing field {key!r}")


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def _year(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _question(r: Mapping[str, Any]) -> Question:
    answers = tuple(Answer(str(a.get("type", "")), a.get("symbol"), a.get("iso3"), a.get("name"))
                    for a in _items(r, "answers"))
    return Question(str(r["id"]), str(r["lang"]), str(r["question"]), str(r.get("kind", "")),
                    _strings(r["relevant"]), answers, str(r.get("note", "")))


def _citation(r: Mapping[str, Any]) -> CitationGold:
    return CitationGold(str(r["doc"]), _strings(r["cites"]), _strings(r.get("cites_other")), str(r.get("note", "")))


def _program(r: Mapping[str, Any]) -> ProgramFacts:
    program = _nested(r, "program")
    return ProgramFacts(
        document=str(r["document"]), label=str(program.get("label") or ""), acronym=program.get("acronym"),
        language=str(r["language"]), implementedBy=_strings(r.get("implementedBy")),
        mandatedBy=_strings(r.get("mandatedBy")), beneficiary=_strings(r.get("beneficiary")),
        donor=_strings(r.get("donor")), partner=_strings(r.get("partner")), themes=_strings(r.get("themes")),
        start=_year(r.get("start")), end=_year(r.get("end")))


def _nested(r: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    where = getattr(r, "where", "?")
    value = r[key]
    if not isinstance(value, dict):
        raise BadInput(f"{where}: {key!r} must be an object")
    return _Located(value, f"{where}.{key}")


def _items(r: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    where = getattr(r, "where", "?")
    out: list[Mapping[str, Any]] = []
    for i, value in enumerate(r.get(key) or ()):
        if not isinstance(value, dict):
            raise BadInput(f"{where}.{key}[{i}]: expected an object")
        out.append(_Located(value, f"{where}.{key}[{i}]"))
    return out


def _extraction(r: Mapping[str, Any]) -> ExtractionGold:
    entities = tuple(GoldEntity(str(e["id"]), str(e.get("type", "")), str(e.get("label", "")),
                                _strings(e.get("aliases")), e.get("issued_by")) for e in _items(r, "entities"))
    relations = tuple(GoldRelation(str(x["s"]), str(x["p"]), str(x["o"]), _strings(x.get("accept")) or (str(x["p"]),),
                                   str(x.get("evidence", ""))) for x in _items(r, "relations"))
    themes = tuple((str(k), _strings(v)) for k, v in (r.get("themes") or {}).items())
    ambiguous = tuple(Ambiguity(str(a["entity"]), str(a.get("note", ""))) for a in _items(r, "ambiguous"))
    return ExtractionGold(str(r["document"]), entities, relations, themes, ambiguous)


def _law(r: Mapping[str, Any]) -> LawFacts:
    def optional(key: str) -> str | None:
        value = r.get(key)
        return None if value in (None, "") else str(value)

    return LawFacts(str(r["document"]), str(r["title"]), optional("jurisdiction"), str(r["language"]),
                    optional("number"), optional("date"), optional("parallel_version_of"))
