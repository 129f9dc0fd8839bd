"""What a catalog's text states: one practice per record, its rating nodes, its country, its practice.

Each record becomes a ``BestPractice`` (an ``EvaluatedProgram`` when the catalog's type says
program) at ``id/practice/<slug of its title>``; each (level, outcome) of its rating a rating
node ``id/rating/<slug>-<n>`` with the level, outcome, basis, catalog and source; its country a
state link (``evaluatedIn``) through the gazetteer; an evaluated program the practice it
implements when the record declares it (``Practice:``, confidence 1) or its description names a
practice of the same catalog (confidence 0.8). Every fact's span is the field value it was read
from, and each passage of a record mentions the record's practice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.kinds.base import KindFindings
from ingest.catalogs.levels import scheme_levels
from ingest.kinds.catalog.practice_names import find_practice_names
from ingest.catalogs.rating import parse_rating
from ingest.catalogs.text import CatalogText, RecordText
from ingest.model import Fact, Mention, NewEntity, Segment
from ontology.folding import fold
from ontology.iri import Iris

NAMED_IN_DESCRIPTION = 0.8  # the description names the practice: the catalog says so, in prose


def _slugs(text: str, records: Sequence[RecordText]) -> list[str]:
    """Each record's IRI slug: its title, with its id added when another record has the same title."""
    titles = [r.value(text, "title") for r in records]
    count = Counter(fold(t) for t in titles)
    return [t if count[fold(t)] == 1 else f"{t} {r.id}" for t, r in zip(titles, records)]


def catalog_findings(text: str, catalog: CatalogText, segments: Sequence[Segment], *, language: str,
                     gazetteer: Gazetteer, iris: Iris) -> KindFindings:
    """Entities, facts and record mentions of a catalog's text. Pure.

    >>> from ingest.catalogs.text import parse_catalog_text
    >>> t = ("# policykg catalog: demo\\n\\nRecord: p1\\nTitle: Hot Spots Policing\\nRating: Effective (Crime)\\n\\n"
    ...      "Record: 7\\nTitle: Lowell Hot Spots\\nType: program\\nDescription: A hot spots policing effort.\\n")
    >>> found = catalog_findings(t, parse_catalog_text(t, passage_fields=["description"]), [], language="en",
    ...                          gazetteer=Gazetteer([]), iris=Iris("https://policykg.org/"))
    >>> [(e.kind, e.labels[0][0]) for e in found.entities]
    [('BestPractice', 'Hot Spots Policing'), ('EvidenceRating', 'Effective: Crime'), ('EvaluatedProgram', 'Lowell Hot Spots')]
    >>> [(f.predicate, (f.object or "").rsplit("/", 1)[-1], f.confidence) for f in found.facts]
    [('evidenceRating', 'hot-spots-policing-1', 1.0), ('evidenceLevel', 'effective', 1.0), ('implementsPractice', 'hot-spots-policing', 0.8)]
    """
    levels = {**scheme_levels(), **catalog.levels}
    slugs = _slugs(text, catalog.records)
    iri_of = {r.index: iris.practice(slug) for r, slug in zip(catalog.records, slugs)}
    entities: list[NewEntity] = []
    facts: list[Fact] = []
    practices = {r.index: r.value(text, "title") for r in catalog.records if r.value(text, "type") != "program"}
    by_name = {fold(name): r.index for r in catalog.records if r.index in practices
               for name in (r.id, r.value(text, "title"))}
    for r, slug in zip(catalog.records, slugs):
        iri = iri_of[r.index]
        title_span = r.fields["title"]
        source = r.value(text, "source")
        extra: tuple[tuple[str, str | int], ...] = (("recordId", r.id),) + ((("source", source),) if source else ())
        kind = "EvaluatedProgram" if r.value(text, "type") == "program" else "BestPractice"
        entities.append(NewEntity(iri, kind, ((r.value(text, "title"), language),), None, *title_span, extra))
        if "rating" in r.fields:
            a, b = r.fields["rating"]
            for n, rating in enumerate(parse_rating(text[a:b], levels=levels, offset=a), start=1):
                node = iris.rating(slug, n)
                words = text[rating.level_start:rating.level_end]
                label = f"{words}: {rating.outcome}" if rating.outcome else words
                rextra: tuple[tuple[str, str | int], ...] = (("ratedBy", catalog.name),)
                rextra += (("outcome", rating.outcome),) if rating.outcome else ()
                rextra += (("evidenceBasis", rating.basis),) if rating.basis else ()
                rextra += (("source", source),) if source else ()
                entities.append(NewEntity(node, "EvidenceRating", ((label, language),), None, rating.start,
                                          rating.end, rextra))
                facts.append(Fact(iri, "evidenceRating", node, rating.start, rating.end))
                facts.append(Fact(node, "evidenceLevel", iris.evidence_level(rating.level), rating.level_start,
                                  rating.level_end))
        if "country" in r.fields:
            a, b = r.fields["country"]
            for m in gazetteer.find(text[a:b], kinds=["State"]):
                facts.append(Fact(iri, "evaluatedIn", m.iri, a + m.start, a + m.end))
        if kind == "EvaluatedProgram":
            facts.extend(_implemented_practice(text, r, iri, by_name, practices, iri_of, entities, iris, language))
    # A record's passages are about its practice: each mentions it, so search hits and suggestions find it.
    mentions = [Mention(iri_of[s.block], "BestPractice", s.start, s.end, text[s.start:s.end])
                for s in segments if s.block in iri_of]
    name = catalog.name or "catalog"
    return KindFindings(title=name, about=tuple(iri_of[r.index] for r in catalog.records), entities=tuple(entities),
                        facts=tuple(facts), mentions=tuple(mentions))


def _implemented_practice(text: str, r: RecordText, iri: str, by_name: dict[str, int], practices: dict[int, str],
                          iri_of: dict[int, str], entities: list[NewEntity], iris: Iris,
                          language: str) -> list[Fact]:
    """The practice an evaluated program implements: declared in its record, else named in its description."""
    if "practice" in r.fields:
        a, b = r.fields["practice"]
        declared = text[a:b]
        known = by_name.get(fold(declared))
        if known is not None:
            return [Fact(iri, "implementsPractice", iri_of[known], a, b)]
        other = iris.practice(declared)  # a practice this catalog names but does not profile
        entities.append(NewEntity(other, "BestPractice", ((declared, language),), None, a, b))
        return [Fact(iri, "implementsPractice", other, a, b)]
    if "description" not in r.fields:
        return []
    a, b = r.fields["description"]
    named = find_practice_names(text[a:b], {str(k): v for k, v in practices.items()})
    return [Fact(iri, "implementsPractice", iri_of[int(hit.practice)], a + hit.start, a + hit.end,
                 NAMED_IN_DESCRIPTION, note="the program's description names the practice") for hit in named]
