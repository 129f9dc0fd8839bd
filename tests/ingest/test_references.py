"""ingest.references: legal-instrument references with spans, and the citation F1 on the gold set."""

from __future__ import annotations

import doctest
import json
import re
import time
from pathlib import Path

import pytest

import ingest.references
from ingest.model import InstrumentRef, ResolutionHeader
from ingest.instrument_tables import instrument_named, instrument_slug, name_pattern
from ingest.kinds.resolution.header import parse_header
from ingest.references import (
    _oas_session,
    _roman,
    find_instrument_refs,
    named_instruments,
    self_reference_filter,
    unsc_number_fits_year,
)
from ontology.iri import slugify
from tests.conftest import shared_or_skip

CIFTA = next(i.name for i in named_instruments() if i.acronym == "CIFTA")
Row = tuple[str, int, int | None, str | None, str]  # body, number, year, session, the span's text


def test_doctests() -> None:
    assert doctest.testmod(ingest.references).failed == 0


def rows(text: str) -> list[Row]:
    return [(r.body, r.number, r.year, r.session, text[r.start:r.end]) for r in find_instrument_refs(text)
            if r.body != "named"]


@pytest.mark.parametrize(("text", "expected"), [
    # Security Council, clean forms
    ("Recalling its resolution 242 (1967),", [("unsc", 242, 1967, None, "resolution 242 (1967)")]),
    ("resolutions 1 (1946), 2 (1946) and 5 (1946)", [
        ("unsc", 1, 1946, None, "resolutions 1 (1946)"), ("unsc", 2, 1946, None, "2 (1946)"),
        ("unsc", 5, 1946, None, "5 (1946)")]),
    ("resolutions 242 (1967) and 338 (1973)", [
        ("unsc", 242, 1967, None, "resolutions 242 (1967)"), ("unsc", 338, 1973, None, "338 (1973)")]),
    ("its resolutions 218 (1965) of 23 November 1965 and 275 (1969) of 22 December 1969 which condemned", [
        ("unsc", 218, 1965, None, "resolutions 218 (1965)"), ("unsc", 275, 1969, None, "275 (1969)")]),
    ("resolutions 358 (1974) and 359 (1974) of 15 August and 360\n(1974) of 16 August 1974,", [
        ("unsc", 358, 1974, None, "resolutions 358 (1974)"), ("unsc", 359, 1974, None, "359 (1974)"),
        ("unsc", 360, 1974, None, "360\n(1974)")]),
    ("established under resolution\n289 (1970) of 23 November", [
        ("unsc", 289, 1970, None, "resolution\n289 (1970)")]),
    ("the resolu-\ntion 338 (1973) calls", [("unsc", 338, 1973, None, "resolu-\ntion 338 (1973)")]),
    ("Reaffirms Security Council resolution 161 A (1961)", [("unsc", 161, 1961, None, "resolution 161 A (1961)")]),
    ("Through the S/RES/1540 (2004) and UNSCR 1540 (2004) and UNSCR 1673", [
        ("unsc", 1540, 2004, None, "S/RES/1540 (2004)"), ("unsc", 1540, 2004, None, "UNSCR 1540 (2004)"),
        ("unsc", 1673, None, None, "UNSCR 1673")]),
    ("UN Security Council Resolution 1373 (2001); the Convention", [
        ("unsc", 1373, 2001, None, "Resolution 1373 (2001)")]),
    ("conforme a la resolución 1540 (2004) del Consejo de Seguridad", [
        ("unsc", 1540, 2004, None, "resolución 1540 (2004)")]),
    # OCR damage that can be checked against the Council's numbering
    ("Recalling its resolutions 387 1976), 418 (1977)", [
        ("unsc", 387, 1976, None, "resolutions 387 1976)"), ("unsc", 418, 1977, None, "418 (1977)")]),
    ("Recalling its resolutions 841 1993 of 16 June 1993, 861 (1993)", [
        ("unsc", 841, 1993, None, "resolutions 841 1993"), ("unsc", 861, 1993, None, "861 (1993)")]),
    ("Recalling its resolution $46 (1984)", [("unsc", 546, 1984, None, "resolution $46 (1984)")]),
    ("resolutions 508 (1982), 509 (1982), S11\n(1982) and 512 (1982)", [
        ("unsc", 508, 1982, None, "resolutions 508 (1982)"), ("unsc", 509, 1982, None, "509 (1982)"),
        ("unsc", 511, 1982, None, "S11\n(1982)"), ("unsc", 512, 1982, None, "512 (1982)")]),
    ("Reaffirms its resolution 274 (1959)", [("unsc", 274, 1969, None, "resolution 274 (1959)")]),
    ("Recalling its resolution $46 and resolution 84 (1993)", []),  # repairs that cannot be checked
    # bare numbers: lists, footnote marks, paragraphs
    ("Security Council resolution 687 as it relates", [("unsc", 687, None, None, "resolution 687")]),
    ("Security Council resolution 418\n\n5. Requests Member States", [("unsc", 418, None, None, "resolution 418")]),
    ("as set out in resolution 687 as it relates", []),  # no body named anywhere: not guessed
    ("Reaffirming resolution 242 (1967), 3 and the report", [("unsc", 242, 1967, None, "resolution 242 (1967)")]),
    ("transmitting two resolutions 31 adopted at the 24th meeting", []),
    ("the resolution of 4 April 1946 and the present resolution", []),
    # other bodies
    ("General Assembly resolution 181 (II) of 29 November 1947", [
        ("un-ga", 181, None, "II", "resolution 181 (II)")]),
    ("General Assembly resolution 1474 (ES-IV) and A/RES/1474 (ES-IV)", [
        ("un-ga", 1474, None, "ES-IV", "resolution 1474 (ES-IV)"), ("un-ga", 1474, None, "ES-IV", "A/RES/1474 (ES-IV)")]),
    ("General Assembly resolutions 46/7 of 11 October 1991 and 47/20 A", [
        ("un-ga", 7, None, "46", "resolutions 46/7"), ("un-ga", 20, None, "47", "47/20 A")]),
    ("the ICAO Council resolution of 16 February 1989 and IAEA Board resolutions GOV/2636", []),
    ("Trusteeship Council resolution 2183 (LIII)", []),
    ("Commission on Human Rights resolution 1993/77", []),
    # OAS General Assembly
    ("AG/RES. 2866 (XLIV-O/14)", [("oas-ag", 2866, 2014, "XLIV-O/14", "AG/RES. 2866 (XLIV-O/14)")]),
    ("adopted in 2004 by General Assembly resolution\nAG/RES. 2004 (XXXIV-O/04), which", [
        ("oas-ag", 2004, 2004, "XXXIV-O/04", "AG/RES. 2004 (XXXIV-O/04)")]),
    ("through resolution AG/RES. 2444 (XXXIX-O/09).", [
        ("oas-ag", 2444, 2009, "XXXIX-O/09", "AG/RES. 2444 (XXXIX-O/09)")]),
    ("AG/RES. 1560 (XXVIII-O/98) and AG/RES. 1 (XXVIII-E/01)", [
        ("oas-ag", 1560, 1998, "XXVIII-O/98", "AG/RES. 1560 (XXVIII-O/98)"),
        ("oas-ag", 1, 2001, "XXVIII-E/01", "AG/RES. 1 (XXVIII-E/01)")]),
    ("The Network was created following the Resolution 2866 approved during the 44th General Assembly of"
     " the Organization of American States, held in Paraguay, in 2014.", [
        ("oas-ag", 2866, 2014, "XLIV-O/14", "Resolution 2866")]),
    ("la resolución 2866 de la Asamblea General de la OEA, aprobada en 2014", [
        ("oas-ag", 2866, 2014, None, "resolución 2866")]),
    # a bare number whose body the rest of the document gives
    ("the national implementation of Resolution 1540 in order to comply. Through the UNSCR 1540 (2004)"
     " Program, CICTE helps.", [
        ("unsc", 1540, None, None, "Resolution 1540"), ("unsc", 1540, 2004, None, "UNSCR 1540 (2004)")]),
    ("the national implementation of Resolution 1540 in order to comply.", []),
])
def test_resolution_refs(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Resolution 660 (1990)\nof 2 August 1990\n\nThe Security Council,\n\n1. Recalls resolution 242 (1967)"
     " and its resolutions on Namibia, particularly 435 (1978), 629 (1989),\n\nvol. 75 (1950), No. 973.", [
        ("unsc", 242, 1967, None, "resolution 242 (1967)"), ("unsc", 435, 1978, None, "435 (1978)"),
        ("unsc", 629, 1989, None, "629 (1989)")]),
    # in a resolution, a bare "resolution N" is the Council's; another resolution's title is no citation
    ("Resolution 471 (1980)\nof 5 June 1980\n\nThe Security Council,\n\n1. Recalls resolution 465;\n\n"
     "Adopted at the 2226th meeting.\n\nResolution 474 (1980)\nof 17 June 1980\n", [
        ("unsc", 465, None, None, "resolution 465")]),
])
def test_refs_in_a_resolution(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("the Inter-American Convention against the Illicit Manufacturing of and Trafficking in Firearms,"
     " Ammunition, Explosives, and Other Related Materials (CIFTA)", [(CIFTA, "Inter-American Convention")]),
    ("les exigences de la Convention interaméricaine contre la fabrication et le trafic illicites \nd'armes à"
     " feu, de munitions, d'explosifs et d'autres matériels connexes (CIFTA), adoptée en 1997.",
     [(CIFTA, "Convention interaméricaine")]),
    ("los compromisos de la Convención Interamericana contra la Fabricación y el Tráfico \nIlícitos de Armas"
     " de Fuego, Municiones, Explosivos y otros Materiales Relacionados (CIFTA), de 1997",
     [(CIFTA, "Convención Interamericana")]),
    ("a Convenção Interamericana contra a Fabricação e o Tráfico Ilícitos de Armas de Fogo", [(CIFTA, "Convenção")]),
    ("States that ratified CIFTA.", [(CIFTA, "CIFTA")]),
    ("the Inter-American Convention against Terrorism, adopted on 3 June 2002",
     [("Inter-American Convention against Terrorism", "Inter-American")]),
    ("la Convención Interamericana contra el Terrorismo", [("Inter-American Convention against Terrorism", "Conv")]),
    ("especially the International Convention for the \nSuppression of the Financing of Terrorism",
     [("International Convention for the Suppression of the Financing of Terrorism", "International")]),
    ("the Convention on \nInternational Civil Aviation (Chicago Convention) and its annexes",
     [("Convention on International Civil Aviation", "Convention on")]),
    ("la Convention de Chicago", [("Convention on International Civil Aviation", "Convention de Chicago")]),
    ("the Comprehensive Inter-American Strategy to Combat Threats to Cybersecurity, adopted in 2004",
     [("Comprehensive Inter-American Strategy to Combat Threats to Cybersecurity", "Comprehensive")]),
    ("it supports the hemispheric drug strategy adopted by OAS member states", [("Hemispheric Drug Strategy", "hemi")]),
    ("el Plan de Acción 2021-2025 de la Estrategia Hemisférica sobre Drogas de la OEA",
     [("Hemispheric Drug Strategy", "Estrategia")]),
    ("la Stratégie hémisphérique sur les drogues", [("Hemispheric Drug Strategy", "Stratégie")]),
    ("the Convention on the Rights of the Child", []),
])
def test_named_refs(text: str, expected: list[tuple[str, str]]) -> None:
    refs = [r for r in find_instrument_refs(text) if r.body == "named"]
    assert [(r.name, text[r.start:r.end][:len(prefix)]) for r, (_, prefix) in zip(refs, expected)] == expected
    assert len(refs) == len(expected)
    assert all(r.number == 0 and r.year is None for r in refs)


