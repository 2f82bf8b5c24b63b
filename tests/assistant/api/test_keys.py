"""Listing and revoking API keys: a revoked key stops working at once."""

from __future__ import annotations

import httpx
import pytest
from api_support import World, bearer

pytestmark = pytest.mark.anyio


async def _revoke(client: httpx.AsyncClient, org: str, key_id: str, by: str) -> httpx.Response:
    return await client.delete(f"/v1/orgs/{org}/keys/{key_id}", headers=bearer(by))


async def _key_id(client: httpx.AsyncClient, world: World, role: str) -> str:
    listed = await client.get(f"/v1/orgs/{world.a.id}/keys", headers=bearer(world.a.keys["admin"]))
    assert listed.status_code == 200, listed.text
    return next(k["id"] for k in listed.json() if k["role"] == role)


async def test_list_keys_shows_roles_never_plaintext(
    client: httpx.AsyncClient, world: World
) -> None:
    response = await client.get(
        f"/v1/orgs/{world.a.id}/keys", headers=bearer(world.a.keys["facilitator"])
    )
    assert response.status_code == 200, response.text
    keys = response.json()
    assert {k["role"] for k in keys} == {"admin", "facilitator", "respondent", "viewer"}
    assert all(k["key"] is None and k["revoked_at"] is None for k in keys)
    assert not any(secret in response.text for secret in world.a.keys.values())


async def test_revoked_key_gets_401_at_once(client: httpx.AsyncClient, world: World) -> None:
    viewer = world.a.keys["viewer"]
    assert (await client.get(f"/v1/orgs/{world.a.id}", headers=bearer(viewer))).status_code == 200
    key_id = await _key_id(client, world, "viewer")
    revoked = await _revoke(client, world.a.id, key_id, world.a.keys["admin"])
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    after = await client.get(f"/v1/orgs/{world.a.id}", headers=bearer(viewer))
    assert after.status_code == 401
    again = await _revoke(client, world.a.id, key_id, world.a.keys["admin"])
    assert again.status_code == 200


async def test_facilitator_cannot_revoke_admin_key(client: httpx.AsyncClient, world: World) -> None:
    key_id = await _key_id(client, world, "admin")
    response = await _revoke(client, world.a.id, key_id, world.a.keys["facilitator"])
    assert response.status_code == 403
    still = await client.get(f"/v1/orgs/{world.a.id}", headers=bearer(world.a.keys["admin"]))
    assert still.status_code == 200


@pytest.mark.parametrize("role", ["viewer", "respondent"])
async def test_viewer_and_respondent_cannot_list_or_revoke(
    client: httpx.AsyncClient, world: World, role: str
) -> None:
    key_id = await _key_id(client, world, "facilitator")
    listed = await client.get(f"/v1/orgs/{world.a.id}/keys", headers=bearer(world.a.keys[role]))
    assert listed.status_code == 403
    assert (await _revoke(client, world.a.id, key_id, world.a.keys[role])).status_code == 403


async def test_other_orgs_key_is_404(client: httpx.AsyncClient, world: World) -> None:
    key_id = await _key_id(client, world, "viewer")
    response = await _revoke(client, world.a.id, key_id, world.b.keys["admin"])
    assert response.status_code == 404
    cross = await _revoke(client, world.b.id, key_id, world.b.keys["admin"])
    assert cross.status_code == 404
    bad = await _revoke(client, world.a.id, "../etc", world.a.keys["admin"])
    assert bad.status_code in (404, 422)
