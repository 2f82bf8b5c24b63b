"""The pure, deterministic scoring core: inputs -> ranked Operating Income at Risk."""

from scoring.catalog import DOMAINS, INPUTS, POOLS, Domain, InputSpec, pool_input_key
from scoring.drivers import DRIVERS, Driver
from scoring.errors import InvalidInputError, MissingBenchmarkError, ScoringError
from scoring.model import (
    MODEL_VERSION,
    Benchmark,
    DomainResult,
    Estimate,
    Observation,
    OrganizationProfile,
    Respondent,
    ScoreResult,
    ScoringInput,
)
from scoring.score import input_sha256, score, score_many, seed_for

__all__ = [
    "DOMAINS",
    "DRIVERS",
    "INPUTS",
    "MODEL_VERSION",
    "POOLS",
    "Benchmark",
    "Domain",
    "DomainResult",
    "Driver",
    "Estimate",
    "InputSpec",
    "InvalidInputError",
    "MissingBenchmarkError",
    "Observation",
    "OrganizationProfile",
    "Respondent",
    "ScoreResult",
    "ScoringError",
    "ScoringInput",
    "input_sha256",
    "pool_input_key",
    "score",
    "score_many",
    "seed_for",
]
