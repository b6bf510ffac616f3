"""The one cache of everything computed from the data: bounded, thread-safe, computed once per key.

Two ways in, one mechanism (:class:`VersionCache`):

- a module keeps a ``VersionCache`` whose keys start with the data version
  (``store.version()``), e.g. the projections and the map layouts;
- an analysis result derived from a projection is kept *with* that projection through
  :func:`derived`: ``derived(seats_and_load)(projection)`` computes once per projection, so
  once per data version and date, and is typed as the function it wraps. A projection
  dropped from its cache takes its derived results with it.

Concurrent callers asking for a key being computed wait for that computation instead of
starting their own (a province projection costs seconds: twenty parallel requests must not
build it twenty times).

After a write, a projection updated from the previous one (:mod:`ecosystem.projection_delta`)
keeps its predecessors' :class:`Derived` as *ancestors*, with what changed since each. A result
declared with ``carry`` is then updated from an ancestor's (only the touched actors, the
touched views) instead of computed anew; one declared ``stale`` is served from an ancestor,
stamped with the version it was computed at, while the new one is computed in the background
(:func:`revalidated`).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar

__all__ = ["Derived", "Stamped", "VersionCache", "derived", "revalidated"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")
P = ParamSpec("P")


class _Pending:
    """A computation under way: its waiters block on ``done`` and read ``value`` or ``error``."""

    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: object = None
        self.error: BaseException | None = None


class VersionCache(Generic[K, V]):
    """The ``size`` most recently used values (``None``: every key, for keys from a finite domain).

    Examples
    --------
    >>> cache = VersionCache(2)
    >>> cache.get(("v1", "a"), lambda: 1), cache.get(("v1", "a"), lambda: 2)
    (1, 1)
    >>> _ = cache.get(("v1", "b"), lambda: 3); _ = cache.get(("v1", "c"), lambda: 4)
    >>> ("v1", "a") in cache, len(cache)
    (False, 2)
    """

    def __init__(self, size: int | None) -> None:
        self._size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._pending: dict[K, _Pending] = {}
        self._lock = threading.Lock()

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._values

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)

    def peek(self, key: K) -> V | None:
        """The value kept for ``key`` (marked as used), or ``None``: never computes."""
        with self._lock:
            if key not in self._values:
                return None
            self._values.move_to_end(key)
            return self._values[key]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def kept_keys(self) -> list[K]:
        """The keys kept now (a copy), least recently used first."""
        with self._lock:
            return list(self._values)

    def put(self, key: K, value: V) -> V:
        """Keep ``value`` for ``key`` unless one is kept or being computed (that one wins); return the kept value."""
        with self._lock:
            if key not in self._values and key not in self._pending:
                self._values[key] = value
                while self._size is not None and len(self._values) > self._size:
                    self._values.popitem(last=False)
        return self.get(key, lambda: value)

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``compute()``'s, kept (an exception is raised to every waiter, nothing kept)."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            pending = self._pending.get(key)
            owner = pending is None
            if owner:
                pending = self._pending[key] = _Pending()
        assert pending is not None
        if not owner:
            pending.done.wait()
            if pending.error is not None:
                raise pending.error
            return pending.value  # type: ignore[return-value]
        try:
            value = compute()
        except BaseException as error:
            pending.error = error
            raise
        else:
            pending.value = value
            with self._lock:
                self._values[key] = value
                while self._size is not None and len(self._values) > self._size:
                    self._values.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            pending.done.set()


MAX_ANCESTORS = 8
"""How many earlier versions a projection may carry results from."""


class Derived:
    """What is computed from one projection, one :class:`VersionCache` per function.

    ``stamp`` names the data version the projection holds (a journal number when known);
    ``ancestors`` are the :class:`Derived` of the projections it was updated from, nearest
    first, each with what changed since (an object the carry rules read, e.g. the touched nodes).
    """

    def __init__(self, stamp: int | None = None, ancestors: list[tuple[Derived, Any]] | None = None) -> None:
        self._caches: dict[Callable, VersionCache] = {}
        self._lock = threading.Lock()
        self.stamp = stamp
        self.ancestors = ancestors or []
        self._claimed: set = set()

    def claim(self, what: Hashable) -> bool:
        """Whether ``what`` was not claimed before (then it is): a background computation starts once."""
        with self._lock:
            if what in self._claimed:
                return False
            self._claimed.add(what)
            return True

    def cache_for(self, function: Callable, keep: int | None) -> VersionCache:
        cache = self._caches.get(function)  # a dict read is atomic: the lock only to add one (hot path)
        if cache is not None:
            return cache
        with self._lock:
            if function not in self._caches:
                self._caches[function] = VersionCache(keep)
            return self._caches[function]

    def result(self, function: Callable, *args: Any, **kwargs: Any) -> Any:
        """What ``function`` (as :func:`derived` returns it) kept for these arguments, or ``None`` (never computes)."""
        return self.kept(function, _key(args, kwargs))

    def kept(self, function: Callable, key: Hashable) -> Any:
        """The value kept for ``function`` and ``key``, or ``None`` (never computes)."""
        with self._lock:
            cache = self._caches.get(function)
        return None if cache is None else cache.peek(key)

    def succeeded_by(self, stamp: int | None, change: Any, merge: Callable[[Any, Any], Any]) -> Derived:
        """The :class:`Derived` of the next version: this one and its ancestors become its ancestors
        (``merge`` adds ``change`` to what changed since each); this one lets go of its own."""
        ancestors = [(self, change)] + [(older, merge(since, change)) for older, since in self.ancestors]
        self.ancestors = []  # bounded memory: only the newest version holds the chain
        return Derived(stamp, ancestors[:MAX_ANCESTORS])

    def nearest(self, function: Callable, key: Hashable) -> tuple[Any, Any, Derived] | None:
        """The nearest ancestor's value for ``function`` and ``key``: ``(value, change since, ancestor)``."""
        for ancestor, change in list(self.ancestors):
            value = ancestor.kept(function, key)
            if value is not None:
                return value, change, ancestor
        return None


