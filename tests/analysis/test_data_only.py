"""Analyses return data, not words: every result of every registered analysis, on the Mauricie
and on a small synthetic province, holds only IRIs, numbers, booleans, None and declared codes
(codes with words in ``ecosystem.presentation.CODES``)."""

from __future__ import annotations

import dataclasses

import pytest

from ecosystem.analysis.check import Initiative
from ecosystem.analysis.registry import ANALYSES
from ecosystem.namespaces import BASE
from ecosystem.presentation import CODES
from ecosystem.projection import build_projection
from ecosystem.projection_tables import projection_from_tables
from ecosystem.synth import generate

# The words of the data's own texts, stemmed, that two mandates share: data, not presentation.
DATA_TEXT = {"mots"}


def plain(result):
    """A result as plain JSON-like data (``to_dict()`` where the result has one)."""
    if hasattr(result, "to_dict"):
        return result.to_dict()
    if dataclasses.is_dataclass(result):
        return dataclasses.asdict(result)
    if isinstance(result, dict):
        return {key: plain(value) for key, value in result.items()}
    if isinstance(result, list | tuple):
        return [plain(value) for value in result]
    return result


def strangers(value, path="") -> list[str]:
    """Every string in ``value`` that is neither an IRI nor a declared code, with its path."""
    if isinstance(value, dict):
        found = [f"{path}/<key {key}>" for key in value if not isinstance(key, str | int)]
        for key, item in value.items():
            if key not in DATA_TEXT:
                found += strangers(item, f"{path}/{key}")
        return found
    if isinstance(value, list | tuple):
        return [s for k, item in enumerate(value) for s in strangers(item, f"{path}[{k}]")]
    if isinstance(value, str) and not value.startswith(BASE) and value not in CODES:
        return [f"{path} = {value!r}"]
    return []


def run_all(projection) -> dict:
    instances = sorted(projection.instances, key=lambda i: -projection.two_mode.degree(i))
    node = projection.two_mode.nodes[instances[0]]
    arguments = {
        "what_if_merge": (instances[:2],),
        "check_initiative": (
            Initiative(
                "—",
                node["issues"],
                node["territory"],
                partners=tuple(sorted(projection.actors)[:2]),
                hours_per_year=20.0,
            ),
        ),
    }
    results = {}
    for analysis in ANALYSES:
        result = plain(analysis.function(projection, *arguments.get(analysis.function.__name__, ())))
        if analysis.function.__name__ == "check_initiative":
            result.pop("initiative")  # the reader's own input, echoed back
        results[analysis.name] = result
    return results


@pytest.fixture(scope="module")
def province():
    return projection_from_tables(generate(regions=2, seed=3, scale=0.05).tables)


def test_mauricie_results_are_data_only(mauricie_store):
    results = run_all(build_projection(mauricie_store))
    assert results["structure"]["communautes"] and results["ponts-fragiles"] and results["concentration"]["seats"]
    assert [s for name, result in results.items() for s in strangers(result, name)] == []


def test_synthetic_results_are_data_only(province):
    results = run_all(province)
    assert [s for name, result in results.items() for s in strangers(result, name)] == []
