"""Warm worker processes that run SPARQL queries, cut off the network, behind a bounded queue.

Queries run in ``spawn``-ed processes that open the public copy read-only; a query still
running at the time limit has its worker killed and replaced (a thread cannot be
interrupted in the middle of an Oxigraph query). Measured on 2 cores: spawning a process,
importing pyoxigraph and rdflib and opening the store takes ~0.3 s, a warm worker answers a
small query in ~2 ms, so workers are kept warm and only a killed one is respawned.

Two defences against a query that would reach another server (``SERVICE``): each worker
parses its query with :func:`ecosystem.sparql_query.screen` and refuses ``SERVICE``
(``screen=False`` turns that off, for tests of the second defence only), and each worker
moves itself into an empty network namespace before it reads any query
(:func:`ecosystem.sandbox.isolate_network`; ``isolation`` says which way worked).

The pool has its own threads (one per worker) and its own queue, apart from the web
server's thread pool: a flood of slow queries waits here, never in front of the pages, and
past ``max_waiting`` queued queries the pool answers 503 at once (``Retry-After``).
"""

from __future__ import annotations

import asyncio
import logging
import math
import multiprocessing as mp
import os
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ecosystem.sparql_query import SparqlError

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["SparqlPool"]

log = logging.getLogger(__name__)
_WORKER_NICENESS = (
    3  # the pages' process gets about twice the CPU when both compete; more starves queries on a busy machine
)


def _serve(store_path: str | None, arguments: dict, screen: bool):
    """One query inside the worker: screen it, run it; (status, payload) to send back."""
    import pyoxigraph as ox

    from ecosystem.sparql_endpoint import execute
    from ecosystem.sparql_query import screen as screen_query

    global _STORE, _OPENED
    own_dataset = screen_query(arguments["sparql"]).has_dataset if screen else False
    if store_path is None:
        raise SparqlError(500, "Aucun entrepôt à interroger / No store to query")
    if _STORE is None or store_path != _OPENED:
        _STORE, _OPENED = ox.Store.read_only(store_path), store_path
    return execute(_STORE, **arguments, own_dataset=own_dataset)


_STORE: ox.Store | None = None
_OPENED: str | None = None


def _worker(connection) -> None:
    from ecosystem.sandbox import isolate_network

    isolation = isolate_network()  # first: before anything can start a thread
    os.nice(_WORKER_NICENESS)
    import ecosystem.sparql_endpoint
    import ecosystem.sparql_query  # noqa: F401

    connection.send(("ready", isolation))
    while True:
        try:
            path, arguments, screen = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(("ok", _serve(path, arguments, screen)))
        except SparqlError as error:
            connection.send(("error", error.status, error.message))
        except SyntaxError as error:
            connection.send(("error", 400, f"Requête SPARQL invalide / Invalid SPARQL query: {error}"))
        except Exception as error:  # reported to the client as a query failure, the worker lives on
            connection.send(("error", 500, f"Échec de la requête / Query failed: {error}"))


class _Worker:
    def __init__(self, context):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.isolation: str | None = None

    def wait_ready(self, timeout: float = 60.0) -> None:
        if self.isolation is None:
            if not self.connection.poll(timeout):
                raise EOFError("worker did not start")
            _ready, self.isolation = self.connection.recv()
            if self.isolation.startswith("aucune"):
                log.warning("SPARQL worker has network access (no namespace here); SERVICE is refused by parsing only")

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class SparqlPool:
    """``size`` warm workers; a query past ``timeout_s`` has its worker killed (503); at most
    ``max_waiting`` queries wait for a worker, the others get 503 at once."""

    def __init__(self, size: int = 2, timeout_s: float = 10.0, max_waiting: int = 8, screen: bool = True):
        self.timeout_s = timeout_s
        self.max_waiting = max_waiting
        self.screen = screen
        self._context = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._size = size
        self._started = False
        self._lock = threading.Lock()
        self._admitted = 0
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="sparql")

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                for _ in range(self._size):
                    self._idle.put(_Worker(self._context))
                self._started = True

    def isolation(self) -> str:
        """How the workers are cut off the network (starts them if needed)."""
        self._start()
        worker = self._idle.get()
        try:
            worker.wait_ready()
            return worker.isolation or ""
        finally:
            self._idle.put(worker)

    def run(self, path: Path | None, **arguments):
        """Run one query on a free worker (blocks until one is free)."""
        self._start()
        worker = self._idle.get()
        try:
            worker.wait_ready()
            worker.connection.send((str(path) if path else None, arguments, self.screen))
            if not worker.connection.poll(self.timeout_s):
                worker.kill()
                worker = _Worker(self._context)
                raise SparqlError(
                    503, f"Requête arrêtée après {self.timeout_s:g} s / Query stopped after {self.timeout_s:g} s"
                )
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

    async def submit(self, work, *args):
        """Run ``work(*args)`` on the pool's own threads, or refuse (503) when too many already wait."""
        with self._lock:
            if self._admitted >= self._size + self.max_waiting:
                raise SparqlError(503, "Serveur SPARQL occupé, réessayez / SPARQL server busy, retry")
            self._admitted += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._executor, work, *args)
        finally:
            with self._lock:
                self._admitted -= 1

    def retry_after(self) -> int:
        """Seconds a refused client should wait: one query's time limit."""
        return max(1, math.ceil(self.timeout_s))

    def close(self) -> None:
        """Stop the idle workers; a later query starts new ones (an app may run its lifespan twice)."""
        with self._lock:
            while not self._idle.empty():
                self._idle.get_nowait().kill()
            self._started = False
