"""The web front end: static files (no build step, no CDN) served by `oiar serve`.

`/` is the sign-in page (index.html), `/console` the facilitator's and viewer's console and
`/chat` the respondent's interview (opened from an invitation link); their scripts and styles
are under `/web/`, all built on base.css.
"""

from pathlib import Path

WEB_DIR = Path(__file__).parent
# What the server hands out, and as what: nothing else in this folder is served.
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "console.html": "text/html; charset=utf-8",
    "chat.html": "text/html; charset=utf-8",
    "base.css": "text/css; charset=utf-8",
    "signin.js": "text/javascript; charset=utf-8",
    "console.js": "text/javascript; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
    "chat.js": "text/javascript; charset=utf-8",
    "chat.css": "text/css; charset=utf-8",
}
