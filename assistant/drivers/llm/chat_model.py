"""The chat model behind the LLM driver, built from settings with `init_chat_model`.

``OIAR_MODEL`` is ``rules`` (no model) or a provider string, ``provider:model``
(``openai:gpt-4o-mini``, ``anthropic:claude-…``, ``ollama:llama3.1``). ``OIAR_MODEL_BASE_URL``
points a provider at another server: any OpenAI-compatible one with ``openai:``. Provider
packages are optional extras (``pip install 'oiar[openai]'``); a missing one is a
`ModelConfigError` that names the extra.

The provider clients' own retries are turned off where they have them: the driver's loop
retries transient errors itself, inside the turn's deadline, so two layers never multiply.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

from assistant.config import Settings

RULES = "rules"
# Extras of this package, by provider
_EXTRAS = {"openai": "openai", "anthropic": "anthropic", "ollama": "ollama"}
_PLACEHOLDER_KEY = "not-needed"  # OpenAI-compatible servers on a base URL often ignore the key


class ModelConfigError(ValueError):
    """OIAR_MODEL (or a setting beside it) cannot give a chat model."""


@dataclass(frozen=True, slots=True)
class ModelLimits:
    """Bounds of one turn: wall-clock seconds, tool calls, output tokens per model call."""

    timeout_s: float = 30.0
    max_tool_calls: int = 8
    max_tokens: int = 1_024


@dataclass(frozen=True, slots=True)
class ModelSpec:
    provider: str
    name: str
    base_url: str | None = None
    api_key: str | None = None

    @classmethod
    def parse(
        cls, spec: str, *, base_url: str | None = None, api_key: str | None = None
    ) -> ModelSpec:
        """``provider:model``, e.g. ``openai:gpt-4o-mini``."""
        provider, _, name = spec.strip().partition(":")
        if not provider or not name:
            msg = (
                f"OIAR_MODEL={spec!r}: expected 'rules' or 'provider:model', "
                "e.g. 'openai:gpt-4o-mini', 'anthropic:claude-3-5-haiku-latest', 'ollama:llama3.1'"
            )
            raise ModelConfigError(msg)
        return cls(provider=provider.lower(), name=name, base_url=base_url, api_key=api_key)


def limits_from(settings: Settings) -> ModelLimits:
    return ModelLimits(
        timeout_s=settings.model_timeout_s,
        max_tool_calls=settings.model_max_tool_calls,
        max_tokens=settings.model_max_tokens,
    )


def spec_from(settings: Settings) -> ModelSpec:
    key = settings.model_api_key.get_secret_value() if settings.model_api_key else None
    return ModelSpec.parse(settings.model, base_url=settings.model_base_url, api_key=key or None)


def _provider_kwargs(spec: ModelSpec, limits: ModelLimits) -> dict[str, Any]:
    """Constructor arguments by provider: each names timeouts, retries and token caps its way."""
    kwargs: dict[str, Any] = {}
    if spec.provider == "ollama":
        kwargs["num_predict"] = limits.max_tokens
        kwargs["client_kwargs"] = {"timeout": limits.timeout_s}
        if spec.base_url:
            kwargs["base_url"] = spec.base_url
        return kwargs
    kwargs.update(timeout=limits.timeout_s, max_retries=0, max_tokens=limits.max_tokens)
    if spec.base_url:
        kwargs["base_url"] = spec.base_url
    api_key = spec.api_key
    if api_key is None and spec.provider == "openai" and spec.base_url:
        api_key = os.environ.get("OPENAI_API_KEY") or _PLACEHOLDER_KEY
    if api_key is not None:
        kwargs["api_key"] = api_key
    return kwargs


def build_chat_model(spec: ModelSpec, limits: ModelLimits) -> BaseChatModel:
    """The LangChain chat model for `spec`, with the turn's limits applied."""
    from langchain.chat_models import init_chat_model

    try:
        model: BaseChatModel = init_chat_model(
            spec.name, model_provider=spec.provider, **_provider_kwargs(spec, limits)
        )
    except ImportError as exc:
        extra = _EXTRAS.get(spec.provider)
        hint = f"pip install 'oiar[{extra}]'" if extra else f"install LangChain's {spec.provider}"
        msg = f"OIAR_MODEL={spec.provider}:{spec.name}: the provider package is missing ({hint})"
        raise ModelConfigError(msg) from exc
    except ValueError as exc:
        msg = f"OIAR_MODEL={spec.provider}:{spec.name}: {exc}"
        raise ModelConfigError(msg) from exc
    if not hasattr(model, "bind_tools"):
        msg = f"OIAR_MODEL={spec.provider}:{spec.name}: this chat model cannot call tools"
        raise ModelConfigError(msg)
    return model
