"""One respondent with something in every table that can hold a person's data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factories import Workspace

from tools import interview as iv
from tools.knowledge import KnowledgeService
from tools.slack import workspaces as slack_ws
from tools.store import interviews as repo

NAME = "Dana Ruiz"
EMAIL = "dana.ruiz@example.com"
SLACK_USER = "U0DANA001"
# Words only Dana said: raw answer text, evidence, a transcript line.
STORY = "about 8 a month, mostly the CFO sitting on capex approvals for a whole month"
WAIT_TEXT = "2-3 days, longer when the regional controller is travelling again"
EVIDENCE = "write to dana.ruiz@example.com for the approval log"
HANDOFFS = "cf_handoff_failures"
WAIT = "lb_decision_wait"


@dataclass(frozen=True)
class Subject:
    """Dana: what was stored about her, to look for after erasure."""

    respondent_id: str
    interview_id: str
    texts: tuple[str, ...]
    other_id: str


def _answer(ws: Workspace, caller: Any, interview_id: str, qid: str, text: str, **kw: Any) -> None:
    iv.record_answer(ws.store, caller, interview_id, text=text, question_id=qid, **kw)


def make_subject(ws: Workspace, knowledge: KnowledgeService) -> Subject:
    """Dana (COO, Operations) answered with stories, has a key named with her email, a Slack
    link and an OAuth grant, a transcript; Cathy (Finance) answered beside her."""
    slack_ws.link_workspace(ws.store, team_key="T0ACME", org_id=ws.org.id, name="Acme")
    slack_ws.save_installation(
        ws.store,
        client_id="cid",
        installation={"team_id": "T0ACME", "user_id": SLACK_USER, "user_token": "xoxp-1"},
        bot=None,
        team_key="T0ACME",
        team_name="Acme",
    )
    dana = ws.person(NAME, role="COO", department="Operations", slack_user_id=SLACK_USER)
    from tools import admin

    admin.create_key(
        ws.store, ws.admin, ws.org.id, role="respondent", respondent_id=dana.id, name=EMAIL
    )
    caller = ws.caller("respondent", dana.id)
    interview = iv.start_interview(ws.store, caller, respondent_id=dana.id).id
    _answer(ws, caller, interview, HANDOFFS, STORY)
    _answer(ws, caller, interview, WAIT, WAIT_TEXT, evidence=EVIDENCE)
    with ws.store.write() as session:
        repo.add_messages(
            session,
            interview_id=interview,
            channel="api",
            messages=[("assistant", f"Hi {NAME}, first question"), ("respondent", STORY)],
        )
    cathy = ws.person("Cathy Chen", role="CFO", department="Finance")
    cathy_caller = ws.caller("respondent", cathy.id)
    theirs = iv.start_interview(ws.store, cathy_caller, respondent_id=cathy.id).id
    _answer(ws, cathy_caller, theirs, WAIT, "about 10 days")
    assert knowledge.flush()
    return Subject(dana.id, interview, (STORY, WAIT_TEXT, EVIDENCE), cathy.id)
