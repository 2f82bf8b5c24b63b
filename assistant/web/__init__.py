"""The web front end: static files (no build step, no CDN) served by `oiar serve`.

`/` is the sign-in page (index.html) and `/console` the facilitator's and viewer's console;
their scripts and styles are under `/web/`.
"""

from pathlib import Path

WEB_DIR = Path(__file__).parent
# What the server hands out, and as what: nothing else in this folder is served.
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "console.html": "text/html; charset=utf-8",
    "signin.js": "text/javascript; charset=utf-8",
    "console.js": "text/javascript; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
}
