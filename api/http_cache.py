"""Cheap reads: every public read answered from prepared bytes, revalidated by ``ETag``, compressed.

One ASGI middleware (:class:`ReadCache`) stands before every route:

- a public ``GET`` (no session cookie, no token; not a staff page) is kept, once computed, as
  the bytes the route sent (and their gzip / brotli forms, made once), keyed by the data
  version (``store.version()``), the day (the projections' default date), the path, the query
  and the ``Accept`` header (a page or its JSON twin, a SPARQL results format). The next
  request with the same key is answered from those bytes without running the route;
- its ``ETag`` is derived from the same key: a client that sends it back in
  ``If-None-Match`` gets ``304 Not Modified`` at once, and any write changes it;
- ``Vary: Accept, Accept-Encoding`` says what else the bytes depend on. The language is a
  query parameter (``?lang=en``), never ``Accept-Language``: that header is not read, so it is
  not in ``Vary`` either (a cache may share one copy between readers of every language);
- the staff and partners' pages (sign-in, accounts and tokens, editing, history, upload, the
  local socket's routes) and every request carrying credentials are never kept and are sent
  ``Cache-Control: private, no-store``;
- the check (``POST /api/verifier``, which only reads) is kept the same way, its body hashed into the
  key: an initiative sent again at the same data version is answered without running the route
  (a refusal is not kept);
- whatever else is not served from prepared bytes (other ``POST``, those private pages)
  goes through Starlette's ``GZipMiddleware``; the static files keep their own ``ETag`` and are
  sent as they are (compressing them again at every request costs more than it saves).

Entries of an older data version are dropped as soon as a newer version is seen; the whole
store of prepared bytes is bounded in bytes (least recently used out first).
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import anyio
import brotli
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware

from ecosystem.projection_delta import touched_between
from ecosystem.store import EmbeddedStore

from .auth import SESSION_COOKIE
from .read_dependencies import EVERYTHING, Depends, dependencies, guards_hold

__all__ = ["MAX_ENTRY_BYTES", "MAX_READ_BODY", "PRIVATE", "READ_POSTS", "Prepared", "ReadCache", "is_private"]

PRIVATE = re.compile(
    r"^/(connexion|deconnexion|compte|equipe|historique|televersement|interne|confirmer)(/|\.json$|$)|/modifier/?$"
)
"""The staff and partners' pages (and the local socket's routes, and an organisation's private campaign link):
never kept, never stored by a browser."""
MAX_ENTRY_BYTES = 32 * 1024 * 1024
"""A response larger than this (a whole-province export) is not kept; its ETag and 304 still hold."""
BUDGET_BYTES = 256 * 1024 * 1024
"""All prepared bytes together, every encoding counted."""
_COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|.*\+json|.*\+xml|xml|javascript|n-triples|n-quads|trig|"
    r"sparql-results\+(json|xml)|ld\+json)|image/svg\+xml)"
)
_MIN_COMPRESSED = 512
READ_POSTS = frozenset({"/api/verifier"})
"""POST routes that only read (the check): answered from prepared bytes keyed by their body too."""
MAX_READ_BODY = 256 * 1024
"""A larger body (beyond what the check accepts) is passed on, not kept."""
_KEPT_HEADERS = {
    b"content-type",
    b"content-disposition",
    b"access-control-allow-origin",
    b"access-control-expose-headers",
    b"x-resultats-tronques",
    b"link",
}
_VARY = (b"vary", b"Accept, Accept-Encoding")
_PUBLIC = (b"cache-control", b"public, no-cache")
_NO_STORE = (b"cache-control", b"private, no-store")


def is_private(path: str) -> bool:
    """Whether ``path`` is a staff or partner page.

    >>> is_private("/compte/jetons"), is_private("/acteurs/a1/modifier"), is_private("/acteurs/a1"), is_private("/comptes")
    (True, True, False, False)
    """
    return PRIVATE.search(path) is not None


@dataclass
class Prepared:
    """A response as sent: status 200, its kept headers, its bytes and their compressed forms."""

    etag: bytes
    headers: list[tuple[bytes, bytes]]
    body: bytes
    compressible: bool
    encoded: dict[str, bytes] = field(default_factory=dict)
    quality: int = 5
    """Brotli's quality: lower for an answer that is likely asked once (a check), where compressing is most of its cost."""
    depends: Depends = EVERYTHING
    checked: str = ""
    """The data version at which its guards (:class:`~.read_dependencies.Depends`) were last found unchanged."""

    def size(self) -> int:
        return len(self.body) + sum(len(b) for b in self.encoded.values())

    def encoding_for(self, accepted: str) -> str | None:
        """``br`` or ``gzip`` when the client accepts it and compressing pays, else ``None`` (identity)."""
        if not self.compressible or len(self.body) < _MIN_COMPRESSED:
            return None
        for name in ("br", "gzip"):
            if _accepts(accepted, name):
                return name
        return None

    def encoded_body(self, name: str) -> bytes:
        if name not in self.encoded:
            self.encoded[name] = (
                brotli.compress(self.body, quality=self.quality)
                if name == "br"
                else gzip.compress(self.body, 6, mtime=0)
            )
        return self.encoded[name]


