"""A practice's entity page shows its evidence ratings: level, outcome, basis, catalog and source."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from ingest.pipeline import Ingestor
from kg.settings import Settings
from kg.workspace import Workspace


def test_practice_page_has_a_ratings_table(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", embedders=())
    (tmp_path / "demo.jsonl").write_text(json.dumps({
        "title": "Lantern Streets", "description": "Brighter lamps on dark estates.",
        "rating": "Effective - One study (Burglary | Residential burglary); No Effects (Fear of crime)",
        "source": "https://example.org/lantern"}) + "\n", encoding="utf-8")
    ws = Workspace(settings)
    Ingestor(ws, use_ner=False).ingest_paths([tmp_path / "demo.jsonl"])
    ws.close()
    with TestClient(create_app(settings)) as client:
        page = client.get("/entities/practice/lantern-streets", headers={"accept": "text/html"})
        rating = client.get("/entities/rating/lantern-streets-1", params={"format": "ttl"})
    assert page.status_code == 200
    table = page.text[page.text.index("<h2>Evidence ratings</h2>"):page.text.index("<h2>Statements</h2>")]
    assert table.index("<strong>Effective</strong>") < table.index("<strong>No effects</strong>")
    assert "Burglary | Residential burglary" in table and "One study" in table and "demo" in table
    assert "https://example.org/lantern" in table
    assert rating.status_code == 200 and "evidence-level/effective" in rating.text
