"""Two servers on one data folder build the knowledge index once, and both search it."""

from __future__ import annotations

import httpx
from process_support import Servers, bearer, create_people

BUILDING = "building the knowledge index"


def test_two_servers_on_one_data_dir_build_the_knowledge_index_once(
    servers: Servers, sqlite_url: str
) -> None:
    # Both warm up at start, at the same moment: without a lock between them, one drops the
    # collection the other is filling and its warm-up fails.
    env = {"OIAR_DATABASE_URL": sqlite_url, "OIAR_WARM_KNOWLEDGE": "true"}
    a, b = servers.start(env, wait=False), servers.start(env, wait=False)
    a.wait_ready()
    b.wait_ready()
    people = create_people(a.url, 0)

    for server in (a, b):
        reply = httpx.post(
            f"{server.url}/v1/orgs/{people.org_id}/ask",
            json={"text": "what is decision latency?"},
            headers=bearer(people.admin_key),
            timeout=120,
        )
        assert reply.status_code == 200
        assert "decision" in reply.json()["reply"].lower()

    logs = a.log_text() + b.log_text()
    assert logs.count(BUILDING) == 1
    assert "knowledge index failed" not in logs