def _accepts(header: str, coding: str) -> bool:
    """Whether ``Accept-Encoding`` ``header`` accepts ``coding`` (``q=0`` refuses it).

    >>> _accepts("gzip, deflate, br", "br"), _accepts("gzip;q=0, br", "gzip"), _accepts("*", "gzip"), _accepts("", "gzip")
    (True, False, True, False)
    """
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in (coding, "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params.strip().startswith("q=") or float(q) > 0
            except ValueError:
                return False
    return False


def _matches(if_none_match: str, etag: bytes) -> bool:
    """Weak comparison of ``If-None-Match`` with ``etag`` (RFC 9110, 13.1.2).

    >>> _matches('W/"a", W/"b"', b'W/"b"'), _matches('"b"', b'W/"b"'), _matches("*", b'W/"b"'), _matches('W/"c"', b'W/"b"')
    (True, True, True, False)
    """
    wanted = etag.decode().removeprefix("W/")
    return any(tag.strip() == "*" or tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))


class _Kept:
    """The prepared responses, bounded in bytes, least recently used out first. They follow the data
    version: at a new one, those whose dependencies a write between may have touched are dropped
    (all of them when what changed is not known), the others kept (:mod:`.read_dependencies`)."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._version: str | None = None
        self._entries: OrderedDict[tuple, Prepared] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, version: str, key: tuple) -> Prepared | None:
        """The entry of ``key`` still true at ``version`` (guards aside: see :meth:`ReadCache._still_true`)."""
        with self._lock:
            if version != self._version and not self._follow(version):
                return None  # a request that read an older version than another already did
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def _follow(self, version: str) -> bool:
        """Move to ``version``, dropping what may have changed; ``False`` (nothing done) if it is an older one."""
        touched = None if self._version is None else touched_between(self._version, version)
        if touched is None and self._version is not None and touched_between(version, self._version) is not None:
            return False
        if touched is None:
            self._entries.clear()
            self._bytes = 0
        else:
            for key, entry in list(self._entries.items()):
                if entry.depends.nodes is None or not entry.depends.nodes.isdisjoint(touched):
                    self._bytes -= self._entries.pop(key).size()
        self._version = version
        return True

    def put(self, version: str, key: tuple, entry: Prepared) -> None:
        with self._lock:
            if version != self._version or entry.size() > MAX_ENTRY_BYTES:
                return
            old = self._entries.pop(key, None)
            self._bytes += entry.size() - (old.size() if old else 0)
            self._entries[key] = entry
            while self._bytes > self._budget and self._entries:
                self._bytes -= self._entries.popitem(last=False)[1].size()

    def drop(self, key: tuple, entry: Prepared) -> None:
        with self._lock:
            if self._entries.get(key) is entry:
                self._bytes -= self._entries.pop(key).size()

    def grew(self, entry: Prepared, before: int) -> None:
        """Count the bytes a newly made compressed form added."""
        with self._lock:
            self._bytes += entry.size() - before

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


def _header(scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return ""


def _has_credentials(scope) -> bool:
    return bool(_header(scope, b"authorization")) or f"{SESSION_COOKIE}=" in _header(scope, b"cookie")


class ReadCache:
    """The ASGI middleware of this module's rules (see the module's docstring)."""

    def __init__(self, app, budget_bytes: int = BUDGET_BYTES):
        self.app = app
        self.compressing = GZipMiddleware(app, minimum_size=_MIN_COMPRESSED)
        self.kept = _Kept(budget_bytes)
        self._pending: dict[tuple, anyio.Event] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope["path"]
        if is_private(path) or _has_credentials(scope):
            return await self.compressing(scope, receive, _adding(send, [_NO_STORE]))
        if path.startswith("/static/"):
            return await self.app(
                scope, receive, send
            )  # files with their own ETag, sent as they are (not compressed at every request)
        body: bytes | None = None
        if scope["method"] == "POST" and path in READ_POSTS:
            body, receive = await _buffered(receive)
            if body is None:
                return await self.compressing(scope, receive, send)
        elif scope["method"] != "GET":
            return await self.compressing(scope, receive, send)
        store = scope["app"].state.store
        # The embedded store reads its version in microseconds; a SPARQL server's is a request.
        version = store.version() if isinstance(store, EmbeddedStore) else await run_in_threadpool(store.version)
        key: tuple = (str(datetime.date.today()), path, scope.get("query_string", b""), _header(scope, b"accept"))
        if body is not None:
            key += ("POST", _header(scope, b"content-type"), hashlib.blake2b(body, digest_size=16).digest())
        etag = b'W/"' + hashlib.blake2b(repr((version, key)).encode(), digest_size=12).hexdigest().encode() + b'"'
        entry = await self._still_true(scope, self.kept.get(version, key), version, key)
        if_none_match = _header(scope, b"if-none-match")
        if body is None and if_none_match and _matches(if_none_match, etag if entry is None else entry.etag):
            tag = etag if entry is None else entry.etag  # a kept entry's, made at an earlier version, still true
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", tag), _VARY, _PUBLIC]})
            return await send({"type": "http.response.body", "body": b""})
        if entry is None and (version, key) in self._pending:
            await self._pending[(version, key)].wait()  # the same response is being made: wait for it
            entry = self.kept.get(version, key)
        if entry is None:
            entry = await self._made(scope, receive, send, etag, version, key)
            if entry is None:
                return None
        await self._send(entry, _header(scope, b"accept-encoding"), send)
        return None

    async def _made(self, scope, receive, send, etag: bytes, version: str, key: tuple) -> Prepared | None:
        """Run the route once for concurrent requests of one key (the first runs it, the others wait), and keep a 200."""
        owner = (version, key) not in self._pending
        if owner:
            self._pending[(version, key)] = anyio.Event()
        try:
            entry = await self._run(scope, receive, send, etag)
            if entry is not None and "POST" in key:
                entry.quality = 1
            if entry is not None:
                rule = scope["app"].state.settings.over_solicitation_rule()
                entry.depends = dependencies(version, scope["path"], scope.get("query_string", b""), rule)
                entry.checked = version
                self.kept.put(version, key, entry)
            return entry
        finally:
            if owner:
                self._pending.pop((version, key)).set()

    async def _still_true(self, scope, entry: Prepared | None, version: str, key: tuple) -> Prepared | None:
        """``entry`` if the values over all the data it read are unchanged at ``version`` (else dropped)."""
        if entry is None or entry.checked == version:
            return entry
        rule = scope["app"].state.settings.over_solicitation_rule()
        holds = await run_in_threadpool(guards_hold, entry.depends, version, rule)
        if holds:
            entry.checked = version
            return entry
        if holds is False:
            self.kept.drop(key, entry)
        return None

    async def _run(self, scope, receive, send, etag: bytes) -> Prepared | None:
        """Run the route; a 200 is returned (as :class:`Prepared`, not sent yet). Anything else, and a
        body that outgrows :data:`MAX_ENTRY_BYTES`, is passed on as it comes."""
        start: dict = {}
        chunks: list[bytes] = []
        state = {"passing": False, "size": 0}

        async def capture(message):
            if state["passing"]:
                return await send(message)
            if message["type"] == "http.response.start":
                start.update(message)
                headers = dict(message.get("headers", []))
                if (
                    message["status"] != 200
                    or b"set-cookie" in headers
                    or b"no-store" in headers.get(b"cache-control", b"")
                ):
                    state["passing"] = True
                    await send(message)
                return None
            chunks.append(message.get("body", b""))
            state["size"] += len(chunks[-1])
            if state["size"] > MAX_ENTRY_BYTES and message.get("more_body", False):
                state["passing"] = True
                await send({**start, "headers": [*start.get("headers", []), (b"etag", etag), _VARY, _PUBLIC]})
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
            return None

        await self.app(scope, receive, capture)
        if state["passing"] or not start:
            return None
        headers = [(k, v) for k, v in start.get("headers", []) if k in _KEPT_HEADERS]
        media = dict(headers).get(b"content-type", b"").decode("latin-1")
        return Prepared(etag, headers, b"".join(chunks), bool(_COMPRESSIBLE.match(media)))

    async def _send(self, entry: Prepared, accepted: str, send) -> None:
        coding = entry.encoding_for(accepted)
        body = entry.body
        extra = [(b"etag", entry.etag), _VARY, _PUBLIC]
        if coding is not None:
            before = entry.size()
            body = entry.encoded_body(coding)
            self.kept.grew(entry, before)
            extra.append((b"content-encoding", coding.encode()))
        headers = [*entry.headers, *extra, (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _buffered(receive):
    """The request's whole body (``None`` beyond :data:`MAX_READ_BODY`) and a ``receive`` that gives it again."""
    chunks: list[bytes] = []
    size, more, message = 0, True, {}
    while more and size <= MAX_READ_BODY:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        more = message.get("more_body", False)
    replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": more}]

    async def replaying():
        return replay.pop() if replay else await receive()

    complete = not more and message.get("type") == "http.request"
    return (b"".join(chunks) if complete else None), replaying


def _adding(send, headers: list[tuple[bytes, bytes]]):
    """``send`` with ``headers`` added to the response's start (replacing any of the same names)."""
    names = {name for name, _ in headers}

    async def sending(message):
        if message["type"] == "http.response.start":
            kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
            message = {**message, "headers": [*kept, *headers]}
        await send(message)

    return sending
