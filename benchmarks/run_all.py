"""Run every benchmark (``benchmarks/bench_*.py``) and gather their Markdown tables.

Each benchmark prints a Markdown section on standard output (figures as ratios to a
baseline measured in the same run). The tables are written to
``benchmarks/RESULTS.md``, which the README links to.

    python benchmarks/run_all.py            # all benchmarks
    python benchmarks/run_all.py import web # only those whose name contains a word
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(words: list[str]) -> int:
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not words or any(w in p.stem for w in words))
    sections = [
        "# Bancs d'essai / Benchmarks",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC — Python {platform.python_version()}, "
        f"{platform.machine()}, {__import__('os').cpu_count()} cœurs / cores. "
        "Chaque chiffre est un rapport à une référence mesurée dans la même exécution. "
        "/ Every figure is a ratio to a baseline measured in the same run.",
        "",
    ]
    failed = []
    for script in scripts:
        print(f"→ {script.name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode != 0:
            failed.append(script.name)
            sections += [
                f"## {script.stem}",
                "",
                f"Échec / failed ({run.returncode}):",
                "",
                "```",
                run.stderr[-3000:],
                "```",
                "",
            ]
            continue
        sections += [run.stdout.strip(), "", f"_{script.name} : {elapsed:.0f} s_", ""]
    (HERE / "RESULTS.md").write_text("\n".join(sections) + "\n", encoding="utf-8")
    print(f"benchmarks/RESULTS.md écrit / written; échecs / failures: {failed or 'aucun / none'}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
