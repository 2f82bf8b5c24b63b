"""The one cache: bounded, least recently used out first, and computing a key only on a miss."""

from __future__ import annotations

import threading

import pytest

from tools.caching import DigestCache


def test_a_hit_does_not_compute_again() -> None:
    cache: DigestCache[int] = DigestCache(4)
    calls: list[str] = []

    def compute() -> int:
        calls.append("x")
        return 7

    assert cache.get_or_compute("a", compute) == 7
    assert cache.get_or_compute("a", compute) == 7
    assert calls == ["x"]
    assert "a" in cache and len(cache) == 1


def test_the_least_recently_used_value_goes_first() -> None:
    cache: DigestCache[str] = DigestCache(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # "a" is now the most recent
    cache.put("c", "C")
    assert cache.get("b") is None
    assert cache.get("a") == "A" and cache.get("c") == "C"
    assert len(cache) == 2


def test_a_failed_compute_stores_nothing() -> None:
    cache: DigestCache[int] = DigestCache(2)

    def fail() -> int:
        msg = "no"
        raise ValueError(msg)

    with pytest.raises(ValueError, match="no"):
        cache.get_or_compute("a", fail)
    assert "a" not in cache
    assert cache.get_or_compute("a", lambda: 1) == 1


def test_clear_and_size_checks() -> None:
    cache: DigestCache[int] = DigestCache(3)
    cache.put(("score", "abc"), 1)
    cache.clear()
    assert len(cache) == 0
    with pytest.raises(ValueError, match="at least one"):
        DigestCache(0)


def test_threads_see_one_consistent_cache() -> None:
    cache: DigestCache[int] = DigestCache(50)

    def work(offset: int) -> None:
        for i in range(500):
            key = (offset + i) % 80
            assert cache.get_or_compute(key, lambda k=key: k * 2) == key * 2  # type: ignore[misc]

    threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 50
