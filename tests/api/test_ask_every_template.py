"""Every template of ``/ask`` in every language, over HTTP: the question is read as that template, it answers,
and its ``sparql`` posted to ``/sparql`` yields exactly the answers ``/ask`` returned.

The questions are worded here, in each language as a native speaker would ask them, about entities of the
test stores: the slice of resolutions and the sample program sheets (``server``), the program sheets
with three national laws (``programs_settings``, the only store holding laws), and the shared corpus's
rated practices. For the evidence-based templates the answers come from passages bound in the query,
so the test also checks what that query means: each answer's score is the reciprocal rank of the best bound document about it
(``instrument_of_evidence``) or the sum over the bound passages that mention it (``entities_of_evidence``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import TOKEN, running_server, shared_or_skip

LANGUAGES = ("en", "es", "pt", "fr")
PKG = "https://policykg.org/ontology#"

#: (template, language, question, a label or symbol among the answers when the data decides one, store)
PACAM = "Programa de Asistencia para el Control de Armas y Municiones"
AICMA = "Programa de Ação Integral contra Minas Antipessoal"
CASES: list[tuple[str, str, str, str | None, str]] = [
    ("instruments_citing", "en", "In which Security Council resolutions is resolution 660 (1990) cited?",
     "S/RES/678 (1990)", "slice"),
    ("instruments_citing", "es", "¿Qué resoluciones posteriores mencionan la resolución 660 (1990)?",
     "S/RES/678 (1990)", "slice"),
    ("instruments_citing", "pt", "Em que resoluções a resolução 693 (1991) é citada?", "S/RES/729 (1992)", "slice"),
    ("instruments_citing", "fr", "Quelles résolutions citent la résolution 660 (1990) ?", "S/RES/678 (1990)", "slice"),

    ("instruments_cited", "en", "What earlier resolutions does resolution 729 (1992) cite?", "S/RES/693 (1991)", "slice"),
    # a singular verb before a plural kind-word: the resolution named is the one citing
    ("instruments_cited", "es", "¿Qué resoluciones cita la resolución 678 (1990)?", "S/RES/660 (1990)", "slice"),
    ("instruments_cited", "pt", "Quais resoluções a resolução 729 (1992) menciona?", "S/RES/714 (1991)", "slice"),
    ("instruments_cited", "fr", "Quelles résolutions sont citées dans la résolution 678 (1990) ?", "S/RES/660 (1990)",
     "slice"),

    ("programs_related", "en", "Which OAS programs benefit Nicaragua?", PACAM, "slice"),
    ("programs_related", "es", "¿Qué programas de la OEA apoyan a Honduras?", PACAM, "slice"),
    ("programs_related", "pt", "Quais programas da OEA atuam no Equador?", AICMA, "slice"),
    ("programs_related", "fr", "Quels programmes de l'OEA soutiennent le Nicaragua ?", PACAM, "slice"),

    ("states_involved", "en", "Which countries does the PACAM program serve?", "Guatemala", "slice"),
    ("states_involved", "es", "¿Qué países se benefician del programa AICMA?", "Colombia", "slice"),
    ("states_involved", "pt", "Quais Estados são mencionados na resolução 660 (1990)?", "Kuwait", "slice"),
    ("states_involved", "fr", "Quels pays participent au programme PACAM ?", "Honduras", "slice"),

    ("program_actors", "en", "Who paid for the Port Security Assistance Partnership?", "Canada", "slice"),
    ("program_actors", "es", "¿Quiénes son los donantes del PACAM?", "Spain", "slice"),
    ("program_actors", "pt", "Com que parceiros conta o programa PSAP?", None, "slice"),
    ("program_actors", "fr", "Quels pays financent le programme PACAM ?", "United States", "slice"),

    # a theme and no program: the actors of the theme's programs ("who…" asks for actors, whatever kind-word follows)
    ("theme_actors", "en", "Who funds the programs on firearms control?", "United States", "programs"),
    ("theme_actors", "es", "¿Quiénes son los socios de los programas de ciberseguridad?", "Microsoft", "programs"),
    ("theme_actors", "pt", "Quem financia os programas de controle de armas de fogo?", "Spain", "programs"),
    ("theme_actors", "fr", "Quelles organisations sont partenaires des programmes de cybersécurité ?", "Microsoft",
     "programs"),

    ("laws_of_state", "en", "Which US federal statutes are in the collection?", None, "programs"),
    ("laws_of_state", "es", "Enumera las leyes federales de México.", None, "programs"),
    ("laws_of_state", "pt", "Quais leis canadenses estão disponíveis?", None, "programs"),
    ("laws_of_state", "fr", "Quelles lois des États-Unis figurent dans le corpus ?", None, "programs"),

    ("instrument_of_evidence", "en", "Which resolution froze Iraqi assets and barred trade with Iraq?", "S/RES/661 (1990)", "slice"),
    ("instrument_of_evidence", "es", "¿Qué resolución acogió con beneplácito el Acuerdo de Governors Island?", "S/RES/861 (1993)",
     "slice"),
    ("instrument_of_evidence", "pt", "Qual resolução confiou ao Secretário-Geral os bons ofícios entre a Argentina e o "
     "Reino Unido?", "S/RES/505 (1982)", "slice"),
    ("instrument_of_evidence", "fr", "Quelle résolution a déclaré nulle l'annexion du Koweït par l'Irak ?",
     "S/RES/662 (1990)", "slice"),

    ("entities_of_evidence", "en", "Which country did Iraq invade in August 1990?", "Kuwait", "slice"),
    ("entities_of_evidence", "es", "¿Qué país ocupó Irak en 1990?", "Kuwait", "slice"),
    ("entities_of_evidence", "pt", "Qual país foi invadido pelo Iraque em 1990?", "Kuwait", "slice"),
    ("entities_of_evidence", "fr", "Quel pays l'Irak a-t-il occupé en 1990 ?", "Kuwait", "slice"),

    ("practices_related", "en", "Which practices have been tried in the United Kingdom?",
     "Street Lighting in Dudley (England)", "practices"),
    ("practices_related", "es", "¿Qué prácticas se pusieron a prueba en los Estados Unidos?", None, "practices"),
    ("practices_related", "pt", "Que práticas foram testadas nos Estados Unidos?", None, "practices"),
    ("practices_related", "fr", "Quelles pratiques ont été évaluées au Royaume-Uni ?",
     "Street Lighting in Stoke-on-Trent (England)", "practices"),

    ("compare_states", "en", "What do Colombia and Peru have in common?", None, "slice"),
    ("compare_states", "es", "Compara Honduras con Nicaragua.", None, "slice"),
    # "diferem": the Portuguese verb, not the noun "diferenças"
    ("compare_states", "pt", "Em que diferem a Guatemala e o Equador?", None, "slice"),
    ("compare_states", "fr", "Quelles différences y a-t-il entre la Colombie et l'Équateur ?", None, "slice"),
]
TEMPLATES = sorted({t for t, *_ in CASES})


@pytest.fixture(scope="module")
def programs_server(programs_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The program sheets and three laws, over HTTP: the store where laws answer."""
    with running_server(programs_settings) as url:
        yield url


