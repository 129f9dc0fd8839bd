"""The OpenAPI document, completed where FastAPI cannot see what the service does.

FastAPI describes what a handler's signature declares. This module adds the rest, once,
when ``/openapi.json`` is first asked for:

- the ``Problem`` schema of every error body (``application/problem+json``), in place of
  FastAPI's ``HTTPValidationError`` (our 422s are problems too);
- the bearer scheme: required on operations that depend on :func:`api.deps.require_token`,
  optional (anonymous or bearer) on those that use :func:`api.deps.client_is_trusted`, with
  their 401 and 403 answers;
- the SPARQL Protocol's parameters and bodies (:func:`api.sparql_protocol.openapi_operations`),
  and the 404 of ``DELETE /documents/{key}``;
- the search options this deployment indexes (``mode``, ``embedder``, ``k``), from Settings;
- one operation id per operation, and no ``null`` branch on query parameters (a query
  parameter is absent, never null).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from api.deps import client_is_trusted, require_token
from api.problems import PROBLEM, PROBLEM_SCHEMA, problem_responses
from api.sparql_protocol import openapi_operations
from kg.search import state_pattern
from kg.settings import Settings
from ontology.iri import Iris

BEARER = "bearerAuth"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
METHODS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")


def install_openapi(app: FastAPI, settings: Settings) -> None:
    """Serve the completed document at ``/openapi.json`` (built on first request, then cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            with warnings.catch_warnings():  # duplicate operation ids: made unique below
                warnings.simplefilter("ignore", UserWarning)
                schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                     routes=app.routes)
            app.openapi_schema = complete(schema, app.routes, settings)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(schema: dict[str, Any], routes: list[Any], settings: Settings) -> dict[str, Any]:
    """Add to FastAPI's document what the handlers do beyond their signatures (see the module docstring)."""
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = PROBLEM_SCHEMA
    components["securitySchemes"] = {BEARER: {
        "type": "http", "scheme": "bearer",
        "description": "POLICYKG_API_TOKEN: needed to write; on queries it raises the deadline"}}
    for (path, method), extra in openapi_operations().items():
        schema["paths"][path][method].update(extra)
    for _, _, operation in _operations(schema):
        _problem_422(operation)
        _problem_schemas(operation)
        _no_null_parameters(operation)
    _security(schema, routes)
    _search_options(schema, settings)
    _documents_delete(schema)
    _unique_operation_ids(schema)
    return schema


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            yield path, method, operation


def _problem_422(operation: dict[str, Any]) -> None:
    """FastAPI's validation errors are answered as problems (``api.problems``): say so."""
    if "422" in operation["responses"]:
        operation["responses"]["422"] = problem_responses(422)[422]


def _problem_schemas(operation: dict[str, Any]) -> None:
    """A problem response declared without a schema has the Problem schema."""
    for response in operation["responses"].values():
        content = response.get("content", {}).get(PROBLEM)
        if content is not None and "schema" not in content:
            content["schema"] = PROBLEM_REF


def _no_null_parameters(operation: dict[str, Any]) -> None:
    """``str | None = None`` is an optional parameter, not one that may be null."""
    for parameter in operation.get("parameters", []):
        schema = parameter["schema"]
        branches = [b for b in schema.get("anyOf", []) if b != {"type": "null"}]
        if len(branches) == 1 and len(schema["anyOf"]) == 2:
            del schema["anyOf"]
            schema.update(branches[0])


def _depends_on(dependant: Dependant, call: Callable[..., Any]) -> bool:
    return any(d.call is call or _depends_on(d, call) for d in dependant.dependencies)


def _security(schema: dict[str, Any], routes: list[Any]) -> None:
    for route in iter_route_contexts(routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        required = _depends_on(route.dependant, require_token)
        optional = not required and _depends_on(route.dependant, client_is_trusted)
        if not (required or optional):
            continue
        for method in route.methods or ():
            operation = schema["paths"][route.path_format][method.lower()]
            operation["security"] = [{BEARER: []}] if required else [{}, {BEARER: []}]
            statuses = (401, 403) if required else (401,)
            for status, response in problem_responses(*statuses).items():
                operation["responses"].setdefault(str(status), response)
            if required:
                operation["responses"]["401"]["headers"] = {"WWW-Authenticate": {
                    "description": "Bearer", "schema": {"type": "string"}}}


def _search_options(schema: dict[str, Any], settings: Settings) -> None:
    """The search modes and embedders this deployment has indexes for, its largest k, its state IRIs.

    The handler's signature names every embedder policykg knows; a deployment indexes only
    those in ``settings.embedders`` and refuses the others (400), so the document lists
    those. Without a dense index the only mode is bm25, which is then also the default.
    """
    operation = schema["paths"].get("/search", {}).get("get")
    if operation is None:
        return
    params = {p["name"]: p for p in operation["parameters"]}
    dense = list(settings.embedders)
    if "k" in params:
        params["k"]["schema"]["maximum"] = min(params["k"]["schema"].get("maximum", settings.search_k_max),
                                               settings.search_k_max)
    if "embedder" in params:
        if dense:
            params["embedder"]["schema"]["enum"] = [*dense, "all"]
        else:
            operation["parameters"].remove(params["embedder"])
    if "mode" in params:
        params["mode"]["schema"]["default"] = "hybrid" if dense else "bm25"
        if not dense:
            params["mode"]["schema"]["enum"] = ["bm25"]
    if "state" in params:
        params["state"]["schema"]["pattern"] = state_pattern(Iris(settings.base_iri))


def _documents_delete(schema: dict[str, Any]) -> None:
    """``DELETE /documents/{key}`` answers 404 for a document it does not hold."""
    operation = schema["paths"].get("/documents/{key}", {}).get("delete")
    if operation is not None:
        operation["responses"].setdefault("404", problem_responses(404)[404])


def _unique_operation_ids(schema: dict[str, Any]) -> None:
    """FastAPI names every method of a multi-method route after its first method; name each after its own.

    FastAPI's ids end with a method (``read_store_get``); the ending is replaced by the operation's.
    """
    for _, method, operation in _operations(schema):
        op_id = operation.get("operationId")
        if op_id is not None:
            base, _, last = op_id.rpartition("_")
            operation["operationId"] = f"{base}_{method}" if base and last in METHODS else f"{op_id}_{method}"
