"""DirectRoute: one path answered ahead of the router, errors through the app's own handlers."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from api.direct_route import DirectRoute, route_path


class Refused(Exception):
    pass


class RefusedHarder(Refused):
    pass


def _app(calls: list[str]) -> FastAPI:
    app = FastAPI()

    @app.api_route("/hot", methods=["GET", "POST", "PUT"])
    async def routed() -> PlainTextResponse:
        calls.append("router")
        return PlainTextResponse("routed")

    @app.get("/other")
    async def other() -> PlainTextResponse:
        calls.append("router")
        return PlainTextResponse("other")

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> JSONResponse:
        return JSONResponse({"refused": str(exc), "path": request.url.path}, status_code=409)

    async def direct(request: Request) -> Response:
        calls.append("direct")
        body = await request.body()
        if body == b"refuse":
            raise RefusedHarder("no")  # a subclass: the handler registered for its base applies
        if body == b"crash":
            raise RuntimeError("boom")
        return PlainTextResponse(f"direct {request.method} {body.decode()}")

    app.add_middleware(DirectRoute, path="/hot", methods=frozenset({"GET", "POST"}), handler=direct)
    return app


async def _client(app: FastAPI, *, root_path: str = "") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, root_path=root_path)
    return httpx.AsyncClient(transport=transport, base_url="http://t")


def test_the_path_is_answered_directly_and_the_rest_by_the_router() -> None:
    calls: list[str] = []

    async def run() -> None:
        async with await _client(_app(calls)) as client:
            r = await client.post("/hot", content=b"x")
            assert (r.status_code, r.text) == (200, "direct POST x")
            assert (await client.get("/hot")).text == "direct GET "
            assert (await client.put("/hot")).text == "routed", "a method not taken goes to the router"
            assert (await client.get("/other")).text == "other"
            assert (await client.get("/hot/")).status_code in (307, 404), "another path is the router's to answer"

    asyncio.run(run())
    assert calls[:2] == ["direct", "direct"] and calls[2:4] == ["router", "router"]


def test_errors_go_through_the_apps_handlers() -> None:
    async def run() -> None:
        async with await _client(_app([])) as client:
            r = await client.post("/hot", content=b"refuse")
            assert r.status_code == 409 and r.json() == {"refused": "no", "path": "/hot"}
            crash = await client.post("/hot", content=b"crash")
            assert crash.status_code == 500, "no specific handler: the server-error middleware answers"

    asyncio.run(run())


def test_route_path_drops_the_root_path() -> None:
    assert route_path({"path": "/api/hot", "root_path": "/api"}) == "/hot"
    assert route_path({"path": "/hot", "root_path": ""}) == "/hot"
    assert route_path({"path": "/hot"}) == "/hot"
