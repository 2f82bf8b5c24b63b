"""The LLM driver: a LangChain chat model with tool calling, bounded per turn, grounded in tools.

Layout: `model` builds the chat model from settings; `calls` makes one bounded model call with
retries; `loop` runs the tool-calling loop of a turn; `numbers` checks every figure of a reply
against what the tools said; `fallback` renders replies without the model; `driver` is
`LLMDriver`, the Driver protocol over all of them.
"""

from assistant.drivers.llm.calls import ModelUnavailable, is_transient
from assistant.drivers.llm.chat_model import (
    RULES,
    ModelConfigError,
    ModelLimits,
    ModelSpec,
    build_chat_model,
)
from assistant.drivers.llm.driver import LLMDriver
from assistant.drivers.llm.numbers import unsupported_numbers

__all__ = [
    "RULES",
    "LLMDriver",
    "ModelConfigError",
    "ModelLimits",
    "ModelSpec",
    "ModelUnavailable",
    "build_chat_model",
    "is_transient",
    "unsupported_numbers",
]