@pytest.fixture(scope="module")
def practices_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The rated practices of the shared corpus, no embedders, over HTTP: the store where practices answer."""
    from ingest.pipeline import Ingestor
    from kg.settings import Settings
    from kg.workspace import Workspace

    settings = Settings(store=tmp_path_factory.mktemp("practices-store"), api_token=TOKEN, embedders=())
    ws = Workspace(settings)
    Ingestor(ws).ingest_paths([shared_or_skip("corpus", "best-practices")])
    ws.close()
    with running_server(settings) as url:
        yield url


@pytest.fixture
def stores(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Base URLs by store name, started only when a case needs them."""
    class Lazy(dict[str, str]):
        def __missing__(self, key: str) -> str:
            self[key] = request.getfixturevalue({"slice": "server", "programs": "programs_server",
                                                 "practices": "practices_server"}[key])
            return self[key]
    return Lazy()


def _sparql(server: str, query: str) -> list[dict[str, Any]]:
    r = httpx.get(server + "/sparql", params={"query": query},
                  headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text
    bindings: list[dict[str, Any]] = r.json()["results"]["bindings"]
    return bindings


def _bound_ranks(sparql: str) -> dict[str, int]:
    """The ``(IRI rank)`` rows of a VALUES block in an evidence template's query."""
    return {iri: int(rank) for iri, rank in re.findall(r'\(<([^>]+)> "(\d+)"\^\^<[^>]+>\)', sparql)}


def test_every_template_in_every_language_is_covered() -> None:
    from kg.ask.intents import INTENTS

    assert set(TEMPLATES) == {m.TEMPLATE.name for m in INTENTS}
    assert {(t, lang) for t, lang, *_ in CASES} == {(t, lang) for t in TEMPLATES for lang in LANGUAGES}


@pytest.mark.parametrize(("template", "lang", "question", "expected", "store"), CASES,
                         ids=[f"{t}-{lang}" for t, lang, *_ in CASES])
def test_the_template_answers_and_its_sparql_yields_the_answers(stores: dict[str, str], template: str, lang: str,
                                                                question: str, expected: str | None,
                                                                store: str) -> None:
    server = stores[store]
    r = httpx.get(server + "/ask", params={"q": question}, timeout=180)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["language"] == lang, (body["language"], question)
    assert body["intent"] and body["intent"]["name"] == template, (body["intent"], body["linked"])
    assert body["answers"], (body["reason"], body["linked"])
    if expected is not None:
        names = {a["label_en"] for a in body["answers"]} | {a.get("symbol") for a in body["answers"]}
        assert expected in names, sorted(n for n in names if n)

    rows = _sparql(server, body["sparql"])
    assert {b["answer"]["value"] for b in rows} == {a["iri"] for a in body["answers"]}

    if template == "instrument_of_evidence":
        documents = _bound_ranks(body["sparql"])
        assert documents
        for answer in body["answers"]:
            assert answer["type"] in ("Resolution", "LegalInstrument", "Treaty"), answer
            about = _sparql(server, f"PREFIX pkg: <{PKG}> SELECT DISTINCT ?d WHERE "
                                    f"{{ ?d pkg:about/(pkg:mandatedBy|pkg:implements)? <{answer['iri']}> }}")
            ranks = [documents[b["d"]["value"]] for b in about if b["d"]["value"] in documents]
            assert ranks and answer["score"] == pytest.approx(1 / min(ranks), abs=1e-3), (answer, ranks)
    elif template == "entities_of_evidence":
        passages = _bound_ranks(body["sparql"])
        assert passages
        named = {lk["iri"] for lk in body["linked"]}
        for answer in body["answers"]:
            assert answer["iri"] not in named and answer["type"] == "State", answer
            mentioning = _sparql(server, f"PREFIX pkg: <{PKG}> SELECT DISTINCT ?p WHERE {{ ?p pkg:mentions "
                                         f"<{answer['iri']}> }}")
            ranks = [passages[b["p"]["value"]] for b in mentioning if b["p"]["value"] in passages]
            assert ranks and answer["score"] == pytest.approx(sum(1 / r for r in ranks), abs=1e-3), (answer, ranks)
    elif template == "laws_of_state":
        assert all(a["type"] == "NationalLaw" and a["jurisdiction"] for a in body["answers"]), body["answers"]
    elif template == "compare_states":
        assert {a["role"].split(": ")[0] for a in body["answers"]} <= {"program", "instrument", "partner", "theme", "law"}
