"""``GET /ask`` over HTTP on the ingested slice: each template in some language, its SPARQL re-run at ``/sparql``
yielding the answers ``/ask`` returned, the low-confidence path, and the problems of bad input."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

QUESTIONS = [  # (question, intent it must pick)
    ("Which later resolutions mention resolution 242 (1967)?", "instruments_citing"),
    ("¿Qué resoluciones son citadas por la resolución 678 (1990)?", "instruments_cited"),
    ("Quels programmes bénéficient au Guatemala ?", "programs_related"),
    ("Que Estados se beneficiam do programa AICMA?", "states_involved"),
    ("Who are the partners of AICMA?", "program_actors"),
    ("¿Qué resolución exigió que Irak se retirara de Kuwait?", "instrument_of_evidence"),
    ("Quel pays a envahi le Koweït en 1990 ?", "entities_of_evidence"),
    # a comparison of two states, in four languages
    ("Compare Guatemala and Honduras: what do they share and where do they differ?", "compare_states"),
    ("¿Qué tienen en común Colombia y Perú?", "compare_states"),
    ("Quais são as diferenças entre o Peru e a Colômbia?", "compare_states"),
    ("Qu'ont en commun le Guatemala et le Honduras ?", "compare_states"),
]


def _ask(server: str, q: str, **params: Any) -> httpx.Response:
    return httpx.get(server + "/ask", params={"q": q, **params}, timeout=120)


@pytest.mark.parametrize(("question", "intent"), QUESTIONS)
def test_the_sparql_returned_yields_the_answers(server: str, question: str, intent: str) -> None:
    r = _ask(server, question)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["intent"]["name"] == intent, body["intent"]
    assert body["answers"], body["reason"]
    assert body["language"] in ("en", "es", "pt", "fr")
    rows = httpx.get(server + "/sparql", params={"query": body["sparql"]},
                     headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert rows.status_code == 200, rows.text
    served = {b["answer"]["value"] for b in rows.json()["results"]["bindings"]}
    assert served == {a["iri"] for a in body["answers"]}
    for answer in body["answers"]:
        assert answer["label"] and answer["label_en"] and answer["type"]
        if answer["type"] == "State":
            assert answer["iso3"] and len(answer["iso3"]) == 3
        if answer["type"] == "Resolution":
            assert "RES" in answer["symbol"], answer  # S/RES/…, A/RES/…, AG/RES. …
    assert body["evidence"] and all(e["source"] and e["text"] for e in body["evidence"])
    assert set(body["timings"]) >= {"link", "search", "query", "total"}


def test_a_comparison_says_what_is_shared_and_what_differs(server: str) -> None:
    body = _ask(server, "¿En qué se diferencian Guatemala y Honduras?").json()
    assert body["intent"]["name"] == "compare_states", body["intent"]
    roles = [a["role"] for a in body["answers"]]
    assert all(r.split(": ")[0] in ("program", "instrument", "partner", "theme", "law") for r in roles), roles
    assert any(r.endswith(": both") for r in roles)  # both benefit from the sample's mine-action program
    shared = [a for a in body["answers"] if a["role"] == "program: both"]
    assert shared and all(a["score"] == 2 for a in shared)
    assert [a["score"] for a in body["answers"]] == sorted((a["score"] for a in body["answers"]), reverse=True)


def test_a_round_trip_in_full(server: str) -> None:
    body = _ask(server, "Which later resolutions mention resolution 242 (1967)?", lang="en", k=5).json()
    assert body["question"] == "Which later resolutions mention resolution 242 (1967)?" and body["language"] == "en"
    link = body["linked"][0]
    assert (link["mention"], link["type"], link["label"]) == ("resolution 242 (1967)", "Resolution", "S/RES/242 (1967)")
    assert body["question"][link["start"]:link["end"]] == link["mention"]
    assert body["constraints"] == {"years": [], "types": ["resolution"], "dates": []}
    assert "S/RES/338 (1973)" in [a["symbol"] for a in body["answers"]]
    assert len(body["evidence"]) <= 5
    assert any(body["answers"][0]["iri"] in e["supports"] for e in body["evidence"])


def test_demonyms_link_in_the_question(server: str) -> None:
    body = _ask(server, "¿Qué resolución condenó la invasión iraquí de Kuwait?").json()
    assert any(lk["how"] == "demonym" and lk["iri"].endswith("/state/IRQ") for lk in body["linked"])


def test_low_confidence_gives_no_answer(server: str) -> None:
    body = _ask(server, "zxqv blorf wug?").json()
    assert body["answers"] == [] and body["reason"]


@pytest.mark.parametrize("params", [{"q": " "}, {"q": "x", "lang": "de"}, {"q": "x", "k": 0}, {}])
def test_bad_input_is_a_problem(server: str, params: dict[str, Any]) -> None:
    r = httpx.get(server + "/ask", params=params, timeout=30)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
