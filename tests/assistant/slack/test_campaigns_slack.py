"""`/oiar campaign` through signed requests to the real app and the fake Slack Web API:
launch for three people, DM invitations, status, reminders in each person's hours, summary."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fake_slack import Call
from slack_support import SlackApp, SlackUser, texts

from assistant.slack import campaign_blocks as cb
from assistant.slack import campaigns as slack_campaigns
from tools.store import interviews as repo
from tools.store import people
from tools.store.schema import CampaignMember

pytestmark = pytest.mark.anyio

PEOPLE = {
    "UDANA": ("Dana Ruiz", "Europe/Paris", "Operations"),
    "UCATHY": ("Cathy Fox", "America/New_York", "Finance"),
    "UPAT": ("Pat Lee", "Asia/Tokyo", "People"),
}


def _people(slack: SlackApp) -> None:
    for user, (name, tz, _) in PEOPLE.items():
        if user not in slack.fake.users:
            slack.fake.add_user(user, name)
        slack.fake.users[user]["tz"] = tz
    slack.fake.users["UADA"]["tz"] = "Europe/London"


def _launch_values(due: date, *, users: list[str], group: str | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        cb.NAME: {cb.VALUE: {"type": "plain_text_input", "value": "Q1 review"}},
        cb.USERS: {cb.VALUE: {"type": "multi_users_select", "selected_users": users}},
        cb.DUE: {cb.VALUE: {"type": "datepicker", "selected_date": due.isoformat()}},
        cb.CHANNEL: {cb.VALUE: {"type": "conversations_select", "selected_conversation": "C0EXEC"}},
        cb.ATTRIBUTION: {
            cb.VALUE: {"type": "radio_buttons", "selected_option": {"value": "department"}}
        },
    }
    if group:
        values[cb.GROUP] = {
            cb.VALUE: {"type": "static_select", "selected_option": {"value": group}}
        }
    return values


async def _submit(user: SlackUser, view: dict[str, Any], values: dict[str, Any]) -> Any:
    payload = {
        "type": "view_submission",
        "view": {**view, "id": "V0001", "state": {"values": values}},
    }
    body = user._interactive(payload)
    response = await user.post(body, "application/x-www-form-urlencoded")
    assert response.status_code == 200, response.text
    return response.json() if response.content else None


def _to(channel: str) -> Any:
    return lambda c: c.args.get("channel") == channel


def _blocks_text(call: Call) -> str:
    blocks = call.args.get("blocks") or []
    return texts(blocks if isinstance(blocks, list) else json.loads(blocks))


async def _launch(slack: SlackApp) -> SlackUser:
    """Ada (a workspace admin: facilitator) launches a department-only campaign for three."""
    _people(slack)
    ada = slack.user("UADA")
    await ada.command("campaign")
    [opened] = await slack.fake.until("views.open")
    due = datetime.now(UTC).date() + timedelta(days=10)
    step_two = await _submit(ada, opened.args["view"], _launch_values(due, users=list(PEOPLE)))
    assert step_two["response_action"] == "update"
    dept_values = {
        f"{cb.DEPT_PREFIX}{user}": {cb.VALUE: {"type": "plain_text_input", "value": dept}}
        for user, (_, _, dept) in PEOPLE.items()
    }
    await _submit(ada, step_two["view"], dept_values)
    await slack.idle()
    return ada


def _finish(slack: SlackApp, user_id: str) -> None:
    store = slack.runtime.ctx.store
    with store.write() as session:
        [person] = [
            r for r in people.list_respondents(session, _org(slack)) if r.slack_user_id == user_id
        ]
        interview = repo.create_interview(
            session, org_id=person.org_id, respondent_id=person.id, channel="slack"
        )
        interview.status = "done"


def _org(slack: SlackApp) -> str:
    org_id = slack.runtime.ctx.config.org_id
    assert org_id is not None
    return org_id


async def test_campaign_opens_launch_modal_with_every_field(slack: SlackApp) -> None:
    _people(slack)
    await slack.user("UADA").command("campaign")
    [opened] = await slack.fake.until("views.open")
    view = opened.args["view"]
    kinds = {b["block_id"]: b["element"]["type"] for b in view["blocks"] if b["type"] == "input"}
    assert kinds == {
        cb.NAME: "plain_text_input",
        cb.USERS: "multi_users_select",
        cb.DUE: "datepicker",
        cb.CHANNEL: "conversations_select",
        cb.ATTRIBUTION: "radio_buttons",
    }
    assert "a leader in Operations" in json.dumps(view)


async def test_campaign_by_a_plain_member_is_refused(slack: SlackApp) -> None:
    await slack.user("UDANA").command("campaign")
    [reply] = await slack.fake.until("response_url")
    assert "role" in reply.args["text"]
    assert slack.fake.of("views.open") == []


async def test_launch_modal_bad_input_shows_field_errors(slack: SlackApp) -> None:
    _people(slack)
    ada = slack.user("UADA")
    await ada.command("campaign")
    [opened] = await slack.fake.until("views.open")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)

    reply = await _submit(ada, opened.args["view"], _launch_values(yesterday, users=[]))

    assert reply["response_action"] == "errors"
    assert set(reply["errors"]) == {cb.DUE, cb.USERS}
    assert "after today" in reply["errors"][cb.DUE]


async def test_blank_department_is_a_field_error(slack: SlackApp) -> None:
    _people(slack)
    ada = slack.user("UADA")
    await ada.command("campaign")
    [opened] = await slack.fake.until("views.open")
    due = datetime.now(UTC).date() + timedelta(days=5)
    step_two = await _submit(ada, opened.args["view"], _launch_values(due, users=["UDANA"]))
    blank = {f"{cb.DEPT_PREFIX}UDANA": {cb.VALUE: {"type": "plain_text_input", "value": "  "}}}

    reply = await _submit(ada, step_two["view"], blank)

    assert reply == {
        "response_action": "errors",
        "errors": {f"{cb.DEPT_PREFIX}UDANA": "Give a department, e.g. Operations."},
    }


def _initial_departments(step_two: dict[str, Any]) -> dict[str, str | None]:
    inputs = [b for b in step_two["view"]["blocks"] if b.get("type") == "input"]
    return {b["block_id"]: b["element"].get("initial_value") for b in inputs}


async def test_known_departments_prefill_step_two_for_a_facilitator(slack: SlackApp) -> None:
    _people(slack)
    with slack.runtime.ctx.store.write() as session:
        people.create_respondent(
            session,
            org_id=_org(slack),
            name="Dana Ruiz",
            department="Operations",
            slack_user_id="UDANA",
        )
    ada = slack.user("UADA")
    await ada.command("campaign")
    [opened] = await slack.fake.until("views.open")
    due = datetime.now(UTC).date() + timedelta(days=5)
    values = _launch_values(due, users=["UDANA", "UPAT"])

    step_two = await _submit(ada, opened.args["view"], values)

    assert _initial_departments(step_two) == {
        f"{cb.DEPT_PREFIX}UDANA": "Operations",
        f"{cb.DEPT_PREFIX}UPAT": None,
    }
    # Someone who may not manage people gets the step with nothing filled in.
    pat = await _submit(slack.user("UPAT"), opened.args["view"], values)
    assert pat["response_action"] == "update"
    assert set(_initial_departments(pat).values()) == {None}


async def test_user_group_members_are_added(slack: SlackApp) -> None:
    _people(slack)
    respond = slack.fake._respond

    def with_groups(method: str, token: str | None, args: dict[str, Any]) -> dict[str, Any]:
        if method == "usergroups.list":
            return {"ok": True, "usergroups": [{"id": "S0LEAD", "name": "Leadership"}]}
        if method == "usergroups.users.list":
            return {"ok": True, "users": ["UCATHY", "UPAT"]}
        return respond(method, token, args)

    slack.fake._respond = with_groups  # type: ignore[method-assign]
    ada = slack.user("UADA")
    await ada.command("campaign")
    [opened] = await slack.fake.until("views.open")
    assert cb.GROUP in json.dumps(opened.args["view"])
    due = datetime.now(UTC).date() + timedelta(days=5)

    step_two = await _submit(
        ada, opened.args["view"], _launch_values(due, users=["UDANA", "UPAT"], group="S0LEAD")
    )

    meta = json.loads(step_two["view"]["private_metadata"])
    assert meta["users"] == ["UDANA", "UPAT", "UCATHY"]


async def test_campaign_flow_three_people_reminders_and_summary(slack: SlackApp) -> None:
    await _launch(slack)
    ctx = slack.runtime.ctx

    # Each of the three gets a DM invitation with a Start button the interview handles.
    invitations = {}
    for user in PEOPLE:
        [call] = slack.fake.wait_for("chat.postMessage", _to(f"D{user}"))
        invitations[user] = call
    dana = invitations["UDANA"].args["blocks"]
    assert "Q1 review" in texts(dana)
    assert "a leader in Operations" in texts(dana)
    assert dana[-1]["elements"][0]["action_id"] == "oiar_continue"
    # The facilitator gets the launch confirmation.
    [confirm] = slack.fake.wait_for("chat.postMessage", _to("DUADA"))
    assert "0 of 3 finished" in _blocks_text(confirm)
    # Time zones came from users.info.
    with ctx.store.read() as session:
        zones = {m.tz for m in session.query(CampaignMember)}
    assert zones == {"Europe/Paris", "America/New_York", "Asia/Tokyo"}

    _finish(slack, "UDANA")
    _finish(slack, "UCATHY")
    slack.fake.clear()
    await slack.user("UADA").command("campaign status")
    [status] = await slack.fake.until("response_url")
    shown = texts(status.args["blocks"])
    assert "2 of 3 finished" in shown
    assert "✅ <@UDANA> (Operations)" in shown
    assert "⏳ <@UPAT> (People)" in shown

    # Five days on, every first reminder is due: only Pat, who has not finished, gets one.
    later = datetime.now(UTC) + timedelta(days=5)
    slack.fake.clear()
    assert await slack_campaigns.tick(ctx, later) == (1, 0)
    [reminder] = slack.fake.of("chat.postMessage")
    assert reminder.args["channel"] == "DUPAT"
    assert "Reminder 1 of 3" in _blocks_text(reminder)
    assert await slack_campaigns.tick(ctx, later) == (0, 0)

    # Pat finishes: the ranked summary goes to the results channel, once.
    _finish(slack, "UPAT")
    assert await slack_campaigns.tick(ctx, later) == (0, 1)
    assert await slack_campaigns.tick(ctx, later) == (0, 0)
    [summary] = slack.fake.of("chat.postMessage")[1:]
    assert summary.args["channel"] == "C0EXEC"
    text = _blocks_text(summary)
    assert "3 of 3 finished" in text
    assert "1. *" in text and "9. *" in text
    assert "bps" in text
    assert "attributed by department only" in text
    for name, _, _ in PEOPLE.values():
        assert name.split()[0] not in text


async def test_summary_posted_when_due_date_passes(slack: SlackApp) -> None:
    await _launch(slack)
    slack.fake.clear()
    after_due = datetime.now(UTC) + timedelta(days=12)

    assert await slack_campaigns.tick(slack.runtime.ctx, after_due) == (0, 1)

    [summary] = slack.fake.of("chat.postMessage")
    assert summary.args["channel"] == "C0EXEC"
    assert "0 of 3 finished (due date passed)" in _blocks_text(summary)


async def test_reminder_deferred_to_working_hours_in_own_time_zone(slack: SlackApp) -> None:
    await _launch(slack)
    ctx = slack.runtime.ctx
    with ctx.store.read() as session:
        members = {m.tz: m.next_reminder_at for m in session.query(CampaignMember)}
    for tz, when in members.items():
        assert when is not None
        local = when.replace(tzinfo=UTC).astimezone(ZoneInfo(tz))
        assert local.weekday() < 5
        assert 9 <= local.hour < 17
