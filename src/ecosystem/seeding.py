"""igraph in one place: its graphs (:func:`igraph_graph`) and its one seeded random source.

igraph draws from one process-wide generator: a layout and a community detection running
in two threads would otherwise interleave their draws and neither would be reproducible.
Every igraph call that draws runs inside :func:`igraph_seeded`, which holds one lock.

igraph is imported here, at its first use: with the cairo it loads it is most of the time a
command takes to start, and loading, importing or listing needs neither.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import igraph as ig

__all__ = ["igraph_graph", "igraph_seeded"]

_LOCK = threading.Lock()


@contextmanager
def igraph_seeded(seed: int) -> Iterator[None]:
    """igraph draws from ``random.Random(seed)`` inside the block, and no other thread draws meanwhile.

    Examples
    --------
    >>> import igraph as ig
    >>> g = ig.Graph.Ring(6)
    >>> with igraph_seeded(3):
    ...     first = list(g.layout_random())
    >>> with igraph_seeded(3):
    ...     first == list(g.layout_random())
    True
    """
    import igraph as ig

    with _LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def igraph_graph(nodes: int, edges: list[tuple[int, int]]) -> ig.Graph:
    """An igraph graph of ``nodes`` vertices numbered from 0 and ``edges`` between them.

    >>> igraph_graph(3, [(0, 1), (1, 2)]).degree()
    [1, 2, 1]
    """
    import igraph as ig

    return ig.Graph(n=nodes, edges=edges)
