"""The web front end: `/` (sign-in), `/console` and `/chat` serve pages, `/web/<name>` assets.

Only the named files are served (never the package's Python files), and nothing is mounted
at `/` itself, so the pages never shadow `/v1`, `/healthz`, `/slack` or `/docs`; an unknown
path stays a JSON 404. Pages are served only at their own paths, never under `/web/`.
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

from assistant.web import ASSETS, WEB_DIR

# The page holds an API key: no other origin may frame it, and it loads nothing from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        "frame-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def _file(name: str) -> FileResponse:
    return FileResponse(WEB_DIR / name, media_type=ASSETS[name], headers=SECURITY_HEADERS)


def mount_web(app: FastAPI) -> None:
    """Serve sign-in at `/`, the console at `/console`, the chat at `/chat`, assets under `/web`."""

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return _file("index.html")

    @app.get("/chat", include_in_schema=False)
    async def chat() -> FileResponse:
        """The respondent's interview, opened from an invitation link (`/i/<token>`)."""
        return _file("chat.html")

    @app.get("/console", include_in_schema=False)
    async def console() -> FileResponse:
        return _file("console.html")

    @app.get("/web/{name}", include_in_schema=False)
    async def asset(name: str) -> FileResponse:
        if name not in ASSETS or name.endswith(".html"):
            raise HTTPException(status_code=404, detail=f"no file /web/{name}")
        return _file(name)
