"""A real SPARQL 1.1 server (Virtuoso, from Debian) on loopback, with a private configuration."""

from __future__ import annotations

import shutil
import subprocess
import time

import httpx
import pytest

from tests.serving import free_port

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
ServerThreads = 10
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {d}

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
; the default (10,000) truncates results silently
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Query and update URLs of a Virtuoso server started for this test session."""
    if not (VIRTUOSO and ISQL):
        pytest.skip("virtuoso-opensource-7-bin absent (make test l'installe / make test installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    isql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(d=folder, isql=isql_port, http=http_port))
    server = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url, params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.kill()
            pytest.fail(f"Virtuoso n'a pas démarré : {(folder / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
        time.sleep(0.3)
    subprocess.run(
        [ISQL, str(isql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], check=True, capture_output=True
    )
    yield url
    server.terminate()
    server.wait(timeout=30)
