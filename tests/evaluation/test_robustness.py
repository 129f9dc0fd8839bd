"""Which entries fire where, and the three columns (original, leave-one-out, re-layout) on a fake extractor.

The fake extractor reads beneficiaries only after a label it knows, so switching off a label
that fires in one sheet alone loses that sheet's beneficiaries: the leave-one-out column must
show it, and must say n/a when the extractor cannot switch labels off. No models are loaded.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Sequence

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from evaluation.fitting import (ACRONYM, NAME, PHRASE, REGEX, REGEX_FOLDED, REGEX_I, FiringProbe, LexiconTable,
                                RuleEntry, compute_fitting, gazetteer_entries)
from evaluation.gold import ProgramFacts
from evaluation.names import ReferenceName, ReferenceNames, reference_names
from evaluation.report import EvalReport, render_markdown, tables
from evaluation.robustness import LEAVE_ONE_OUT, ORIGINAL, RELAYOUT, evaluate_robustness
from kg.store import scratch_store
from ontology.iri import Iris
from ontology.namespaces import RDF, RDFS
from ontology.reference import reference_quads

IRIS = Iris("https://policykg.org/")


@pytest.mark.parametrize(("match", "entry", "text", "fires"), [
    (PHRASE, "Países donantes", "PAISES   DONANTES  España", True),  # folded, spacing free
    (PHRASE, "Donors", "Donorship", False),  # whole words only
    (PHRASE, "Pays donateurs", "Pays donateurs: France", True),
    (REGEX_FOLDED, r"recursos (?:provienen|vem)", "Sus recursos\n  provienen de", True),
    (REGEX_FOLDED, r"financ\w*", "FINANCÉ par la France", True),  # over folded text
    (REGEX, r"\bfue (?:creada|establecida)\b", "La Misión fue creada en 2004", True),
    (REGEX, r"\bfue creada\b", "FUE CREADA", False),  # case matters
    (REGEX_I, r"chicago convention", "the Chicago\nConvention", True),
    (ACRONYM, "CIP", "the CIP and", True),
    (ACRONYM, "CIP", "the cip", False),
    (NAME, "Transport Canada", "with transport canada", False),  # capitalised entries must be capitalised
    (NAME, "Transport Canada", "with Transport  Canada", True),
    (REGEX, r"(unbalanced", "(unbalanced", False),  # a bad pattern never fires
])
def test_each_kind_of_entry_fires_as_the_extractor_looks_for_it(match: str, entry: str, text: str,
                                                                fires: bool) -> None:
    e = RuleEntry("labels", "T", entry, match)
    assert (e in FiringProbe([e]).fired(text)) is fires


def test_a_longer_name_hides_the_shorter_one_inside_it() -> None:
    long = RuleEntry("gazetteer", "g", "Inter-American Committee on Ports", NAME, "x:cip")
    short = RuleEntry("gazetteer", "g", "Committee on Ports", NAME, "x:other")
    assert FiringProbe([long, short]).fired("the Inter-American Committee on Ports met") == {long}


def test_special_cases_are_the_entries_of_one_sheet_alone() -> None:
    entries = [RuleEntry("labels", "L", x, PHRASE) for x in ("Beneficiaries", "Beneficiarios", "Donors", "Budget")]
    texts = {"a": "Beneficiaries: Canada\nDonors: Peru", "b": "Beneficiarios: Perú\nDonors"}
    fitting = compute_fitting(entries, texts)
    assert [e.text for e in fitting.special_for("a")] == ["Beneficiaries"]
    assert [e.text for e in fitting.special_for("b")] == ["Beneficiarios"]
    assert (fitting.entries, fitting.once, fitting.several, fitting.never) == (4, 2, 1, 1)
    assert fitting.special_for("nowhere") == ()


def test_gazetteer_entries_leave_out_official_state_names_and_codes() -> None:
    names = [ReferenceName("Canada", "s:CAN", "State", "label", "en"),
             ReferenceName("CAN", "s:CAN", "State", "iso3"),
             ReferenceName("Canadian", "s:CAN", "State", "demonym", "en"),
             ReferenceName("US", "s:USA", "State", "altLabel", "en"),
             ReferenceName("Transport Canada", "o:tc", "Organization", "label", "en"),
             ReferenceName("TC", "o:tc", "Organization", "acronym")]
    got = {(e.text, e.match) for e in gazetteer_entries(names)}
    assert got == {("Canadian", NAME), ("US", ACRONYM), ("Transport Canada", NAME), ("TC", ACRONYM)}


# --- the three columns on a fake extractor -----------------------------------------------------------

STATES = {"Canada": "CAN", "Peru": "PER", "Perú": "PER", "Chile": "CHL"}
SHEETS = {
    "alpha": ("en", "Port Program\n\nPROGRAM SUMMARY\n\nThe Port Program trains port officers of the region.\n\n"
                    "OBJECTIVES\n\nTo train officers.\n\nBeneficiaries      Canada, Peru\n"),
    "beta": ("es", "Programa de Puertos\n\nRESUMEN DEL PROGRAMA\n\nEl programa forma oficiales portuarios.\n\n"
                   "OBJETIVOS\n\nFormar oficiales.\n\nBeneficiarios      Chile, Perú\n"),
}
LEXICON = (LexiconTable("FIELD_LABELS[beneficiary]", PHRASE, ("Beneficiaries", "Beneficiarios", "Target countries")),)


class FakeExtractor:
    """A program per sheet (its first line); beneficiaries read on a line that starts with a known label."""

    def __init__(self, families: frozenset[str]) -> None:
        self.families = families
        self.calls: list[tuple[str, frozenset[str]]] = []

    def lexicon(self) -> Sequence[LexiconTable]:
        return LEXICON

    def disables(self) -> frozenset[str]:
        return self.families

    def read(self, path: str) -> str:
        return SHEETS[path][1]

    def document_quads(self, source: str, text: str, *, disabled: Collection[RuleEntry] = ()) -> list[Quad]:
        assert all(e.family in self.families for e in disabled)
        self.calls.append((source, frozenset(e.text for e in disabled)))
        labels = [x for x in LEXICON[0].entries if x not in {e.text for e in disabled}]
        cid = hashlib.sha256(text.encode()).hexdigest()[:16]
        g = NamedNode(IRIS.document_graph(cid))
        doc, program = NamedNode(IRIS.document(cid)), NamedNode(IRIS.program(source))
        v = IRIS.vocab
        quads = [Quad(doc, NamedNode(RDF + "type"), NamedNode(v("Document")), g),
                 Quad(doc, NamedNode(v("source")), Literal(source), g),
                 Quad(doc, NamedNode(v("about")), program, g),
                 Quad(program, NamedNode(RDF + "type"), NamedNode(v("Program")), g),
                 Quad(program, NamedNode(RDFS + "label"), Literal(text.strip().split("\n")[0].strip()), g)]
        for line in text.split("\n"):
            if any(re.match(rf"\s*{re.escape(label)}\b", line, re.I) for label in labels):
                for name, iso3 in STATES.items():
                    if re.search(rf"\b{name}\b", line):
                        quads.append(Quad(program, NamedNode(v("beneficiary")), NamedNode(IRIS.state(iso3)), g))
        return quads


def gold() -> list[ProgramFacts]:
    return [ProgramFacts("alpha", "Port Program", None, "en", (), (), ("CAN", "PER"), (), (), (), None, None),
            ProgramFacts("beta", "Programa de Puertos", None, "es", (), (), ("CHL", "PER"), (), (), (), None, None)]


@pytest.fixture(scope="module")
def reference() -> list[Quad]:
    return list(reference_quads(IRIS))


def run(families: frozenset[str], reference: list[Quad], *, variants: int = 2):  # type: ignore[no-untyped-def]
    extractor = FakeExtractor(families)
    sources = {doc: (doc, hashlib.sha256(text.encode()).hexdigest()) for doc, (_, text) in SHEETS.items()}
    sources["gamma"] = (None, "x")  # stored without a source path
    g = [*gold(), ProgramFacts("gamma", "x", None, "en", (), (), (), (), (), (), None, None)]
    report = evaluate_robustness(extractor, g, sources=sources, scratch=scratch_store(), ontology=IRIS.ontology,
                                 reference=reference, names=ReferenceNames(reference_names(reference, IRIS), IRIS),
                                 variants=variants, seed=0)
    return report, extractor


def score(report, condition: str, row: str, lang: str = "all"):  # type: ignore[no-untyped-def]
    c = report.condition(condition)
    return next(s.prf for s in (*c.scores, *c.overall) if s.field == row and s.language == lang)


def test_leave_one_out_switches_off_what_fired_in_that_sheet_alone(reference: list[Quad]) -> None:
    report, extractor = run(frozenset({"labels", "gazetteer"}), reference)
    assert report.sheets == ("alpha", "beta") and report.unreadable == (("gamma", "no source path recorded"),)
    assert [e.text for e in report.fitting.special_for("alpha")] == ["Beneficiaries"]
    assert ("alpha", frozenset({"Beneficiaries"})) in extractor.calls
    assert score(report, ORIGINAL, "beneficiary").recall == 1.0
    assert score(report, LEAVE_ONE_OUT, "beneficiary").recall == 0.0  # each sheet's only label was its own
    assert score(report, LEAVE_ONE_OUT, "program").f1 == 1.0
    assert report.condition(LEAVE_ONE_OUT).available and report.loo_missing == () and report.loo_partial is None
    assert {x.condition for x in report.losses} >= {LEAVE_ONE_OUT}
    assert report.condition(RELAYOUT).runs == 2 * 2
    assert score(report, ORIGINAL, "state links", "es").recall == 1.0


def test_leave_one_out_is_na_until_the_extractor_can_switch_labels_off(reference: list[Quad]) -> None:
    report, extractor = run(frozenset({"gazetteer"}), reference, variants=1)
    loo = report.condition(LEAVE_ONE_OUT)
    assert not loo.available and loo.runs == 0 and "labels" in report.loo_missing
    assert report.loo_partial is not None and report.loo_partial.available
    assert all(disabled == frozenset() for _, disabled in extractor.calls)  # nothing it cannot switch off
    result = EvalReport("gold", "store", (), None, None, None, None, 1.0, report)
    table = next(t for t in tables(result) if t.title.startswith("Program sheets: original"))
    row = next(r for r in table.rows if r[:2] == ("beneficiary", "all"))
    assert row[5:8] == ("n/a", "n/a", "n/a") and row[2:5] == ("1.0000", "1.0000", "1.0000")
    markdown = render_markdown(result)
    assert "## Rule and lexicon entries that fire in one development sheet only" in markdown
    assert "| alpha | FIELD_LABELS[beneficiary] | Beneficiaries |" in markdown
    json.dumps(result.as_dict())  # the whole report is JSON


def test_re_layout_runs_are_bounded_and_named(reference: list[Quad]) -> None:
    report, extractor = run(frozenset({"gazetteer"}), reference, variants=3)
    runs = report.condition(RELAYOUT).sheets
    assert len(runs) == 3 * 2 and all(r.document.count("~") == 2 for r in runs)
    assert sum(c.runs for c in report.by_recipe) == len(runs)
    assert len(extractor.calls) == 2 * (1 + 3)  # original + variants; no leave-one-out run without entries to drop
