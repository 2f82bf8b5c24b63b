"""`oiar invite create|list|revoke` on a local workspace: the link printed, its status, and
bad input exiting 2 with one line."""

from __future__ import annotations

import re

import pytest
from cli_support import run, runner

from assistant.cli import app
from assistant.config import get_settings
from tools import Store, admin
from tools.access import Caller


@pytest.fixture
def dana(org: str) -> str:
    store = Store.open(get_settings().resolved_database_url)
    operator = Caller(org_id=org, role="admin", channel="cli")
    person = admin.add_respondent(store, operator, org, name="Dana Ruiz", department="Operations")
    store.dispose()
    return person.id


def test_create_prints_the_link_then_list_and_revoke(
    org: str, dana: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OIAR_PUBLIC_URL", "https://oiar.example.com")
    get_settings.cache_clear()

    out = runner.invoke(app, ["invite", "create", "--respondent", "Dana Ruiz", "--days", "3"])

    assert out.exit_code == 0, out.output
    link = re.search(r"https://oiar\.example\.com/i/[\w-]{40,}", out.stdout)
    assert link and out.stdout.strip() == link.group(0)  # stdout holds the link alone
    listed = run("invite", "list")
    assert "pending" in listed and "Dana Ruiz (Operations)" in listed
    assert link.group(0).rsplit("/", 1)[1] not in listed
    invite_id = listed.split()[0]
    assert run("invite", "revoke", invite_id).startswith(f"invite {invite_id} for Dana Ruiz")
    assert "revoked" in run("invite", "list", "--json")


def test_create_without_a_public_url_says_the_link_is_local(org: str, dana: str) -> None:
    out = runner.invoke(app, ["invite", "create", "--respondent", dana])

    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("http://127.0.0.1:8000/i/")
    assert "OIAR_PUBLIC_URL" in out.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["invite", "create", "--respondent", "Nobody"], "not found"),
        (["invite", "create", "--respondent", "Dana Ruiz", "--days", "0"], "expires_in_days"),
        (["invite", "create", "--respondent", "Dana Ruiz", "--days", "91"], "expires_in_days"),
        (["invite", "create", "--respondent", "Dana Ruiz", "--round", "rnd_nope"], "not found"),
        (["invite", "create", "--respondent", "Dana Ruiz", "--org", "org_nope"], "not found"),
        (["invite", "revoke", "inv_nope"], "not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(org: str, dana: str, args: list[str], says: str) -> None:
    out = runner.invoke(app, args)

    assert out.exit_code == 2, out.output
    assert says in out.output and "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1
