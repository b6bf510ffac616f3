"""Cheap reads: public reads come from prepared bytes with an ETag tied to the data version, a 304
on revalidation, gzip or brotli when accepted; staff pages and credentialed requests are never kept."""

from __future__ import annotations

import gzip
import threading

import anyio
import brotli
import pytest
from ecosystem.api.http_cache import ReadCache
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal

from ecosystem.loading import load_paths
from ecosystem.namespaces import SKOS, actor_iri
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore

ROUTES = [
    "/api/carte",
    "/api/carte?territoire=shawinigan",
    "/acteurs/ciusss-mcq",
    "/acteurs/ciusss-mcq?lang=en",
    "/api/acteurs/ciusss-mcq",
    "/instances.json",
    "/analyses/surconcertation.json",
    "/tableau-de-bord",
    "/export/csv",
    "/sparql?query=SELECT%20%3Fs%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%203",
]


@pytest.fixture(scope="module")
def own(tmp_path_factory, mauricie_path):
    """An app over a store of its own: these tests write to it."""
    folder = tmp_path_factory.mktemp("cache")
    store = EmbeddedStore(folder / "store")
    assert load_paths(store, [mauricie_path]).written
    with TestClient(create_app(Settings(store=folder / "unused"), store=store)) as client:
        yield client, store
    store.close()


def _read_cache(app) -> ReadCache:
    layer = app.middleware_stack
    while not isinstance(layer, ReadCache):
        layer = layer.app
    return layer


def plain(client, path, **headers):
    return client.get(path, headers={"Accept-Encoding": "identity", **headers})


