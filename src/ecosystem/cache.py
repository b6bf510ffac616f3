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
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Concatenate, Generic, ParamSpec, Protocol, TypeVar

__all__ = ["Derived", "VersionCache", "derived"]

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


class Derived:
    """What is computed from one projection, one :class:`VersionCache` per function."""

    def __init__(self) -> None:
        self._caches: dict[Callable, VersionCache] = {}
        self._lock = threading.Lock()

    def cache_for(self, function: Callable, keep: int | None) -> VersionCache:
        with self._lock:
            if function not in self._caches:
                self._caches[function] = VersionCache(keep)
            return self._caches[function]


class _HasDerived(Protocol):
    @property
    def derived(self) -> Derived: ...


S = TypeVar("S", bound=_HasDerived)


def derived(function: Callable[Concatenate[S, P], T], keep: int | None = 32) -> Callable[Concatenate[S, P], T]:
    """``function(projection, *args)`` computed once per projection and arguments (the ``keep`` latest).

    Use it as a decorator on a function of a projection, or at a call site:
    ``derived(structure)(projection, seed)``. Arguments must be hashable.

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

    @functools.wraps(function)
    def kept(source: S, *args: P.args, **kwargs: P.kwargs) -> T:
        key = (args, tuple(sorted(kwargs.items())))
        return source.derived.cache_for(function, keep).get(key, lambda: function(source, *args, **kwargs))

    return kept
