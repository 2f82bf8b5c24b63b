"""`GET /i/{token}`: opening an invitation link, and the small pages of a link that does not
work (unknown, expired, withdrawn, already used, round closed).

A link that works signs this browser in as its respondent and redirects (303) to `/chat`; the
same browser opening it again resumes. Link previewers (Slack's unfurler, chat apps, mail
scanners) fetch links too: a known previewer gets a plain page and the link stays unopened, so
the respondent's first click is still theirs. The pages are server-rendered HTML on `/web/base.css`,
with an `<h1>`, a `<p>` saying what to do, and `data-state` on `<main>` naming the case; never
a stack trace. The token is in the URL, so no page sends a Referer anywhere.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from assistant.api.cookies import COOKIE, set_session_cookie
from assistant.api.deps import SettingsDep, StoreDep
from assistant.api.offload import run_store_work
from assistant.api.web import SECURITY_HEADERS
from tools import web

router = APIRouter(include_in_schema=False)
CHAT = "/chat"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")
# User agents that fetch a link to preview it, not to follow it.
_PREVIEWERS = re.compile(
    r"Slackbot|Slack-ImgProxy|facebookexternalhit|Twitterbot|LinkedInBot|Discordbot|"
    r"WhatsApp|TelegramBot|SkypeUriPreview|Microsoft Office|Googlebot|bingbot|"
    r"Applebot|redditbot|Embedly|Iframely",
    re.IGNORECASE,
)
_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "no-store", "X-Robots-Tag": "noindex"}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/web/base.css">
</head>
<body>
<main class="notice" data-state="{state}">
<h1>{title}</h1>
<p>{text}</p>
{company}</main>
</body>
</html>
"""


def _date(moment: datetime | None) -> str:
    return f"{moment.day} {moment:%B %Y}" if moment is not None else "its expiry date"


def _texts(opening: web.Opening) -> tuple[str, str]:
    who = opening.created_by or "the person who sent it to you"
    ask = f"Ask {who} for a new link."
    if opening.state == "expired":
        return "This link has expired", f"It expired on {_date(opening.expires_at)}. {ask}"
    if opening.state == "revoked":
        return "This link was withdrawn", f"It no longer works. {ask}"
    if opening.state == "used":
        return (
            "This link was already used",
            "It was opened on another device or browser, and a link works on one only. "
            f"To answer here, ask {who} for a new link.",
        )
    if opening.state == "preview":
        return (
            "Your interview invitation",
            "Open this link in your browser to answer the interview. It works on one device.",
        )
    if opening.state == "closed":
        return (
            "This assessment round is closed",
            f"Answers are no longer being collected, so there is nothing more to do. "
            f"If you think that is a mistake, ask {who}.",
        )
    return (
        "This link does not work",
        "Check that you opened the whole link from your invitation, or ask the person who "
        "sent it to you for a new one.",
    )


def page(opening: web.Opening, org_name: str | None) -> HTMLResponse:
    """The page of a link that does not sign anyone in: 404 unknown, else 410 Gone."""
    title, text = _texts(opening)
    company = f'<p class="muted">{html.escape(org_name)}</p>\n' if org_name else ""
    body = _PAGE.format(
        title=html.escape(title),
        state=opening.state,
        text=html.escape(text),
        company=company,
    )
    code = {"unknown": 404, "preview": 200}.get(opening.state, 410)
    return HTMLResponse(body, status_code=code, headers=_HEADERS)


@router.get("/i/{token}", response_model=None)
async def open_link(
    token: str, request: Request, store: StoreDep, settings: SettingsDep
) -> Response:
    """Open an invitation: sign in and go to the chat, resume, or say why the link is dead."""
    if _TOKEN.fullmatch(token) is None:
        return page(web.Opening("unknown"), None)
    if _PREVIEWERS.search(request.headers.get("user-agent", "")):
        return page(web.Opening("preview"), None)
    opening = await run_store_work(
        store, True, web.open_invite, store, token, cookie=request.cookies.get(COOKIE)
    )
    if opening.state in ("opened", "resumed"):
        response = RedirectResponse(CHAT, status_code=303, headers=_HEADERS)
        if opening.cookie is not None and opening.expires_at is not None:
            set_session_cookie(response, request, settings, opening.cookie, opening.expires_at)
        return response
    org_name = None
    if opening.state != "unknown":
        org_name = await run_store_work(store, True, web.org_name_of_invite, store, token)
    return page(opening, org_name)
