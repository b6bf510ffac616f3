"""A server killed with ``kill -9`` leaves its public SPARQL copy behind; the next one removes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from ecosystem.sparql_copy import PublicCopy

_SERVER = """
import time
from ecosystem.sparql_copy import PublicCopy
from ecosystem.store import EmbeddedStore
print(PublicCopy().path_for(EmbeddedStore(None)), flush=True)
time.sleep(120)
"""


def test_a_killed_servers_copy_is_removed_at_the_next_start():
    server = subprocess.Popen([sys.executable, "-c", _SERVER], stdout=subprocess.PIPE, text=True)
    try:
        left = Path(server.stdout.readline().strip())
        assert left.is_dir()
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.wait(10)
    assert left.exists(), "kill -9 leaves the copy behind"
    mine = PublicCopy()
    try:
        assert not left.parent.exists()
        assert mine._root.exists()  # the living server's own folder stays
    finally:
        mine.close()