# Names written from the official texts of the treaty series (not from any document of the corpus).
NPT = "treaty-on-the-non-proliferation-of-nuclear-weapons"
UNTOC = "united-nations-convention-against-transnational-organized-crime"
@pytest.mark.parametrize(("text", "slug"), [
    ("Parties to the Treaty on the Non-Proliferation of Nuclear Weapons", NPT),
    ("el Tratado sobre la No Proliferación de las Armas Nucleares", NPT),
    ("States parties to the NPT and to the TNP", NPT),
    ("the UN Convention against Transnational Organised Crime", UNTOC),
    ("la Convention de Palerme et ses protocoles", UNTOC),
    ("ratificó la Convención de las Naciones Unidas contra la Corrupción",
     "united-nations-convention-against-corruption"),
    ("a Convenção Interamericana contra a Corrupção (IACAC)", "inter-american-convention-against-corruption"),
    ("the Convention of Belém do Pará", "convention-of-belem-do-para"),
    ("la Convención Interamericana para Prevenir, Sancionar y Erradicar la Violencia contra la Mujer",
     "convention-of-belem-do-para"),
    ("Convention interaméricaine sur l’extradition", "inter-american-convention-on-extradition"),
    ("the Chemical Weapons Convention (CWC)", "chemical-weapons-convention"),
    ("la Convention sur les armes à sous-munitions", "convention-on-cluster-munitions"),
    ("the Treaty of Tlatelolco", "treaty-of-tlatelolco"),
    ("the Arms Trade Treaty", "arms-trade-treaty"),
    ("o Tratado sobre o Comércio de Armas", "arms-trade-treaty"),
    ("the International Convention for the Suppression of Acts of Nuclear\nTerrorism",
     "international-convention-for-the-suppression-of-acts-of-nuclear-terrorism"),
    ("the Protocol against the Smuggling of Migrants by Land, Sea and Air",
     "protocol-against-the-smuggling-of-migrants-by-land-sea-and-air"),
    ("the Single Convention on Narcotic Drugs, 1961", "single-convention-on-narcotic-drugs"),
    ("the Budapest Convention on cybercrime", "convention-on-cybercrime"),
    ("the Inter-American Convention on Transparency in Conventional Weapons Acquisitions",
     "inter-american-convention-on-transparency-in-conventional-weapons-acquisitions"),
    ("the forty Recommendations of the Financial Action Task Force", "fatf-recommendations"),
    ("apply the FATF 40 Recommendations", "fatf-recommendations"),
    ("implement the ISPS Code in ports", "international-ship-and-port-facility-security-code"),
    ("the Amendment to the Convention on the Physical Protection of Nuclear Material",
     "amendment-to-the-convention-on-the-physical-protection-of-nuclear-material"),
    ("the CPPNM and the A/CPPNM", "convention-on-the-physical-protection-of-nuclear-material"),
])
def test_named_refs_cover_the_treaty_series(text: str, slug: str) -> None:
    refs = [r for r in find_instrument_refs(text) if r.body == "named"]
    assert refs and instrument_slug(refs[0].name or "") == slug, [(r.name, text[r.start:r.end]) for r in refs]
    assert all(text[r.start:r.end] == text[r.start:r.end].strip() for r in refs)


