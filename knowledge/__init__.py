"""Data and loaders: the interview instrument, benchmark assumptions and a sample assessment."""

from knowledge.errors import KnowledgeError
from knowledge.loader import (
    Calibration,
    known_industries,
    load_benchmarks,
    load_calibration,
    load_instrument,
    load_sample_assessment,
)
from knowledge.questions import (
    DOMAIN_PREFIXES,
    POOLS_DOMAIN,
    ROLE_TAGS,
    Choice,
    Instrument,
    Question,
    catalog_problems,
)

__all__ = [
    "DOMAIN_PREFIXES",
    "Calibration",
    "POOLS_DOMAIN",
    "ROLE_TAGS",
    "Choice",
    "Instrument",
    "KnowledgeError",
    "Question",
    "catalog_problems",
    "known_industries",
    "load_benchmarks",
    "load_calibration",
    "load_instrument",
    "load_sample_assessment",
]
