"""No query makes the server reach another server: SERVICE refused by parsing, and the workers
have no network even when that check is bypassed. A real listener on a loopback port must
receive nothing."""

from __future__ import annotations

import socket
import threading

import pytest

from ecosystem.sandbox import NO_ISOLATION
from ecosystem.sparql_copy import build_public_copy
from ecosystem.sparql_pool import SparqlPool
from ecosystem.sparql_query import SparqlError


class Listener:
    """A TCP server on 127.0.0.1 that answers like a SPARQL endpoint and counts every connection."""

    ANSWER = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"FUITE-SSRF"}}]}}'

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            with connection:
                connection.settimeout(1)
                try:
                    connection.recv(65536)
                    connection.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                        b"Content-Length: %d\r\n\r\n%s" % (len(self.ANSWER), self.ANSWER)
                    )
                except OSError:
                    pass

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.socket.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def variants(target: str) -> list[str]:
    """Ways of writing SERVICE that a check on the text alone misses or might miss."""
    return [
        f'SELECT * WHERE {{ # """\nSERVICE <{target}> {{ ?x ?y ?z }}\n# """\n}}',
        f"SELECT * WHERE {{ # '''\nSERVICE <{target}> {{ ?x ?y ?z }}\n# '''\n}}",
        f"select * where {{ service silent <{target}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ SERVICE <{target.replace('127', '%31%32%37')}> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{target}> }} SERVICE ?e {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{target}> {{ ?x ?y ?z }} }} }} }}",
        f"ASK {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{target}> {{ ?x ?y ?z }} }} }}",
        f"PREFIX t: <{target.rsplit('/', 1)[0]}/> SELECT * WHERE {{ SERVICE t:x {{ ?x ?y ?z }} }}",
    ]


@pytest.mark.parametrize("index", range(9))
@pytest.mark.parametrize("transport", ["get", "form", "sparql-query"])
def test_service_never_reaches_the_listener(client, listener, index, transport):
    query = variants(f"http://127.0.0.1:{listener.port}/x")[index]
    if transport == "get":
        response = client.get("/sparql", params={"query": query})
    elif transport == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.status_code in (400, 403), response.text
    assert "FUITE-SSRF" not in response.text
    assert listener.connections == 0


def test_service_against_the_app_itself_is_refused(live_server, listener):
    import httpx

    query = f"SELECT * WHERE {{ # '''\nSERVICE <{live_server}/sparql> {{ ?x ?y ?z }}\n# '''\n}}"
    response = httpx.get(f"{live_server}/sparql", params={"query": query}, timeout=20)
    assert response.status_code == 403


def test_the_workers_have_no_network_even_without_the_parser_check(tmp_path, web_store, listener):
    pool = SparqlPool(size=1, timeout_s=10, screen=False)
    try:
        assert pool.isolation() != NO_ISOLATION, "the workers could not be cut off the network here"
        copy = build_public_copy(web_store, tmp_path / "copy")
        for query in variants(f"http://127.0.0.1:{listener.port}/x")[:4]:
            try:
                answer = pool.run(copy, sparql=query, accept=None, cap=10).body.decode()
            except SparqlError as failed:  # SERVICE fails: no network
                answer = failed.message
            assert "FUITE-SSRF" not in answer
        # The same worker still answers ordinary queries.
        assert b'"boolean":true' in pool.run(copy, sparql="ASK { GRAPH ?g { ?s ?p ?o } }", accept=None, cap=10).body
    finally:
        pool.close()
    assert listener.connections == 0