@pytest.mark.parametrize("text", [
    "the Hague Convention of 1907", "the Vienna Convention on the Law of Treaties",
    "the report makes forty recommendations",
    "the Inter-American Convention on Human Rights",  # not the American Convention: no "American" after a hyphen
    "a sua convenção", "Att. the Minister", "the Convention on the Rights of the Child",
])
def test_named_refs_leave_other_names_alone(text: str) -> None:
    assert [r.name for r in find_instrument_refs(text) if r.body == "named"] == []


def test_named_table_is_reference_data() -> None:
    table = named_instruments()
    assert len(table) >= 60
    assert len({i.slug for i in table}) == len(table) and len({i.name for i in table}) == len(table)
    for entry in table:
        assert entry.name and entry.names and entry.slug == slugify(entry.slug)
        assert entry.kind and (entry.year is None or 1940 <= entry.year <= 2030)
        assert all(a.replace("/", "").isupper() for a in entry.acronyms)
        assert instrument_named(entry.name) is entry
        for pattern in entry.patterns:
            re.compile(pattern)
    owners: dict[str, set[str]] = {}
    for entry in table:
        for name in (*entry.names, *entry.acronyms):
            owners.setdefault(name.casefold(), set()).add(entry.slug)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}, "a name or acronym given to two instruments"


