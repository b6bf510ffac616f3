"""Import of a large membership CSV, as a ratio to pyoxigraph parsing the same triples.

Generates (seeded) ``acteurs.csv`` (20,000 actors), ``instances.csv`` (3,000) and
``participations.csv`` (100,000 memberships) in the template's form, times
``ecosystem import`` of them into an empty on-disk store (reading, checking every
row, SHACL, one transaction), then times pyoxigraph parsing the N-Triples of the
resulting graph (the floor: no import can be faster than parsing its triples).
Goal: import ≤ 5 × the floor. A second reference, writing the same triples to disk
with Oxigraph's bulk loader and no checks, shows how much of the import is the disk.
Prints a Markdown table.

    python benchmarks/bench_import.py [--memberships 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from ecosystem.ingest.lookups import vocabulary
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT

GOAL = 5.0


def generate(folder: Path, memberships: int, seed: int) -> dict[str, int]:
    """Write the three CSV files; actors and instances scale with the memberships (20k, 3k at 100k)."""
    rng = random.Random(seed)
    n_actors, n_instances = max(2, memberships // 5), max(2, memberships * 3 // 100)
    sectors, issues, roles = (sorted(vocabulary(s).notations) for s in ("secteurs", "enjeux", "roles"))
    with open(folder / "acteurs.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["id", "nom", "secteur", "source"])
        for a in range(n_actors):
            writer.writerow([f"acteur-{a}", f"Organisme n° {a}", rng.choice(sectors), "https://exemple.org/repertoire"])
    with open(folder / "instances.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["id", "nom", "enjeux", "rencontres_par_an", "heures_par_rencontre"])
        for i in range(n_instances):
            writer.writerow(
                [
                    f"instance-{i}",
                    f"Table de concertation {i}",
                    " | ".join(rng.sample(issues, 2)),
                    rng.randint(2, 12),
                    f"{rng.choice([1, 1.5, 2, 3])}".replace(".", ","),
                ]
            )
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < memberships:
        pairs.add((rng.randrange(n_actors), rng.randrange(n_instances)))
    with open(folder / "participations.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["acteur", "instance", "role", "heures_par_an", "debut"])
        for a, i in sorted(pairs):
            writer.writerow(
                [
                    f"acteur-{a}",
                    f"instance-{i}",
                    rng.choice(roles),
                    rng.choice(["", "12", "24,5"]),
                    rng.choice(["", "2024-04-01", "15/09/2023"]),
                ]
            )
    return {"acteurs": n_actors, "instances": n_instances, "participations": memberships}


def time_phases(folder: Path, store_dir: Path) -> dict[str, float]:
    """The same import step by step, in this process, to show where the time goes."""
    from ecosystem.ingest.apply import read_import
    from ecosystem.ingest.delta import compute_delta
    from ecosystem.ingest.lookups import Known
    from ecosystem.ingest.shacl import shacl_problems
    from ecosystem.ingest.tables_to_rdf import convert_tables

    store = EmbeddedStore(store_dir)
    times = {}
    start = time.perf_counter()
    tables, _, create_missing = read_import([folder])
    times["reading the files"] = time.perf_counter() - start
    start = time.perf_counter()
    conversion = convert_tables(tables, Known.from_store(store), create_missing)
    times["checking every row, building the triples"] = time.perf_counter() - start
    start = time.perf_counter()
    delta = compute_delta(store, conversion)
    times["delta against the store"] = time.perf_counter() - start
    start = time.perf_counter()
    assert not shacl_problems(store, conversion, delta)
    times["SHACL"] = time.perf_counter() - start
    start = time.perf_counter()
    store.bulk_add(delta.add)
    store.flush()
    times["writing (bulk loader)"] = time.perf_counter() - start
    store.close()
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memberships", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder, store_dir = Path(tmp) / "csv", Path(tmp) / "magasin"
        folder.mkdir()
        sizes = generate(folder, args.memberships, args.seed)
        command = [str(Path(sys.executable).parent / "ecosystem"), "--store", str(store_dir), "import", str(folder)]
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        import_s = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"import failed:\n{completed.stdout}\n{completed.stderr}")
        store = EmbeddedStore(store_dir)
        data = store.dump(CURRENT)
        triples = store.triple_count(CURRENT)
        store.close()
        start = time.perf_counter()
        parsed = sum(1 for _ in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        parse_s = time.perf_counter() - start
        assert parsed == triples
        # A second reference: the same triples bulk-loaded into an empty on-disk store, no checks.
        start = time.perf_counter()
        bare = ox.Store(str(Path(tmp) / "brut"))
        bare.bulk_extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        bare.flush()
        write_s = time.perf_counter() - start
        del bare
        phases = time_phases(folder, Path(tmp) / "phases")
    ratio = import_s / parse_s
    print("## Importation de tableurs / Spreadsheet import\n")
    print(
        f"Import of {sizes['participations']:,} memberships ({sizes['acteurs']:,} actors, "
        f"{sizes['instances']:,} instances; {triples:,} triples), seed {args.seed}\n"
    )
    print("| what | seconds | ratio to the floor |")
    print("|---|---:|---:|")
    print(f"| pyoxigraph parses the N-Triples (floor) | {parse_s:.2f} | 1.0 |")
    print(
        f"| pyoxigraph parses and bulk-loads them into an empty on-disk store, unchecked | {write_s:.2f} | {write_s / parse_s:.1f} |"
    )
    print(f"| `ecosystem import` into an empty on-disk store | {import_s:.2f} | {ratio:.1f} |")
    for name, seconds in phases.items():
        print(f"| — of which (in process) {name} | {seconds:.2f} | {seconds / parse_s:.1f} |")
    print(f"\nObjectif / goal ≤ {GOAL:.0f}× : {'atteint / met' if ratio <= GOAL else 'non atteint / not met'}.")


if __name__ == "__main__":
    main()
