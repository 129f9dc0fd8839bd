"""The Jinja2 environment and :func:`render_page`, which every page handler returns through."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from api.web import messages
from api.web.i18n import LANGUAGES, NATIVE_NAMES, Catalog, Translator, choose_language

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment per process: templates are compiled once and autoescaped."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def language_of(request: Request) -> str:
    """The reader's language for this request (``?lang=``, then ``Accept-Language``, then English)."""
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def make_url(request: Request, path: str, **query: object) -> str:
    """An internal link that keeps an explicit ``?lang=``; ``None`` values are left out.

    Only a language the reader chose in the URL is carried: one from ``Accept-Language``
    follows the browser anyway, and links stay shareable.
    """
    path, hash_, fragment = path.partition("#")
    params = {k: v for k, v in query.items() if v is not None and v != ""}
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES and "lang" not in params:
        params["lang"] = chosen
    return path + ("?" + urlencode(params, doseq=True) if params else "") + hash_ + fragment


def switch_links(request: Request, lang: str) -> list[dict[str, object]]:
    """This page in each language: the same URL with ``lang`` replaced."""
    others = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return [{"lang": code, "name": NATIVE_NAMES[code], "current": code == lang,
             "href": request.url.path + "?" + urlencode([*others, ("lang", code)])} for code in LANGUAGES]


def render_page(request: Request, template: str, *, title: str, context: Mapping[str, Any] | None = None,
                catalogs: Sequence[Catalog] = (), status_code: int = 200) -> HTMLResponse:
    """Render ``template`` (which extends ``base.html``) in the reader's language.

    ``catalogs`` are the page's own catalogs, looked up before the shared one. The
    response varies by ``Accept-Language``, which caches must know.
    """
    lang = language_of(request)
    t = Translator(lang, [*catalogs, messages.MESSAGES])

    def url(path: str, **query: object) -> str:
        return make_url(request, path, **query)

    def script_messages(*keys: str) -> Markup:
        """Strings a script needs, as a JSON block it reads by id ``ui-messages``."""
        data = json.dumps({key: t(key) for key in keys}, ensure_ascii=False).replace("</", "<\\/")
        return Markup(f'<script type="application/json" id="ui-messages">{data}</script>')

    html = environment().get_template(template).render(
        request=request, lang=lang, t=t, url=url, title=title, languages=switch_links(request, lang),
        script_messages=script_messages, path=request.url.path, **(context or {}))
    return HTMLResponse(html, status_code=status_code, headers={"Vary": "Accept, Accept-Language",
                                                                 "Content-Language": lang})