def test_every_name_finds_its_own_instrument() -> None:
    for entry in named_instruments():
        for name in entry.names:
            refs = [r for r in find_instrument_refs(f"Recalling the {name}, ") if r.body == "named"]
            assert [r.name for r in refs] == [entry.name], name


def test_existing_instrument_iris_are_stable() -> None:
    """The slugs the first table minted from the English names stay the IRIs of those instruments."""
    for name in ("Inter-American Convention against the Illicit Manufacturing of and Trafficking in Firearms, "
                 "Ammunition, Explosives, and Other Related Materials", "Inter-American Convention against Terrorism",
                 "International Convention for the Suppression of the Financing of Terrorism",
                 "Convention on International Civil Aviation",
                 "Comprehensive Inter-American Strategy to Combat Threats to Cybersecurity",
                 "Hemispheric Drug Strategy",
                 "Commitment to Public Security in the Americas",
                 "Declaration on Strengthening Cyber Security in the Americas",
                 "Declaration on the Protection of Critical Infrastructure from Emerging Threats"):
        assert instrument_slug(name) == slugify(name)


def test_name_pattern_rules() -> None:
    rx = re.compile(name_pattern("Comprehensive Nuclear-Test-Ban Treaty"), re.I)
    assert all(rx.search(t) for t in ("Comprehensive Nuclear Test Ban Treaty", "comprehensive nuclear-test-ban treaty",
                                      "Comprehensive Nuclear-Test-\nBan Treaty"))
    assert not rx.search("Comprehensive Nuclear-Test-Ban Treatyist")


