"""One model call, bounded by the turn's deadline, with retries and backoff on transient errors.

A call runs in a daemon thread so the turn waits no longer than its deadline whatever the
provider's client does (a server that accepts and then hangs); the provider's own request
timeout, set to the same budget, ends the abandoned request soon after. Transient errors
(rate limits, 5xx, timeouts, connection failures) are retried with exponential backoff while
time remains; anything else fails at once.

Errors::

    Exception
    └── ModelUnavailable    the provider failed (after retries) or the deadline passed
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.exceptions import (
    ModelAPIError,
    ModelConnectionError,
    ModelRateLimitError,
    ModelTimeoutError,
)
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
FIRST_BACKOFF_S = 0.25
_TRANSIENT_TYPES = (
    ModelRateLimitError,
    ModelAPIError,
    ModelConnectionError,
    ModelTimeoutError,
    TimeoutError,
    ConnectionError,
)
_TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})


class ModelUnavailable(Exception):
    """The model could not answer this turn: provider errors or the deadline."""


def is_transient(exc: BaseException) -> bool:
    """Worth retrying: rate limits, server errors, timeouts, dropped connections.

    Providers that do not map their errors onto LangChain's types are judged by the HTTP
    status they carry (``status_code``) or by being an httpx transport error.
    """
    if isinstance(exc, _TRANSIENT_TYPES):
        return True
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status in _TRANSIENT_STATUS
    return any(cls.__name__ in {"TransportError", "TimeoutException"} for cls in type(exc).__mro__)


@dataclass
class Deadline:
    """The wall-clock end of a turn."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    start: float = field(init=False)

    def __post_init__(self) -> None:
        self.start = self.clock()

    def remaining(self) -> float:
        return self.seconds - (self.clock() - self.start)

    def elapsed(self) -> float:
        return self.clock() - self.start


def _call_in_thread(
    model: Runnable[Sequence[BaseMessage], Any], messages: Sequence[BaseMessage], timeout: float
) -> Any:
    box: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            box["result"] = model.invoke(list(messages))
        except BaseException as exc:  # handed to the waiting thread, whatever it is
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="oiar-model-call", daemon=True).start()
    if not done.wait(timeout):
        msg = f"the model did not answer within {timeout:.1f} s"
        raise ModelUnavailable(msg)
    if "error" in box:
        raise box["error"]
    return box["result"]


def call_model(
    model: Runnable[Sequence[BaseMessage], Any],
    messages: Sequence[BaseMessage],
    deadline: Deadline,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> AIMessage:
    """The model's next message, or `ModelUnavailable` once retries or time run out."""
    backoff = FIRST_BACKOFF_S
    for attempt in range(1, MAX_ATTEMPTS + 1):
        remaining = deadline.remaining()
        if remaining <= 0:
            break
        try:
            result = _call_in_thread(model, messages, remaining)
        except ModelUnavailable:
            raise
        except Exception as exc:
            if not is_transient(exc) or attempt == MAX_ATTEMPTS:
                msg = f"{type(exc).__name__}: {exc}"
                raise ModelUnavailable(msg) from exc
            log.warning("model call failed (%s), retry %d in %.2f s", exc, attempt, backoff)
            if deadline.remaining() <= backoff:
                raise ModelUnavailable(str(exc)) from exc
            sleep(backoff)
            backoff *= 2
            continue
        if not isinstance(result, AIMessage):
            msg = f"the model returned {type(result).__name__}, not a message"
            raise ModelUnavailable(msg)
        return result
    msg = f"no time left in the turn's {deadline.seconds:.0f} s budget"
    raise ModelUnavailable(msg)
