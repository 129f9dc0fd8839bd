"""All configuration, read once from ``POLICYKG_*`` environment variables.

Entry points (the CLI root callback, ``create_app``) build one :class:`Settings` and
pass it down; no other code reads the environment.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

EMBEDDER_NAMES = ("minilm", "use-m3", "e5")
#: the graph store backends :func:`kg.store.open_store` knows (its ``BACKENDS`` table)
STORE_BACKENDS = ("oxigraph", "sparql-http")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYKG_", frozen=True, extra="ignore")

    store: Path = Field(Path("var/store"), description="Directory of the embedded store and its indexes.")
    store_backend: str = Field("oxigraph", description="Graph store backend: 'oxigraph' (embedded, on disk under "
                                                        "<store>/oxigraph).")
    store_url: str | None = Field(
        None, description="SPARQL 1.1 Protocol query endpoint of a remote store (Oxigraph server, Virtuoso, Fuseki, "
                          "GraphDB...); set, it replaces the embedded store (backend 'sparql-http') and <store> keeps "
                          "only the derived indexes and the vector cache.")
    store_update_url: str | None = Field(None, description="Its SPARQL 1.1 Update endpoint; none: store_url.")
    store_graph_store_url: str | None = Field(
        None, description="Its Graph Store Protocol endpoint; document graphs are then written by one PUT each. "
                          "None: by one SPARQL Update each. Used only with store_union_default_graph.")
    store_union_default_graph: bool = Field(
        False, description="The server's default graph already is the union of its named graphs (Oxigraph server "
                           "--union-default-graph, Virtuoso, Fuseki tdb:unionDefaultGraph); false: policykg keeps a "
                           "copy of the union in the default graph, updated in each write request.")
    store_timeout_param: str | None = Field(
        None, description="Query parameter by which the remote store takes a per-query time limit in milliseconds "
                          "(Virtuoso: 'timeout'); each query then sends its deadline. None: the HTTP client's timeout "
                          "alone, and the server's own configured limit (oxigraph serve --timeout-s).")
    store_user: str | None = Field(None, description="User for the remote store's endpoints (HTTP auth).")
    store_password: str | None = Field(None, description="Password of store_user.")
    store_auth: Literal["basic", "digest"] = Field("basic", description="HTTP auth scheme of the remote store.")
    store_poll_s: float = Field(
        1.0, ge=0, description="Remote store: how long a replica trusts its last look at the store's version; a write "
                               "through another replica shows in search at most this long (plus index refresh) later.")
    base_iri: str = Field("https://policykg.org/", description="Base of every policykg IRI.")
    # e5 alone by default: dense-first hybrid with it scored nDCG@10 0.89 on the 46 dev questions
    # against 0.71 for BM25 + USE-m3 by RRF (README, "Retrieval").
    embedders: Annotated[tuple[str, ...], NoDecode] = Field(("e5",), description="Embedders computed at ingest.")
    default_embedder: str = Field("e5", description="Embedder used by mode=dense and hybrid; 'all' fuses "
                                                    "every indexed embedder in hybrid mode (by RRF).")
    fusion: Literal["dense-first", "rrf"] = Field(
        "dense-first", description="How hybrid mode fuses: 'dense-first' (the dense score leads; BM25 and the "
                                   "question's years and document types add small boosts) or 'rrf' (reciprocal "
                                   "rank fusion of BM25 and dense, equal weights).")
    lexical_weight: float = Field(0.03, ge=0, description="dense-first: most a BM25 match adds to a cosine score.")
    year_boost: float = Field(0.03, ge=0, description="dense-first: added when the document's year is one the "
                                                      "question names.")
    type_boost: float = Field(0.04, ge=0, description="dense-first: added when the document's type is one the "
                                                      "question names (resolution, law, program...).")
    context_weight: float = Field(0.25, ge=0, description="Weight of the neighbouring passages in a passage's "
                                                         "context score (dense modes); 0 scores passages alone.")
    e5_precision: Literal["auto", "float32", "bfloat16"] = Field(
        "auto", description="Arithmetic of the e5 encoder: bfloat16 runs 1.8x faster where the CPU has bfloat16 "
                            "instructions (vectors within cosine 0.9999 of float32); auto picks it there.")
    hnsw_threshold: int = Field(200_000, description="Passage count past which faiss uses an approximate index "
                                                     "(ann_index).")
    # The approximate index and its widths: at 1M passages (`policykg bench --hybrid 1000000`) IVF with 256 of
    # its 4000 lists and 500 candidates kept the hybrid top-10 at recall 0.989 of exact search; HNSW32 reached
    # 0.96 only at efSearch 2048, slower, and is larger and slower to build.
    ann_index: Literal["hnsw", "ivf"] = Field(
        "ivf", description="faiss index past hnsw_threshold: IVF (4·√n lists of float16 vectors, hits re-scored "
                           "in float32) or HNSW (graph of degree 32).")
    hnsw_ef_search: int = Field(128, ge=1, description="HNSW efSearch: wider is slower and recalls more.")
    ivf_nprobe: int = Field(256, ge=1, description="IVF lists scanned per query: more is slower and recalls more.")
    ann_candidates: int = Field(500, ge=1, description="Nearest passages fetched from the approximate index per "
                                                      "query, before context scores and fusion re-rank them.")
    api_token: str | None = Field(None, description="Bearer token for writes; none disables writes.")
    query_timeout: float = Field(10.0, gt=0, description="SPARQL deadline in seconds for clients with the token.")
    anonymous_query_timeout: float = Field(
        5.0, gt=0, description="SPARQL deadline in seconds for anonymous clients (capped by query_timeout).")
    max_rows: int | None = Field(
        None, gt=0, description="Row cap of a SPARQL SELECT (triples of a CONSTRUCT); none by default: the deadline "
                                "and the worker memory cap bound a query. A query past the cap fails (422) unless the "
                                "client asks for ?truncate=1.")
    sparql_workers: int = Field(
        4, ge=0, description="Worker processes that evaluate SPARQL queries and are killed at the deadline; "
                             "0 evaluates in the serving process, where a deadline cannot stop a running query.")
    sparql_worker_memory_mb: int | None = Field(
        4096, description="Address-space cap of each SPARQL worker process in MiB; none for no cap.")
    anonymous_queries_per_client: int = Field(
        1, ge=1, description="SPARQL queries one anonymous client (address) may run at once; more wait their turn.")
    query_queue_wait: float = Field(
        5.0, gt=0, description="Seconds a SPARQL query may wait for capacity before a 503 with Retry-After "
                               "(the query then did not run). Anonymous clients together get one worker "
                               "fewer than sparql_workers, so a token holder always finds one.")
    outbound_allowlist: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="IRI prefixes that SERVICE (queries) and LOAD (updates) may reach; empty refuses all.")
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        ("*",), description="Origins whose browser pages may read (GET/POST, no credentials), e.g. YASGUI; "
                            "empty for none. The bearer token is never allowed cross-origin.")
    max_body_bytes: int = Field(20_000_000, description="Largest accepted upload.")
    search_k_max: int = Field(100, description="Largest k a search may ask for.")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.")
    query_expansion: bool = Field(True, description="Add the English names and acronyms of the states, "
                                                    "organizations, themes and treaties a query names (kg linker) "
                                                    "to its lexical (BM25) leg.")
    encoder_threads: int = Field(
        1, ge=1, le=64, description="Threads of the PyTorch encoders (e5, MiniLM) in this process. 1 suits cores shared "
                                    "with other work; 2 encodes a query about 1.35x faster on two idle cores, but its "
                                    "95th percentile grows tenfold when one of them is busy.")
    warm_up: bool = Field(True, description="Run one search while the service starts, before it accepts requests, "
                                            "so the first client does not wait for the model to load (seconds).")
    shapes: bool = Field(True, description="Validate each ingested document with SHACL.")
    max_document_bytes: int = Field(
        20_000_000, gt=0, description="Largest document file ingested, by POST /documents and by the ingest "
                                      "command alike; a larger one is refused before it is read (HTTP 413).")
    max_url_bytes: int = Field(
        256 * 1024, gt=0, description="Longest request URL (path and query string) served; a longer one is refused "
                                      "with 414. A GET SPARQL query must fit (POST has max_body_bytes). uvicorn "
                                      "reads request heads up to 4x this plus 64 KiB (api.app.uvicorn_options), so "
                                      "an over-long URL gets the 414 problem, not a dropped connection.")

    @field_validator("embedders", "outbound_allowlist", "cors_origins", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value

    @field_validator("embedders")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [v for v in value if v not in EMBEDDER_NAMES]
        if unknown:
            raise ValueError(f"unknown embedder(s) {unknown}; known: {', '.join(EMBEDDER_NAMES)}")
        return value

    @field_validator("store_backend")
    @classmethod
    def _known_backend(cls, value: str) -> str:
        if value not in STORE_BACKENDS:
            raise ValueError(f"unknown store backend {value!r}; known: {', '.join(STORE_BACKENDS)}")
        return value

    @field_validator("api_token")
    @classmethod
    def _no_weak_token(cls, value: str | None) -> str | None:
        if value is not None and (len(value) < 16 or value in {"changeme", "secret", "token"}):
            raise ValueError("POLICYKG_API_TOKEN must be at least 16 characters and not a default")
        return value or None
