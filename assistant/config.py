"""The one Settings class: environment variables with the OIAR_ prefix, read once at the edge."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OIAR_", env_file=".env", extra="ignore")

    database_url: str | None = None
    admin_token: SecretStr | None = None
    model: str = "rules"
    model_base_url: str | None = None
    # The LLM driver's limits (unused with the rules driver): a key for providers that need one
    # beyond their own env var, the wall-clock budget of one turn, tool calls and output tokens
    # per turn.
    model_api_key: SecretStr | None = None
    model_timeout_s: float = Field(default=30.0, gt=0, le=600)
    model_max_tool_calls: int = Field(default=8, ge=1, le=50)
    model_max_tokens: int = Field(default=1_024, ge=64, le=32_000)
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_api_url: str | None = None
    # Single-workspace mode: the organization the workspace belongs to (unset: one is created
    # at first contact). OAuth: the secret that signs install states (unset: the client secret).
    slack_org_id: str | None = None
    slack_state_secret: SecretStr | None = None
    # Seconds between two looks for due campaign reminders and summaries (every app process
    # looks; row locks make each send happen once).
    campaign_tick_s: float = Field(default=60.0, gt=0, le=3_600)
    chroma_url: str | None = None
    # Open the knowledge index and load its model in the background when the server starts.
    warm_knowledge: bool = True
    # Which question comes next: "adaptive" (value of information, stopping once the top three
    # are settled) or "priority" (the instrument's fixed order); and how many seconds a turn
    # may reuse its organization's latest estimate (0: a fresh estimate inside every turn).
    question_order: Literal["adaptive", "priority"] = "adaptive"
    adaptive_refresh_s: float = Field(default=2.0, ge=0, le=3_600)
    data_dir: Path = Path(".oiar")
    # The web app: the base URL invitation links start with (unset: the request's own, or
    # http://127.0.0.1:8000 from the CLI), and `Secure` on the session cookie even over plain
    # http (behind a proxy that terminates TLS without sending X-Forwarded-Proto).
    public_url: str | None = None
    cookie_secure: bool = False
    # Per API key, on the write and scoring routes (0: off); a burst may spend `burst` at once.
    rate_limit_per_minute: int = Field(default=600, ge=0, le=1_000_000)
    rate_limit_burst: int = Field(default=60, ge=1, le=100_000)
    # Respondents' data: days each kind of row is kept (0: forever), and how often the
    # retention job runs (once across every process) and each server checks whether it is due.
    transcript_retention_days: int = Field(default=365, ge=0, le=36_500)
    slack_event_retention_days: int = Field(default=7, ge=0, le=36_500)
    access_log_retention_days: int = Field(default=730, ge=0, le=36_500)
    retention_every_hours: float = Field(default=24.0, gt=0, le=24 * 366)
    retention_check_s: float = Field(default=3_600.0, ge=0.01, le=86_400)

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file under the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'oiar.db').as_posix()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
