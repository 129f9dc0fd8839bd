"""Shared fixtures: the shared corpus, a real workspace ingested from a slice of it, a real server."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "sample"
TOKEN = "test-token-0123456789abcdef"

#: Resolutions for the end-to-end slice: the ones the checks name, plus neighbours for ranking to matter.
SLICE = ["0242_1967", "0338_1973", "0660_1990", "0661_1990", "0662_1990", "0678_1990",
         "0693_1991", "0714_1991", "0729_1992", "0841_1993", "0861_1993", "0873_1993", "0875_1993",
         "0001_1946", "0005_1946", "0082_1950", "0502_1982", "0505_1982"]  # each is in the shared corpus


def shared_or_skip(*parts: str) -> Path:
    """``../shared/<parts>``, or skip: the product runs without ../shared, and so must the suite.

    CI always has ../shared, so nothing here is skipped there.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not here")
    return path


@pytest.fixture(scope="session")
def slice_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared = shared_or_skip()
    target = tmp_path_factory.mktemp("slice")
    for name in SLICE:
        src = shared / "corpus" / "unsc-resolutions" / f"S_RES_{name}_EN_GOLD.txt"
        (target / src.name).write_bytes(src.read_bytes())  # a missing one fails here, not by a smaller slice
    for src in SAMPLE.glob("*.txt"):
        (target / src.name).write_bytes(src.read_bytes())
    return target


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from kg.settings import Settings

    # Every real embedder, so every backend is exercised end to end (the product default is e5 alone).
    return Settings(store=tmp_path_factory.mktemp("store"), api_token=TOKEN, embedders=("minilm", "use-m3", "e5"))


@pytest.fixture(scope="session")
def ingested(settings, slice_dir: Path):  # type: ignore[no-untyped-def]
    """A store on disk holding the slice, ingested through the real pipeline (real models)."""
    from ingest.pipeline import Ingestor
    from kg.workspace import Workspace

    ws = Workspace(settings)
    report = Ingestor(ws).ingest_paths([slice_dir])
    ws.close()
    return report


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app under uvicorn on a free loopback port; yields its base URL."""
    import httpx
    import uvicorn

    from api.app import create_app, uvicorn_options

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                            **uvicorn_options(settings))
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(url + "/health", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        raise RuntimeError("server did not start")
    try:
        yield url
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(settings, ingested) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app with the slice ingested (real models), over HTTP; yields its base URL."""
    with running_server(settings) as url:
        yield url


#: Laws beside the program sheets in the cooperation store (issue 16): laws give states capabilities.
COOPERATION_LAWS = ["mex-ley-federal-de-armas-de-fuego-y-explosivos.txt", "usa-usc18-ch44-firearms.txt",
                    "can-pcmltfa_en.txt"]


@pytest.fixture(scope="session")
def programs_settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store holding the OAS program sheets and three laws, no embedders: fast (about 20 s), for cooperation."""
    from ingest.pipeline import Ingestor
    from kg.settings import Settings
    from kg.workspace import Workspace

    programs = shared_or_skip("corpus", "oas-programs")
    laws = shared_or_skip("corpus", "laws")
    settings = Settings(store=tmp_path_factory.mktemp("programs-store"), api_token=TOKEN, embedders=())
    ws = Workspace(settings)
    Ingestor(ws).ingest_paths([programs, *(laws / name for name in COOPERATION_LAWS)])
    ws.close()
    return settings


@pytest.fixture(scope="session")
def light_settings(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store with reference data only and no embedders: cheap to start, for SPARQL-level tests.

    Short deadlines so that tests of the limits run quickly; the token holder gets longer.
    """
    from kg.settings import Settings

    return Settings(store=tmp_path_factory.mktemp("light-store"), api_token=TOKEN, embedders=(),
                    query_timeout=20.0, anonymous_query_timeout=2.0, max_rows=5000, sparql_workers=3)


@pytest.fixture(scope="session")
def light_server(light_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app over HTTP on a store holding only the reference graphs (no models loaded)."""
    with running_server(light_settings) as url:
        yield url