# Roman numerals written out by hand, 1-60 (the OAS General Assembly held its 50th regular session in 2020).
ROMAN = ("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX "
         "XXI XXII XXIII XXIV XXV XXVI XXVII XXVIII XXIX XXX XXXI XXXII XXXIII XXXIV XXXV XXXVI XXXVII XXXVIII "
         "XXXIX XL XLI XLII XLIII XLIV XLV XLVI XLVII XLVIII XLIX L LI LII LIII LIV LV LVI LVII LVIII LIX LX").split()


def test_roman_numerals_by_hand() -> None:
    assert [_roman(n) for n in range(1, 61)] == ROMAN


def from_roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total


def test_roman_numerals_round_trip() -> None:
    numerals = [_roman(n) for n in range(1, 101)]
    assert [from_roman(r) for r in numerals] == list(range(1, 101))
    assert all(re.fullmatch(r"C?(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", r) for r in numerals)  # canonical form


@pytest.mark.parametrize(("text", "session"), [
    ("Resolution 2950 adopted at the 50th regular session of the General Assembly in 2020.", "L-O/20"),
    ("Resolution 3000 adopted at the 53rd General Assembly of the OAS in 2023.", "LIII-O/23"),
    ("Resolution 2866 approved during the 44th General Assembly of the OAS in 2014.", "XLIV-O/14"),
])
def test_oas_session_from_the_assembly_ordinal(text: str, session: str) -> None:
    start = text.index("Resolution")
    assert _oas_session(text, start, start + 15, int(text[-5:-1])) == session


