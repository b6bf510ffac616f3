"""The public contract: every operation has a response schema, ASCII tags with French names, and
schemathesis with every check finds no server error and no conformance failure."""

from __future__ import annotations

import pytest
import schemathesis
from ecosystem.api.tags import TAGS
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import positive_data_acceptance

# Every operation, its schema read from the running app.
EXPECTED_OPERATIONS = 33
EXAMPLES = 100  # cases an operation, the file renderers (PDF, PNG) included
# Schema-valid input the data refuses: a check's ids must name things in the data (the 422 says which);
# an export's revision must exist, and CSV / XLSX hold the current graph only (400). Every other check runs on them.
# A SPARQL query must be valid SPARQL, which no JSON schema says: the endpoint's 400 names the error.
DATA_DEPENDENT = {("POST", "/api/verifier"), ("GET", "/export/{format}"), ("GET", "/sparql"), ("POST", "/sparql")}


@pytest.fixture(scope="module")
def document(client):
    return client.get("/openapi.json").json()


def _operations(document):
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_the_openapi_document_validates(document):
    validate(document)
    assert len(_operations(document)) == EXPECTED_OPERATIONS, sorted(f"{m} {p}" for m, p, _ in _operations(document))


def test_every_operation_answers_with_a_declared_schema(document):
    missing = []
    for method, path, operation in _operations(document):
        success = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
        schemas = [media.get("schema") for r in success.values() for media in r.get("content", {}).values()]
        if not schemas or not all(schemas):
            missing.append(f"{method} {path}")
    assert not missing, missing


def test_json_answers_name_their_model(document):
    """Every JSON answer (``application/json`` or ``…+json``) is typed by a named model, never a bare ``object``;
    JSON-LD, a document with its own context, is the one inline schema."""
    untyped = []
    for method, path, operation in _operations(document):
        for code, response in operation["responses"].items():
            for media, content in response.get("content", {}).items():
                if (
                    code.startswith("2")
                    and "json" in media
                    and media != "application/ld+json"
                    and "$ref" not in content["schema"]
                ):
                    untyped.append(f"{method} {path} {media}")
    assert not untyped, untyped


def test_tags_are_ascii_with_french_display_names(document):
    declared = {tag["name"]: tag for tag in document["tags"]}
    assert [t["name"] for t in TAGS] == list(declared)
    used = {tag for _, _, operation in _operations(document) for tag in operation.get("tags", [])}
    assert used <= set(declared), used - set(declared)
    for name, tag in declared.items():
        assert name.isascii() and " " not in name, name
        assert tag["x-displayName"] and tag["description"]
    assert declared["revisions"]["x-displayName"] == "Révisions"
    assert declared["verification"]["x-displayName"] == "Vérification"


def _cases(operation):
    """A Hypothesis test of ``operation``: generated cases, every check of schemathesis on each answer."""
    excluded = [positive_data_acceptance] if (operation.method.upper(), operation.path) in DATA_DEPENDENT else []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
    )
    def run(case):
        case.call_and_validate(excluded_checks=excluded)

    return run


def test_schemathesis_finds_nothing(client, web_app):
    """Every check of schemathesis, 100 cases an operation.

    Driven through Hypothesis directly: schemathesis' pytest plugin does not load under pytest 9."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _cases(operation)()
        except BaseException as error:  # collect every failing operation (a group of failures), then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)


def test_sparql_refusals_declare_their_plain_text_body(document, client):
    """The protocol's refusals are plain text (the reason in French then English), declared as such."""
    for method in ("get", "post"):
        responses = document["paths"]["/sparql"][method]["responses"]
        for code in ("400", "403", "406", "413", "415", "503"):
            assert responses[code]["content"]["text/plain"]["schema"] == {"type": "string"}, (method, code)
    answer = client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/plain")
    assert answer.text.strip()
