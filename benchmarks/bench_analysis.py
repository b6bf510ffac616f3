"""Analyses on the synthetic province: projection, each analysis, the pre-initiative check.

Baseline: building the projection from the store (SPARQL SELECT → two-mode graph), measured
in the same run. Every analysis is reported in seconds and as a ratio to that baseline;
growth is the time at a size over the time at the previous size (memberships × 10: an
O(m log m) analysis grows about 11×). The check is timed once the projection is cached
(mean of 20 initiatives) against the 50 ms goal. Sampled betweenness and closeness are
compared with the exact values on the 10 k graph.

    python benchmarks/bench_analysis.py [--max 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from ecosystem.analysis.bridges import fragile_bridges
from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.analysis.communities import two_mode_communities
from ecosystem.analysis.concentration import concentration
from ecosystem.analysis.duplicates import duplicated_mandates
from ecosystem.analysis.merge import what_if_merge
from ecosystem.analysis.nesting import nested_tables
from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.analysis.seats import over_solicited, redundant_seats, seats_and_load
from ecosystem.analysis.structure import structure, two_mode_centrality
from ecosystem.projection import Projection, build_projection
from ecosystem.projection_tables import projection_from_tables, triples_from_tables
from ecosystem.store import EmbeddedStore
from ecosystem.synth import generate

FULL = 100_000  # memberships of the full province (17 regions, scale 1)


def timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def store_with(tables) -> EmbeddedStore:
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(tables))
    return store


def initiatives(projection, count: int, seed: int = 1) -> list[Initiative]:
    rng = random.Random(seed)
    nodes = projection.two_mode.nodes
    out = []
    for instance in rng.sample(projection.instances, count):
        partners = tuple(rng.sample(projection.actors, 3))
        node = nodes[instance]
        out.append(
            Initiative(
                "Nouvelle table de concertation",
                node["issues"],
                node["territory"],
                node["functions"],
                node["populations"],
                partners,
                "Mobiliser les partenaires en sécurité alimentaire",
                20.0,
            )
        )
    return out


def sampling_error(projection) -> str:
    actors = set(projection.actors)
    exact, _ = two_mode_centrality(projection.two_mode, actors, exact_limit=10**9)
    sampled, method = two_mode_centrality(projection.two_mode, actors, exact_limit=100)
    lines = []
    for measure in ("intermediarite", "proximite"):
        error = max(abs(exact[n][measure] - sampled[n][measure]) for n in exact)
        top = set(sorted(exact, key=lambda n: -exact[n][measure])[:20])
        found = set(sorted(sampled, key=lambda n: -sampled[n][measure])[:20])
        lines.append(f"| {measure} | {method[measure]} | {error:.4f} | {len(top & found)} / 20 |")
    return "\n".join(lines)


def community_comparison(projection) -> str:
    """Q_B reached by each community method and selection, and the seconds it took (outside the battery)."""
    cells = []
    for method, selection in (("barber", "persistante"), ("barber", "maximum"), ("projection", "persistante")):
        seconds, result = timed(lambda m=method, s=selection: two_mode_communities(projection, method=m, selection=s))
        span = f", γ {result.resolution[0]:.2f}–{result.resolution[1]:.2f}" if result.resolution else ""
        name = f"{method} ({result.selection})" if method == "barber" else method
        cells.append(f"{name}: Q_B {result.modularity:.4f}, {len(result.groups)} communautés{span}, {seconds:.2f} s")
    return " ; ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int, default=FULL)
    args = parser.parse_args()
    sizes = [n for n in (1_000, 10_000, 100_000) if n <= args.max]
    rows, previous, error_table, community_quality = [], {}, "", {}
    for size in sizes:
        synthetic = generate(regions=17, seed=0, scale=size / FULL)
        store = store_with(synthetic.tables)
        times, projection, community_quality[size] = battery(store, synthetic.tables)
        counts = (len(projection.actors), len(projection.instances), projection.two_mode.number_of_edges())
        rows.append((size, counts, times, dict(previous)))
        previous = times
        if size == 10_000:
            error_table = sampling_error(projection)
        store.close()
    report(rows, community_quality, error_table)


def battery(store: EmbeddedStore, tables: dict) -> tuple[dict[str, float], Projection, str]:
    """Seconds of the projection (the baseline), of each analysis and of the whole battery, on the province in
    ``store`` (``tables`` its rows); the projection; the comparison of the community methods on it."""
    times = {}
    times["projection"], projection = timed(lambda: build_projection(store))
    times["projection (tables)"], _ = timed(lambda: projection_from_tables(tables))
    times["seats_and_load"], _ = timed(lambda: seats_and_load(projection))
    times["over_solicited"], _ = timed(lambda: over_solicited(projection))
    times["redundant_seats"], _ = timed(lambda: redundant_seats(projection))
    times["duplicated_mandates"], duplicates = timed(lambda: duplicated_mandates(projection))
    times["overconcertation_matrix"], _ = timed(lambda: overconcertation_matrix(projection))
    times["structure"], _ = timed(lambda: structure(projection, seed=0))
    times["nested_tables"], _ = timed(lambda: nested_tables(projection))
    times["fragile_bridges"], _ = timed(lambda: fragile_bridges(projection))
    times["concentration"], _ = timed(lambda: concentration(projection))
    communities = community_comparison(projection)
    pair = [duplicates.paires[0].a, duplicates.paires[0].b] if duplicates.paires else projection.instances[:2]
    times["what_if_merge"], _ = timed(lambda: what_if_merge(projection, pair))
    cases = initiatives(projection, 21)
    times["check (1re, index)"], _ = timed(lambda: check_initiative(projection, cases[0]))
    checks = [timed(lambda c=c: check_initiative(projection, c))[0] for c in cases[1:]]
    times["check (moyenne, en cache)"] = statistics.mean(checks)
    times["batterie complète / whole battery"] = sum(
        t for k, t in times.items() if k not in ("projection", "projection (tables)", "check (moyenne, en cache)")
    )
    return times, projection, communities


def report(rows: list, community_quality: dict[int, str], error_table: str) -> None:
    """Print the tables per size, the goals met or not at the largest, the communities, the sampling error."""
    print("## Analyses (province synthétique / synthetic province)\n")
    print(
        "Référence : construction de la projection depuis le magasin (SELECT SPARQL → graphe bimodal). "
        "/ Baseline: building the projection from the store.\n"
    )
    for _size, (actors, instances, edges), times, before in rows:
        print(f"### {edges:,} participations actives, {actors:,} acteurs, {instances:,} instances\n".replace(",", " "))
        print("| mesure / measure | s | × projection | croissance / growth (×10 m) |")
        print("|---|---:|---:|---:|")
        for name, seconds in times.items():
            growth = f"{seconds / before[name]:.1f}×" if before.get(name) else "—"
            print(f"| {name} | {seconds:.3f} | {seconds / times['projection']:.2f} | {growth} |")
        print()
    last = rows[-1][2]
    print(
        f"Objectifs / goals: batterie < 10 × projection → **{last['batterie complète / whole battery'] / last['projection']:.1f}×**; "
        f"check en cache < 50 ms → **{last['check (moyenne, en cache)'] * 1000:.0f} ms**.\n"
    )
    print(
        "Communautés, Q_B de Barber par méthode et sélection (structure() utilise « barber », « persistante ») "
        "/ communities, Barber's Q_B by method and selection:\n"
    )
    for size, line in community_quality.items():
        print(f"- {size:,} participations : {line}".replace(",", " "))
    print()
    if error_table:
        print("Échantillonnage (pivots) contre exact, graphe à 10 k participations / sampling vs exact, 10 k graph:\n")
        print("| mesure | méthode | erreur max. (normalisée) | top 20 retrouvés |")
        print("|---|---|---:|---:|")
        print(error_table)


if __name__ == "__main__":
    main()
