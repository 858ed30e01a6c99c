"""Property tests of the HTTP API: schemathesis generates requests from the OpenAPI schema
(valid and invalid ones) and sends them over real HTTP to a live server holding the seed
article, on SQLite and on PostgreSQL. No request may get a 5xx, and every answer must match
the schema, errors included.

One test per API operation; the writes run with the token, so merges, splits, speaker fixes
and analyses of generated documents are exercised too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from serverkit import AUTH, analyse_seed, live_server
from whosaid.server import create_app

# The schema, from the application itself (an in-memory database is enough to build it).
_app = create_app(":memory:")
schema = schemathesis.openapi.from_dict(_app.openapi())
_app.state.services.store.close()

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
             analyzer: Any) -> Iterator[str]:
    db = (str(tmp_path_factory.mktemp("props") / "props.db") if request.param == "sqlite"
          else str(request.getfixturevalue("pg_url")))
    with live_server(db, analyzer=analyzer) as url:
        with httpx.Client(base_url=url) as client:
            analyse_seed(client)
        yield url


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_server_properties_no_server_error(case: Any, base_url: str) -> None:
    headers = dict(AUTH) if case.method.upper() == "POST" else {}
    case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS, timeout=60)


def test_server_properties_schema_file_is_served(base_url: str) -> None:
    served = httpx.get(f"{base_url}/openapi.json").json()
    # the schema the tests were generated from is the one the live server serves
    assert set(served["paths"]) == set(schema.raw_schema["paths"])
