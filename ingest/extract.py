"""Extract and resolve steps: from segmented text to canonical entities and traced facts."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ingest.gazetteer import Gazetteer
from ingest.instrument_tables import instrument_named, instrument_slug
from ingest.language import detect_language
from ingest.model import Fact, InstrumentRef, Mention, NewEntity, ResolutionHeader, Segment
from ingest.nlp import MentionFinder
from ingest.read import RawDocument
from ingest.segment import classify, segment
from ontology.iri import Iris


@dataclass(frozen=True)
class ExtractedDocument:
    raw: RawDocument
    language: str
    kind: str  # resolution | program-sheet | other
    title: str
    segments: tuple[Segment, ...]
    mentions: tuple[tuple[Mention, ...], ...]  # per segment, offsets into the document text
    header: ResolutionHeader | None
    about: tuple[str, ...]  # IRIs of the instrument or programs the document expresses
    entities: tuple[NewEntity, ...]
    facts: tuple[Fact, ...]


def unsc_symbol(number: int, year: int | None) -> str:
    return f"S/RES/{number} ({year})" if year else f"S/RES/{number}"


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

    def extract(self, raw: RawDocument, *, known_years: Mapping[int, int] | None = None) -> ExtractedDocument:
        from ingest.references import find_instrument_refs

        known = dict(known_years or {})
        text = raw.text
        language = detect_language(text)
        kind = classify(text)
        segments = tuple(segment(text, kind))
        entities: dict[str, NewEntity] = {}
        facts: list[Fact] = []
        about: list[str] = []
        header = None
        title = raw.source

        refs = find_instrument_refs(text)
        for r in refs:
            if r.body == "unsc" and r.year:
                known.setdefault(r.number, r.year)
        self_iri = None
        if kind == "resolution":
            from ingest.resolutions import parse_header

            header = parse_header(text)
            if header is not None:
                self_iri = self.iris.unsc_resolution(header.number, header.year)
                title = unsc_symbol(header.number, header.year)
                extra: tuple[tuple[str, str | int], ...] = (
                    ("number", header.number), ("issuedBy", self.iris.org("unsc")), ("symbol", title))
                if header.year:
                    extra += (("year", header.year),)
                if header.date:
                    extra += (("date", header.date),)
                entities[self_iri] = NewEntity(self_iri, "Resolution", ((title, ""),), None,
                                               header.start, header.end, extra)
                about.append(self_iri)

        if header is not None:
            from ingest.references import self_reference_filter

            refs = self_reference_filter(refs, header)
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

        if kind == "program-sheet":
            from ingest.sheets.extract import extract_programs

            programs, program_facts = extract_programs(
                text, list(segments), lang=language, gazetteer=self.gazetteer, iris=self.iris)
            for e in programs:
                entities.setdefault(e.iri, e)
                if e.kind == "Program":
                    about.append(e.iri)
            facts.extend(program_facts)
            if about:
                title = entities[about[0]].labels[0][0]

        found = self.mentions.find([text[s.start:s.end] for s in segments], lang=language)
        mentions = []
        for s, local, extra_mentions in zip(segments, found, ref_mentions):
            shifted = [Mention(m.iri, m.kind, m.start + s.start, m.end + s.start, m.text, m.source) for m in local]
            mentions.append(tuple(sorted(shifted + extra_mentions, key=lambda m: m.start)))
        facts.extend(self._program_themes(segments, mentions, about, entities))
        return ExtractedDocument(raw, language, kind, title, segments, tuple(mentions), header,
                                 tuple(dict.fromkeys(about)), tuple(entities.values()), tuple(dict.fromkeys(facts)))

    def _program_themes(self, segments: Sequence[Segment], mentions: Sequence[Sequence[Mention]],
                        about: Sequence[str], entities: Mapping[str, NewEntity]) -> list[Fact]:
        """A program has the themes its own block's passages name (keyword match: confidence 0.8)."""
        programs = [a for a in about if entities[a].kind == "Program"]
        if not programs:
            return []
        out = []
        for s, ms in zip(segments, mentions):
            if s.block >= len(programs):
                continue
            for m in ms:
                if m.kind == "Theme":
                    out.append(Fact(programs[s.block], "hasTheme", m.iri, m.start, m.end, 0.8,
                                    note="theme keyword in the program's sheet"))
        return out

