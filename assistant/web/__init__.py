"""The web front end: static files (no build step, no CDN) served by `oiar serve` at `/`."""

from pathlib import Path

WEB_DIR = Path(__file__).parent
# What the server hands out, and as what: nothing else in this folder is served.
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "base.css": "text/css; charset=utf-8",
    "chat.html": "text/html; charset=utf-8",
    "chat.js": "text/javascript; charset=utf-8",
    "chat.css": "text/css; charset=utf-8",
}
