"""Every router of the web layer, in the order ``api.app`` includes them."""

from __future__ import annotations

from fastapi import APIRouter

from api.web import editor, home, state_page

ROUTERS: tuple[APIRouter, ...] = (home.router, editor.router, state_page.router)
