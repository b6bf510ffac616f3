"""Loading RDF into the embedded store: parse, SHACL validation, atomic write, idempotent reload.

Baseline: pyoxigraph parsing the same N-Triples into an in-memory store (the floor for
any load). Sizes grow from 1,000 to 100,000 memberships (about 7 triples each, plus
actors and instances).

    python benchmarks/bench_load.py [--max 100000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from ecosystem.limits import DEFAULT_LIMITS
from ecosystem.loading import load_paths, read_rdf_files
from ecosystem.namespaces import actor_iri, concept_iri, instance_iri, membership_iri
from ecosystem.store import EmbeddedStore
from ecosystem.validation import validate_graph

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
SOURCE = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
ORG = "http://www.w3.org/ns/org#"
ECO = "https://w3id.org/ecosysteme/ontologie#"


def write_ntriples(path: Path, memberships: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    actors, instances = max(2, memberships // 5), max(2, memberships // 33)
    source = "<https://example.org/source-synthetique>"
    issues = [
        concept_iri("enjeux", n)
        for n in ("habitation", "securite-alimentaire", "mobilite-durable", "pauvrete-exclusion")
    ]
    role = concept_iri("roles", "membre")
    with path.open("w", encoding="utf-8") as out:
        for a in range(actors):
            iri = f"<{actor_iri(f'a{a}')}>"
            out.write(
                f'{iri} {RDF_TYPE} <{ECO}Actor> .\n{iri} {LABEL} "Organisme {a}"@fr .\n{iri} {SOURCE} {source} .\n'
            )
        for i in range(instances):
            iri = f"<{instance_iri(f'i{i}')}>"
            out.write(
                f'{iri} {RDF_TYPE} <{ECO}Instance> .\n{iri} {LABEL} "Table {i}"@fr .\n{iri} {SOURCE} {source} .\n'
            )
            out.write(f"{iri} <{ORG}purpose> <{rng.choice(issues)}> .\n")
        seen = set()
        while len(seen) < memberships:
            a, i = int(rng.paretovariate(1.2)) % actors, rng.randrange(instances)
            if (a, i) in seen:
                continue
            seen.add((a, i))
            m = f"<{membership_iri(f'a{a}', f'i{i}')}>"
            out.write(f"{m} {RDF_TYPE} <{ORG}Membership> .\n{m} <{ORG}member> <{actor_iri(f'a{a}')}> .\n")
            out.write(f"{m} <{ORG}organization> <{instance_iri(f'i{i}')}> .\n{m} <{ORG}role> <{role}> .\n")
            out.write(f'{m} <{ECO}hoursPerYear> "{rng.randint(5, 80)}"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')
            out.write(f"{m} {SOURCE} {source} .\n")


LIMITS = replace(DEFAULT_LIMITS, max_bytes=2**31)
"""The 100,000-membership file (97 MB) is above the default file limit (64 MB): raised for this benchmark only."""


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int, default=100_000)
    args = parser.parse_args()
    sizes = [n for n in (1_000, 10_000, 100_000) if n <= args.max]
    print("## Chargement RDF / RDF load\n")
    print(
        "| participations | triplets | analyse pyoxigraph (réf.) | lecture | validation SHACL | chargement complet | rechargement (rien de neuf) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "donnees.nt"
            write_ntriples(path, size)
            baseline = timed(lambda: ox.Store().bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES))
            graph = {}
            read = timed(lambda: graph.setdefault("g", read_rdf_files([path], LIMITS)))
            validate = timed(lambda: validate_graph(graph["g"]))
            store = EmbeddedStore(Path(folder) / "store")
            load = timed(lambda: load_paths(store, [path], limits=LIMITS))
            reload = timed(lambda: load_paths(store, [path], limits=LIMITS))
            triples = store.triple_count()
            store.close()
        print(
            f"| {size:,} | {triples:,} | 1× ({baseline:.2f} s) | {read / baseline:.1f}× | {validate / baseline:.1f}× "
            f"| {load / baseline:.1f}× | {reload / baseline:.1f}× |"
        )
    print("\nLecture, validation et chargement : rapports au temps d'analyse par pyoxigraph du même fichier N-Triples.")
    print("/ Read, validation and load as ratios to pyoxigraph parsing the same N-Triples file.")


if __name__ == "__main__":
    main()
