"""Read-only SPARQL 1.1 protocol over the embedded store: time limit, result cap, no persons.

Queries run in warm worker processes (``spawn``) that open a *public copy* of the
store read-only; a query still running at the time limit has its worker killed and
replaced. Measured on 2 cores: spawning a process, importing pyoxigraph and opening
the store takes ~0.11 s, a warm worker answers a small query in ~2 ms, so workers
are kept warm and only a killed one is respawned. A thread cannot be interrupted in
the middle of an Oxigraph query, hence processes.

The public copy holds every quad except those about a ``foaf:Person`` (as subject or
object) and ``eco:representative`` links. A copy, rather than a FILTER added to the
user's query, because no rewriting of arbitrary SPARQL (GRAPH patterns, property
paths, sub-queries) can be proven to hide a resource; the copy is rebuilt when the
store's version changes. ``SERVICE`` is refused: Oxigraph would fetch the remote
endpoint from the server.

>>> update_keyword("PREFIX ex: <http://e/#a> # comment\\nINSERT DATA { ex:a ex:b ex:c }")
'INSERT'
>>> update_keyword("SELECT * WHERE { ?s ?p 'DELETE' }") is None
True
>>> uses_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
True
>>> choose_format("text/csv;q=0.9, application/sparql-results+xml", "solutions")
'application/sparql-results+xml'
"""

from __future__ import annotations

import itertools
import json
import multiprocessing as mp
import queue
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ecosystem.namespaces import ECO, FOAF
from ecosystem.store.base import META

__all__ = [
    "PublicCopy",
    "SparqlError",
    "SparqlPool",
    "SparqlResult",
    "build_public_copy",
    "choose_format",
    "execute",
    "update_keyword",
    "uses_service",
]

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

SOLUTION_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
SHORT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
               "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
               "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json"}


