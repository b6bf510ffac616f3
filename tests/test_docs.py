"""The README keeps its promises: its commands exist, its links resolve, `make run` and `make test` are real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecosystem.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[list[str]]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            for part in line.split("#")[0].split(" ; "):
                words = shlex.split(part.strip())
                if words and words[0].endswith("ecosystem"):
                    # "analyze seats|load|…" stands for one command per alternative
                    alternatives = [w.split("|") if "|" in w and not w.startswith("-") else [w] for w in words[1:3]]
                    for first in alternatives[0]:
                        for second in alternatives[1] if len(alternatives) > 1 else [None]:
                            commands.append([first, *([second] if second else []), *words[3:]])
    return commands


def _command_path(words: list[str]) -> list[str]:
    """The sub-command words, without options and arguments."""
    path = []
    for word in words:
        if word.startswith("-"):
            break
        path.append(word)
        if word not in {"analyze", "revision", "account"}:
            break
    return path


@pytest.mark.parametrize("words", _readme_commands(), ids=lambda w: " ".join(w[:2]))
def test_every_readme_command_exists_with_its_options(words):
    path = _command_path(words)
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for option in (w.split("=")[0] for w in words if w.startswith("--")):
        assert option in result.output or option in ("--help",), f"{' '.join(path)}: {option} absent from --help"


def test_the_readme_shows_the_two_commands_and_the_makefile_has_them():
    assert README.index("make run") < README.index("## ") and README.index("make test") < README.index("## ")
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_local_link_of_the_readme_exists():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
