"""Who said what, as shown to someone other than the speaker.

A campaign is either *named* ("Dana Ruiz, COO (Operations)") or *department-only* ("a leader in
Operations"): candour about leadership drag needs the second. The rule, chosen because it is
the safer one: a respondent is department-only in their whole organization as soon as they are a
member of **any** department-only campaign of it, whatever campaign an answer was given in. The
store still knows who answered, so each person sees and edits their own answers under their own
name (`viewer_id`); everyone else, facilitators and admins included, sees the label. A person
an admin erased (`tools.privacy`) is department-only everywhere, for good.

The scoring core never sees a name: each respondent reaches it as their id and department
(`tools.store.people.scoring_identity`), and `score_replacements` turns ids back into what the
viewer may see, so a score's JSON and hash hold nothing personal.

Use `speaker_label` for one person, `speaker_labels` for many (one query), and
`redact_score` before showing a scoring result (its respondent names, disagreements and texts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scoring import ScoreResult
from tools.store.db import Store
from tools.store.schema import Campaign, CampaignMember, Respondent

Attribution = Literal["named", "department"]
ATTRIBUTIONS: tuple[Attribution, ...] = ("named", "department")
UNKNOWN_SPEAKER = "a respondent"


def named_label(name: str, role: str | None, department: str | None) -> str:
    """'Dana Ruiz, COO (Operations)'; parts that are unknown are left out."""
    label = f"{name}, {role}" if role else name
    return f"{label} ({department})" if department else label


def department_label(department: str | None) -> str:
    """'a leader in Operations', or 'a leader' when the department is unknown."""
    return f"a leader in {department}" if department else "a leader"


def hidden_departments(
    session: Session, org_id: str, respondent_ids: Iterable[str] | None = None
) -> dict[str, str | None]:
    """Department-only respondents of the organization -> the department to show for them.

    The department is the respondent's own, else the one a facilitator gave in a
    department-only campaign (the latest such campaign wins).
    """
    query = (
        select(CampaignMember.respondent_id, CampaignMember.department, Respondent.department)
        .join(Campaign, Campaign.id == CampaignMember.campaign_id)
        .join(Respondent, Respondent.id == CampaignMember.respondent_id)
        .where(Campaign.org_id == org_id, Campaign.attribution == "department")
        .order_by(Campaign.created_at, CampaignMember.id)
    )
    erased = select(Respondent.id, Respondent.department).where(
        Respondent.org_id == org_id, Respondent.erased_at.is_not(None)
    )
    if respondent_ids is not None:
        ids = list(respondent_ids)
        query = query.where(CampaignMember.respondent_id.in_(ids))
        erased = erased.where(Respondent.id.in_(ids))
    hidden: dict[str, str | None] = {}
    for respondent_id, member_dept, own_dept in session.execute(query):
        hidden[respondent_id] = own_dept or member_dept or hidden.get(respondent_id)
    for respondent_id, own_dept in session.execute(erased):
        hidden[respondent_id] = own_dept or hidden.get(respondent_id)
    return hidden


def attribution_mode(session: Session, org_id: str) -> str:
    """Which attribution is in force for the organization's outputs, in a sentence."""
    hidden = hidden_departments(session, org_id)
    if not hidden:
        return "named: no department-only campaign; answers are shown with the speaker's name"
    everyone = session.scalar(
        select(func.count()).select_from(Respondent).where(Respondent.org_id == org_id)
    )
    if len(hidden) >= (everyone or 0):
        return "department-only: every respondent is shown as 'a leader in <department>'"
    return (
        f"mixed: {len(hidden)} of {everyone} respondents are department-only (shown as "
        "'a leader in <department>'); the others are named"
    )


def is_department_only(session: Session, org_id: str, respondent_id: str) -> bool:
    """True when this respondent's answers are shown by department only."""
    return respondent_id in hidden_departments(session, org_id, [respondent_id])


def speaker_labels(
    session: Session,
    org_id: str,
    respondent_ids: Iterable[str],
    *,
    viewer_id: str | None = None,
) -> dict[str, str]:
    """Labels for many respondents at once: respondent id -> what to show (see `speaker_label`).

    Ids not of this organization get a neutral 'a respondent'.
    """
    ids = list(dict.fromkeys(respondent_ids))
    if not ids:
        return {}
    people = {
        r.id: r
        for r in session.scalars(
            select(Respondent).where(Respondent.org_id == org_id, Respondent.id.in_(ids))
        )
    }
    hidden = hidden_departments(session, org_id, ids)
    labels: dict[str, str] = {}
    for rid in ids:
        person = people.get(rid)
        if person is None:
            labels[rid] = UNKNOWN_SPEAKER
        elif rid in hidden and rid != viewer_id:
            labels[rid] = department_label(hidden[rid])
        else:
            labels[rid] = named_label(person.name, person.role, person.department)
    return labels


def speaker_label(
    session: Session, org_id: str, respondent_id: str, *, viewer_id: str | None = None
) -> str:
    """How to name the speaker of an answer or quote to whoever is looking.

    Args:
        session: An open store session (read is enough).
        org_id: The organization the answer belongs to.
        respondent_id: Who gave the answer.
        viewer_id: The respondent id of the person looking, if they are a respondent: a person
            always sees their own answers under their own name.

    Returns:
        'Dana Ruiz, COO (Operations)' when named; 'a leader in Operations' when department-only.
    """
    return speaker_labels(session, org_id, [respondent_id], viewer_id=viewer_id)[respondent_id]


def mode_in_force(store: Store, org_id: str) -> str:
    """`attribution_mode` on its own read (what a report prints in its audit section)."""
    with store.read() as session:
        return attribution_mode(session, org_id)


def score_replacements(session: Session, org_id: str) -> dict[str, str]:
    """What to rewrite in a scoring result: each respondent's id (and id with department, the
    core's display) -> their name, or their department label when they are hidden.

    The scoring core sees ids only (so counts and confidence never depend on attribution,
    and erasing a name changes no figure); names, where shown, are put in on the way out.
    """
    hidden = hidden_departments(session, org_id)
    people = session.scalars(select(Respondent).where(Respondent.org_id == org_id))
    replacements: dict[str, str] = {}
    for person in people:
        if person.id in hidden:
            shown = department_label(hidden[person.id])
            with_dept = shown
        else:
            shown = person.name
            with_dept = f"{person.name} ({person.department})" if person.department else shown
        if person.department:
            replacements[f"{person.id} ({person.department})"] = with_dept
        replacements[person.id] = shown
    return replacements


def _redact(value: Any, exact: Mapping[str, str], pattern: re.Pattern[str] | None) -> Any:
    if isinstance(value, str):
        if value in exact:
            return exact[value]
        return pattern.sub(lambda m: exact[m.group(0)], value) if pattern else value
    if isinstance(value, dict):
        return {k: _redact(v, exact, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, exact, pattern) for v in value]
    return value


def redact_score(result: ScoreResult, replacements: Mapping[str, str]) -> ScoreResult:
    """A copy of `result` with every hidden name (exact fields and inside texts) replaced."""
    if not replacements:
        return result
    # Longest first, so "Dana Ruiz (Operations)" goes before "Dana Ruiz" alone.
    keys = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
    data = _redact(result.model_dump(), replacements, pattern)
    return ScoreResult.model_validate(data)
