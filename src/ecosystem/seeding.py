"""The one seeded random source for igraph.

igraph draws from one process-wide generator: a layout and a community detection running
in two threads would otherwise interleave their draws and neither would be reproducible.
Every igraph call that draws runs inside :func:`igraph_seeded`, which holds one lock.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import igraph as ig

__all__ = ["igraph_seeded"]

_LOCK = threading.Lock()


@contextmanager
def igraph_seeded(seed: int) -> Iterator[None]:
    """igraph draws from ``random.Random(seed)`` inside the block, and no other thread draws meanwhile.

    Examples
    --------
    >>> g = ig.Graph.Ring(6)
    >>> with igraph_seeded(3):
    ...     first = list(g.layout_random())
    >>> with igraph_seeded(3):
    ...     first == list(g.layout_random())
    True
    """
    with _LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)
