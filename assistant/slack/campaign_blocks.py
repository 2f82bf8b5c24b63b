"""Block Kit for campaigns: the two-step launch modal, invitations, reminders, status, summary.

The launch modal asks for people, due date, results channel and attribution first; its
submission swaps in a second step with one department field per person (prefilled from what the
store knows), because Slack has no standard department field to read.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from assistant.slack import blocks as bk
from scoring.explain import money
from tools.campaigns import CampaignStatus
from tools.campaigns.worker import CampaignSummary, ReminderClaim

Block = dict[str, Any]

LAUNCH_MODAL = "oiar_campaign_launch"
DEPARTMENTS_MODAL = "oiar_campaign_departments"
NAME, USERS, GROUP, DUE, CHANNEL, ATTRIBUTION = "name", "users", "group", "due", "channel", "attr"
VALUE = "value"
DEPT_PREFIX = "dept_"
ATTRIBUTION_TEXT = {
    "named": "Named: answers show who gave them",
    "department": "Department only: answers show as “a leader in Operations”",
}


def _plain(text: str) -> Block:
    return {"type": "plain_text", "text": text}


def _input(block_id: str, label: str, element: Block, *, optional: bool = False) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": {**element, "action_id": VALUE},
        "optional": optional,
    }


def _modal(callback_id: str, title: str, submit: str, blocks: list[Block], meta: str) -> Block:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title),
        "submit": _plain(submit),
        "close": _plain("Cancel"),
        "private_metadata": meta,
        "blocks": blocks,
    }


def launch_modal(*, default_due: date, groups: list[tuple[str, str]], channel: str | None) -> Block:
    """Step one: who, a user group, due date, results channel and attribution."""
    options = [{"text": _plain(text), "value": key} for key, text in ATTRIBUTION_TEXT.items()]
    blocks = [
        _input(
            NAME,
            "Campaign name",
            {"type": "plain_text_input", "initial_value": "Execution review", "max_length": 200},
        ),
        _input(
            USERS,
            "People to interview",
            {"type": "multi_users_select", "max_selected_items": 100},
            optional=True,
        ),
    ]
    if groups:
        group_options = [{"text": _plain(name[:75]), "value": gid} for gid, name in groups[:100]]
        blocks.append(
            _input(
                GROUP,
                "…or a user group",
                {"type": "static_select", "options": group_options},
                optional=True,
            )
        )
    channel_select: Block = {
        "type": "conversations_select",
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if channel:
        channel_select["initial_conversation"] = channel
    blocks += [
        _input(DUE, "Due date", {"type": "datepicker", "initial_date": default_due.isoformat()}),
        _input(CHANNEL, "Post the ranked summary to", channel_select),
        _input(
            ATTRIBUTION,
            "Attribution",
            {"type": "radio_buttons", "options": options, "initial_option": options[1]},
        ),
    ]
    return _modal(LAUNCH_MODAL, "Launch a campaign", "Next", blocks, "")


def departments_modal(step_one: dict[str, Any], departments: dict[str, str | None]) -> Block:
    """Step two: one department per person (the label shown in department-only campaigns)."""
    blocks: list[Block] = [
        bk.section(
            f"*{step_one['name']}*: {len(step_one['users'])} people, due {step_one['due']}. "
            "Which department does each speak for?"
        )
    ]
    for user in step_one["users"]:
        element: Block = {
            "type": "plain_text_input",
            "max_length": 200,
            "placeholder": _plain("Operations"),
        }
        if departments.get(user):
            element["initial_value"] = departments[user]
        blocks.append(bk.context(f"<@{user}>"))
        blocks.append(_input(f"{DEPT_PREFIX}{user}", "Department", element))
    return _modal(DEPARTMENTS_MODAL, "Departments", "Launch", blocks, json.dumps(step_one))


def _due_text(due_at: datetime) -> str:
    return f"{due_at:%a %d %b}"


def invitation_blocks(
    *, campaign: str, facilitator: str, due_at: datetime, attribution: str, department: str | None
) -> list[Block]:
    if attribution == "department":
        shown = f"as “a leader in {department}”" if department else "by department only"
        privacy = f"Your answers are shown to others {shown}, never with your name."
    else:
        privacy = "Your answers are shown with your name."
    return [
        bk.section(
            f"<@{facilitator}> invites you to *{campaign}*: a 10–20 minute interview about where "
            f"execution drags. Please finish by *{_due_text(due_at)}*. You can pause any time."
        ),
        bk.context(privacy),
        {
            "type": "actions",
            "elements": [bk.button("Start", bk.CONTINUE, "start", style="primary")],
        },
    ]


def reminder_blocks(claim: ReminderClaim) -> list[Block]:
    return [
        bk.section(
            f"A reminder about *{claim.campaign_name}*: your interview is due "
            f"*{_due_text(claim.due_at)}*. It picks up where you left off."
        ),
        bk.context(f"Reminder {claim.number} of {claim.max_reminders}"),
        {
            "type": "actions",
            "elements": [bk.button("Continue", bk.CONTINUE, "continue", style="primary")],
        },
    ]


def status_blocks(status: CampaignStatus) -> list[Block]:
    campaign = status.campaign
    lines = []
    for member in status.members:
        who = f"<@{member.slack_user_id}>" if member.slack_user_id else member.name
        dept = f" ({member.department})" if member.department else ""
        if member.finished:
            lines.append(f"✅ {who}{dept}")
        else:
            reminded = f", reminded {member.reminders_sent}×" if member.reminders_sent else ""
            lines.append(f"⏳ {who}{dept}{reminded}")
    state = "closed" if campaign.status == "closed" else f"due {_due_text(campaign.due_at)}"
    return [
        bk.section(f"*{campaign.name}*: {status.progress} ({state})"),
        bk.section("\n".join(lines) or "Nobody invited yet."),
    ]


def summary_blocks(summary: CampaignSummary) -> list[Block]:
    cur = summary.currency
    head = (
        f"*{summary.campaign.name}*: {summary.finished} of {summary.total} finished "
        f"({summary.reason}). Operating income at risk: about *{money(summary.total_mean, cur)} "
        f"a year* (P10–P90 {money(summary.total_p10, cur)}–{money(summary.total_p90, cur)})."
    )
    ranked = [
        f"{d.rank}. *{d.label}*: {money(d.mean, cur)} "
        f"({money(d.p10, cur)}–{money(d.p90, cur)}; {d.bps_of_revenue:.0f} bps; "
        f"{d.confidence} confidence)"
        for d in summary.domains
    ]
    blocks = [
        {"type": "header", "text": _plain("Execution drag, ranked")},
        bk.section(head),
        bk.section("\n".join(ranked)),
        bk.section(f"*Why {summary.domains[0].label} is first.* {summary.domains[0].explanation}")
        if summary.domains
        else bk.section("No figures yet."),
    ]
    if summary.disagreements:
        blocks.append(
            bk.context("Where departments disagree: " + " ".join(summary.disagreements[:3]))
        )
    if summary.campaign.attribution == "department":
        blocks.append(bk.context("Answers in this campaign are attributed by department only."))
    return blocks


def summary_text(summary: CampaignSummary) -> str:
    """The notification text (what a phone shows) of the summary post."""
    top = summary.domains[0] if summary.domains else None
    lead = (
        f"{top.label} leads at {money(top.mean, summary.currency)} a year" if top else "no figures"
    )
    return f"{summary.campaign.name}: ranked execution drag ({lead})"
