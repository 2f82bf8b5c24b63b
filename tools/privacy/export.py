"""Everything stored about one respondent, for that person or an admin: profile, every answer
event with its raw text, transcripts, governance entries, campaign invitations, invitation
links (never their token), API keys (never their hash), Slack identity links (never tokens)
and the evidence quotes indexed from their answers. JSON as `RespondentExport`; CSV as one
row per item (`export_csv`).
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from knowledge import load_instrument
from tools.access import Caller, require, require_org, require_own_interview
from tools.admin import attribution
from tools.errors import NotFoundError
from tools.knowledge.service import KnowledgeService
from tools.store import interviews as interviews_repo
from tools.store import people
from tools.store import privacy as repo
from tools.store import web as web_repo
from tools.store.db import Store
from tools.store.schema import Respondent, utcnow
from tools.timestamps import UtcDatetime


class ProfileOut(BaseModel):
    id: str
    name: str
    role: str | None
    department: str | None
    tags: list[str]
    domains: list[str]
    slack_user_id: str | None
    created_at: UtcDatetime
    erased_at: UtcDatetime | None


class AnswerOut(BaseModel):
    event_id: int
    interview_id: str | None
    question_id: str
    question: str
    kind: str
    raw_text: str
    value: dict[str, Any] | None
    display: str | None
    evidence: str | None
    channel: str
    round_id: str | None
    created_at: UtcDatetime


class InterviewOut(BaseModel):
    id: str
    status: str
    channel: str
    round_id: str | None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class MessageOut(BaseModel):
    interview_id: str
    sender: str
    text: str
    channel: str
    created_at: UtcDatetime


class GovernanceOut(BaseModel):
    id: int
    kind: str
    subject: str
    data: dict[str, Any]
    raw_text: str | None
    channel: str
    created_at: UtcDatetime
    replaced_at: UtcDatetime | None


class CampaignOut(BaseModel):
    campaign_id: str
    name: str
    attribution: str
    department: str | None
    tz: str | None
    invited_at: UtcDatetime | None
    finished_at: UtcDatetime | None
    reminders_sent: int


class KeyOut(BaseModel):
    id: str
    role: str
    name: str | None
    created_at: UtcDatetime
    revoked_at: UtcDatetime | None


class InvitationOut(BaseModel):
    """An invitation link (never its token) and the browser sessions made from it."""

    id: str
    round_id: str | None
    created_at: UtcDatetime
    expires_at: UtcDatetime
    opened_at: UtcDatetime | None
    revoked_at: UtcDatetime | None


class SlackLinkOut(BaseModel):
    installation_id: int
    team_id: str | None
    enterprise_id: str | None
    installed_at: UtcDatetime


class QuoteOut(BaseModel):
    question_id: str
    domain: str
    department: str
    text: str


class RespondentExport(BaseModel):
    exported_at: UtcDatetime
    org_id: str
    attribution: str = Field(
        description="How others see this person's answers: 'named' or 'department-only'."
    )
    profile: ProfileOut
    interviews: list[InterviewOut]
    answers: list[AnswerOut]
    transcripts: list[MessageOut]
    governance: list[GovernanceOut]
    campaigns: list[CampaignOut]
    api_keys: list[KeyOut]
    invitations: list[InvitationOut] = Field(default_factory=list)
    slack_installations: list[SlackLinkOut]
    evidence_quotes: list[QuoteOut]
    evidence_index: str = Field(description="'included', or why the quotes could not be read.")
    erased_at: UtcDatetime | None


def _respondent(session: Any, caller: Caller, org_id: str, respondent_id: str) -> Respondent:
    require_org(caller, org_id)
    if caller.role == "respondent":
        require_own_interview(caller, respondent_id)
    else:
        require(caller, "export_data")
    found = people.get_respondent(session, org_id, respondent_id)
    if found is None:
        msg = f"respondent {respondent_id!r} not found"
        raise NotFoundError(msg)
    return found


def export_respondent(
    store: Store,
    caller: Caller,
    org_id: str,
    respondent_id: str,
    *,
    knowledge: KnowledgeService | None = None,
) -> RespondentExport:
    """Everything stored about the respondent (admins: anyone; a respondent: themselves)."""
    questions = load_instrument().by_id
    with store.read() as session:
        person = _respondent(session, caller, org_id, respondent_id)
        hidden = attribution.is_department_only(session, org_id, respondent_id)
        events = interviews_repo.respondent_history(session, org_id, respondent_id)
        interviews = repo.respondent_interviews(session, respondent_id)
        messages = repo.respondent_messages(session, respondent_id)
        governance = repo.respondent_governance(session, respondent_id)
        memberships = repo.respondent_memberships(session, respondent_id)
        keys = repo.respondent_keys(session, respondent_id)
        invites = web_repo.respondent_invites(session, respondent_id)
        slack = (
            repo.slack_installations_of_user(session, org_id, person.slack_user_id)
            if person.slack_user_id
            else []
        )
        profile = ProfileOut.model_validate(person, from_attributes=True)
        built = {
            "interviews": [
                InterviewOut.model_validate(i, from_attributes=True) for i in interviews
            ],
            "answers": [
                AnswerOut(
                    event_id=e.id,
                    interview_id=e.interview_id,
                    question_id=e.question_id,
                    question=questions[e.question_id].text if e.question_id in questions else "",
                    kind=e.kind,
                    raw_text=e.raw_text,
                    value=e.value,
                    display=e.display,
                    evidence=e.evidence,
                    channel=e.channel,
                    round_id=e.round_id,
                    created_at=e.created_at,
                )
                for e in events
            ],
            "transcripts": [MessageOut.model_validate(m, from_attributes=True) for m in messages],
            "governance": [
                GovernanceOut.model_validate(g, from_attributes=True) for g in governance
            ],
            "campaigns": [
                CampaignOut(
                    campaign_id=c.id,
                    name=c.name,
                    attribution=c.attribution,
                    department=m.department,
                    tz=m.tz,
                    invited_at=m.invited_at,
                    finished_at=m.finished_at,
                    reminders_sent=m.reminders_sent,
                )
                for m, c in memberships
            ],
            "api_keys": [KeyOut.model_validate(k, from_attributes=True) for k in keys],
            "invitations": [InvitationOut.model_validate(i, from_attributes=True) for i in invites],
            "slack_installations": [
                SlackLinkOut(
                    installation_id=s.id,
                    team_id=s.team_id,
                    enterprise_id=s.enterprise_id,
                    installed_at=s.installed_at,
                )
                for s in slack
            ],
        }
    quotes, index_state = _quotes(knowledge, org_id, respondent_id)
    return RespondentExport(
        exported_at=utcnow(),
        org_id=org_id,
        attribution="department-only" if hidden else "named",
        profile=profile,
        evidence_quotes=quotes,
        evidence_index=index_state,
        erased_at=person.erased_at,
        **built,
    )


def _quotes(
    knowledge: KnowledgeService | None, org_id: str, respondent_id: str
) -> tuple[list[QuoteOut], str]:
    if knowledge is None:
        return [], "not read: no knowledge index in this process"
    try:
        knowledge.flush()
        hits = knowledge.index.evidence_of(org_id, respondent_id)
    except Exception as exc:  # chromadb raises many types; the rest of the export still stands
        return [], f"not read: the evidence index is unavailable ({exc})"
    quotes = [
        QuoteOut(question_id=h.question_id, domain=h.domain, department=h.department, text=h.text)
        for h in hits
    ]
    return quotes, "included"


CSV_COLUMNS = ("section", "id", "at", "question_id", "kind", "text", "value", "channel")
# Cells a spreadsheet would run as a formula; people's words are data, never formulas.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: object) -> str:
    if text is None:
        return ""
    cell = str(text)
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def _csv_rows(export: RespondentExport) -> list[tuple[object, ...]]:
    p = export.profile
    rows: list[tuple[object, ...]] = [
        ("profile", p.id, p.created_at, "", field, getattr(p, field), "", "")
        for field in ("name", "role", "department", "slack_user_id", "erased_at")
    ]
    rows.append(("profile", p.id, p.created_at, "", "attribution", export.attribution, "", ""))
    rows += [
        (
            "answer",
            a.event_id,
            a.created_at,
            a.question_id,
            a.kind,
            a.raw_text,
            a.display,
            a.channel,
        )
        for a in export.answers
    ]
    rows += [
        ("answer_evidence", a.event_id, a.created_at, a.question_id, a.kind, a.evidence, "", "")
        for a in export.answers
        if a.evidence
    ]
    rows += [
        ("transcript", m.interview_id, m.created_at, "", m.sender, m.text, "", m.channel)
        for m in export.transcripts
    ]
    rows += [
        ("governance", g.id, g.created_at, g.subject, g.kind, g.raw_text, "", g.channel)
        for g in export.governance
    ]
    rows += [
        ("campaign", c.campaign_id, c.invited_at, "", c.attribution, c.name, c.department, "")
        for c in export.campaigns
    ]
    rows += [
        ("api_key", k.id, k.created_at, "", k.role, k.name, k.revoked_at, "")
        for k in export.api_keys
    ]
    rows += [
        ("invitation", i.id, i.created_at, "", i.round_id, i.expires_at, i.opened_at, "web")
        for i in export.invitations
    ]
    rows += [
        ("slack_installation", s.installation_id, s.installed_at, "", "", s.team_id, "", "slack")
        for s in export.slack_installations
    ]
    rows += [
        ("evidence_quote", "", "", q.question_id, q.domain, q.text, q.department, "")
        for q in export.evidence_quotes
    ]
    return rows


def export_csv(export: RespondentExport) -> str:
    """The export as one CSV table: a `section` column says what each row is."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _csv_rows(export):
        writer.writerow([v.isoformat() if isinstance(v, datetime) else _safe(v) for v in row])
    return out.getvalue()