def ref(number: int, year: int | None, start: int = 0, body: str = "unsc") -> InstrumentRef:
    return InstrumentRef(body=body, number=number, year=year, start=start, end=start + 5)


@pytest.mark.parametrize(("refs", "header", "expected"), [
    ([ref(660, 1990), ref(598, 1987, 10)], ResolutionHeader(660, 1990, None, 0, 21), [598]),
    ([ref(434, 1973), ref(425, 1978, 10)], ResolutionHeader(434, 1978, None, 0, 21), [425]),  # OCR'd own year
    ([ref(660, None), ref(660, 1990, 10, "oas-ag")], ResolutionHeader(660, 1990, None, 0, 21), [660]),
    ([ref(660, 1990)], None, [660]),
])
def test_self_reference_filter(refs: list[InstrumentRef], header: ResolutionHeader | None,
                               expected: list[int]) -> None:
    assert [r.number for r in self_reference_filter(refs, header)] == expected


@pytest.mark.parametrize(("number", "year", "expected"), [
    (1, 1946, True), (242, 1967, True), (546, 1984, True), (46, 1984, False), (1540, 2004, True),
    (2325, 2016, True), (2866, 2014, False), (274, 1959, False), (660, 1940, False), (2900, 2028, True),
])
def test_unsc_number_fits_year(number: int, year: int, expected: bool) -> None:
    assert unsc_number_fits_year(number, year) is expected


@pytest.mark.parametrize("text", [
    "Recalling its resolutions 242 (1967) and 338 (1973), UNSCR 1540, CIFTA and AG/RES. 2866 (XLIV-O/14)",
    "resolu-\ntion 242 (1967), the Convention on Inter-\nnational Civil Aviation and resolution 338 (1973)",
])
def test_refs_sorted_disjoint_and_exact(text: str) -> None:
    refs = find_instrument_refs(text)
    assert refs == sorted(refs, key=lambda r: r.start)
    assert all(a.end <= b.start for a, b in zip(refs, refs[1:]))
    assert all(text[r.start:r.end] == text[r.start:r.end].strip() and r.end > r.start for r in refs)


# --- against the gold set and the whole corpus ----------------------------------------------------------

def citation_scores(shared: Path) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of Council citations (by number: Council numbers are unique)."""
    tp = fp = fn = 0
    for line in (shared / "eval" / "citations.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (shared / "corpus" / "unsc-resolutions" / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        header = parse_header(text)
        got = {r.number for r in self_reference_filter(find_instrument_refs(text), header) if r.body == "unsc"}
        want = {int(re.match(r"S/RES/(\d+)", c)[1]) for c in gold["cites"]} - {header.number if header else -1}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_citation_f1_on_gold() -> None:
    precision, recall, f1 = citation_scores(shared_or_skip("eval", "citations.jsonl").parents[1])
    # measured: P 0.993, R 0.993, F1 0.993 (the one miss: the text says 755 where 775 is meant)
    assert precision >= 0.97 and recall >= 0.97 and f1 >= 0.97, (precision, recall, f1)


def test_corpus_is_fast_and_spans_exact() -> None:
    shared = shared_or_skip("eval", "citations.jsonl").parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus" / "unsc-resolutions").glob("*.txt"))]
    began = time.perf_counter()
    all_refs = [find_instrument_refs(t) for t in texts]
    assert time.perf_counter() - began < 10
    for text, refs in zip(texts, all_refs):
        assert all(a.end <= b.start for a, b in zip(refs, refs[1:]))
        for r in refs:
            span = text[r.start:r.end]
            assert span == span.strip() and (r.body == "named" or any(ch.isdigit() for ch in span))
