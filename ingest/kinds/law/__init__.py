"""The national law kind: a statute as officially printed, read as an ELI work, its language version and its articles.

Recognising a law and cutting it into its title block, headings and articles is
:mod:`ingest.kinds.law.structure`; its identity (title, number, date, jurisdiction) is
:mod:`ingest.kinds.law.header`; what it implements and which laws it changes is
:mod:`ingest.kinds.law.links`. This module turns those readings into entities and facts:

* the **work** (``pkg:NationalLaw``, ``eli:LegalResource``) at ``id/law/<iso3>/<key>``, where the
  key is the normalised number (``sc-2000-c-17``) or, for an unnumbered law, its title's slug:
  the English and French texts of one Canadian act are one work, even when ingested apart;
* the **expression** in the document's language (``eli:LegalExpression``, ``…/<key>/<lang>``,
  ``eli:realizes`` the work), carrying the number as printed and the long title;
* one **provision** per article (``eli:LegalResourceSubdivision``, ``…/<key>/art/<n>``,
  ``eli:is_part_of`` the work), whose passages cite what the article cites;
* the jurisdiction (state → law), the instruments implemented where the text says so, other
  laws amended, repealed or cited, and themes named in the title block.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.gazetteer import Gazetteer
from ingest.kinds.base import KindFindings
from ingest.kinds.law.header import LawHeader, read_law_header
from ingest.kinds.law.jurisdiction import Jurisdiction, jurisdiction_from_mentions
from ingest.kinds.law.links import implementing_spans, law_links
from ingest.kinds.law.numbers import find_number
from ingest.kinds.law.structure import ARTICLE_WORDS, Unit, count_articles, parse_structure
from ingest.model import Fact, NewEntity, ResolutionHeader, Segment
from ingest.spans import split_long
from ontology.iri import Iris

#: Above a program sheet (0.8), below a resolution's own formula (0.9, 1.0).
CONFIDENCE = 0.85
#: A text with article markers but no title-block evidence (number, formula, date) is a weaker claim.
WEAK_CONFIDENCE = 0.6
HEAD_CHARS = 4000


class LawKind:
    """:class:`~ingest.kinds.base.DocumentKind` of national laws, codes and code chapters.

    >>> t = ("Harbour Safety Act\\nS.C. 2004, c. 9\\nAssented to 2004-05-06\\nAn Act respecting harbours\\n\\n"
    ...      "Her Majesty, by and with the advice and consent of the Senate and House of Commons of Canada, "
    ...      "enacts as follows:\\n\\n[Short title]\\n1 This Act may be cited as the Harbour Safety Act.\\n\\n"
    ...      "[Duty]\\n2 Every harbour master shall keep a register.\\n")
    >>> LAW.detect(t, filename="x.txt"), [(s.kind, s.label) for s in LAW.segment(t)]
    (0.85, [('title', None), ('article', '1'), ('article', '2')])
    >>> found = LAW.extract(t, LAW.segment(t), language="en", gazetteer=Gazetteer([]), iris=Iris("https://policykg.org/"))
    >>> found.title, found.instrument
    ('Harbour Safety Act', 'https://policykg.org/id/law/can/sc-2004-c-9')
    """

    name = "law"

    def detect(self, text: str, *, filename: str) -> float:
        return law_confidence(text)

    def segment(self, text: str) -> list[Segment]:
        return [Segment(u.kind, a, b, u.label) for u in parse_structure(text) for a, b in split_long(text, u.start, u.end)]

    def header(self, text: str) -> ResolutionHeader | None:
        return None  # a law has no resolution header; its own identity is read in :meth:`extract`

    def extract(self, text: str, segments: Sequence[Segment], *, language: str, gazetteer: Gazetteer,
                iris: Iris) -> KindFindings:
        units = parse_structure(text)
        header = read_law_header(text, units)
        if header is None:
            return KindFindings()
        jurisdiction = header.jurisdiction or jurisdiction_from_mentions(
            text[:header.block_end], gazetteer.find(text[:header.block_end], kinds=("State",)),
            state_prefix=iris.state(""))
        iso3 = jurisdiction.iso3 if jurisdiction else None
        work = iris.law(iso3, header.key)
        version = iris.law_version(iso3, header.key, language)
        articles = _articles(units, iris, iso3, header.key)
        entities = [_work_entity(header, work, version, language, articles),
                    _version_entity(header, work, version, language)]
        word = ARTICLE_WORDS.get(language, "Art.")
        short = header.number.printed if header.number else header.title
        for label, (iri, start, end) in articles.items():
            entities.append(NewEntity(iri, "Provision", ((f"{word} {label} — {short}", language),), None, start, end,
                                      (("is_part_of", work), ("id_local", label))))
        facts = _jurisdiction_facts(work, jurisdiction, iris)
        facts += _law_facts(text, header, iso3, work, iris)
        facts += _theme_facts(text, header, work, gazetteer)
        provisions = tuple((start, end, iri) for iri, start, end in articles.values())
        return KindFindings(title=header.title, instrument=work, about=(work,), entities=tuple(entities),
                            facts=tuple(facts), provisions=provisions, implementing=tuple(implementing_spans(text)))


def law_confidence(text: str) -> float:
    """How surely ``text`` is a law: article markers, backed by a title block that reads as a law's.

    >>> law_confidence("LEI Nº 1.234, DE 2 DE MAIO DE 2001.\\n\\nArt. 1º Esta Lei trata.\\n\\nArt. 2º Revoga.\\n")
    0.85
    >>> law_confidence("PROGRAM SUMMARY\\nThe program helps draft Ley N° 123 on firearms.\\n")
    0.0
    """
    articles = count_articles(text)
    if articles < 2:
        return 0.0
    head = text[:HEAD_CHARS]
    units = parse_structure(head)
    header = read_law_header(head, units)
    backed = header is not None and (header.number is not None or header.date is not None
                                     or header.jurisdiction is not None or header.description is not None)
    if backed:
        return CONFIDENCE
    return WEAK_CONFIDENCE if articles >= 10 else 0.0


def _articles(units: list[Unit], iris: Iris, iso3: str | None, key: str) -> dict[str, tuple[str, int, int]]:
    """Article label → (IRI, start, end of its first occurrence); a label printed twice keeps its first span."""
    out: dict[str, tuple[str, int, int]] = {}
    for u in units:
        if u.kind == "article" and u.label and u.label not in out:
            out[u.label] = (iris.law_article(iso3, key, u.label), u.start, u.end)
    return out


def _work_entity(header: LawHeader, work: str, version: str, language: str,
                 articles: dict[str, tuple[str, int, int]]) -> NewEntity:
    extra: list[tuple[str, str | int]] = [("id_local", header.key), ("is_realized_by", version)]
    if header.date is not None:
        extra += [("date", header.date.iso), ("dateKind", header.date.kind)]
    extra += [("has_part", iri) for iri, _, _ in articles.values()]
    start, end = header.title_span
    return NewEntity(work, "NationalLaw", ((header.title, language),), None, start, end, tuple(extra))


def _version_entity(header: LawHeader, work: str, version: str, language: str) -> NewEntity:
    extra: list[tuple[str, str | int]] = [("realizes", work), ("language", language)]
    if header.number is not None:
        extra.append(("printedNumber", header.number.printed))
    if header.description:
        extra.append(("description", header.description))
    start, end = header.title_span
    return NewEntity(version, "LawExpression", ((header.title, language),), None, start, end, tuple(extra))


def _jurisdiction_facts(work: str, jurisdiction: Jurisdiction | None, iris: Iris) -> list[Fact]:
    if jurisdiction is None:
        return []
    confidence = 0.9 if jurisdiction.how == "gazetteer" else 1.0
    note = {"number": "the number's style", "formula": "the enacting formula, legislature or gazette",
            "gazetteer": "the state the title block names"}[jurisdiction.how]
    return [Fact(work, "jurisdiction", iris.state(jurisdiction.iso3), jurisdiction.start, jurisdiction.end,
                 confidence, note=f"jurisdiction read from {note}")]


def _law_facts(text: str, header: LawHeader, iso3: str | None, work: str, iris: Iris) -> list[Fact]:
    """Amends / repeals / cites between this law and the laws it names by number."""
    facts = []
    for link in law_links(text, own_key=header.key, own_jurisdiction=iso3):
        def iri(side: str) -> str:
            if side == "self":
                return work
            other_iso3, key = side.split(" ", 1)
            return iris.law(other_iso3, key)
        facts.append(Fact(iri(link.subject), link.predicate, iri(link.object), link.start, link.end, 1.0))
    return facts


def _theme_facts(text: str, header: LawHeader, work: str, gazetteer: Gazetteer) -> list[Fact]:
    """Themes the law's title and long title name: what the law is about, by its own words.

    Not the rest of the title block: a decree's preamble lists the other laws it touches.
    """
    spans = [header.title_span]
    if header.description:
        at = text.find(header.description, 0, header.block_end)
        if at >= 0:
            spans.append((at, at + len(header.description)))
    seen: dict[str, Fact] = {}
    for a, b in spans:
        for m in gazetteer.find(text[a:b], kinds=("Theme",)):
            seen.setdefault(m.iri, Fact(work, "hasTheme", m.iri, a + m.start, a + m.end, 0.9,
                                        note="theme keyword in the law's title or long title"))
    return list(seen.values())


LAW = LawKind()

__all__ = ["LAW", "LawKind", "law_confidence", "find_number"]
