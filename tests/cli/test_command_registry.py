"""The command line starts with the module of the command it runs: the registry says which, and is complete."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from ecosystem.cli import COMMANDS, app


def _registered() -> dict[str, set[str]]:
    """Command → the modules whose functions it runs (a group: its sub-commands')."""
    group = typer.main.get_command(app)
    found = {}
    for name, command in group.commands.items():
        callbacks = [command.callback, *(sub.callback for sub in getattr(command, "commands", {}).values())]
        found[name] = {f.__module__ for f in callbacks if f is not None and f.__module__.startswith("ecosystem.cli.")}
    return found


def test_the_registry_names_every_command_and_its_module():
    registered = _registered()
    assert set(COMMANDS) == set(registered)
    for name, modules in registered.items():
        assert f"ecosystem.cli.{COMMANDS[name]}" in modules or name == "analyze", (name, modules)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_runs_with_its_own_module_only(command):
    """In a fresh interpreter, ``ecosystem <command> --help`` finds the command without the others' modules."""
    result = subprocess.run(
        [sys.executable, "-c", "from ecosystem.cli import main; main()", "--lang", "fr", command, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Usage" in result.stdout


def test_a_load_does_not_import_the_analyses_nor_the_spreadsheets():
    probe = (
        "import sys; sys.argv = ['ecosystem', '--store', 'x', 'load', '--help']\n"
        "from ecosystem.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('numpy', 'openpyxl', 'igraph', 'ecosystem.cli.analyze', 'ecosystem.cli.imports') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr
