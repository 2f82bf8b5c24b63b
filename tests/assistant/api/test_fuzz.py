"""The API under schemathesis: generated requests with a valid key of each role get no 5xx, and
every response keeps to its own documented schema, status codes and content type.

Requests are sent to a real uvicorn on loopback (the app's own lifespan runs). Path ids are
swapped for the caller's organization and interview where schemathesis meant them to be valid,
so requests reach the handlers instead of stopping at 404; where it generated an invalid path
or header on purpose, the request goes as generated. `OIAR_FUZZ_EXAMPLES` raises the example
count for a longer run (`make fuzz`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from api_support import Org, bearer, build_org, make_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    allow_header_conformance,
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation.meta import ParameterLocation

from assistant.api.app import create_app
from assistant.api.server import BackgroundServer

# A fixed sequence in the suite, so CI is repeatable; `make fuzz` asks for more, at random.
LONG_RUN = os.environ.get("OIAR_FUZZ_EXAMPLES")
EXAMPLES = int(LONG_RUN or "4")
ROLES = ("admin", "facilitator", "respondent", "viewer")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    allow_header_conformance,
    negative_data_rejection,
]

# Built at import: schemathesis reads the schema while pytest collects. The store opens in the
# app's lifespan, when the server starts.
_DATA = Path(tempfile.mkdtemp(prefix="oiar-fuzz-"))
# No rate limit: a 429 would stop generated requests before the handlers they are for.
APP = create_app(
    make_settings(
        database_url=f"sqlite:///{_DATA / 'fuzz.db'}",
        warm_knowledge=False,
        rate_limit_per_minute=0,
    )
)
schema = schemathesis.openapi.from_dict(APP.openapi())


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[BackgroundServer, Org]]:
    try:
        with BackgroundServer(APP) as server:
            yield server, build_org(APP.state.store, "Fuzz Co")
    finally:
        shutil.rmtree(_DATA, ignore_errors=True)


def _aim(case: schemathesis.Case, org: Org) -> None:
    """Point valid path ids at things that exist, so the handler behind them runs."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH):
        return
    known = {"org_id": org.id, "interview_id": org.interview, "respondent_id": org.respondent}
    for name in case.path_parameters or {}:
        if name in known:
            case.path_parameters[name] = known[name]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=not LONG_RUN,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_5xx_and_every_response_matches_its_schema(
    case: schemathesis.Case, served: tuple[BackgroundServer, Org]
) -> None:
    server, org = served
    _aim(case, org)
    unauthenticated = case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER)
    for role in ROLES:
        headers = {} if unauthenticated else bearer(org.keys[role])
        case.call_and_validate(base_url=server.url, headers=headers, checks=CHECKS)
