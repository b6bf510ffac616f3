"""The one command, ``ecosystem``: each group of sub-commands lives in its own module, registered on the app
of :mod:`ecosystem.cli.base`.

French by default (``--lang en`` for English); ``--json`` where a script would read
the output. Exit status 1 when the input is invalid, 2 for a usage error.
"""

from __future__ import annotations

from typing import Any

from ecosystem.cli.base import COMMANDS, CliState, collector_paused, load_commands, main, state

__all__ = ["COMMANDS", "CliState", "app", "collector_paused", "load_commands", "main", "state"]


def __getattr__(name: str) -> Any:
    """``app`` with every command registered (what tests and scripts drive); the command line itself,
    :func:`main`, imports only the module of the command it runs."""
    if name == "app":
        from ecosystem.cli.base import app

        load_commands()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
