"""A small write, then the first reads it affects, on the synthetic province (17 regions, seed 1).

Through the app's one write path, one instance with three members of region ``r01`` is imported
(the spreadsheet import: check, SHACL, one transaction, journal); then, timed end to end each
(in-process client, no network): the first map JSON of ``r01`` and the first page of each member.
Their content is asserted to include the change. Also timed: the same reads cached (the baseline),
an untouched region's map and an untouched actor's page after the write, and the same first reads
after a write the projection does not follow (the data changed behind the write path: everything
is built anew, as before the projection followed writes).

    python benchmarks/bench_incremental.py
"""

from __future__ import annotations

import csv
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from rdflib import Literal

from ecosystem.ingest.apply import import_paths
from ecosystem.journal import Author
from ecosystem.namespaces import RDFS, actor_iri
from ecosystem.projection_tables import triples_from_tables
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from ecosystem.synth import generate

AUTHOR = Author(None, None, "ligne de commande")
NEW = "nouvelle-table-r01"


def _files(folder: Path, members: list[str], issue: str) -> list[Path]:
    instances, participations = folder / "instances.csv", folder / "participations.csv"
    with instances.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(
            [
                ["id", "nom", "territoire", "enjeux", "rencontres_par_an", "heures_par_rencontre"],
                [NEW, "Nouvelle table de concertation r01", "r01", issue, "6", "2"],
            ]
        )
    with participations.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["acteur", "instance"], *([m, NEW] for m in members)])
    return [instances, participations]


def _timed(client: TestClient, url: str) -> tuple[float, str]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    response.raise_for_status()
    return elapsed, response.text


def _reads(client: TestClient, members: list[str], region: str = "r01") -> list[tuple[str, float, str]]:
    urls = [f"/api/carte?territoire={region}", *(f"/acteurs/{m}" for m in members)]
    return [(url, *_timed(client, url)) for url in urls]


@dataclass
class _Timings:
    """Seconds of each read (url, seconds, text) at start, after the write, after a write behind the write path."""

    cold: list[tuple[str, float, str]]
    baseline: float  # median of the same reads, cached
    write: float
    after: list[tuple[str, float, str]]
    untouched: list[tuple[str, float, str]]  # after the write: r02's map, an r02 actor's page
    rebuilt: list[tuple[str, float, str]]


def _province_store() -> tuple[EmbeddedStore, list[str], str, str]:
    """The province in an in-memory store; three r01 actors with three seats or more, an r02 actor with a seat,
    an issue the province uses."""
    province = generate(regions=17, seed=1)
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(province.tables))
    seats: dict[str, int] = {}
    for row in province.tables["participations"]:
        seats[row["acteur"]] = seats.get(row["acteur"], 0) + 1
    members = [
        row["id"] for row in province.tables["acteurs"] if row["territoire"] == "r01" and seats.get(row["id"], 0) >= 3
    ][:3]
    untouched = next(
        row["id"] for row in province.tables["acteurs"] if row["territoire"].startswith("r02") and seats.get(row["id"])
    )
    issue = province.tables["instances"][0]["enjeux"].split("|")[0]
    return store, members, untouched, issue


def _measure(store: EmbeddedStore, members: list[str], untouched: str, issue: str) -> _Timings:
    """Time the reads at start and cached, the write, the reads after it, then after a write behind the write path."""
    app = create_app(Settings(store=Path(tempfile.mkdtemp()) / "unused"), store=store)
    with TestClient(app) as client, tempfile.TemporaryDirectory() as folder:
        cold = _reads(client, members)
        _timed(client, "/api/carte?territoire=r02")
        _timed(client, f"/acteurs/{untouched}")
        cached = [statistics.median(_timed(client, url)[0] for _ in range(5)) for url, *_ in cold]
        start = time.perf_counter()
        with app.state.writes.session(AUTHOR, "import", "banc d'essai") as journaled:
            assert import_paths(journaled, _files(Path(folder), members, issue)).written
        write = time.perf_counter() - start
        after = _reads(client, members)
        assert all(NEW in text for *_, text in after), "the first reads show the new instance"
        other = [(url, *_timed(client, url)) for url in ("/api/carte?territoire=r02", f"/acteurs/{untouched}")]
        # A write the projection does not follow (behind the write path): the first reads build everything anew.
        store.apply(add=[(actor_iri(members[0]), RDFS.comment, Literal("hors du chemin d'écriture", lang="fr"))])
        rebuilt = _reads(client, members)
        assert all(NEW in text for *_, text in rebuilt)
    return _Timings(cold, statistics.median(cached), write, after, other, rebuilt)


def _rows(timings: _Timings) -> list[tuple[str, float]]:
    """The report's rows: (what was measured, in words; seconds)."""
    rows = [
        ("lecture en cache (référence) / cached read (baseline)", timings.baseline),
        (
            "import d'une instance et 3 membres (écriture) / import of one instance and 3 members (the write)",
            timings.write,
        ),
    ]
    labels = [
        ("la carte JSON de r01", "the r01 map JSON"),
        *((f"la page du membre {k + 1}", f"the page of member {k + 1}") for k in range(3)),
    ]
    for fr, en, reads in (
        ("après l'écriture, première lecture de", "after the write, first read of", timings.after),
        ("tout reconstruit, première lecture de", "all rebuilt, first read of", timings.rebuilt),
        ("au démarrage, première lecture de", "at start, first read of", timings.cold),
    ):
        rows += [
            (f"{fr} {label_fr} / {en} {label_en}", t)
            for (label_fr, label_en), (_, t, _) in zip(labels, reads, strict=True)
        ]
        if reads is timings.after:
            rows += [
                (
                    "après l'écriture, carte de r02 (intouchée) / after the write, the r02 map (untouched)",
                    timings.untouched[0][1],
                ),
                (
                    "après l'écriture, page d'un acteur de r02 (intouché) / after the write, an r02 actor's page (untouched)",
                    timings.untouched[1][1],
                ),
            ]
    return rows


def _print_report(rows: list[tuple[str, float]], baseline: float) -> None:
    print(
        "## bench_incremental — une petite écriture, puis les premières lectures / a small write, then the first reads"
    )
    print()
    print(
        f"Province synthétique (17 régions, graine 1), client dans le processus. Charge de la machine "
        f"(`uptime`, 1/5/15 min) : {' / '.join(f'{x:.1f}' for x in os.getloadavg())} sur {os.cpu_count()} cœurs. "
        "/ Synthetic province, in-process client; machine load as shown. "
        f"Cible / target: < 1 s chacune / each."
    )
    print()
    print("| mesure / measure | s | × référence / × baseline |")
    print("|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.3f} | {seconds / baseline:.1f} |")


def main() -> None:
    timings = _measure(*_province_store())
    _print_report(_rows(timings), timings.baseline)


if __name__ == "__main__":
    main()
