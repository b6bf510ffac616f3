"""The web app under 50 clients, measured by a C load generator (Debian's ``wrk``) on 127.0.0.1.

One uvicorn process serves the synthetic province (17 regions); ``wrk`` (2 threads, 50
connections, a bounded duration per route) measures each route after one warming request:
the static file (the baseline), the map JSON (whole province aggregated; one region), an
actor's page and its JSON, the dashboard, an analysis, the check (``POST /api/verifier``: the
same initiative again and again, then a new one at every request: its name numbered by thread and
request, so that neither the kept bytes nor the kept answers ever hold it) and ``/sparql`` with a simple
SELECT. Each route is measured right after a run of the static file, and its requests per second and
p50 / p95 / p99 latencies are given as ratios to that run's; errors are counted
(connection, read, write, timeouts and any status other than 2xx / 3xx). Every request says
``Accept-Encoding: br, gzip``, as a browser does (the static file is sent uncompressed).

    python benchmarks/bench_wrk.py [--seconds 8] [--scale 1.0] [--only verification]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_web import province_store  # noqa: E402  (the same data as the browser benchmark)

from ecosystem.projection import build_projection  # noqa: E402

CLIENTS, THREADS = 50, 2
GOAL = 0.5
"""Every cached read route, and the check, at least half the static file's requests per second."""

_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


UNIQUE = "@N@"
"""Replaced in a body, at every request, by the thread's number and the request's: every initiative a new one."""


def lua_script(folder: Path, name: str, bodies: list[str] | None, path: str) -> Path:
    """A wrk script: GET by default, or POSTs cycling through ``bodies`` (:data:`UNIQUE` in a body made
    unique at every request, across threads too); its summary line on stdout."""
    lines = ['wrk.headers["Accept-Encoding"] = "br, gzip"']  # as a browser asks
    if bodies:
        quoted = ",\n".join(f"[==[{b}]==]" for b in bodies)
        lines += [
            "local threads = 0",
            "setup = function(thread)",
            "  threads = threads + 1",
            '  thread:set("id", threads)',
            "end",
            f"local bodies = {{{quoted}}}",
            "local i = 0",
            "request = function()",
            "  i = i + 1",
            f'  local body = bodies[(i - 1) % #bodies + 1]:gsub("{UNIQUE}", tostring(id) .. "-" .. tostring(i))',
            f'  return wrk.format("POST", "{path}", {{["Content-Type"] = "application/json", ["Accept-Encoding"] = "br, gzip"}}, body)',
            "end",
        ]
    script = folder / f"{name}.lua"
    script.write_text("\n".join(lines) + _DONE, encoding="utf-8")
    return script


