"""OAuth installations in our own database, for Bolt's multi-workspace flow.

`StoreInstallationStore` is slack_sdk's `AsyncInstallationStore` over the `slack_installations`
and `slack_bots` tables; every database call runs in a worker thread, never on the event loop.
Saving an installation also gives its workspace an organization (created on first install,
see `tools.slack_workspaces`). `SignedStateStore` issues OAuth `state` values signed with the
state secret and valid for ten minutes, so no table is needed for them; Bolt also binds each
state to the installing browser with a cookie.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import secrets
import time
from typing import Any

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from tools import Store
from tools.slack import workspaces as ws

logger = logging.getLogger("oiar.slack")

STATE_TTL_SECONDS = 600


def _plain(obj: Installation | Bot) -> dict[str, Any]:
    # The constructor's own field names and JSON-safe values (timestamps as numbers).
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


class StoreInstallationStore(AsyncInstallationStore):
    def __init__(self, store: Store, *, client_id: str) -> None:
        self.store = store
        self.client_id = client_id

    @property
    def logger(self) -> logging.Logger:
        return logger

    async def async_save(self, installation: Installation) -> None:
        team_key = (
            installation.enterprise_id
            if installation.is_enterprise_install
            else installation.team_id
        )
        if not team_key:
            msg = "an installation without a team or enterprise id cannot be stored"
            raise ValueError(msg)
        bot = installation.to_bot() if installation.bot_token else None
        name = installation.enterprise_name if installation.is_enterprise_install else None
        await asyncio.to_thread(
            lambda: ws.save_installation(
                self.store,
                client_id=self.client_id,
                installation=_plain(installation),
                bot=_plain(bot) if bot is not None else None,
                team_key=team_key,
                team_name=name or installation.team_name,
            )
        )

    async def async_find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        data = await asyncio.to_thread(
            lambda: ws.find_bot(
                self.store,
                client_id=self.client_id,
                enterprise_id=enterprise_id,
                team_id=team_id,
                is_enterprise_install=bool(is_enterprise_install),
            )
        )
        return Bot(**data) if data is not None else None

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        data = await asyncio.to_thread(
            lambda: ws.find_installation(
                self.store,
                client_id=self.client_id,
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
                is_enterprise_install=bool(is_enterprise_install),
            )
        )
        return Installation(**data) if data is not None else None

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(
            lambda: ws.delete_installations(
                self.store,
                client_id=self.client_id,
                enterprise_id=enterprise_id,
                team_id=team_id,
                bots=True,
            )
        )

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        await asyncio.to_thread(
            lambda: ws.delete_installations(
                self.store,
                client_id=self.client_id,
                enterprise_id=enterprise_id,
                team_id=team_id,
                user_id=user_id,
            )
        )


class SignedStateStore(AsyncOAuthStateStore):
    """OAuth states as `expiry.nonce.signature`: checked by signature and age alone."""

    def __init__(self, secret: str, *, ttl_seconds: int = STATE_TTL_SECONDS) -> None:
        self._key = hashlib.sha256(f"oiar-slack-oauth-state:{secret}".encode()).digest()
        self.ttl_seconds = ttl_seconds

    @property
    def logger(self) -> logging.Logger:
        return logger

    def _sign(self, payload: str) -> str:
        digest = hmac.new(self._key, payload.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        payload = f"{int(time.time()) + self.ttl_seconds}.{secrets.token_urlsafe(16)}"
        return f"{payload}.{self._sign(payload)}"

    async def async_consume(self, state: str) -> bool:
        payload, _, signature = state.rpartition(".")
        expiry, _, _ = payload.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            return False
        return expiry.isdigit() and int(expiry) >= time.time()
