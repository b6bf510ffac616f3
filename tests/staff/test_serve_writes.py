"""One writer, no downtime: while ``ecosystem serve`` runs and readers read, the command line and the
browser's upload write through the server; both commit, readers see the new data without a restart,
and no response is a server error."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from ecosystem.accounts import Accounts
from ecosystem.loading import rdf_files, read_rdf_files
from ecosystem.namespaces import ECO, RDF
from ecosystem.paths import mauricie_dir
from tests.serving import free_port

from .conftest import PASSWORD, STAFF

pytestmark = pytest.mark.slow
ECOSYSTEM = [str(Path(sys.executable).with_name("ecosystem"))]
READS = ("/api/acteurs?par_page=500", "/instances.json", "/api/stats", "/historique.json", "/api/carte")


def _run(store: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*ECOSYSTEM, "--store", str(store), *args], capture_output=True, text=True, input=input, timeout=120
    )


class Readers:
    """A few threads reading in a loop, bounded in time, recording every status."""

    def __init__(self, base: str, threads: int = 3, seconds: float = 90):
        self.base, self.statuses, self.stop = base, [], threading.Event()
        self.deadline = time.monotonic() + seconds
        self.threads = [threading.Thread(target=self._loop, args=(i,), daemon=True) for i in range(threads)]

    def _loop(self, offset: int) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            i = offset
            while not self.stop.is_set() and time.monotonic() < self.deadline:
                self.statuses.append(client.get(READS[i % len(READS)]).status_code)
                i += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


@pytest.fixture
def served(tmp_path, mauricie_path):
    store = tmp_path / "store"
    assert _run(store, "load", str(mauricie_path)).returncode == 0
    Accounts(tmp_path / "store.etat").create(STAFF, PASSWORD, "equipe")
    port = free_port()
    server = subprocess.Popen(
        [*ECOSYSTEM, "--store", str(store), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None and time.monotonic() < deadline, (
            server.stderr.read() if server.poll() is not None else "no start"
        )
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    yield store, base, server
    server.terminate()
    server.wait(30)


def _actor_csv(folder: Path, ident: str, name: str) -> Path:
    path = folder / f"{ident}.csv"
    path.write_text(
        f"id;nom;secteur;territoire;source\n{ident};{name};communautaire;mauricie;https://exemple.org/{ident}\n",
        encoding="utf-8",
    )
    return path


def sign_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/connexion").text).group(1)
    assert (
        client.post("/connexion", data={"identifiant": STAFF, "mot_de_passe": PASSWORD, "csrf": token}).status_code
        == 303
    )
    client.csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/compte").text).group(1)
    return client


def test_the_command_line_and_the_browser_write_while_the_map_is_served(served, tmp_path):
    store, base, server = served
    assert (tmp_path / "store.etat" / "serveur.sock").exists()
    assert oct(os.stat(tmp_path / "store.etat" / "serveur.sock").st_mode & 0o777) == "0o600"
    with Readers(base) as readers:
        imported = _run(
            store,
            "import",
            str(_actor_csv(tmp_path, "organisme-ligne-de-commande", "Organisme de la ligne de commande")),
        )
        assert imported.returncode == 0, imported.stdout + imported.stderr
        upload = _upload(base, _actor_csv(tmp_path, "organisme-televerse", "Organisme téléversé"))
        stats = _run(store, "stats", "--json")
        time.sleep(1)
    actors = len(set(read_rdf_files(rdf_files([mauricie_dir()])).subjects(RDF.type, ECO.Actor))) + 2  # the two imported
    assert stats.returncode == 0 and f'"acteurs": {actors}' in stats.stdout, stats.stdout + stats.stderr
    assert len(readers.statuses) > 20 and not [s for s in readers.statuses if s >= 500]
    for ident in ("organisme-ligne-de-commande", "organisme-televerse"):
        assert httpx.get(f"{base}/api/acteurs/{ident}").status_code == 200, ident
    kinds = [(e["genre"], e["origine"]) for e in httpx.get(base + "/historique.json").json()["entrees"]]
    assert ("importation", "ligne de commande") in kinds and ("téléversement", "navigateur") in kinds
    assert upload
    server.terminate()
    server.wait(30)
    assert not (tmp_path / "store.etat" / "serveur.sock").exists()
    assert _run(store, "stats", "--json").returncode == 0  # the store is free again for the command line alone


def test_passwords_and_tokens_are_never_stored_or_logged_in_clear(served, tmp_path):
    store, base, server = served
    accounts = Accounts(tmp_path / "store.etat")
    token = accounts.create_token(accounts.all()[0].id, "script")
    assert (
        httpx.post(
            base + "/api/revisions", json={"nom": "avec-jeton"}, headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 201
    )
    sign_in(base)
    httpx.post(base + "/connexion", data={"identifiant": STAFF, "mot_de_passe": PASSWORD + "x", "csrf": "x"})
    server.terminate()
    logs = "".join(server.communicate(timeout=30))
    from ecosystem.store import EmbeddedStore

    reopened = EmbeddedStore(store)
    everything = "".join(
        t.n3() for graph in reopened.named_graphs() for triple in reopened.graph(graph) for t in triple
    )
    reopened.close()
    state = b"".join(p.read_bytes() for p in (tmp_path / "store.etat").rglob("*") if p.is_file()).decode("latin-1")
    for secret in (PASSWORD, token, token.removeprefix("eco_")):
        assert secret not in logs and secret not in everything and secret not in state


def _upload(base: str, path: Path) -> bool:
    client = sign_in(base)
    with path.open("rb") as file:
        report = client.post(
            "/televersement", data={"csrf": client.csrf}, files={"fichiers": (path.name, file, "text/csv")}
        )
    assert report.status_code == 200, report.text
    upload_id = re.search(r'action="/televersement/([a-z0-9_-]+)/confirmer', report.text, re.I).group(1)
    confirmed = client.post(f"/televersement/{upload_id}/confirmer", data={"csrf": client.csrf})
    assert confirmed.status_code == 200, confirmed.text
    return "Importé" in confirmed.text
