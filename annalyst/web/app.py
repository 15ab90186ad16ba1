"""The FastAPI app behind ``annalyst serve``: server-rendered pages (Jinja2, autoescaped) and a JSON
twin of each under ``/api``, read from the store through read-only connections.

Everything shown from a source is escaped by the templates; a source's address becomes a link only
when it is http or https; every response carries a Content-Security-Policy that allows only this
app's own assets, and no inline script or style.
"""
from __future__ import annotations

import sqlite3
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from annalyst.store.db import Store, open_store
from annalyst.web import views

__all__ = ["create_app", "CSP"]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | Path) -> FastAPI:
    """The app over the store at ``db`` (migrated once here, then only read)."""
    open_store(db).close()  # a store from an older annalyst gets its new tables before serving
    app = FastAPI(title="annalyst", summary="A cited knowledge base of armed groups and conflicts.",
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN; /openapi.json stays
    web = files("annalyst.web")
    templates = Jinja2Templates(directory=str(web.joinpath("templates")))
    templates.env.filters["href"] = safe_href
    app.mount("/static", StaticFiles(directory=str(web.joinpath("static"))), name="static")

    def store() -> Store:
        connection = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        return Store(connection)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(request: Request, template: str, data: dict) -> HTMLResponse:
        return templates.TemplateResponse(request, template, data)

    # ------------------------------------------------------------ search
    @app.get("/api/search", tags=["search"])
    def api_search(q: str = Query("", max_length=200)) -> list[dict]:
        """Entities, events and sources matching every word of ``q``."""
        return views.search(store(), q)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=200)):
        return page(request, "search.html", {"q": q, "results": views.search(store(), q) if q else []})

    # ------------------------------------------------------------ an entity's profile
    @app.get("/api/entity", tags=["entities"])
    def api_entity(id: str = Query(..., max_length=500)) -> dict:
        """An entity's profile across pages: each value with its citations, its names, its events."""
        return _found(views.entity(store(), id))

    @app.get("/entity", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, id: str = Query(..., max_length=500)):
        return page(request, "entity.html", {"p": _found(views.entity(store(), id)), "rows": views.profile_rows})

    # ------------------------------------------------------------ a source with its spans
    @app.get("/api/source", tags=["sources"])
    def api_source(id: str = Query(..., max_length=2000), start: int | None = Query(None, ge=0),
                   end: int | None = Query(None, ge=0)) -> dict:
        """A stored source: its text as segments, each with the kinds of the spans extracted from it."""
        return _found(views.source(store(), id, start, end))

    @app.get("/source", response_class=HTMLResponse, include_in_schema=False)
    def source_page(request: Request, id: str = Query(..., max_length=2000), start: int | None = Query(None, ge=0),
                    end: int | None = Query(None, ge=0)):
        return page(request, "source.html", {"s": _found(views.source(store(), id, start, end))})

    # ------------------------------------------------------------ timeline
    @app.get("/api/timeline", tags=["events"])
    def api_timeline(actor: str | None = None, place: str | None = None, type: list[str] = Query([]),
                     start: str | None = Query(None, alias="from"), end: str | None = Query(None, alias="to")) -> dict:
        """Events in date order, each once, with its date's first and last possible day."""
        return _filtered(views.timeline, store(), actor, place, type, start, end)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, actor: str | None = None, place: str | None = None,
                      type: list[str] = Query([]), start: str | None = Query(None, alias="from"),
                      end: str | None = Query(None, alias="to")):
        found = _filtered(views.timeline, store(), actor, place, type, start, end)
        return page(request, "timeline.html", found)

    # ------------------------------------------------------------ contradictions
    @app.get("/api/contradictions", tags=["contradictions"])
    def api_contradictions() -> list[dict]:
        """Claims of different sources that cannot both hold, each with both citations."""
        return views.contradictions(store())

    @app.get("/contradictions", response_class=HTMLResponse, include_in_schema=False)
    def contradictions_page(request: Request):
        return page(request, "contradictions.html", {"found": views.contradictions(store())})

    # ------------------------------------------------------------ network and map
    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request):
        return page(request, "network.html", {})

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request):
        return page(request, "map.html", {})

    @app.get("/api/network", tags=["entities"])
    def api_network(actor: str | None = None) -> dict:
        """Entities as nodes and their relations (ally, opponent, ...) as typed edges."""
        return _filtered(lambda s, f: views.network(s, f), store(), actor, None, [], None, None)

    @app.get("/api/map", tags=["events"])
    def api_map(actor: str | None = None, place: str | None = None, type: list[str] = Query([]),
                start: str | None = Query(None, alias="from"), end: str | None = Query(None, alias="to")) -> dict:
        """Events with coordinates, and territory-control periods, as GeoJSON."""
        return _filtered(views.map_layers, store(), actor, place, type, start, end)

    return app


def _found(value):
    if value is None:
        raise HTTPException(status_code=404, detail="not in the store")
    return value


def _filtered(view, store, actor, place, types, start, end):
    from annalyst.export import FilterError, Filters
    try:
        return view(store, Filters(actor or None, place or None, start or None, end or None, tuple(types)))
    except FilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None


def safe_href(url: str | None) -> str | None:
    """A source's address as a link target only when it is a web address (no ``javascript:``)."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
