"""The web app under load, and the map's first paint in headless Chromium, on the synthetic province.

1. (``--httpx`` only: the load is measured by ``bench_wrk.py`` with a C client, the Python one
   saturating first) API latency under 50 concurrent clients (httpx, one uvicorn worker): the map
   JSON (whole province: aggregated; one region: filtered), the pre-initiative check
   (``POST /api/verifier``) and, as the baseline, a static file served by the same server.
   Reported: p50 and p95 in ms and their ratio to the static file's.
2. First paint of the map page (navigation start → vis-network's first drawing with the data)
   for 500, 2,000 and 20,000 nodes (synthetic provinces scaled to those sizes; the 20,000-node
   one is drawn aggregated, one node per kind and territory). Baseline: the 500-node page.

    python benchmarks/bench_web.py [--scale 1.0] [--requests 10]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import socket
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import uvicorn
from ecosystem.api.main import create_app

from ecosystem.projection import build_projection
from ecosystem.projection_tables import triples_from_tables
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore
from ecosystem.synth import generate

CLIENTS = 50
NODES_AT_SCALE_1 = 17 * (1176 + 176)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def province_store(scale: float) -> EmbeddedStore:
    store = EmbeddedStore(None)
    store.apply(add=triples_from_tables(generate(regions=17, seed=0, scale=scale).tables))
    return store


def _serve(scale: float, port: int) -> None:
    store = province_store(scale)
    app = create_app(Settings(store=Path(tempfile.mkdtemp()) / "unused"), store=store)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


class Server:
    """The app over a province of ``scale`` served by uvicorn in its own process (the load generator and
    the browser must not share its interpreter) on a free loopback port."""

    def __init__(self, scale: float):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._process = multiprocessing.get_context("spawn").Process(
            target=_serve, args=(scale, self.port), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self._process.start()
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/static/web.css", timeout=1).raise_for_status()
                return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("le serveur n'a pas démarré / the server did not start")

    def __exit__(self, *exc):
        self._process.terminate()
        self._process.join(30)


async def latencies(base: str, method: str, path: str, body: dict | None, requests: int) -> list[float]:
    """``CLIENTS`` concurrent clients each sending ``requests`` requests; every latency in ms."""
    times: list[float] = []
    limits = httpx.Limits(max_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:

        async def one_client():
            for _ in range(requests):
                start = time.perf_counter()
                response = await client.request(method, path, json=body)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (path, response.status_code, response.text[:200])

        await asyncio.gather(*(one_client() for _ in range(CLIENTS)))
    return times


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def percentile(values: list[float], q: float) -> float:
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, round(q * (len(ranked) - 1)))]


def load_section(scale: float, requests: int) -> None:
    store = province_store(scale)
    projection = build_projection(store)
    region = next(
        t
        for t, e in projection.territories.items()
        if e.get("parent") and not projection.territories[e["parent"]].get("parent")
    )
    instance = projection.instances[0]
    node = projection.two_mode.nodes[instance]
    check = {
        "nom": "Nouvelle table",
        "enjeux": [i.rsplit("/", 1)[-1] for i in node["issues"]],
        "territoire": (node["territory"] or region).rsplit("/", 1)[-1],
        "partenaires": [a.rsplit("/", 1)[-1] for a in list(projection.two_mode[instance])[:3]],
        "heures_par_an": 20,
    }
    cases = [
        ("fichier statique / static file (référence)", "GET", "/static/web.css", None),
        ("carte, province entière (agrégée) / map, whole province (aggregated)", "GET", "/api/carte", None),
        (
            f"carte, une région ({region.rsplit('/', 1)[-1]}) / map, one region",
            "GET",
            f"/api/carte?territoire={region.rsplit('/', 1)[-1]}",
            None,
        ),
        ("vérification / check (POST /api/verifier)", "POST", "/api/verifier", check),
    ]
    print(f"## Web : latence sous {CLIENTS} clients simultanés / latency under {CLIENTS} concurrent clients\n")
    print(
        f"Province synthétique : {spaced(projection.two_mode.number_of_nodes())} nœuds, {spaced(projection.two_mode.number_of_edges())} "
        f"participations actives ; {CLIENTS} × {requests} requêtes par mesure, un processus uvicorn, caches chauds "
        "(une requête de chauffe par route). Référence : le fichier statique servi par le même serveur.\n"
    )
    print("| requête / request | p50 ms | p95 ms | p50 × statique | p95 × statique |")
    print("|---|---:|---:|---:|---:|")
    store.close()
    with Server(scale) as server:
        baseline = None
        for name, method, path, body in cases:
            httpx.request(
                method, server.url + path, json=body, timeout=600
            ).raise_for_status()  # warm: projection, layout, analyses
            times = asyncio.run(latencies(server.url, method, path, body, requests))
            p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
            baseline = baseline or (p50, p95)
            print(f"| {name} | {p50:.1f} | {p95:.1f} | {p50 / baseline[0]:.1f} | {p95 / baseline[1]:.1f} |")
    print()


def first_paint(url: str, browser) -> tuple[float, int, bool]:
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    page.goto(url)
    page.wait_for_function("window.ecoMap && window.ecoMap.ready", timeout=120_000)
    painted = page.evaluate("window.ecoMap.paintedAt") / 1000
    drawn = page.evaluate("window.ecoMap.nodes.length")
    aggregated = page.evaluate("window.ecoMap.data.agrege")
    page.close()
    return painted, drawn, aggregated


def paint_section() -> None:
    from playwright.sync_api import sync_playwright

    print("## Web : premier affichage de la carte / map first paint (Chromium sans tête / headless)\n")
    print(
        "Du début de la navigation au premier dessin de vis-network avec les données (positions calculées par le "
        "serveur, physique coupée), médiane de 3 chargements après un chargement de chauffe. Référence : 500 nœuds. "
        "Objectif : la région interactive en moins de 2 s ; la province utilisable (agrégée).\n"
    )
    print("| graphe / graph | nœuds dessinés / drawn | agrégé / aggregated | s | × 500 nœuds |")
    print("|---|---:|---|---:|---:|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        baseline = None
        for nodes in (500, 2000, 20000):
            scale = 0.97 * nodes / NODES_AT_SCALE_1  # just under the size, so 2,000 is drawn whole
            store = province_store(scale)
            total = build_projection(store).two_mode.number_of_nodes()
            store.close()
            with Server(scale) as server:
                first_paint(server.url + "/", browser)  # warm: projection, layout
                runs = [first_paint(server.url + "/", browser) for _ in range(3)]
            seconds = statistics.median(r[0] for r in runs)
            baseline = baseline or seconds
            print(
                f"| {spaced(total)} nœuds / nodes | {spaced(runs[0][1])} | {'oui / yes' if runs[0][2] else 'non / no'} | {seconds:.2f} | {seconds / baseline:.1f} |"
            )
        browser.close()
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="taille de la province (1 = 100 000 participations)")
    parser.add_argument("--requests", type=int, default=10, help="requêtes par client")
    parser.add_argument(
        "--httpx",
        action="store_true",
        help="aussi la charge par httpx (le client Python sature avant le serveur : bench_wrk.py la mesure) "
        "/ also the httpx load section (the Python client saturates first: bench_wrk.py measures it)",
    )
    arguments = parser.parse_args()
    if arguments.httpx:
        load_section(arguments.scale, arguments.requests)
    paint_section()


if __name__ == "__main__":
    main()
