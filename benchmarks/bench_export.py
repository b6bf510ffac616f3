"""Export times for the Mauricie region and for the synthetic province, as ratios to a baseline.

Baseline (measured in the same run, on the same graph): pyoxigraph dumping the current
graph as N-Triples — the cheapest possible export of that graph. Each export is timed
once per graph through ``ecosystem.export.formats.export`` (what the CLI and the web
call); the map formats' shared first step (projection and communities, then kept per
data version) is timed on its own line. Map formats draw the filtered view the web map would show for a province (one
region, ``--region``), since no map draws 20,000 nodes at once (DESIGN §8).

    python benchmarks/bench_export.py [--regions 17] [--scale 1.0] [--skip-province]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from ecosystem.export.formats import FORMATS, ExportOptions, export
from ecosystem.export.writers import map_view
from ecosystem.ingest.apply import read_import
from ecosystem.ingest.tables_to_rdf import convert_tables
from ecosystem.loading import rdf_files, read_rdf_files
from ecosystem.ontology import ontology_graph
from ecosystem.paths import mauricie_dir
from ecosystem.store import CURRENT, EmbeddedStore
from ecosystem.synth import generate, write

DATA_FORMATS = [f.name for f in FORMATS.of_kind("rdf", "data")]
MAP_FORMATS = [f.name for f in FORMATS.of_kind("visual")]


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def region_store(folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder / "region")
    store.apply(add=read_rdf_files(rdf_files([mauricie_dir()])))
    return store


def province_store(folder: Path, regions: int, scale: float) -> tuple[EmbeddedStore, str]:
    print(f"province: {regions} régions / regions, échelle / scale {scale}", file=sys.stderr, flush=True)
    synthetic = generate(regions=regions, seed=0, scale=scale)
    write(synthetic, folder / "province")
    tables, _, create_missing = read_import([folder / "province"])
    conversion = convert_tables(tables, create_missing=create_missing)
    store = EmbeddedStore(folder / "province-store")
    store.apply(add=conversion.triples)
    first_region = next(row["id"] for row in synthetic.tables["territoires"] if row["type"] == "region")
    return store, first_region


def measure(store: EmbeddedStore, formats: list[str], options: ExportOptions) -> list[tuple[str, float, int]]:
    rows = []
    for format in formats:
        seconds, data = timed(lambda: export(store, format, options))
        print(f"  {format}: {seconds:.2f} s", file=sys.stderr, flush=True)
        rows.append((format, seconds, len(data)))
    return rows


def section(name: str, store: EmbeddedStore, map_options: ExportOptions) -> list[str]:
    baseline, dump = timed(lambda: store.dump(CURRENT, "nt"))
    lines = [
        f"### {name}",
        "",
        f"{store.triple_count(CURRENT):,} triplets / triples; référence / baseline: pyoxigraph dump N-Triples "
        f"= 1.0 ({baseline:.3f} s, {len(dump):,} octets / bytes)",
        "",
        "| format | rapport / ratio | taille / size (octets / bytes) |",
        "|---|---:|---:|",
    ]
    results = measure(store, DATA_FORMATS, ExportOptions())
    # The first map export builds the projection and its communities (then kept per data version).
    seconds, view = timed(lambda: map_view(store, map_options))
    results.append(
        (f"vue / view ({len(view.graph):,} nœuds / nodes): projection + communautés / communities", seconds, 0)
    )
    results += measure(store, MAP_FORMATS, map_options)
    for format, seconds, size in results:
        note = f" (vue / view: {map_options.filters})" if format in MAP_FORMATS and map_options.filters else ""
        lines.append(f"| {format}{note} | {seconds / baseline:.1f} | {f'{size:,}' if size else '—'} |")
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regions", type=int, default=17)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--skip-province", action="store_true")
    args = parser.parse_args()
    lines = [
        "## Exports",
        "",
        "Temps de chaque export rapporté au vidage N-Triples de pyoxigraph du même graphe. "
        "/ Each export's time over pyoxigraph's N-Triples dump of the same graph.",
        "",
    ]
    # Parsed once per process (the ontology the RDF exports describe their terms from), as imports are.
    ontology_graph()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = region_store(folder)
        lines += section("Mauricie", store, ExportOptions())
        store.close()
        if not args.skip_province:
            store, region = province_store(folder, args.regions, args.scale)
            lines += section(
                f"Province synthétique / synthetic province ({args.regions} régions, échelle {args.scale})",
                store,
                ExportOptions(filters={"territoire": region}),
            )
            store.close()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
