"""The vocabulary as data: core.ttl, shapes.ttl, themes.ttl, organizations.ttl and instruments.ttl.

Each file must parse, every term and concept must be labelled in the four languages, the
organizations must be unambiguous gazetteer keys, and the SHACL shapes must accept a small
valid document graph and reject broken ones with the right focus node.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ontology import folding

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
BASE = "https://policykg.org/"
PKG = Namespace(BASE + "ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's closed XSD namespace warns under pytest
ID = Namespace(BASE + "id/")
LANGUAGES = ("en", "es", "pt", "fr")
FILES = ("core.ttl", "shapes.ttl", "themes.ttl", "organizations.ttl", "instruments.ttl")

CLASSES = (
    "State", "Organization", "Program", "LegalInstrument", "Resolution", "NationalLaw", "Treaty",
    "BestPractice", "Document", "Passage", "Theme", "Funding", "Event", "QualifiedStatement",
)
OBJECT_PROPERTIES = (
    "mandatedBy", "implements", "cites", "fundedBy", "partner", "beneficiary", "location",
    "implementedBy", "issuedBy", "hasTheme", "mentions", "cooperatesWith", "partOf", "about",
)
DATATYPE_PROPERTIES = (
    "acronym", "symbol", "number", "session", "year", "startYear", "endYear", "iso3", "iso2", "m49",
    "demonym", "oasMember", "text", "start", "end", "section", "position", "source", "sourcePath",
    "contentHash", "documentType", "confidence", "extractor",
)
REQUIRED_ORGS = (
    "oas", "oas-general-assembly", "oas-general-secretariat", "oas-permanent-council", "oas-dps",
    "oas-sms", "oas-dtoc", "cicte", "cicad", "iachr", "inter-american-defense-board",
    "inter-american-committee-on-ports", "un", "unsc", "un-general-assembly", "un-1540-committee",
    "unoda", "unodc", "ameripol", "university-of-sao-paulo", "university-of-the-west-indies", "icao",
    "us-tsa", "us-coast-guard", "transport-canada", "microsoft", "fatf", "aecid",
    "us-department-of-state", "european-union", "commonwealth-secretariat", "league-of-arab-states",
    "organization-of-african-unity", "iaea", "icrc", "nato", "ecowas", "unhcr", "unicef",
    "world-bank", "idb", "police-academy-honduras",
)
# Names several bodies share: never an alias of one organization (folded for comparison).
AMBIGUOUS_ALIASES = (
    "general assembly", "secretary-general", "secretary general", "council", "committee",
    "commission", "secretariat", "special commission", "asamblea general", "assembleia geral",
    "assemblee generale", "secretario general", "secretaire general", "consejo", "conselho",
    "conseil", "commonwealth",
)


def fold(text: str) -> str:
    return folding.fold(text).strip()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def load(name: str) -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_DIR / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def core() -> Graph:
    return load("core.ttl")


@pytest.fixture(scope="module")
def themes() -> Graph:
    return load("themes.ttl")


@pytest.fixture(scope="module")
def orgs() -> Graph:
    return load("organizations.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load("shapes.ttl")


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return [o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language]


# --------------------------------------------------------------------------- all files


@pytest.mark.parametrize("name", FILES)
def test_file_parses_and_uses_the_default_base(name: str) -> None:
    graph = load(name)
    assert len(graph) > 0
    text = (ONTOLOGY_DIR / name).read_text(encoding="utf-8")
    assert BASE in text, "the files are rebased textually: they must be written against DEFAULT_BASE"


@pytest.mark.parametrize("name", ("shapes.ttl", "themes.ttl", "organizations.ttl", "instruments.ttl"))
def test_every_pkg_term_used_is_defined_in_core(name: str, core: Graph) -> None:
    defined = {s for s in core.subjects() if isinstance(s, URIRef) and s.startswith(str(PKG))}
    used = {t for triple in load(name) for t in triple if isinstance(t, URIRef) and t.startswith(str(PKG))}
    assert used - defined == set()


# --------------------------------------------------------------------------- core.ttl


def test_core_declares_the_ontology(core: Graph) -> None:
    ontology = URIRef(BASE + "ontology")
    assert (ontology, RDF.type, OWL.Ontology) in core
    assert set(languages(core, ontology, DCTERMS.title)) >= {"en"}
    assert core.value(ontology, OWL.versionInfo) is not None


@pytest.mark.parametrize(
    ("names", "kind"),
    [(CLASSES, OWL.Class), (OBJECT_PROPERTIES, OWL.ObjectProperty), (DATATYPE_PROPERTIES, OWL.DatatypeProperty)],
)
def test_core_defines_the_expected_terms(core: Graph, names: tuple[str, ...], kind: URIRef) -> None:
    missing = [n for n in names if (PKG[n], RDF.type, kind) not in core]
    assert missing == []


def test_every_core_term_is_labelled_in_four_languages_and_commented_in_english(core: Graph) -> None:
    terms = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in core.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and s.startswith(str(PKG))
    }
    assert len(terms) >= len(CLASSES) + len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES)
    for term in sorted(terms):
        labels = languages(core, term, RDFS.label)
        assert sorted(labels) == sorted(LANGUAGES), (term, labels)
        assert "en" in languages(core, term, RDFS.comment), term


def test_core_reuses_standard_vocabularies(core: Graph) -> None:
    schema = Namespace("https://schema.org/")
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    assert (PKG.State, RDFS.subClassOf, schema.Country) in core
    assert (PKG.Organization, RDFS.subClassOf, ORG.Organization) in core
    assert (PKG.Program, RDFS.subClassOf, schema.Project) in core
    assert {eli.LegalResource, schema.Legislation} <= set(core.objects(PKG.LegalInstrument, RDFS.subClassOf))
    for sub in ("Resolution", "NationalLaw", "Treaty"):
        assert (PKG[sub], RDFS.subClassOf, PKG.LegalInstrument) in core
    assert (PKG.Theme, RDFS.subClassOf, SKOS.Concept) in core
    assert (PKG.Funding, RDFS.subClassOf, schema.MonetaryGrant) in core
    assert (PKG.QualifiedStatement, RDFS.subClassOf, RDF.Statement) in core
    assert (PKG.cites, RDFS.subPropertyOf, eli.cites) in core
    assert (PKG.hasTheme, RDFS.subPropertyOf, DCTERMS.subject) in core
    assert (PKG.partOf, RDFS.subPropertyOf, DCTERMS.isPartOf) in core
    assert (PKG.cooperatesWith, RDF.type, OWL.SymmetricProperty) in core


# --------------------------------------------------------------------------- themes.ttl


def theme_nodes(themes: Graph) -> list[URIRef]:
    scheme = ID.themes
    return sorted(s for s in themes.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef))


def test_theme_scheme_has_about_25_themes(themes: Graph) -> None:
    assert (ID.themes, RDF.type, SKOS.ConceptScheme) in themes
    nodes = theme_nodes(themes)
    assert 25 <= len(nodes) <= 40
    for node in nodes:
        assert node.startswith(str(ID) + "theme/")
        assert slugify(node.rsplit("/", 1)[1]) == node.rsplit("/", 1)[1]
        assert (node, RDF.type, SKOS.Concept) in themes
        assert (node, RDF.type, PKG.Theme) in themes


def test_every_theme_has_one_pref_label_per_language_and_keywords(themes: Graph) -> None:
    for node in theme_nodes(themes):
        assert sorted(languages(themes, node, SKOS.prefLabel)) == sorted(LANGUAGES), node
        assert set(languages(themes, node, SKOS.altLabel)) >= set(LANGUAGES), node


def test_theme_keywords_are_not_shared_between_themes(themes: Graph) -> None:
    owners: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
    for node in theme_nodes(themes):
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in themes.objects(node, predicate):
                owners[(label.language, fold(label))].add(node)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_theme_hierarchy_points_inside_the_scheme(themes: Graph) -> None:
    nodes = set(theme_nodes(themes))
    for predicate in (SKOS.broader, SKOS.narrower, SKOS.related):
        for s, o in themes.subject_objects(predicate):
            assert s in nodes and o in nodes, (s, predicate, o)
    assert set(themes.objects(ID.themes, SKOS.hasTopConcept)) <= nodes
    required = (
        "crime-and-violence-prevention", "police-training-and-professionalization",
        "wmd-non-proliferation", "counter-terrorism", "terrorism-financing", "money-laundering",
        "cybersecurity", "firearms-control", "humanitarian-demining", "drug-policy",
        "border-control-and-customs", "maritime-and-port-security", "aviation-security",
        "supply-chain-security", "peacebuilding", "human-rights", "public-security-management",
        "crime-statistics-and-observatories", "transnational-organized-crime", "human-trafficking",
        "sanctions-and-embargoes", "peacekeeping-operations", "ceasefire-and-armed-conflict",
        "refugees-and-humanitarian-assistance", "legislative-assistance", "international-cooperation",
    )
    assert [slug for slug in required if ID["theme/" + slug] not in nodes] == []


# --------------------------------------------------------------------------- organizations.ttl


def org_nodes(orgs: Graph) -> list[URIRef]:
    return sorted(s for s in orgs.subjects(RDF.type, PKG.Organization) if isinstance(s, URIRef))


def test_organizations_have_slug_iris_and_an_english_label(orgs: Graph) -> None:
    nodes = org_nodes(orgs)
    assert len(nodes) >= len(REQUIRED_ORGS)
    for node in nodes:
        slug = node.removeprefix(str(ID) + "org/")
        assert slug != node and slugify(slug) == slug, node
        labels = languages(orgs, node, RDFS.label)
        assert "en" in labels, node
        assert len(labels) == len(set(labels)), f"{node}: one rdfs:label per language"
    present = {n.rsplit("/", 1)[1] for n in nodes}
    assert [slug for slug in REQUIRED_ORGS if slug not in present] == []


def test_organization_names_are_unambiguous_gazetteer_keys(orgs: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for node in org_nodes(orgs):
        for predicate in (RDFS.label, SKOS.altLabel, SKOS.prefLabel, PKG.acronym):
            for name in orgs.objects(node, predicate):
                owners[fold(name)].add(node)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    assert sorted(set(owners) & set(AMBIGUOUS_ALIASES)) == []


def test_acronyms_are_plain_strings(orgs: Graph) -> None:
    for node, acronym in orgs.subject_objects(PKG.acronym):
        assert isinstance(acronym, Literal) and acronym.language is None, (node, acronym)
        assert acronym.datatype in (None, XSD.string)
        assert re.fullmatch(r"[A-Z][A-Za-z]*( [IV]+)?", str(acronym)), acronym


def test_organization_links(orgs: Graph) -> None:
    nodes = set(org_nodes(orgs))
    for child, parent in orgs.subject_objects(ORG.subOrganizationOf):
        assert child in nodes and parent in nodes, (child, parent)
    for node, same in orgs.subject_objects(OWL.sameAs):
        assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q[0-9]+", str(same)), (node, same)
    known = {"oas": "Q123759", "un": "Q1065", "unsc": "Q37470", "european-union": "Q458"}
    for slug, qid in known.items():
        assert (ID["org/" + slug], OWL.sameAs, URIRef("http://www.wikidata.org/entity/" + qid)) in orgs
    assert (ID["org/unsc"], SKOS.altLabel, Literal("Security Council", lang="en")) in orgs
    assert (ID["org/oas-dps"], ORG.subOrganizationOf, ID["org/oas-sms"]) in orgs


# --------------------------------------------------------------------------- instruments.ttl

INSTRUMENT_KINDS = {"treaty", "convention", "protocol", "amendment", "recommendation", "strategy", "declaration",
                    "plan", "instrument", "code"}


@pytest.fixture(scope="module")
def instruments() -> Graph:
    return load("instruments.ttl")


def instrument_nodes(graph: Graph) -> list[URIRef]:
    return sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)})


def test_instruments_are_typed_dated_and_named_in_english(instruments: Graph) -> None:
    nodes = instrument_nodes(instruments)
    assert len(nodes) >= 60
    for node in nodes:
        slug = node.removeprefix(str(ID) + "instrument/")
        assert slug != node and slugify(slug) == slug, node
        kind = str(instruments.value(node, DCTERMS.type))
        assert kind in INSTRUMENT_KINDS, node
        treaty = kind in {"treaty", "convention", "protocol", "amendment"}
        assert set(instruments.objects(node, RDF.type)) == {PKG.Treaty if treaty else PKG.LegalInstrument}, node
        labels = languages(instruments, node, RDFS.label)
        assert "en" in labels and len(labels) == len(set(labels)), node
        assert set(labels) <= set(LANGUAGES) and set(languages(instruments, node, SKOS.altLabel)) <= set(LANGUAGES)
        year = instruments.value(node, PKG.year)
        assert isinstance(year, Literal) and 1940 <= year.toPython() <= 2030, node


def test_instrument_names_are_unambiguous(instruments: Graph) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for node in instrument_nodes(instruments):
        for predicate in (RDFS.label, SKOS.altLabel, PKG.acronym):
            for name in instruments.objects(node, predicate):
                owners[fold(name)].add(node)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    for ambiguous in ("hague convention", "montreal convention", "vienna convention", "palermo protocol", "sua"):
        assert ambiguous not in owners


def test_instruments_are_issued_by_known_organizations(instruments: Graph, orgs: Graph) -> None:
    known = set(org_nodes(orgs))
    issuers = set(instruments.objects(None, PKG.issuedBy))
    assert issuers and issuers <= known, issuers - known
