"""Campaign tools: create, status, reminders claimed once, summary claimed once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from factories import Workspace, make_workspace_of

from tools import admin
from tools import campaigns as cmp
from tools.campaigns import MemberIn, worker
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError
from tools.store import Store
from tools.store import campaigns as campaign_repo
from tools.store import interviews as repo
from tools.store.schema import Respondent

# Monday 2026-03-02 10:00 UTC; due ten days later.
NOW = datetime(2026, 3, 2, 10, 0)
DUE = NOW + timedelta(days=10)


def _three(ws: Workspace) -> list[MemberIn]:
    dana = ws.person("Dana Ruiz", role="COO")
    cathy = ws.person("Cathy Fox", role="CFO", department="Finance")
    pat = ws.person("Pat Lee", role="CHRO")
    return [
        MemberIn(respondent_id=dana.id, department="Operations", tz="Europe/Paris"),
        MemberIn(respondent_id=cathy.id, department="Finance", tz="America/New_York"),
        MemberIn(respondent_id=pat.id, department="People", tz="Asia/Tokyo"),
    ]


def _campaign(ws: Workspace, **overrides: object) -> cmp.CampaignStatus:
    args: dict[str, object] = {
        "name": "Q1 execution review",
        "due_at": DUE,
        "now": NOW,
        **overrides,
    }
    if "members" not in args:
        args["members"] = _three(ws)
    return cmp.create_campaign(ws.store, ws.admin, ws.org.id, **args)  # type: ignore[arg-type]


def _finish(store: Store, respondent_id: str) -> None:
    """The respondent's interview reaches its end (as the interview tools mark it)."""
    with store.write() as session:
        person = session.get(Respondent, respondent_id)
        assert person is not None
        interview = repo.create_interview(
            session, org_id=person.org_id, respondent_id=person.id, channel="slack"
        )
        interview.status = "done"


def test_create_campaign_invites_three_and_none_finished(workspace: Workspace) -> None:
    status = _campaign(workspace, attribution="department", results_channel="C0EXEC")

    assert status.progress == "0 of 3 finished"
    assert status.campaign.attribution == "department"
    assert status.campaign.results_channel == "C0EXEC"
    assert [m.name for m in status.members] == ["Dana Ruiz", "Cathy Fox", "Pat Lee"]
    assert [m.department for m in status.members] == ["Operations", "Finance", "People"]
    # Dana, invited Monday 11:00 Paris, is reminded Wednesday 11:00 Paris (10:00 UTC).
    assert status.members[0].next_reminder_at == datetime(2026, 3, 4, 10, 0)
    # Pat in Tokyo: Wednesday 19:00 there is after hours, so Thursday 09:00 Tokyo.
    assert status.members[2].next_reminder_at == datetime(2026, 3, 5, 0, 0)


def test_campaign_department_fills_a_missing_respondent_department(workspace: Workspace) -> None:
    status = _campaign(workspace)
    people = {
        p.id: p for p in admin.list_respondents(workspace.store, workspace.admin, workspace.org.id)
    }
    dana = people[status.members[0].respondent_id]
    cathy = people[status.members[1].respondent_id]
    assert dana.department == "Operations"
    assert cathy.department == "Finance"


