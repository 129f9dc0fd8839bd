"""Extract and resolve steps: from segmented text to canonical entities and traced facts."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from ingest.gazetteer import Gazetteer
from ingest.instrument_tables import instrument_named, instrument_slug
from ingest.kinds import DocumentKind, detect_kind
from ingest.language import detect_language
from ingest.model import Fact, InstrumentRef, Mention, NewEntity, ResolutionHeader, Segment
from ingest.nlp import MentionFinder
from ingest.read import RawDocument
from ingest.references import find_instrument_refs, self_reference_filter, unsc_symbol
from ontology.iri import Iris


#: What a document is about that takes the themes its block's passages name, with the note saying why.
THEMED_KINDS = {"Program": "theme keyword in the program's sheet",
                "BestPractice": "theme keyword in the practice's catalog record",
                "EvaluatedProgram": "theme keyword in the program's catalog record"}


@dataclass(frozen=True)
class ExtractedDocument:
    raw: RawDocument
    language: str
    kind: str  # the name of its DocumentKind: resolution | program-sheet | law | other
    title: str
    segments: tuple[Segment, ...]
    mentions: tuple[tuple[Mention, ...], ...]  # per segment, offsets into the document text
    header: ResolutionHeader | None
    about: tuple[str, ...]  # IRIs of the instrument or programs the document expresses
    entities: tuple[NewEntity, ...]
    facts: tuple[Fact, ...]


class Extractor:
    """Runs segment → extract → resolve for one document at a time."""

    def __init__(self, gazetteer: Gazetteer, iris: Iris, *, use_ner: bool = True) -> None:
        self.gazetteer = gazetteer
        self.iris = iris
        self.mentions = MentionFinder(gazetteer, use_ner=use_ner)

    def instrument_iri(self, ref: InstrumentRef, known_years: Mapping[int, int]) -> str:
        if ref.body == "unsc":
            return self.iris.unsc_resolution(ref.number, ref.year or known_years.get(ref.number))
        if ref.body == "oas-ag":
            return self.iris.oas_ag_resolution(ref.number, ref.session)
        if ref.body == "un-ga":
            return self.iris.instrument(f"unga-res-{ref.number}-{ref.session or ''}")
        return self.iris.instrument(instrument_slug(ref.name or "unknown"))

    def instrument_entity(self, ref: InstrumentRef, iri: str, known_years: Mapping[int, int]) -> NewEntity:
        if ref.body == "unsc":
            year = ref.year or known_years.get(ref.number)
            extra: tuple[tuple[str, str | int], ...] = (("number", ref.number), ("issuedBy", self.iris.org("unsc")))
            if year:
                extra += (("year", year),)
            label = unsc_symbol(ref.number, year)
            return NewEntity(iri, "Resolution", ((label, ""),), None, ref.start, ref.end, extra + (("symbol", label),))
        if ref.body == "oas-ag":
            label = f"AG/RES. {ref.number} ({ref.session})" if ref.session else f"AG/RES. {ref.number}"
            extra = (("number", ref.number), ("issuedBy", self.iris.org("oas-general-assembly")), ("symbol", label))
            if ref.year:
                extra += (("year", ref.year),)
            return NewEntity(iri, "Resolution", ((label, ""),), None, ref.start, ref.end, extra)
        if ref.body == "un-ga":
            label = f"A/RES/{ref.number}" + (f" ({ref.session})" if ref.session else "")
            return NewEntity(iri, "Resolution", ((label, ""),), None, ref.start, ref.end,
                             (("number", ref.number), ("issuedBy", self.iris.org("un-general-assembly"))))
        known = instrument_named(ref.name or "")
        return NewEntity(iri, "Treaty" if known is not None and known.is_treaty else "LegalInstrument",
                         ((ref.name or "", "en"),), known.acronym if known is not None else None, ref.start, ref.end)

    def extract(self, raw: RawDocument, *, known_years: Mapping[int, int] | None = None,
                kind: DocumentKind | None = None) -> ExtractedDocument:
        """Segment, extract and resolve one document; deterministic, nothing is written.

        ``kind`` is the document's kind when the caller has detected it already
        (:func:`ingest.kinds.detect_kind`); it is detected here otherwise. What only the
        kind reads comes from its ``extract``; instrument references, mentions and program
        themes are read the same way for every kind.
        """
        known = dict(known_years or {})
        text = raw.text
        language = detect_language(text)
        if kind is None:
            kind = detect_kind(text, filename=PurePath(raw.path).name)
        segments = tuple(kind.segment(text))
        own = kind.extract(text, segments, language=language, gazetteer=self.gazetteer, iris=self.iris)
        entities: dict[str, NewEntity] = {}
        for e in own.entities:
            entities.setdefault(e.iri, e)
        facts: list[Fact] = list(own.facts)
        about: list[str] = list(own.about)
        title = own.title if own.title is not None else raw.source

        refs = find_instrument_refs(text)
        for r in refs:
            if r.body == "unsc" and r.year:
                known.setdefault(r.number, r.year)
        refs = self_reference_filter(refs, own.header)
        self_iri = own.instrument
        seg_starts = [s.start for s in segments]
        ref_mentions: list[list[Mention]] = [[] for _ in segments]
        for r in refs:
            iri = self.instrument_iri(r, known)
            if iri == self_iri:
                continue
            entities.setdefault(iri, self.instrument_entity(r, iri, known))
            i = bisect.bisect_right(seg_starts, r.start) - 1
            if 0 <= i < len(segments) and r.end <= segments[i].end:
                ref_mentions[i].append(Mention(iri, "LegalInstrument", r.start, r.end, text[r.start:r.end], "rule"))
            if self_iri is not None and r.body in ("unsc", "oas-ag", "un-ga", "named"):
                facts.append(Fact(self_iri, "cites", iri, r.start, r.end, 1.0))
                facts += [Fact(part, "cites", iri, r.start, r.end, 1.0)
                          for a, b, part in own.provisions if a <= r.start and r.end <= b]
                if any(a <= r.start and r.end <= b for a, b in own.implementing):
                    facts.append(Fact(self_iri, "ensures_implementation_of", iri, r.start, r.end, 1.0,
                                      note="the text says it implements this instrument"))

        for m in own.mentions:  # the kind's own: placed in the segment that holds them
            i = bisect.bisect_right(seg_starts, m.start) - 1
            if 0 <= i < len(segments) and m.end <= segments[i].end:
                ref_mentions[i].append(m)
        found = self.mentions.find([text[s.start:s.end] for s in segments], lang=language)
        mentions = []
        for s, local, extra_mentions in zip(segments, found, ref_mentions):
            shifted = [Mention(m.iri, m.kind, m.start + s.start, m.end + s.start, m.text, m.source) for m in local]
            mentions.append(tuple(sorted(shifted + extra_mentions, key=lambda m: m.start)))
        facts.extend(self._program_themes(segments, mentions, about, entities))
        return ExtractedDocument(raw, language, kind.name, title, segments, tuple(mentions), own.header,
                                 tuple(dict.fromkeys(about)), tuple(entities.values()), tuple(dict.fromkeys(facts)))

    def _program_themes(self, segments: Sequence[Segment], mentions: Sequence[Sequence[Mention]],
                        about: Sequence[str], entities: Mapping[str, NewEntity]) -> list[Fact]:
        """A program (or a catalog's practice) has the themes its own block's passages name (keyword match: 0.8)."""
        programs = [a for a in about if entities[a].kind in THEMED_KINDS]
        if not programs:
            return []
        out = []
        for s, ms in zip(segments, mentions):
            if s.block >= len(programs):
                continue
            for m in ms:
                if m.kind == "Theme":
                    note = THEMED_KINDS[entities[programs[s.block]].kind]
                    out.append(Fact(programs[s.block], "hasTheme", m.iri, m.start, m.end, 0.8, note=note))
        return out