def run_wrk(url: str, script: Path, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CLIENTS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(row for row in out.splitlines() if row.startswith("RESULT "))
    requests, duration, p50, p95, p99, errors = map(int, line.split()[1:])
    return {
        "rps": requests / (duration / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": errors,
        "requests": requests,
    }


def _check_bodies(projection, region: str) -> list[str]:
    """1,200 initiatives modelled on existing instances (their issues, territory and first three members), each
    named with :data:`UNIQUE`: a new one at every request."""
    bodies = []
    for instance in projection.instances[:1200]:
        node = projection.two_mode.nodes[instance]
        bodies.append(
            json.dumps(
                {
                    "nom": f"Nouvelle table {UNIQUE}",
                    "enjeux": [i.rsplit("/", 1)[-1] for i in node["issues"]],
                    "territoire": (node["territory"] or region).rsplit("/", 1)[-1],
                    "partenaires": [a.rsplit("/", 1)[-1] for a in sorted(projection.two_mode[instance])[:3]],
                    "heures_par_an": 20,
                },
                ensure_ascii=False,
            )
        )
    return bodies


def cases(scale: float) -> tuple[list[tuple[str, str, list[str] | None, bool]], str]:
    """(name, path, POST bodies or None, is a cached read) per route; and a description of the data."""
    store = province_store(scale)
    projection = build_projection(store)
    store.close()
    region = next(
        t
        for t, e in projection.territories.items()
        if e.get("parent") and not projection.territories[e["parent"]].get("parent")
    )
    actor = max(projection.actors, key=lambda a: projection.two_mode.degree(a)).rsplit("/", 1)[-1]
    bodies = _check_bodies(projection, region)
    sparql = quote(
        "SELECT ?i ?nom WHERE { ?i a <https://w3id.org/ecosysteme/ontologie#Instance> ; "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?nom } LIMIT 10"
    )
    routes = [
        ("fichier statique / static file (référence)", "/static/web.css", None, False),
        ("carte, province entière (agrégée) / map, whole province", "/api/carte", None, True),
        (
            f"carte, une région ({region.rsplit('/', 1)[-1]}) / map, one region",
            f"/api/carte?territoire={region.rsplit('/', 1)[-1]}",
            None,
            True,
        ),
        ("page d'un acteur / actor page", f"/acteurs/{actor}", None, True),
        ("JSON d'un acteur / actor JSON", f"/acteurs/{actor}.json", None, True),
        ("tableau de bord / dashboard", "/tableau-de-bord", None, True),
        ("analyse : surconcertation / analysis", "/analyses/surconcertation.json", None, True),
        ("/sparql, SELECT simple / simple SELECT", f"/sparql?query={sparql}", None, True),
        (
            "vérification, même initiative / check, same initiative",
            "/api/verifier",
            [bodies[0].replace(UNIQUE, "0")],
            False,
        ),
        (
            f"vérification, une nouvelle initiative à chaque requête ({len(bodies)} modèles) "
            "/ check, a new initiative at every request",
            "/api/verifier",
            bodies,
            False,
        ),
    ]
    described = (
        f"{projection.two_mode.number_of_nodes():,} nœuds / nodes, {projection.two_mode.number_of_edges():,} "
        "participations actives / active memberships"
    )
    return routes, described


class Server:
    """The app over the province in a process of its own (not a daemon: the SPARQL pool starts its workers)."""

    def __init__(self, scale: float):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._command = [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(HERE)!r}); "
            f"from bench_web import _serve; _serve({scale!r}, {self.port})",
        ]

    def __enter__(self):
        self._process = subprocess.Popen(self._command)
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and self._process.poll() is None:
            try:
                httpx.get(self.url + "/static/web.css", timeout=1).raise_for_status()
                return self
            except httpx.HTTPError:
                time.sleep(0.5)
        self._process.kill()
        raise RuntimeError("le serveur n'a pas démarré / the server did not start")

    def cpu_seconds(self) -> float:
        """The server process's CPU time so far (user and system, every thread): what a request costs it,
        whatever else runs on the machine's shared cores."""
        fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc):
        self._process.terminate()
        self._process.wait(60)


def _measure(server: Server, folder: Path, k: int, route: tuple, seconds: int) -> dict:
    """One wrk run of ``route`` after one warming request; the server's CPU per request beside it."""
    _, path, bodies, _ = route
    first = json.loads(bodies[0]) if bodies else None
    # Warm with wrk's headers (no Accept): the same variant, so the same prepared bytes.
    httpx.request(
        "POST" if bodies else "GET", server.url + path, json=first, headers={"Accept": ""}, timeout=900
    ).raise_for_status()
    cpu = server.cpu_seconds()
    result = run_wrk(
        server.url + (path if not bodies else "/api/verifier"), lua_script(folder, f"r{k}", bodies, path), seconds
    )
    result["cpu_ms"] = 1000 * (server.cpu_seconds() - cpu) / max(result["requests"], 1)
    return result


def measure_paired(
    server: Server, folder: Path, routes: list, seconds: int
) -> list[tuple[str, bool, bool, dict, dict]]:
    """Each route measured right after a run of the static file (its own baseline): on shared cores the share
    a process gets drifts within minutes, and a ratio to a baseline taken just before drifts far less."""
    static, rows = routes[0], []
    for k, route in enumerate(routes[1:], start=1):
        base = _measure(server, folder, 0, static, seconds)
        rows.append((route[0], route[3], route[2] is not None, _measure(server, folder, k, route, seconds), base))
    return rows


