"""One small cache for values that are pure functions of an input digest.

A score, a governance report and a value-of-information estimate are each a pure function of
their input, so a cache keyed by the input's SHA-256 can never go stale or leak one
organization's figures to another: a changed answer is a new key. Each owner (a store, an
estimator) holds its own instance, bounded and least-recently-used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["DigestCache"]

V = TypeVar("V")


class DigestCache(Generic[V]):
    """A thread-safe LRU of at most `size` values; compute runs outside the lock, so two
    threads missing the same key may both compute it (the result is the same by purity)."""

    def __init__(self, size: int = 256) -> None:
        if size < 1:
            msg = f"a cache holds at least one value, not {size}"
            raise ValueError(msg)
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key not in self._values:
                return None
            self._values.move_to_end(key)
            return self._values[key]

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()
        self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._values
