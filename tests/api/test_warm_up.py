"""A service warms up before it accepts requests: the first client does not wait for the model to load."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.pipeline import Ingestor
from kg.settings import Settings
from kg.workspace import Workspace

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sample sheets, minilm only: a store whose first search would load a model."""
    store = tmp_path_factory.mktemp("warm-store")
    ws = Workspace(Settings(store=store, embedders=("minilm",), default_embedder="minilm"))
    Ingestor(ws).ingest_paths(sorted(SAMPLE.glob("*.txt"))[:2])
    ws.close()
    return store


def served_state(store: Path, *, warm_up: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The embedders in memory once the app accepts requests, and after its first search."""
    app = create_app(Settings(store=store, embedders=("minilm",), default_embedder="minilm", warm_up=warm_up,
                              sparql_workers=0))
    with TestClient(app) as client:
        at_start = app.state.workspace.loaded_embedders
        response = client.get("/search", params={"q": "mine action in Colombia", "k": 3})
        assert response.status_code == 200, response.text
        assert response.json()["hits"]
        return at_start, app.state.workspace.loaded_embedders


def test_the_model_is_loaded_before_the_first_request(small_store: Path) -> None:
    at_start, after = served_state(small_store, warm_up=True)
    assert at_start == ("minilm",)
    assert after == ("minilm",)


def test_without_warm_up_the_first_search_loads_the_model(small_store: Path) -> None:
    at_start, after = served_state(small_store, warm_up=False)
    assert at_start == ()
    assert after == ("minilm",)


def test_an_empty_store_starts_and_serves(tmp_path: Path) -> None:
    app = create_app(Settings(store=tmp_path / "store", embedders=("minilm",), default_embedder="minilm",
                              sparql_workers=0))
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
        response = client.get("/search", params={"q": "mine action", "k": 3})
        assert response.status_code == 200 and response.json()["hits"] == []