class SparqlError(Exception):
    """A refused or failed query: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SparqlResult:
    media_type: str
    body: bytes
    truncated: bool = False


# Query text ---------------------------------------------------------------

_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_IRIS = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENTS = re.compile(r"#[^\n]*")
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s+)\s*<>\s*)*", re.IGNORECASE)


def _code_only(sparql: str) -> str:
    """The query with strings and IRIs emptied and comments removed (keywords remain)."""
    without_strings = _STRINGS.sub('""', sparql)
    return _COMMENTS.sub(" ", _IRIS.sub("<>", without_strings))


def update_keyword(sparql: str) -> str | None:
    """The SPARQL Update keyword the request starts with, if it is an update."""
    body = _PROLOGUE.sub("", _code_only(sparql))
    first = re.match(r"\s*([A-Za-z]+)", body)
    word = first.group(1).upper() if first else None
    return word if word in UPDATE_KEYWORDS else None


def uses_service(sparql: str) -> bool:
    """Whether the query calls a remote endpoint (``SERVICE``)."""
    return re.search(r"\bSERVICE\b", _code_only(sparql), re.IGNORECASE) is not None


def _accepted(accept: str) -> list[str]:
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_format(accept: str | None, kind: str, requested: str | None = None) -> str | None:
    """The media type to answer a ``kind`` (solutions, boolean, graph) result with; None: 406."""
    offered = list(GRAPH_FORMATS if kind == "graph" else SOLUTION_FORMATS)
    if kind == "boolean":
        offered = [m for m in offered if m not in ("text/csv", "text/tab-separated-values")] + ["text/csv", "text/tab-separated-values"]
    if requested:
        media = SHORT_NAMES.get(requested.lower(), requested.lower())
        return media if media in offered else None
    wanted = _accepted(accept or "*/*") or ["*/*"]
    for media in wanted:
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            return offered[0] if prefix in ("*", "application") else next((m for m in offered if m.startswith("text/")), None)
    return None


# Execution (inside the worker) ---------------------------------------------------------


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    entry = {"type": "literal", "value": term.value}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        entry["datatype"] = term.datatype.value
    return entry


def execute(store: ox.Store, sparql: str, accept: str | None, cap: int, requested: str | None = None,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> SparqlResult:
    """Run ``sparql`` on ``store`` and serialise at most ``cap`` solutions or triples."""
    options = {"use_default_graph_as_union": not default_graphs}
    try:
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as error:
        raise SparqlError(400, f"IRI de graphe invalide / Invalid graph IRI: {error}") from None
    results = store.query(sparql, **options)
    kind = "boolean" if isinstance(results, ox.QueryBoolean) else "graph" if isinstance(results, ox.QueryTriples) else "solutions"
    media = choose_format(accept, kind, requested)
    if media is None:
        raise SparqlError(406, f"Format non offert pour ce résultat / No acceptable format for this result: {accept or requested}")
    if kind == "boolean":
        return SparqlResult(media, results.serialize(format=SOLUTION_FORMATS[media]))
    if kind == "graph":
        triples = list(itertools.islice(results, cap + 1))
        return SparqlResult(media, ox.serialize(triples[:cap], format=GRAPH_FORMATS[media]), len(triples) > cap)
    names = [variable.value for variable in results.variables]
    rows = list(itertools.islice(results, cap + 1))
    bindings = [{name: _term_json(row[name]) for name in names if row[name] is not None} for row in rows[:cap]]
    document = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if SOLUTION_FORMATS[media] != ox.QueryResultsFormat.JSON:
        # Oxigraph's own writers for XML, CSV and TSV, fed the capped solutions.
        document = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON).serialize(format=SOLUTION_FORMATS[media])
    return SparqlResult(media, document, len(rows) > cap)


def _worker(connection) -> None:
    store, opened = None, None
    connection.send("ready")  # imports done: the time limit starts with the query, not with the process
    while True:
        try:
            path, arguments = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if path != opened:
                store, opened = ox.Store.read_only(path), path
            connection.send(("ok", execute(store, **arguments)))
        except SparqlError as error:
            connection.send(("error", error.status, error.message))
        except SyntaxError as error:
            connection.send(("error", 400, f"Requête SPARQL invalide / Invalid SPARQL query: {error}"))
        except Exception as error:  # reported to the client as a query failure, the worker lives on
            connection.send(("error", 500, f"Échec de la requête / Query failed: {error}"))


# The pool -------------------------------------------------------------------


class _Worker:
    def __init__(self, context):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float = 60.0) -> None:
        if not self.ready:
            if not self.connection.poll(timeout) or self.connection.recv() != "ready":
                raise EOFError("worker did not start")
            self.ready = True

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class SparqlPool:
    """``size`` warm worker processes; a query running past ``timeout_s`` has its worker killed (503)."""

    def __init__(self, size: int = 2, timeout_s: float = 10.0, queue_timeout_s: float = 30.0):
        self.timeout_s = timeout_s
        self.queue_timeout_s = queue_timeout_s
        self._context = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._size = size
        self._started = False
        self._lock = threading.Lock()

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                for _ in range(self._size):
                    self._idle.put(_Worker(self._context))
                self._started = True

    def run(self, path: Path, **arguments) -> SparqlResult:
        self._start()
        try:
            worker = self._idle.get(timeout=self.queue_timeout_s)
        except queue.Empty:
            raise SparqlError(503, "Serveur SPARQL occupé, réessayez / SPARQL server busy, retry") from None
        try:
            worker.wait_ready()
            worker.connection.send((str(path), arguments))
            if not worker.connection.poll(self.timeout_s):
                worker.kill()
                worker = _Worker(self._context)
                raise SparqlError(503, f"Requête arrêtée après {self.timeout_s:g} s / Query stopped after {self.timeout_s:g} s")
            answer = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            worker = _Worker(self._context)
            raise SparqlError(500, "Le processus de requête s'est arrêté / The query process died") from None
        finally:
            self._idle.put(worker)
        if answer[0] == "error":
            raise SparqlError(answer[1], answer[2])
        return answer[1]

    def close(self) -> None:
        """Stop the idle workers; a later query starts new ones (an app may run its lifespan twice)."""
        with self._lock:
            while not self._idle.empty():
                self._idle.get_nowait().kill()
            self._started = False


# The public copy ---------------------------------------------------------------


_PERSONS = f"SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ ?x a <{FOAF.Person}> }} }}"
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def build_public_copy(store, target: Path) -> Path:
    """Copy an ``EmbeddedStore`` to a new on-disk store at ``target`` without persons; returns ``target``."""
    persons = {row["x"] for row in store.raw_query(_PERSONS)}
    hidden = ox.NamedNode(str(ECO.representative))
    meta = ox.NamedNode(str(META))
    copy = ox.Store(str(target))
    copy.bulk_extend(
        ox.Quad(row["s"], row["p"], row["o"], row["g"])
        for row in store.raw_query(_QUADS)
        if row["s"] not in persons and row["o"] not in persons and row["p"] != hidden and row["g"] != meta
    )
    copy.flush()
    del copy
    return target


class PublicCopy:
    """The person-free copy of a store, rebuilt when the store's version changes."""

    def __init__(self):
        self._root = Path(tempfile.mkdtemp(prefix="ecosysteme-sparql-"))
        self._version: str | None = None
        self._path: Path | None = None
        self._builds = 0
        self._lock = threading.Lock()

    def path_for(self, store) -> Path:
        version = store.version()
        with self._lock:
            if version != self._version or not self._root.exists():
                self._root.mkdir(parents=True, exist_ok=True)
                self._builds += 1
                target = build_public_copy(store, self._root / f"v{self._builds}")
                old, self._path, self._version = self._path, target, version
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
            return self._path

    def close(self) -> None:
        with self._lock:
            shutil.rmtree(self._root, ignore_errors=True)
            self._version = self._path = None
