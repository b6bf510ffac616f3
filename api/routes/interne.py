"""The server's side of the command line's socket: reads and writes of the whole store, for the local owner only.

Never reachable from the network: a request must come over the Unix socket (uvicorn
gives it no client address) and carry the credential the server wrote at start-up.
"""

from __future__ import annotations

import secrets
from typing import Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel
from rdflib import URIRef
from rdflib.util import from_n3

from ecosystem.journal import Author
from ecosystem.local_server import HEADER, decode_change
from ecosystem.writes import StaleWrite

from ..deps import StoreDep

__all__ = ["CLI_AUTHOR", "router"]

CLI_AUTHOR = Author(None, None, "ligne de commande")


def local_only(request: Request) -> None:
    over_socket = request.scope.get("client") is None and (request.scope.get("server") or (None, 0))[1] is None
    expected = getattr(request.app.state, "local_credential", None)
    given = request.headers.get(HEADER, "")
    if not over_socket or not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(404)


router = APIRouter(prefix="/interne", include_in_schema=False, dependencies=[Depends(local_only)])


class Read(BaseModel):
    op: Literal["select", "ask", "construct", "graph", "named_graphs", "triple_count", "version"]
    sparql: str | None = None
    name: str | None = None
    graph: str | None = None
    bindings: dict[str, str] | None = None


def _read(store, body: Read):
    if body.op == "select":
        bindings = {name: from_n3(term) for name, term in (body.bindings or {}).items()} or None
        return [
            {k: (v.n3() if v is not None else None) for k, v in row.items()}
            for row in store.select(body.sparql, bindings)
        ]
    if body.op == "ask":
        return store.ask(body.sparql)
    if body.op == "construct":
        return store.construct(body.sparql).serialize(format="nt")
    if body.op == "graph":
        if body.name is None:
            raise HTTPException(422, "name : le graphe à lire / the graph to read")
        return store.graph(URIRef(body.name)).serialize(format="nt")
    if body.op == "named_graphs":
        return [str(g) for g in store.named_graphs()]
    if body.op == "triple_count":
        return store.triple_count(URIRef(body.graph) if body.graph else None)
    return store.version()


@router.post("/lire")
async def read(body: Read, store: StoreDep) -> dict:
    return {"resultat": await run_in_threadpool(_read, store, body)}


class Write(BaseModel):
    change: dict
    kind: str
    note: str | None = None
    expected_version: str


@router.post("/ecrire")
async def write(body: Write, request: Request) -> dict:
    writes = request.app.state.writes

    def run():
        writes.write(
            decode_change(body.change), CLI_AUTHOR, body.kind, body.note, expected_version=body.expected_version
        )
        return writes.store.version()

    try:
        return {"version": await run_in_threadpool(run)}
    except StaleWrite as stale:
        raise HTTPException(409, str(stale)) from stale
