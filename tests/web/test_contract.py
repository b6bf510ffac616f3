"""One model per answer: a page's JSON twin and the API say the same; an issue's counts follow one rule."""

from __future__ import annotations

import pytest

from ecosystem.revisions import InvalidRevisionName, RevisionExists, create_revision


def test_the_instance_list_twin_and_the_api_are_one(client):
    twin, api = client.get("/instances.json?par_page=500"), client.get("/api/instances?par_page=500")
    assert twin.status_code == api.status_code == 200
    assert twin.json() == api.json()
    first = api.json()["instances"][0]
    assert isinstance(first["membres"], list) and first["nombre_membres"] == len(first["membres"])
    assert {"id", "iri", "nom", "roles"} <= set(first["membres"][0])


def test_membres_is_the_list_everywhere(client):
    listed = {i["id"]: i for i in client.get("/api/instances?par_page=500").json()["instances"]}
    ident = max(listed, key=lambda i: listed[i]["nombre_membres"])
    detail = client.get(f"/api/{ident.replace('instance/', 'instances/')}").json()
    assert [m["id"] for m in detail["membres"]] == [m["id"] for m in listed[ident]["membres"]]
    assert detail["nombre_membres"] == len(detail["membres"]) > 0


def test_an_issue_counts_its_narrower_issues_everywhere(client):
    """Heading, mini-map and territory cells of an issue page count the same instances: narrower issues included."""
    issue = client.get("/api/enjeux/securite-alimentaire").json()
    assert issue["plus_precis"], "the test needs an issue with narrower issues"
    on_page = {i["id"] for i in issue["instances"]}
    mapped = {
        n["id"] for n in client.get("/api/carte?enjeu=securite-alimentaire").json()["nodes"] if n["kind"] == "instance"
    }
    in_cells = {"instance/" + i["iri"].rsplit("/", 1)[-1] for cell in issue["matrice"] for i in cell["instances"]}
    assert on_page == mapped
    assert in_cells <= on_page
    narrower = {c["iri"] for c in issue["plus_precis"]}
    assert any(
        set(i["iri"] for i in entry["enjeux"]) & narrower and issue["iri"] not in {e["iri"] for e in entry["enjeux"]}
        for entry in issue["instances"]
    ), "an instance of a narrower issue only is counted"


def test_revision_refusals_are_typed(empty_store):
    create_revision(empty_store, "r1")
    with pytest.raises(RevisionExists):
        create_revision(empty_store, "r1")
    with pytest.raises(InvalidRevisionName):
        create_revision(empty_store, "r1\n")
