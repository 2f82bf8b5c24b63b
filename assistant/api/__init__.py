"""The HTTP API (FastAPI): thin adapters from requests to engine and tool calls."""

from assistant.api.app import create_app

__all__ = ["create_app"]
