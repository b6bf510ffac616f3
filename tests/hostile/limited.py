"""Run the command line in a child process under ``resource`` limits, and look at a store from outside."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ecosystem.store import EmbeddedStore

MEMORY_BYTES = 768 << 20
"""Address space, not use: the interpreter with its libraries and the store's threads reserve ~270 MB
before any work, and a 60 MB file of 200 000 valid rows then peaks at ~520 MB (~235 MB resident)."""
CPU_SECONDS = 10


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _limits(memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_limited(store: Path, *args: str, also=None, memory: int = MEMORY_BYTES) -> Run:
    """``ecosystem --store STORE ARGS…`` in a child process under the limits (and ``also()``, run in the child)."""
    # Two malloc arenas: glibc otherwise reserves address space per thread that is never used.
    env = {**os.environ, "MALLOC_ARENA_MAX": "2", "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-c", "from ecosystem.cli import main; main()", "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=lambda: (_limits(memory), also and also()),
        timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def snapshot(path: Path) -> tuple[int, str]:
    store = EmbeddedStore(path)
    try:
        return store.triple_count(None), store.version()
    finally:
        store.close()