@pytest.mark.parametrize("path", ROUTES)
def test_a_public_read_has_an_etag_and_revalidates_to_304(own, path):
    client, _ = own
    first = plain(client, path)
    assert first.status_code == 200, first.text[:300]
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["vary"] == "Accept, Accept-Encoding"
    assert first.headers["cache-control"] == "public, no-cache"
    again = plain(client, path, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert plain(client, path, **{"If-None-Match": 'W/"autre"'}).content == first.content
    assert again.headers["x-content-type-options"] == "nosniff"  # the security headers still hold


def test_the_second_read_is_served_from_prepared_bytes(own):
    client, _ = own
    kept = _read_cache(client.app).kept
    first = plain(client, "/api/territoires")
    size = len(kept)
    second = plain(client, "/api/territoires")
    assert (
        len(kept) == size >= 1 and second.content == first.content and second.headers["etag"] == first.headers["etag"]
    )


def test_a_write_changes_the_etag_and_the_bytes(own):
    client, store = own
    before = plain(client, "/acteurs/ciusss-mcq.json")
    iri = actor_iri("ciusss-mcq")
    old = store.select(f"SELECT ?n WHERE {{ GRAPH ?g {{ <{iri}> <{SKOS.prefLabel}> ?n FILTER(lang(?n) = 'fr') }} }}")[
        0
    ]["n"]
    store.apply(
        add=[(iri, SKOS.prefLabel, Literal("CIUSSS renommé pour l'essai", lang="fr"))],
        remove=[(iri, SKOS.prefLabel, old)],
    )
    try:
        after = plain(client, "/acteurs/ciusss-mcq.json", **{"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
        assert after.json()["nom"] == "CIUSSS renommé pour l'essai" != before.json()["nom"]
    finally:
        store.apply(
            add=[(iri, SKOS.prefLabel, old)],
            remove=[(iri, SKOS.prefLabel, Literal("CIUSSS renommé pour l'essai", lang="fr"))],
        )


def test_variants_have_their_own_etag(own):
    client, _ = own
    tags = {
        plain(client, "/acteurs/ciusss-mcq").headers["etag"],
        plain(client, "/acteurs/ciusss-mcq?lang=en").headers["etag"],
        plain(client, "/acteurs/ciusss-mcq", Accept="application/json").headers["etag"],
    }
    assert len(tags) == 3
    # The language is the query's, not Accept-Language's: the same bytes whatever that header says.
    fr, en = plain(client, "/acteurs/ciusss-mcq"), plain(client, "/acteurs/ciusss-mcq", **{"Accept-Language": "en"})
    assert fr.content == en.content and fr.headers["etag"] == en.headers["etag"] and 'lang="fr"' in fr.text


@pytest.mark.parametrize(("coding", "decode"), [("gzip", gzip.decompress), ("br", brotli.decompress)])
def test_compressed_when_the_client_accepts(own, coding, decode):
    client, _ = own
    identity = plain(client, "/api/carte")
    raw = client.get("/api/carte", headers={"Accept-Encoding": coding})
    assert raw.headers["content-encoding"] == coding
    assert int(raw.headers["content-length"]) < len(identity.content) / 3
    with client.stream("GET", "/api/carte", headers={"Accept-Encoding": coding}) as streamed:
        assert decode(b"".join(streamed.iter_raw())) == identity.content
    assert "content-encoding" not in identity.headers
    refused = client.get("/api/carte", headers={"Accept-Encoding": f"{coding};q=0"})
    assert "content-encoding" not in refused.headers


def test_the_check_is_compressed_too(own):
    client, _ = own
    answer = client.post(
        "/api/verifier",
        json={"enjeux": ["securite-alimentaire"], "territoire": "shawinigan"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert answer.status_code == 200 and answer.headers["content-encoding"] == "gzip" and answer.json()["instances"]


def test_the_same_check_again_comes_from_prepared_bytes(own):
    client, _ = own
    kept = _read_cache(client.app).kept
    initiative = {"enjeux": ["securite-alimentaire"], "territoire": "shawinigan", "nom": "Essai de cache"}
    first = client.post("/api/verifier", json=initiative)
    size = len(kept)
    again = client.post("/api/verifier", json=initiative)
    other = client.post("/api/verifier", json={**initiative, "enjeux": ["habitation"]})
    assert first.status_code == again.status_code == other.status_code == 200
    assert again.content == first.content and len(kept) == size + 1  # the second was not kept again; the third was
    assert other.json()["instances"] != first.json()["instances"]
    refused = client.post("/api/verifier", json={"enjeux": ["inconnu"]})
    assert refused.status_code == 422 and len(kept) == size + 1  # refusals are not kept
    huge = client.post("/api/verifier", json={**initiative, "texte": "mot " * 80_000})  # beyond MAX_READ_BODY
    assert huge.status_code == 422 and len(kept) == size + 1  # read whole by the route, refused, not kept


def test_concurrent_first_reads_of_one_response_run_the_route_once(own):
    """Single flight: the first request of a key runs the route, the others arriving meanwhile wait for its bytes."""
    client, _ = own
    cache = _read_cache(client.app)
    path, runs, inner = "/api/carte", [], cache.app

    async def slow_route(scope, receive, send):  # the app behind the cache, slowed so that the requests overlap
        if scope["type"] == "http" and scope["path"] == path:
            runs.append(scope["query_string"])
            await anyio.sleep(0.3)
        await inner(scope, receive, send)

    cache.app = slow_route
    try:
        answers: list = []
        threads = [
            threading.Thread(target=lambda: answers.append(plain(client, path + "?lang=en&essai=vol-unique")))
            for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        cache.app = inner
    assert len(runs) == 1 and len(answers) == 8
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1


@pytest.mark.parametrize(
    "path",
    ["/connexion", "/compte", "/equipe/comptes", "/historique", "/televersement", "/acteurs/ciusss-mcq/modifier"],
)
def test_staff_pages_are_private_and_never_kept(own, path):
    client, _ = own
    response = client.get(path, headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.headers["cache-control"] == "private, no-store", path
    assert "etag" not in response.headers


def test_a_request_with_credentials_is_not_served_from_the_shared_copy(own):
    client, _ = own
    public = plain(client, "/api/stats")
    assert "etag" in public.headers
    signed = plain(client, "/api/stats", Cookie="eco_session=inconnue")
    assert (
        signed.status_code == 200
        and signed.headers["cache-control"] == "private, no-store"
        and "etag" not in signed.headers
    )
    assert signed.json() == public.json()


def test_errors_are_not_kept(own):
    client, _ = own
    missing = plain(client, "/acteurs/inconnu-xyz.json")
    assert missing.status_code == 404 and "etag" not in missing.headers
