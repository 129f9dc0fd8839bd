"""Law metadata, field by field, against ``law-facts.jsonl``, per document language.

For each gold law file the store holds, the law (work) its document is ``pkg:about`` is read
from the document's own graph (plain triples), with the language version (expression) that
realises it there. The judge shares no code with the extractor (nothing here imports ``ingest``).

| field | read from | a gold value matches when |
|---|---|---|
| title | the work's ``eli:title`` (and the version's ``eli:description``, the long title / ementa) | at least 2/3 of the gold title's words (folded, function words dropped) occur in them |
| title (exact) | the work's ``eli:title`` in the document's graph | folded equality (reported, not a target) |
| jurisdiction | ``eli:jurisdiction`` | the gold ISO3's state IRI |
| language | the document's ``dcterms:language`` | equal |
| number | the version's ``pkg:printedNumber`` | equal after folding case, spaces, dashes and the number sign (``nº``/``No``) |
| date | the work's ``eli:date_document`` | the same ISO date |
| version | the work IRI | two documents share a work exactly when the gold says they are versions of one act |

A field the gold leaves empty (a Mexican law has no number, the U.S. Code no date) counts a
value extracted for it as spurious. P/R are micro-averaged per field and per document language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from evaluation.gold import ALL, LawFacts, languages_of
from evaluation.metrics import PRF, micro
from kg.workspace import Workspace
from ontology.folding import fold

FIELDS = ("title", "title (exact)", "jurisdiction", "language", "number", "date", "version")
TARGET_FIELDS = tuple(f for f in FIELDS if f != "title (exact)")
TITLE_COVERAGE = 2 / 3
#: Words that carry no title information, in the four languages.
FUNCTION_WORDS = frozenset(
    "a an and as at by for in of on or the to with et de des du la le les l d pour sur en y e el los las del con "
    "contra para por sobre da das do dos no na nos nas o ao aos em que se".split())
LAWS_QUERY = """
PREFIX pkg: <{v}>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?src ?law ?lang ?title ?desc ?num ?jur ?date WHERE {{
  GRAPH ?g {{
    ?doc a pkg:Document ; pkg:source ?src ; pkg:about ?law . ?law a pkg:NationalLaw .
    OPTIONAL {{ ?doc dcterms:language ?lang }}
    OPTIONAL {{ ?law eli:title ?title }}
    OPTIONAL {{ ?law eli:jurisdiction ?jur }}
    OPTIONAL {{ ?law eli:date_document ?date }}
    OPTIONAL {{ ?version eli:realizes ?law . OPTIONAL {{ ?version pkg:printedNumber ?num }}
               OPTIONAL {{ ?version eli:description ?desc }} }}
  }}
}}
"""


@dataclass
class StoredLaw:
    """What the graph says about the law of one stored document (its own graph only)."""

    source: str
    works: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    descriptions: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    jurisdictions: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class LawResult:
    document: str
    language: str
    prfs: tuple[tuple[str, PRF], ...]
    missed: tuple[tuple[str, str], ...]
    spurious: tuple[tuple[str, str], ...]

    def prf(self, name: str) -> PRF:
        return next(p for f, p in self.prfs if f == name)


@dataclass(frozen=True)
class LawScore:
    field: str
    language: str
    prf: PRF


@dataclass(frozen=True)
class LawReport:
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    scores: tuple[LawScore, ...]
    documents: tuple[LawResult, ...]
    missing: tuple[str, ...]  # gold documents not in the store as a law (absent, or about no pkg:NationalLaw)

    def score(self, name: str, language: str = ALL) -> PRF:
        return next(s.prf for s in self.scores if s.field == name and s.language == language)


def words(text: str) -> set[str]:
    """The folded content words of a title.

    >>> sorted(words("Lei dos Crimes Hediondos"))
    ['crimes', 'hediondos', 'lei']
    """
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in FUNCTION_WORDS}


def title_matches(gold: str, extracted: Iterable[str]) -> bool:
    """At least :data:`TITLE_COVERAGE` of the gold title's words occur in the extracted title texts.

    >>> title_matches("Firearms Act", ["Firearms Act"]), title_matches("Firearms Act", ["Explosives Act"])
    (True, False)
    """
    wanted = words(gold)
    have: set[str] = set()
    for text in extracted:
        have |= words(text)
    return bool(wanted) and len(wanted & have) >= TITLE_COVERAGE * len(wanted)


def number_key(printed: str) -> str:
    """A printed number compared loosely: case, spacing, dashes and the number sign folded away.

    >>> number_key("LEI No 10.826") == number_key("Lei nº 10.826"), number_key("S.C. 2000, c. 17")
    (True, 'sc2000c17')
    """
    text = printed.replace("–", "-").replace("—", "-")
    text = re.sub(r"\bn(?:\.?\s?[º°o]\.?|o\.)(?=\s*\d)|\bn[º°]", " ", text, flags=re.I)
    return re.sub(r"[^a-z0-9§-]", "", fold(text)).replace("-", "")


def read_stored_laws(workspace: Workspace) -> dict[str, StoredLaw]:
    """Every stored document about a national law, by source name. Read-only; one query."""
    out: dict[str, StoredLaw] = {}
    state_prefix = workspace.iris.state("")
    for row in workspace.store.select(LAWS_QUERY.format(v=workspace.iris.ontology)):
        src, law, lang, title, desc, num, jur, date = (None if t is None else str(getattr(t, "value")) for t in row)
        if src is None or law is None:
            continue
        s = out.setdefault(src, StoredLaw(src))
        s.works.add(law)
        for target, value in ((s.languages, lang), (s.titles, title), (s.descriptions, desc), (s.numbers, num),
                              (s.dates, date)):
            if value:
                target.add(value)
        if jur:
            s.jurisdictions.add(jur[len(state_prefix):] if jur.startswith(state_prefix) else jur)
    return out


def judge(gold: LawFacts, stored: StoredLaw, versions: dict[str, set[str]], work_of: dict[str, str]) -> LawResult:
    """Every field of one gold law against what its document's graph states. Pure."""
    prfs: list[tuple[str, PRF]] = []
    missed: list[tuple[str, str]] = []
    spurious: list[tuple[str, str]] = []

    def score(name: str, gold_values: Sequence[str], predicted: Sequence[str], match: object) -> None:
        assert callable(match)
        hit_gold = [g for g in gold_values if any(match(g, p) for p in predicted)]
        hit_pred = [p for p in predicted if any(match(g, p) for g in gold_values)]
        prfs.append((name, PRF.of(len(hit_pred), len(predicted), len(hit_gold), len(gold_values))))
        missed.extend((name, g) for g in gold_values if g not in hit_gold)
        spurious.extend((name, p) for p in predicted if p not in hit_pred)

    titles = sorted(stored.titles)
    text = titles + sorted(stored.descriptions)
    score("title", [gold.title], [" | ".join(titles)] if titles else [], lambda g, p: title_matches(g, text))
    score("title (exact)", [gold.title], titles, lambda g, p: fold(g).strip() == fold(p).strip())
    score("jurisdiction", [gold.jurisdiction] if gold.jurisdiction else [], sorted(stored.jurisdictions),
          lambda g, p: g == p)
    score("language", [gold.language], sorted(stored.languages), lambda g, p: g == p)
    score("number", [gold.number] if gold.number else [], sorted(stored.numbers),
          lambda g, p: number_key(g) == number_key(p))
    score("date", [gold.date] if gold.date else [], sorted(stored.dates), lambda g, p: g == p)
    shared = sorted(d for d in versions.get(work_of.get(gold.document, ""), set()) if d != gold.document)
    score("version", [gold.parallel_version_of] if gold.parallel_version_of else [], shared, lambda g, p: g == p)
    return LawResult(gold.document, gold.language, tuple(prfs), tuple(missed), tuple(spurious))


def evaluate_laws(workspace: Workspace, gold: Sequence[LawFacts]) -> LawReport:
    """Score the metadata of every gold law the store holds. Read-only; one SPARQL read."""
    stored = read_stored_laws(workspace)
    by_document = {_document_id(src): s for src, s in stored.items()}
    work_of = {doc: sorted(s.works)[0] for doc, s in by_document.items() if s.works}
    versions: dict[str, set[str]] = {}
    for doc, work in work_of.items():
        versions.setdefault(work, set()).add(doc)
    results, missing = [], []
    for g in gold:
        s = by_document.get(g.document)
        if s is None:
            missing.append(g.document)
            continue
        results.append(judge(g, s, versions, work_of))
    languages = languages_of(g.language for g in gold)
    scores = tuple(LawScore(name, lang, micro(r.prf(name) for r in results if lang in (ALL, r.language)))
                   for name in FIELDS for lang in languages)
    return LawReport(FIELDS, languages, scores, tuple(results), tuple(missing))


def _document_id(source: str) -> str:
    """The gold's document id for a stored source name: the file name without ``.txt``."""
    name = source.rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name
