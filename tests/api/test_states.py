"""State profiles, comparable states, suggestions and the network export over HTTP, and the same from the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, running_server

PROBLEM = "application/problem+json"
POLICYKG = Path(sys.executable).with_name("policykg")


@pytest.fixture(scope="module")
def coop_server(programs_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with running_server(programs_settings) as url:
        yield url


@pytest.mark.parametrize("iso3", ["PRY", "HND", "GTM"])
def test_profile_shows_programs_and_instruments_with_provenance(coop_server: str, iso3: str) -> None:
    r = httpx.get(f"{coop_server}/states/{iso3.lower()}", timeout=60)
    assert r.status_code == 200
    body = r.json()
    assert body["iso3"] == iso3 and body["counts"]["programs"] == len(body["programs"]) > 0
    assert body["instruments"] and body["counts"]["instruments"] == len(body["instruments"])
    for item in (*body["programs"], *body["instruments"]):
        assert item["evidence"] and all(f["passages"] for f in item["evidence"])
        assert all(p.startswith(body["iri"].split("/id/")[0] + "/id/passage/") for f in item["evidence"]
                   for p in f["passages"])
    roles = {r for p in body["programs"] for r in p["relations"]}
    assert "beneficiary" in roles


def test_profile_language_from_accept_language_and_lang(coop_server: str) -> None:
    pt = httpx.get(f"{coop_server}/states/PRY", headers={"Accept-Language": "pt-BR,pt;q=0.9"}, timeout=60).json()
    assert pt["lang"] == "pt" and pt["label"] == "Paraguai"
    es = httpx.get(f"{coop_server}/states/PRY?lang=es", headers={"Accept-Language": "pt"}, timeout=60).json()
    assert es["lang"] == "es" and es["label"] == "Paraguay"
    donors = [p["label"] for p in es["partners"] if "donor" in p["relations"]]
    assert "Estados Unidos de América" in donors


@pytest.mark.parametrize(("path", "status"), [("/states/XXX", 404), ("/states/PR1", 422), ("/states/PRY?lang=de", 422),
                                             ("/states/XXX/similar", 404), ("/states/PRY/similar?k=0", 422),
                                             ("/cooperation?state=XXX", 404), ("/cooperation?theme=no-such", 404),
                                             ("/cooperation?direction=up", 422), ("/cooperation?k=1000", 422)])
def test_bad_requests_are_problems(coop_server: str, path: str, status: int) -> None:
    r = httpx.get(coop_server + path, timeout=60)
    assert r.status_code == status and r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["status"] == status


def test_similar_states_are_explained(coop_server: str) -> None:
    body = httpx.get(f"{coop_server}/states/PRY/similar?k=3", timeout=60).json()
    assert 0 < len(body["results"]) <= 3
    for peer in body["results"]:
        assert peer["iso3"] != "PRY" and peer["shared"] and peer["score"] > 0
        assert {s["type"] for s in peer["shared"]} <= {"theme", "program", "partner", "instrument", "law", "practice"}


def test_cooperation_for_a_state_is_explained_with_sparql(coop_server: str) -> None:
    body = httpx.get(f"{coop_server}/cooperation", params={"state": "PRY", "k": 5}, timeout=60).json()
    assert 0 < len(body["results"]) <= 5
    for s in body["results"]:
        assert s["helped"].endswith("/state/PRY") and s["text"].startswith(s["helper_label"])
        assert any(p["kind"] == "capability" for p in s["paths"]) and any(p["kind"] == "need" for p in s["paths"])
        rows = httpx.get(f"{coop_server}/sparql", params={"query": s["sparql"]},
                         headers={"Accept": "application/sparql-results+json"}, timeout=60).json()
        kinds = {b["kind"]["value"] for b in rows["results"]["bindings"]}
        assert {"capability", "need"} <= kinds


def test_network_export(coop_server: str) -> None:
    r = httpx.get(f"{coop_server}/export/network.graphml", timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/graphml+xml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(r.content)
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert nodes and edges
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    csv_edges = httpx.get(f"{coop_server}/export/network.csv", timeout=60).text.strip().splitlines()
    csv_nodes = httpx.get(f"{coop_server}/export/network.nodes.csv", timeout=60).text.strip().splitlines()
    assert len(csv_edges) - 1 == len(edges) and len(csv_nodes) - 1 == len(nodes)
    assert csv_edges[0].startswith("source,source_label,source_type,relation,target")


def test_state_network_json(coop_server: str) -> None:
    body = httpx.get(f"{coop_server}/states/PRY/network", timeout=60).json()
    ids = {n["id"] for n in body["nodes"]}
    assert any(i.endswith("/state/PRY") for i in ids)
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])


def _cli(settings, *args: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "POLICYKG_EMBEDDERS": "", "COLUMNS": "1000"}
    return subprocess.run([str(POLICYKG), "--store", str(settings.store), *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=300)


def test_cli_state_and_cooperate_match_the_api(programs_settings, coop_server: str) -> None:  # type: ignore[no-untyped-def]
    done = _cli(programs_settings, "state", "HND", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == httpx.get(f"{coop_server}/states/HND?lang=en", timeout=60).json()
    done = _cli(programs_settings, "cooperate", "GTM", "-k", "3", "--json")
    assert done.returncode == 0, done.stderr
    api = httpx.get(f"{coop_server}/cooperation", params={"state": "GTM", "k": 3, "lang": "en"}, timeout=60).json()
    assert json.loads(done.stdout) == api
    bad = _cli(programs_settings, "state", "XXX")
    assert bad.returncode != 0 and "XXX" in bad.stderr


def test_cli_export_network(programs_settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "net.graphml"
    done = _cli(programs_settings, "export", "--network", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert ET.parse(out).getroot().tag.endswith("graphml")
    bad = _cli(programs_settings, "export", "--network", "--format", "xlsx")
    assert bad.returncode != 0 and "graphml" in bad.stderr