def _table(rows: list, statics: list[dict]) -> None:
    print(
        "| route | req/s | × statique | p50 ms | p95 ms | p99 ms | p50 × stat. | p99 × stat. "
        "| ms CPU du serveur / req / server CPU ms per request | erreurs / errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    middle = sorted(statics, key=lambda r: r["rps"])[len(statics) // 2]
    every = [
        ("fichier statique / static file (référence, médiane de ses mesures / median of its runs)", middle, middle)
    ]
    for name, r, base in [*every, *((n, r, b) for n, _, _, r, b in rows)]:
        print(
            f"| {name} | {r['rps']:.0f} | {r['rps'] / base['rps']:.2f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} "
            f"| {r['p50'] / max(base['p50'], 1e-3):.1f} | {r['p99'] / max(base['p99'], 1e-3):.1f} | {r['cpu_ms']:.2f} "
            f"| {r['errors']} |"
        )
    low, high = min(r["rps"] for r in statics), max(r["rps"] for r in statics)
    print(f"\nFichier statique, {len(statics)} mesures / runs : {low:.0f}–{high:.0f} req/s.")


def _goals(rows: list, statics: list[dict]) -> None:
    ratio = {name: r["rps"] / base["rps"] for name, _, _, r, base in rows}
    reads = [ratio[name] for name, cached, *_ in rows if cached]
    same = next(ratio[name] for name, _, post, *_ in rows if post and "même" in name)
    varied = next(ratio[name] for name, _, post, *_ in rows if post and "même" not in name)
    worst = min(reads, default=float("nan"))  # nan: none measured (--only)
    errors = sum(r["errors"] for *_, r, _ in rows) + sum(r["errors"] for r in statics)
    print(
        f"\nObjectifs / goals (≥ {GOAL:.0%} du statique mesuré juste avant / of the static file measured just before, "
        f"0 erreur) : lectures en cache, la plus lente / slowest cached read **{worst:.0%}** "
        f"({'atteint / met' if worst >= GOAL else 'non atteint / not met'}) ; "
        f"vérification, même initiative / check, same initiative **{same:.0%}** ; "
        f"vérification, initiatives différentes / check, different ones **{varied:.0%}** "
        f"({'atteint / met' if varied >= GOAL else 'non atteint / not met'}) ; erreurs / errors **{errors}**.\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="durée par route / duration per route")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--only", help="seulement les routes dont le nom contient ce mot (et la référence) / only these routes"
    )
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk manquant / missing: make bench l'installe (Debian) / installs it")
    routes, described = cases(arguments.scale)
    if arguments.only:
        routes = [routes[0], *(r for r in routes[1:] if arguments.only in r[0])]
    load_before = os.getloadavg()[0]
    with Server(arguments.scale) as server, tempfile.TemporaryDirectory() as folder:
        rows = measure_paired(server, Path(folder), routes, arguments.seconds)
    statics = [base for *_, base in rows]
    print("## Web sous charge (wrk) / web under load (wrk)\n")
    print(
        f"Province synthétique (17 régions, échelle {arguments.scale}) : {described}. Un processus uvicorn sur 127.0.0.1 ; "
        f"wrk, {THREADS} fils, {CLIENTS} connexions, {arguments.seconds} s par mesure après une requête de chauffe, "
        "« Accept-Encoding: br, gzip » comme un navigateur (le fichier statique part non compressé) ; chaque route "
        "mesurée juste après une mesure du fichier statique, sa référence. "
        f"Charge de la machine (uptime, 1 min) avant / après : {load_before:.1f} / {os.getloadavg()[0]:.1f} sur "
        f"{os.cpu_count()} cœurs (partagés : les rapports comptent, pas les chiffres absolus). "
        "/ One uvicorn process; each route measured right after a run of the static file, its baseline.\n"
    )
    _table(rows, statics)
    _goals(rows, statics)


if __name__ == "__main__":
    main()
