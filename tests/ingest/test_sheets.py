"""Program sheets: label tables, segmentation, value-line assignment, names, and extraction against gold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pytest

from ingest.gazetteer import Entry, Gazetteer
from ingest.model import Fact, NewEntity
from ingest.sheets.extract import extract_programs
from ingest.sheets.fields import FieldLabel, FieldValue, assign_fields
from ingest.sheets.labels import LABEL_FAMILIES, PROGRAM_HEAD_WORDS
from ingest.sheets.label_words import LABEL_KIND_PRECEDENCE, SECTION_KINDS, label_kind
from ingest.sheets.names import find_acronym_definitions, find_org_names, find_program_names
from ingest.sheets.segment import looks_like_program_sheet, segment_sheet
from ingest.sheets.text import TextView, fold_key, sentence_spans
from ontology.iri import Iris

IRIS = Iris("https://policykg.org/")
ASSERTED = 0.5


def tiny_gazetteer() -> Gazetteer:
    """A few states and organizations, enough for synthetic snippets."""
    rows = [("Canada", "state", "CAN"), ("Canadá", "state", "CAN"), ("Guatemala", "state", "GTM"),
            ("Honduras", "state", "HND"), ("Jamaica", "state", "JAM"), ("España", "state", "ESP"),
            ("Spain", "state", "ESP"), ("Peru", "state", "PER"), ("Colombia", "state", "COL"),
            ("CICTE", "org", "cicte"), ("Inter-American Committee against Terrorism", "org", "cicte"),
            ("Organization of American States", "org", "oas"), ("OAS", "org", "oas")]
    return Gazetteer(Entry(text, IRIS.state(key) if kind == "state" else IRIS.org(key),
                           "State" if kind == "state" else "Organization", None, text.isupper())
                     for text, kind, key in rows)


def run(text: str, *, lang: str = "en", gazetteer: Gazetteer | None = None) -> tuple[list[NewEntity], list[Fact]]:
    return extract_programs(text, segment_sheet(text), lang=lang, gazetteer=gazetteer or tiny_gazetteer(), iris=IRIS)


def asserted(facts: Iterable[Fact], predicate: str) -> set[str]:
    return {f.object for f in facts if f.predicate == predicate and f.confidence >= ASSERTED and f.object}


# --- tables ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, key", [
    ("Target Beneficiaries   Jamaica", "beneficiary"), ("Beneficiarios      Guatemala", "beneficiary"),
    ("Beneficiários   Peru", "beneficiary"), ("Pays bénéficiaires   Canada", "beneficiary"),
    ("Donor Countries   Canada", "donor"), ("Países donantes    España", "donor"),
    ("Países doadores   Canada", "donor"), ("Pays donateurs   Canada", "donor"),
    ("Agencies, sectors, civil society, etc   CICTE", "partner"),
    ("Organismos, sectores, sociedad civil, etc.   CICTE", "partner"),
    ("Órgãos, setores, sociedade civil etc.   CICTE", "partner"),
    ("Organismes, secteurs, société civile, etc.   CICTE", "partner"),
    ("Executing entities: CICTE", "executing"), ("Start: 2016", "start"), ("Início     1992", "start"),
    ("Completion to    April 2010", "end"), ("Finalización   2012", "end"), ("Achèvement   2012", "end"),
    ("Pilar de la OEA   Seguridad", "pillar"), ("Lien vers la page web   http://x.org", "link"),
    ("Duration: 2015 – 2018", "period"), ("Donor Countries Canada, Spain", "donor"),
    ("Beneficiarios Guatemala, Honduras", "beneficiary"), ("Presupuesto:  US$ 1,2 millones", "budget"),
])
def test_field_labels_in_four_languages(line: str, key: str) -> None:
    text = f"PROGRAM SUMMARY\n\nThe program helps.\n\n{line}\n"
    labels = [s.label for s in segment_sheet(text) if s.label and s.label.startswith("field:")]
    assert labels == [f"field:{key}"]
    assert any(s.label == "value" for s in segment_sheet(text))


@pytest.mark.parametrize("first, second", [
    ("Agencies, sectors, civil", "society, etc"), ("Organismes, secteurs,", "société civile, etc."),
    ("Organismos, sectores, sociedad", "civil, etc"),
])
def test_labels_broken_over_lines_are_one_label(first: str, second: str) -> None:
    text = f"RESULTS\n\nIt worked well.\n\n{first}\n\n{second}\n\nLink to web page\n"
    fields = [s for s in segment_sheet(text) if s.kind == "fields"]
    assert [s.label for s in fields] == ["field:partner", "field:link"]
    assert text[fields[0].start:fields[0].end].startswith(first)
    assert text[fields[0].start:fields[0].end].endswith(second)


def test_label_tables_are_complete() -> None:
    assert set(LABEL_KIND_PRECEDENCE) == set(LABEL_FAMILIES)  # every kind can win a tie
    assert set(SECTION_KINDS) <= set(LABEL_FAMILIES)
    assert set(PROGRAM_HEAD_WORDS) == {"en", "es", "pt", "fr"}


@pytest.mark.parametrize("label, kind", [
    ("Key Outcomes", "results"), ("Principales logros", "results"), ("Visão geral", "summary"),
    ("Objectif général", "objectives"), ("Finalidade", "objectives"), ("Base jurídica", "mandate"),
    ("Recipient Countries", "beneficiary"), ("Pays récipiendaires", "beneficiary"), ("Estados participantes", "beneficiary"),
    ("Financial contributors", "donor"), ("Fuente de financiamiento", "donor"), ("Bailleurs de fonds", "donor"),
    ("Implementing partners", "partner"), ("Instituições colaboradoras", "partner"), ("Organisme d'exécution", "executing"),
    ("Lead Agency", "executing"), ("Année de lancement", "start"), ("Fecha de cierre", "end"), ("Échéance", "end"),
    ("Período de ejecución", "period"), ("Costo total", "budget"), ("Punto focal", "contact"), ("Sitio web", "link"),
    ("Comp1etion to", "end"), ("Surnmary", "summary"),
    ("OAS member states", None), ("Guatemala, Honduras", None), ("Human Rights", None), ("Program", None),
    ("Department of Public Security", None), ("The program trains police officers", None),
])
def test_labels_are_read_by_their_words(label: str, kind: str | None) -> None:
    assert label_kind(label) == kind


# --- segmentation ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("PROGRAM SUMMARY\n\nOBJECTIVES\n\nDonor Countries\n\nLink to web page\n", True),
    ("RESUMEN DEL PROGRAMA\n\nBeneficiarios   Perú\nPaíses donantes   España\n", True),
    ("The Security Council,\n\nRecalling its resolution 660 (1990),\n\n1. Demands that Iraq withdraw\n", False),
    ("Minutes of the meeting\n\nThe committee discussed the budget.\n", False),
])
def test_looks_like_program_sheet(text: str, expected: bool) -> None:
    assert looks_like_program_sheet(text) is expected


@pytest.mark.parametrize("heading, kind", [
    ("PROGRAM SUMMARY", "summary"), ("RESUMEN DEL PROGRAMA", "summary"), ("RESUMO DO PROGRAMA", "summary"),
    ("RÉSUMÉ DU PROGRAMME", "summary"), ("OBJETIVOS", "objectives"), ("OBJECTIFS", "objectives"),
    ("RÉSULTATS", "results"), ("RESULTADOS", "results"), ("ANTECEDENTES", "background"), ("CONTEXTE", "background"),
])
def test_section_headings(heading: str, kind: str) -> None:
    text = f"{heading}\n\nThe program reached several states in the region this year.\n"
    assert [s.kind for s in segment_sheet(text)] == [kind]


def test_stacked_headings_sort_paragraphs_by_their_opening() -> None:
    text = ("PROGRAM SUMMARY\n\nOBJECTIVES\n\nRESULTS\n\nTo train police officers in the region.\n\n"
            "In 2016 forty officers were trained in Honduras.\n\n Canada\n\n   Donor Countries\n\n"
            "The Network was created by the DPS in 2015 to support police training.\n")
    kinds = [(s.kind, s.label) for s in segment_sheet(text)]
    assert kinds == [("objectives", None), ("results", None), ("fields", "value"), ("fields", "field:donor"),
                     ("summary", None)]


def test_repeated_headings_after_body_start_a_new_block() -> None:
    body = "The program trains officials of the member states in several areas of public security. " * 5
    text = (f"PROGRAM SUMMARY\n\nOBJECTIVES\n\n{body}\n\nOBJECTIVES\n\nRESULTS\n\n{body}\n\n"
            f"PROGRAM SUMMARY\n\nOBJECTIVES\n\n{body}\n")
    segments = segment_sheet(text)
    assert [s.block for s in segments] == [0, 1, 2]
    single = f"RESUMEN DEL PROGRAMA\n\n{body}\n\nOBJETIVOS\n\n{body}\n\nRESULTADOS\n\n{body}\n"
    assert {s.block for s in segment_sheet(single)} == {0}


def test_segments_are_trimmed_exact_and_long_paragraphs_split() -> None:
    sentence = "The program trained border officials of the member states in risk management. "
    text = "RESULTS\n\n  " + sentence * 30 + "\n"
    segments = segment_sheet(text)
    assert len(segments) > 1 and all(s.end - s.start <= 1200 for s in segments)
    for s in segments:
        assert text[s.start:s.end] == text[s.start:s.end].strip() and text[s.start:s.end].endswith(".")


def test_a_sentence_broken_over_a_blank_line_is_one_paragraph() -> None:
    text = "RESULTS\n\nThe team will draft the reform of the law to\n\ncounter the financing of terrorism.\n"
    assert [text[s.start:s.end] for s in segment_sheet(text)] == [
        "The team will draft the reform of the law to\n\ncounter the financing of terrorism."]


@pytest.mark.parametrize("text, spans", [
    ("In St. Kitts and Nevis a course was held. The U.S. Coast Guard helped.",
     ["In St. Kitts and Nevis a course was held.", "The U.S. Coast Guard helped."]),
    ("Created in 2007. It grew.", ["Created in 2007.", "It grew."]),
])
def test_sentences(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == spans


def test_hyphenation_view_maps_back_to_exact_offsets() -> None:
    text = "la République domini-\ncaine et"
    view = TextView.of(text)
    start = view.clean.index("République dominicaine")
    a, b = view.original_span(start, start + len("République dominicaine"))
    assert text[a:b] == "République domini-\ncaine"


# --- value lines -------------------------------------------------------------------------------

def L(key: str, pos: int, cluster: int = 0) -> FieldLabel:  # noqa: E743
    return FieldLabel(key, pos * 10, pos * 10 + 5, pos, cluster)


def V(kind: str, pos: int, cluster: int = 0, **kw: object) -> FieldValue:
    return FieldValue(pos * 10, pos * 10 + 5, pos, cluster, kind, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("name, labels, values, expected", [
    ("same line", [L("donor", 0)], [V("states", 1, inline=0)], [("donor", 1, 1.0)]),
    ("value before its label", [L("beneficiary", 1)], [V("states", 0, n_items=3, activity=1.0)],
     [("beneficiary", 0, 0.95)]),
    ("out of order: funding evidence decides", [L("beneficiary", 0), L("donor", 1), L("pillar", 2)],
     [V("states", 3, n_items=1, funding=1.0), V("states", 4, n_items=4, activity=1.0), V("pillar", 5)],
     [("donor", 3, 0.9), ("beneficiary", 4, 0.9), ("pillar", 5, 0.85)]),
    ("single word is the pillar", [L("donor", 0), L("beneficiary", 1), L("pillar", 2)],
     [V("states", 3, n_items=3, funding=1.0), V("pillar", 4), V("states", 5, n_items=10, activity=1.0)],
     [("donor", 3, 0.9), ("pillar", 4, 0.85), ("beneficiary", 5, 0.9)]),
    ("lone state by the donor label, no evidence", [L("donor", 1), L("end", 2)],
     [V("states", 0, n_items=1)], [("donor", 0, 0.4)]),
    ("lone state by the donor label, paid for in the text", [L("donor", 1), L("end", 2)],
     [V("states", 0, n_items=1, funding=1.0)], [("donor", 0, 0.95)]),
    ("orphan list far from labels: the beneficiaries", [L("donor", 0), L("partner", 1, cluster=1), L("link", 2, 1)],
     [V("url", 3, 1), V("states", 4, 1, n_items=8, activity=1.0)], [("link", 3, 0.95), ("beneficiary", 4, 0.7)]),
    ("lists swapped against the layout by strong evidence", [L("donor", 0), L("beneficiary", 2)],
     [V("states", 1, n_items=3, activity=1.0), V("states", 3, n_items=1, funding=1.0)],
     [("beneficiary", 1, 0.9), ("donor", 3, 0.9)]),
    ("no evidence either way: a low-confidence guess", [L("beneficiary", 0), L("donor", 1)],
     [V("states", 2, n_items=2), V("states", 3, n_items=3)], [("donor", 2, 0.55), ("beneficiary", 3, 0.55)]),
    ("by the donor label but named only as places", [L("donor", 1)], [V("states", 0, n_items=2, activity=1.0)],
     [("donor", 0, 0.45)]),
    ("n/a consumes nothing useful", [L("beneficiary", 0), L("end", 1), L("donor", 2)],
     [V("members", 3, n_items=3, activity=1.0), V("null", 4)], [("beneficiary", 3, 0.85), ("donor", 4, 1.0)]),
])
def test_value_line_assignment(name: str, labels: list[FieldLabel], values: list[FieldValue],
                               expected: list[tuple[str, int, float]]) -> None:
    got = [(a.key, a.value.pos, a.confidence) for a in assign_fields(labels, values)]
    assert got == expected, name
    assert all(a.note for a in assign_fields(labels, values) if a.confidence < 1.0 and a.value.kind != "null")


# --- names -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("the Port Security Assistance Partnership (PSAP) was formed", [("Port Security Assistance Partnership", "PSAP")]),
    ("La Misión de Apoyo al Proceso de Paz en Colombia (MAPP/OEA) fue creada",
     [("Misión de Apoyo al Proceso de Paz en Colombia", "MAPP/OEA")]),
    ("le Département de la sécurité publique (DSP) de l'OEA", [("Département de la sécurité publique", "DSP")]),
    ("A Junta Interamericana de Defesa (JID) fornece instrutores", [("Junta Interamericana de Defesa", "JID")]),
    ("a computer security incident response team (CSIRT) in every state",
     [("computer security incident response team", "CSIRT")]),
    ("in the region (2016) and beyond", []),
])
def test_acronym_definitions(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(n.name, n.acronym) for n in find_acronym_definitions(text)] == expected


@pytest.mark.parametrize("lang, text, name, acronym", [
    ("en", "Through its Cyber Security Program, the committee helps", "Cyber Security Program", None),
    ("en", "The Meeting of Ministers Responsible for Public Security in the Americas (MISPA) is the forum",
     "Meeting of Ministers Responsible for Public Security in the Americas", "MISPA"),
    ("en", "Through the UNSCR 1540 (2004) Implementation Program, CICTE offers",
     "UNSCR 1540 (2004) Implementation Program", None),
    ("es", "El Programa de Asistencia para el Control de Armas y Municiones (PACAM) ayuda",
     "Programa de Asistencia para el Control de Armas y Municiones", "PACAM"),
    ("pt", "O Programa de Ação Integral contra Minas Antipessoal (AICMA) teve início em 1992",
     "Programa de Ação Integral contra Minas Antipessoal", "AICMA"),
    ("fr", "Le Réseau Interaméricain de Prévention de la Violence (RIPV) a été créé",
     "Réseau Interaméricain de Prévention de la Violence", "RIPV"),
    ("en", "The Cargo and Container Security Program of the Inter-American Committee against Terrorism started",
     "Cargo and Container Security Program", None),
])
def test_program_names(lang: str, text: str, name: str, acronym: str | None) -> None:
    found = find_program_names(text, lang=lang)
    assert [(n.name, n.acronym) for n in found][:1] == [(name, acronym)]


@pytest.mark.parametrize("text, expected", [
    ("the Secretariat of the Inter-American Committee against Terrorism (CICTE) identifies",
     [("Inter-American Committee against Terrorism", "CICTE")]),
    ("the Commonwealth Secretariat Cyber Crime Initiative and the Oxford University Cyber Security Centre advised",
     [("Commonwealth Secretariat Cyber Crime Initiative", None), ("Oxford University Cyber Security Centre", None)]),
    ("at the Police Academy of Honduras in 2017", [("Police Academy of Honduras", None)]),
    ("the Ministerio de Gobernación, Policía y Seguridad", [("Ministerio de Gobernación", None)]),
])
def test_organization_names(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(n.name, n.acronym) for n in find_org_names(text)] == expected


# --- extraction on snippets --------------------------------------------------------------------

SNIPPET = """PROGRAM SUMMARY