class _HasDerived(Protocol):
    @property
    def derived(self) -> Derived: ...


S = TypeVar("S", bound=_HasDerived)
Carry = Callable[..., Any]
"""``carry(previous_value, change, ancestor, source, *args)`` → the value for ``source``, updated from the one
``ancestor`` (a :class:`Derived`) kept; ``change`` is what changed since (see :class:`Derived`)."""


def _key(args: tuple, kwargs: dict) -> tuple:
    return (args, tuple(sorted(kwargs.items())) if kwargs else ())


_WRAPPERS: dict[tuple, Callable] = {}  # one wrapper per function: made once, not at every call (hot loops)
_WRAPPERS_LOCK = threading.Lock()


def derived(
    function: Callable[Concatenate[S, P], T], keep: int | None = 32, carry: Carry | None = None
) -> Callable[Concatenate[S, P], T]:
    """``function(projection, *args)`` computed once per projection and arguments (the ``keep`` latest).

    Use it as a decorator on a function of a projection, or at a call site:
    ``derived(structure)(projection, seed)``. Arguments must be hashable. With ``carry``, a
    value an ancestor kept (see :class:`Derived`) is updated by ``carry`` instead of computed.

    Examples
    --------
    >>> class Source:
    ...     derived = Derived()
    >>> calls = []
    >>> def double(source, n):
    ...     calls.append(n)
    ...     return 2 * n
    >>> source = Source()
    >>> derived(double)(source, 2), derived(double)(source, 2), calls
    (4, 4, [2])
    """
    wrapper = _WRAPPERS.get((function, keep, carry))  # atomic read; the lock only to make one (hot loops)
    if wrapper is not None:
        return wrapper
    with _WRAPPERS_LOCK:
        wrapper = _WRAPPERS.get((function, keep, carry))
        if wrapper is None:
            wrapper = _WRAPPERS[(function, keep, carry)] = _wrapped(function, keep, carry)
    return wrapper


def _wrapped(
    function: Callable[Concatenate[S, P], T], keep: int | None, carry: Carry | None
) -> Callable[Concatenate[S, P], T]:
    @functools.wraps(function)
    def kept(source: S, *args: P.args, **kwargs: P.kwargs) -> T:
        key = _key(args, kwargs)

        def compute() -> T:
            if carry is not None and (found := source.derived.nearest(kept, key)) is not None:
                return carry(found[0], found[1], found[2], source, *args, **kwargs)
            return function(source, *args, **kwargs)

        return source.derived.cache_for(kept, keep).get(key, compute)

    return kept


@dataclass(frozen=True)
class Stamped(Generic[T]):
    """A result and the version it was computed at (``stamp``); ``fresh``: computed at the current version."""

    value: T
    stamp: int | None
    fresh: bool


def revalidated(function: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], Stamped[T]]:
    """``function(projection, *args)`` served stale-while-revalidate: a global analysis (structure,
    communities) computed at an earlier version is served at once, stamped with that version,
    while the current one is computed in a background thread; with no earlier one, computed now.
    """
    kept_function = derived(function)

    def stamped(source: S, *args: P.args, **kwargs: P.kwargs) -> Stamped[T]:
        key = _key(args, kwargs)
        current = source.derived.kept(kept_function, key)
        if current is not None:
            return Stamped(current, source.derived.stamp, True)
        found = source.derived.nearest(kept_function, key)
        if found is None:
            return Stamped(kept_function(source, *args, **kwargs), source.derived.stamp, True)
        if source.derived.claim((function, key)):  # one background computation per result
            threading.Thread(
                target=kept_function,
                args=(source, *args),
                kwargs=kwargs,
                daemon=True,
                name=f"revalidate-{function.__name__}",
            ).start()
        return Stamped(found[0], found[2].stamp, False)

    return stamped