def test_status_shows_who_finished(workspace: Workspace) -> None:
    status = _campaign(workspace)
    _finish(workspace.store, status.members[1].respondent_id)

    again = cmp.campaign_status(
        workspace.store, workspace.admin, workspace.org.id, status.campaign.id, now=NOW
    )

    assert again.progress == "1 of 3 finished"
    assert [m.finished for m in again.members] == [False, True, False]
    assert again.members[1].next_reminder_at is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"due_at": NOW - timedelta(hours=1)}, "due_at"),
        ({"attribution": "anonymous"}, "attribution"),
        ({"name": "  "}, "name"),
        ({"reminder_interval_hours": 0}, "reminder_interval_hours"),
        ({"max_reminders": 11}, "max_reminders"),
    ],
)
def test_create_campaign_bad_settings_rejected_naming_field(
    workspace: Workspace, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(AnswerRejected, match=f"^{field}: "):
        _campaign(workspace, **overrides)
    assert cmp.list_campaigns(workspace.store, workspace.admin, workspace.org.id) == []


def test_create_campaign_bad_member_rejected_and_nothing_stored(workspace: Workspace) -> None:
    members = _three(workspace)
    bad_tz = [*members[:2], members[2].model_copy(update={"tz": "Mars/Olympus"})]
    with pytest.raises(AnswerRejected, match=r"^members\[2\]\.tz: 'Mars/Olympus'"):
        _campaign(workspace, members=bad_tz)
    with pytest.raises(AnswerRejected, match=r"listed twice"):
        _campaign(workspace, members=[members[0], members[0]])
    with pytest.raises(NotFoundError, match=r"members\[0\]\.respondent_id"):
        _campaign(workspace, members=[MemberIn(respondent_id="rsp_nobody")])
    assert cmp.list_campaigns(workspace.store, workspace.admin, workspace.org.id) == []


def test_respondent_cannot_create_or_see_status(workspace: Workspace) -> None:
    status = _campaign(workspace)
    me = workspace.caller("respondent", status.members[0].respondent_id)
    with pytest.raises(ForbiddenError):
        cmp.campaign_status(workspace.store, me, workspace.org.id, status.campaign.id)
    with pytest.raises(ForbiddenError):
        cmp.create_campaign(workspace.store, me, workspace.org.id, name="x", due_at=DUE, now=NOW)


def test_other_org_campaign_not_found(workspace: Workspace, other_workspace: Workspace) -> None:
    status = _campaign(workspace)
    with pytest.raises(NotFoundError):
        cmp.campaign_status(
            other_workspace.store, other_workspace.admin, workspace.org.id, status.campaign.id
        )
    with pytest.raises(NotFoundError, match="campaign"):
        cmp.campaign_status(
            other_workspace.store,
            other_workspace.admin,
            other_workspace.org.id,
            status.campaign.id,
        )


def test_adding_a_member_twice_conflicts(workspace: Workspace) -> None:
    status = _campaign(workspace)
    again = MemberIn(respondent_id=status.members[0].respondent_id)
    with pytest.raises(ConflictError, match="already a member"):
        cmp.add_members(
            workspace.store, workspace.admin, workspace.org.id, status.campaign.id, [again]
        )


def test_reminders_claimed_once_each_at_most_max(workspace: Workspace) -> None:
    status = _campaign(workspace, due_at=NOW + timedelta(days=30))
    _finish(workspace.store, status.members[1].respondent_id)

    assert worker.claim_reminders(workspace.store, NOW + timedelta(hours=47)) == []
    first = worker.claim_reminders(workspace.store, NOW + timedelta(days=3))
    assert {c.respondent_name for c in first} == {"Dana Ruiz", "Pat Lee"}
    assert {c.number for c in first} == {1}
    # Claimed means sent: asking again at the same moment gets nothing.
    assert worker.claim_reminders(workspace.store, NOW + timedelta(days=3)) == []

    sent = len(first)
    moment = NOW + timedelta(days=3)
    for _ in range(10):
        moment += timedelta(days=2, hours=1)
        sent += len(worker.claim_reminders(workspace.store, moment))
    assert sent == 2 * 3  # two non-finishers, three reminders each, never more


def test_failed_reminder_is_handed_back_and_retried(workspace: Workspace) -> None:
    _campaign(workspace, members=_three(workspace)[:1])
    at = NOW + timedelta(days=2, hours=1)
    [claim] = worker.claim_reminders(workspace.store, at)

    worker.reminder_failed(workspace.store, claim, at)

    assert worker.claim_reminders(workspace.store, at + timedelta(minutes=5)) == []
    [retry] = worker.claim_reminders(workspace.store, at + timedelta(minutes=20))
    assert retry.number == 1


def test_summary_ready_when_all_finished_and_claimed_once(workspace: Workspace) -> None:
    status = _campaign(workspace, results_channel="C0EXEC")
    assert worker.claim_summaries(workspace.store, NOW) == []
    for member in status.members:
        _finish(workspace.store, member.respondent_id)

    [summary] = worker.claim_summaries(workspace.store, NOW + timedelta(hours=1))
    assert worker.claim_summaries(workspace.store, NOW + timedelta(hours=1)) == []

    assert summary.reason == "all finished"
    assert (summary.finished, summary.total) == (3, 3)
    assert [d.rank for d in summary.domains] == list(range(1, 10))
    assert summary.domains[0].mean >= summary.domains[-1].mean
    worker.summary_posted(workspace.store, summary.campaign.id, NOW + timedelta(hours=1))
    closed = cmp.campaign_status(
        workspace.store, workspace.admin, workspace.org.id, summary.campaign.id
    )
    assert closed.campaign.status == "closed"
    assert worker.claim_reminders(workspace.store, NOW + timedelta(days=3)) == []


def test_summary_ready_when_due_date_passes(workspace: Workspace) -> None:
    _campaign(workspace)
    assert worker.claim_summaries(workspace.store, DUE - timedelta(minutes=1)) == []
    [summary] = worker.claim_summaries(workspace.store, DUE)
    assert summary.reason == "due date passed"
    assert (summary.finished, summary.total) == (0, 3)


def test_summary_claim_released_or_expired_is_claimed_again(workspace: Workspace) -> None:
    _campaign(workspace)
    [first] = worker.claim_summaries(workspace.store, DUE)
    worker.summary_failed(workspace.store, first.campaign.id)
    [second] = worker.claim_summaries(workspace.store, DUE)
    # The process that claimed it died: after the lease another one posts it.
    assert worker.claim_summaries(workspace.store, DUE + timedelta(minutes=10)) == []
    [third] = worker.claim_summaries(workspace.store, DUE + worker.SUMMARY_LEASE * 2)
    assert first.campaign.id == second.campaign.id == third.campaign.id


def test_two_processes_claiming_at_once_claim_each_reminder_once(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks between processes: PostgreSQL (SQLite has one writer anyway)")
    setup = Store.open(database_url)
    ws = make_workspace_of(setup)
    members = [MemberIn(respondent_id=ws.person(f"Leader {i:02d}").id, tz="UTC") for i in range(40)]
    cmp.create_campaign(
        setup, ws.admin, ws.org.id, name="Big", due_at=DUE, members=members, now=NOW
    )
    setup.dispose()

    stores = [Store(database_url), Store(database_url)]
    barrier = threading.Barrier(len(stores))
    claimed: list[list[int]] = [[], []]
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            while batch := worker.claim_reminders(
                stores[index], NOW + timedelta(days=2, hours=1), limit=3
            ):
                claimed[index].extend(c.member_id for c in batch)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for store in stores:
        store.dispose()

    assert errors == []
    every = claimed[0] + claimed[1]
    assert len(every) == 40
    assert len(set(every)) == 40


def test_reminders_locked_by_one_process_are_skipped_not_waited_for(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SKIP LOCKED is PostgreSQL's")
    first = Store.open(database_url)
    second = Store(database_url)
    ws = make_workspace_of(first)
    members = [MemberIn(respondent_id=ws.person(f"Leader {i}").id, tz="UTC") for i in range(5)]
    cmp.create_campaign(
        first, ws.admin, ws.org.id, name="Lock", due_at=DUE, members=members, now=NOW
    )
    at = NOW + timedelta(days=2, hours=1)
    got: list[worker.ReminderClaim] = []
    try:
        with first.write() as session:
            held = campaign_repo.lock_due_members(session, at, 2)
            other = threading.Thread(target=lambda: got.extend(worker.claim_reminders(second, at)))
            other.start()
            other.join(timeout=20)
            assert not other.is_alive(), "the second claimer waited on the first one's locks"
        assert len(held) == 2
        assert {c.member_id for c in got}.isdisjoint({m.id for m in held})
        assert len(got) == 3
    finally:
        first.dispose()
        second.dispose()


def test_known_departments_of_slack_users(workspace: Workspace) -> None:
    workspace.person("Dana Ruiz", department="Operations", slack_user_id="UDANA")
    workspace.person("Pat Lee", slack_user_id="UPAT")
    workspace.person("Cathy Fox", department="Finance")  # no Slack user

    found = cmp.known_departments(
        workspace.store, workspace.admin, workspace.org.id, ["UDANA", "UPAT", "UNEW"]
    )

    assert found == {"UDANA": "Operations", "UPAT": None, "UNEW": None}
    facilitator = workspace.caller("facilitator")
    assert cmp.known_departments(workspace.store, facilitator, workspace.org.id, ["UDANA"]) == {
        "UDANA": "Operations"
    }


@pytest.mark.parametrize("role", ["respondent", "viewer"])
def test_known_departments_needs_manage_people(workspace: Workspace, role: str) -> None:
    dana = workspace.person("Dana Ruiz", department="Operations", slack_user_id="UDANA")
    caller = workspace.caller(role, dana.id if role == "respondent" else None)

    with pytest.raises(ForbiddenError):
        cmp.known_departments(workspace.store, caller, workspace.org.id, ["UDANA"])


def test_known_departments_other_org_not_found(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    other_workspace.person("Otto", department="Operations", slack_user_id="UOTTO")

    with pytest.raises(NotFoundError):
        cmp.known_departments(workspace.store, workspace.admin, other_workspace.org.id, ["UOTTO"])