OBJECTIVES

RESULTS

To strengthen the capacity of police forces in the region.

In 2016 the program trained officers in Honduras and Jamaica.
 {value}

            Donor Countries

Completion to

Through its Police Training Program (PTP), CICTE offers courses to member states. {funding}
"""


@pytest.mark.parametrize("value, funding, donors, low", [
    ("Canada", "The program is financed by the Government of Canada.", {IRIS.state("CAN")}, set()),
    ("Guatemala", "", set(), {IRIS.state("GTM")}),
    ("n/a", "", set(), set()),
])
def test_donor_next_to_label_needs_evidence(value: str, funding: str, donors: set[str], low: set[str]) -> None:
    entities, facts = run(SNIPPET.format(value=value, funding=funding))
    program = entities[0]
    assert (program.labels[0][0], program.acronym) == ("Police Training Program", "PTP")
    assert program.iri == IRIS.program("PTP")
    assert asserted(facts, "fundedBy") == donors
    weak = {f.object for f in facts if f.predicate == "fundedBy" and f.confidence < ASSERTED}
    assert weak == low and all(f.note for f in facts if f.confidence < 1.0)
    assert asserted(facts, "implementedBy") == {IRIS.org("cicte")}
    assert asserted(facts, "beneficiary") == {IRIS.state("HND"), IRIS.state("JAM")}
    assert {f.literal for f in facts if f.predicate == "startYear"} == set()
    for f in facts:
        assert 0 <= f.start < f.end <= len(SNIPPET.format(value=value, funding=funding))


@pytest.mark.parametrize("lang, text, beneficiaries, donors", [
    ("en", "PROJECT SUMMARY\nThe Border Project was created in 2011 by CICTE.\n\nBeneficiaries:\nJamaica, Peru\n"
           "Donors:\nCanada\n", {"JAM", "PER"}, {"CAN"}),
    ("es", "RESUMEN DEL PROGRAMA\nEl Programa Fronterizo fue creado en 2011 por CICTE.\n\n"
           "Beneficiarios: Jamaica, Perú\nPaíses donantes: España\n", {"JAM"}, {"ESP"}),
    ("pt", " RESUMO DO PROGRAMA\n\nOBJETIVOS\n\nFortalecer as polícias da região.\n\nEm 2019 o programa capacitou "
           "policiais na Colômbia e no Peru.\n\n Colombia, Peru\n\nBeneficiários\n\n Canadá\n\n"
           "   Países doadores\n\nO Programa de Polícia foi criado em 2017 pelo CICTE com recursos do Canadá.\n",
     {"COL", "PER"}, {"CAN"}),
])
def test_field_layouts_in_other_languages(lang: str, text: str, beneficiaries: set[str], donors: set[str]) -> None:
    _, facts = run(text, lang=lang)
    assert asserted(facts, "beneficiary") >= {IRIS.state(x) for x in beneficiaries}
    assert asserted(facts, "fundedBy") == {IRIS.state(x) for x in donors}
    assert asserted(facts, "implementedBy") == {IRIS.org("cicte")}


def test_two_programs_in_french() -> None:
    text = ("OBJECTIFS\n\nRÉSULTATS\n\nRenforcer les polices de la région en matière d'enquête criminelle.\n\n"
            "En 2018, des formations ont eu lieu au Honduras.\n\n Canada\n\n            Pays donateurs\n\n"
            "Le Programme de formation policière (PFP) a été créé en 2015 par le CICTE, grâce au financement du "
            "Canada.\n\n\n\nOBJECTIFS\n\nRÉSULTATS\n\nAméliorer la gestion des prisons dans les États membres.\n\n"
            "Des diagnostics ont été réalisés au Pérou et en Colombie.\n\n Colombia, Peru\n\n"
            "Pays bénéficiaires\n\nLe Réseau des systèmes pénitentiaires (RSP) est coordonné par le CICTE "
            "depuis 2012.\n")
    entities, facts = run(text, lang="fr")
    programs = [e for e in entities if e.kind == "Program"]
    assert [(p.labels[0][0], p.acronym) for p in programs] == [
        ("Programme de formation policière", "PFP"), ("Réseau des systèmes pénitentiaires", "RSP")]
    first, second = (p.iri for p in programs)
    assert {(f.subject, f.object) for f in facts if f.predicate == "fundedBy" and f.confidence >= ASSERTED} == {
        (first, IRIS.state("CAN"))}
    assert {f.object for f in facts if f.subject == second and f.predicate == "beneficiary"} == {
        IRIS.state("COL"), IRIS.state("PER")}
    assert {(f.subject, f.literal) for f in facts if f.predicate == "startYear"} == {(first, 2015), (second, 2012)}


def test_field_values_with_ranges_agencies_and_long_lists() -> None:
    text = ("PROJECT SUMMARY\nThe Tracing Project trains police.\n\nDuration: 2015 – 2018\nBeneficiaries:\n"
            "Jamaica, Peru, Colombia, Honduras, Guatemala and the many other member states of the hemisphere region\n"
            "Donors:\nSpain (Agencia Española de Cooperación Internacional, AECID), Canada\n"
            "Partners:\nInternational Criminal Police Organization; Small Arms Survey\n")
    _, facts = run(text)
    assert {(f.predicate, f.literal) for f in facts if f.literal} == {("startYear", 2015), ("endYear", 2018)}
    assert asserted(facts, "fundedBy") == {IRIS.state("ESP"), IRIS.state("CAN")}
    assert asserted(facts, "beneficiary") == {IRIS.state(x) for x in ("JAM", "PER", "COL", "HND", "GTM")}
    assert asserted(facts, "partner") == {IRIS.org("International Criminal Police Organization"),
                                          IRIS.org("Small Arms Survey")}


def test_unknown_partner_is_minted_and_returned_as_entity() -> None:
    text = ("PROGRAM SUMMARY\n\nThe Border Program was created in 2012 by CICTE in partnership with the "
            "Caribbean Customs Law Enforcement Council Secretariat (CCLEC).\n\nTarget Beneficiaries   Jamaica\n")
    entities, facts = run(text)
    minted = IRIS.org("Caribbean Customs Law Enforcement Council Secretariat")
    assert minted in asserted(facts, "partner")
    assert any(e.iri == minted and e.kind == "Organization" and e.acronym == "CCLEC" for e in entities)
    assert {f.literal for f in facts if f.predicate == "startYear"} == {2012}
    assert asserted(facts, "beneficiary") == {IRIS.state("JAM")}
