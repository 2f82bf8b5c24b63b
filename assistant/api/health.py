"""Liveness: no key needed, touches nothing."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> Health:
    """The process is up and serving requests."""
    return Health()
