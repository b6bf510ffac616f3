"""The OpenAPI document validates, and schemathesis finds no server error in any operation."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error


def test_the_openapi_document_validates(client):
    document = client.get("/openapi.json").json()
    validate(document)
    paths = document["paths"]
    for path in ("/api/carte", "/api/acteurs", "/api/acteurs/{ident}", "/api/instances", "/api/instances/{ident}",
                 "/api/territoires/{ident}", "/api/enjeux/{ident}", "/api/verifier", "/api/analyses/surconcertation", "/sparql"):
        assert path in paths, path
    assert "post" in paths["/api/verifier"] and "post" in paths["/sparql"]


def operations(web_app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    return [result.ok() for result in schema.get_all_operations()]


def test_no_server_error(client, web_app):
    """A few generated cases per operation (the session client has started the app: store, SPARQL workers).

    Driven through Hypothesis directly: schemathesis' pytest plugin does not load under pytest 9."""
    failures = []
    every = operations(web_app)
    assert len(every) >= 20
    for operation in every:

        @given(case=operation.as_strategy())
        @settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def run(case):
            case.call_and_validate(checks=[not_a_server_error])

        try:
            run()
        except Exception as error:  # collect every failing operation, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n".join(failures)
