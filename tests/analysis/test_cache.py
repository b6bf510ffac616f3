"""The one cache: computed once per key under concurrency, bounded, typed per analysis; one igraph seed lock."""

from __future__ import annotations

import datetime
import threading
import time

import pytest

from ecosystem.analysis.seats import seats_and_load
from ecosystem.analysis.structure import structure
from ecosystem.cache import VersionCache, derived
from ecosystem.projection import build_projection, projection_from_graph
from ecosystem.seeding import igraph_seeded

DAY = datetime.date(2025, 6, 1)


def test_concurrent_callers_share_one_computation():
    cache: VersionCache = VersionCache(4)
    calls, start = [], threading.Barrier(8)

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return object()

    results = []

    def ask():
        start.wait()
        results.append(cache.get(("v1", "province"), slow))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(r) for r in results}) == 1


def test_a_failed_computation_is_raised_to_its_caller_and_not_kept():
    cache: VersionCache = VersionCache(4)

    def broken():
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        cache.get("k", broken)
    assert "k" not in cache
    assert cache.get("k", lambda: 3) == 3


def test_the_cache_keeps_the_most_recently_used():
    cache: VersionCache = VersionCache(2)
    cache.get("a", lambda: 1)
    cache.get("b", lambda: 2)
    cache.get("a", lambda: 0)  # used again: "b" is now the oldest
    cache.get("c", lambda: 3)
    assert "a" in cache and "c" in cache and "b" not in cache


def test_derived_results_live_with_their_projection(region_graph):
    first, second = projection_from_graph(region_graph, DAY), projection_from_graph(region_graph, DAY)
    loads = derived(seats_and_load)(first)
    assert derived(seats_and_load)(first) is loads  # kept with this projection
    assert derived(seats_and_load)(second) is not loads  # another projection computes its own
    assert derived(seats_and_load)(second) == loads


def test_projection_cache_is_keyed_by_data_version(mauricie_store):
    projection = build_projection(mauricie_store, DAY)
    assert build_projection(mauricie_store, DAY) is projection
    assert not hasattr(projection, "_memo")  # no private dict written by callers


def test_community_detection_draws_under_the_one_igraph_lock(region_graph):
    """While another thread holds igraph's generator (a layout), the communities wait for it."""
    projection = projection_from_graph(region_graph, DAY)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (structure(projection), done.set()))
    with igraph_seeded(7):
        worker.start()
        assert not done.wait(0.5), "structure() drew from igraph's generator while a layout held it"
    worker.join(10)
    assert done.is_set()
    assert structure(projection).communautes == structure(projection_from_graph(region_graph, DAY)).communautes
