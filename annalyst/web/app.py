"""The FastAPI app behind ``annalyst serve``: server-rendered pages (Jinja2, autoescaped) and a JSON
twin of each under ``/api``, read from the store through read-only connections.

Everything shown from a source is escaped by the templates; a source's address becomes a link only
when it is http or https; every response carries a Content-Security-Policy that allows only this
app's own assets, and no inline script or style.
"""
from __future__ import annotations

import hmac
import sqlite3
import threading
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Body, Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from annalyst.store.db import Store, open_store
from annalyst.web import views

__all__ = ["create_app", "CSP", "read_tokens", "MAX_BODY"]

MAX_BODY = 10_000_000  # bytes: a larger request body (an upload, a review) is refused with 413

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db: str | Path, tokens: dict[str, str] | None = None) -> FastAPI:
    """The app over the store at ``db`` (migrated once here, then only read). With ``tokens``
    (token -> who), the write endpoints accept requests that carry one as a bearer token; without,
    every write is refused."""
    open_store(db).close()  # a store from an older annalyst gets its new tables before serving
    app = FastAPI(title="annalyst", summary="A cited knowledge base of armed groups and conflicts.",
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN; /openapi.json stays
    web = files("annalyst.web")
    templates = Jinja2Templates(directory=str(web.joinpath("templates")))
    templates.env.filters["href"] = safe_href
    app.mount("/static", StaticFiles(directory=str(web.joinpath("static"))), name="static")

    readers = threading.local()  # one read-only connection per server thread, reused across requests

    def store() -> Store:
        if getattr(readers, "store", None) is None:
            connection = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
            connection.row_factory = sqlite3.Row
            readers.store = Store(connection)
        return readers.store

    @app.middleware("http")
    async def headers(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            response = JSONResponse({"detail": f"request body over {MAX_BODY} bytes"}, status_code=413)
        else:
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

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

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

    # ------------------------------------------------------------ writes (--allow-writes)
    def writer(request: Request) -> str:
        """Who is writing: the name of the bearer token the request carries (401 without one)."""
        if not tokens:
            raise HTTPException(status_code=403, detail="this server is read-only (annalyst serve --allow-writes)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(status_code=401, detail="a bearer token is required",
                                headers={"WWW-Authenticate": "Bearer"})
        for token, who in tokens.items():
            if hmac.compare_digest(token.encode(), given.strip().encode()):
                return who
        raise HTTPException(status_code=403, detail="unknown token")

    def writable() -> Store:
        return open_store(db)

    @app.post("/api/review", tags=["writes"])
    def api_review(who: str = Depends(writer), entity: str = Body(..., max_length=500),
                   field: str = Body(..., max_length=200), value: dict = Body(...),
                   decision: str = Body(..., pattern="^(accept|reject|correct)$"), correction: dict | None = Body(None),
                   note: str | None = Body(None, max_length=2000)) -> dict:
        """Accept, reject or correct one value of a profile; recorded in the audit table, kept across re-ingests."""
        from annalyst.store.reviews import core, review
        store = writable()
        found = views.entity(store, entity)
        items = (found or {}).get(field)
        listed = items if isinstance(items, list) else [items] if isinstance(items, dict) else []
        if not any(core(i) == core(value) for i in listed):
            raise HTTPException(status_code=404, detail=f"{entity} has no such {field} value")
        if (decision == "correct") != (correction is not None):
            raise HTTPException(status_code=422, detail="a correction, and only a correction, carries a new value")
        review(store, who, entity, field, value, decision, correction, note)
        return {"entity": entity, field: views.entity(store, entity).get(field)}

    @app.post("/api/merge", tags=["writes"])
    def api_merge(who: str = Depends(writer), a: str = Body(..., max_length=500), b: str = Body(..., max_length=500),
                  note: str | None = Body(None, max_length=2000)) -> dict:
        """Record that A and B are one entity (as ``annalyst merge``); audited."""
        from annalyst.resolve import entity_for
        from annalyst.resolve.world import add_overrides
        from annalyst.store.reviews import audit
        store = writable()
        if entity_for(store, a) is None or entity_for(store, b) is None:
            raise HTTPException(status_code=404, detail="no such entity")
        before = entity_for(store, b)
        add_overrides(store, [("merge", a, b, note)])
        audit(store, who, "merge", f"{a} <- {b}", before, entity_for(store, b))
        return {"a": entity_for(store, a), "b": entity_for(store, b)}

    @app.post("/api/ingest", tags=["writes"])
    def api_ingest(who: str = Depends(writer), page: UploadFile = File(...)) -> dict:
        """Ingest one uploaded page file (its name only: no folders); audited."""
        import tempfile

        from annalyst.pipeline import ingest
        from annalyst.store.reviews import audit
        name = page.filename or ""
        if not name or name != Path(name).name or name.startswith(".") or "\\" in name:
            raise HTTPException(status_code=400, detail=f"{name!r}: a file name, without folders")
        with tempfile.TemporaryDirectory(prefix="annalyst-upload-") as tmp:
            target = Path(tmp) / name
            data = page.file.read(MAX_BODY + 1)
            if len(data) > MAX_BODY:  # sent without a length the middleware could check
                raise HTTPException(status_code=413, detail=f"upload over {MAX_BODY} bytes")
            target.write_bytes(data)
            store = writable()
            report = ingest([target], store, workers=1)
        stored = [{"page": name, "status": status} for _, status in report.stored]
        errors = [line.replace(str(target), name) for line in report.errors]
        audit(store, who, "ingest", name, None, json_text({"stored": stored, "errors": errors}))
        if errors:
            raise HTTPException(status_code=400, detail=errors[0])
        return {"stored": stored}

    return app


def read_tokens(path: str | Path) -> dict[str, str]:
    """The tokens of a token file: one a line, ``TOKEN`` or ``NAME TOKEN`` (NAME is recorded as who
    wrote); blank lines and ``#`` comments are skipped."""
    from annalyst.errors import InputError
    out = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        if len(parts) > 2 or len(parts[-1]) < 16:
            raise InputError(path, "expected TOKEN or NAME TOKEN, the token at least 16 characters", number)
        out[parts[-1]] = parts[0] if len(parts) == 2 else f"token {number}"
    if not out:
        raise InputError(path, "no token")
    return out


def json_text(value) -> str:
    import json
    return json.dumps(value, ensure_ascii=False)


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
