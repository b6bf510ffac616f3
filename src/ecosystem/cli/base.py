"""What every command shares: the Typer app the sub-command modules register on, the global options and
the command's state (settings, the store through the one write path), and the registry of which module
defines which command, so that a command starts with its own module only.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypedDict

import typer
from rich.console import Console

from ecosystem.i18n import Message
from ecosystem.settings import Settings
from ecosystem.store import Store, StoreError, open_store

if TYPE_CHECKING:
    from ecosystem.writes import Reads

__all__ = ["COMMANDS", "CliState", "app", "collector_paused", "load_commands", "main", "state"]

app = typer.Typer(
    name="ecosystem",
    help="Écosystème : cartographie de l'écosystème du développement social. / Social-development ecosystem map.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
console = Console()
errors = Console(stderr=True)


@dataclass
class CliState:
    settings: Settings
    command: str = "ligne de commande"
    _store: Store | None = None
    _opened: Reads | None = None

    @property
    def lang(self) -> str:
        return self.settings.lang

    def say(self, message: Message) -> str:
        return message.text(self.lang)

    def store(self) -> Store:
        """The store, through the one write path: the running server's when one holds it, else opened here."""
        if self._store is None:
            try:
                self._store = self._open()
            except StoreError as error:
                errors.print(f"[red]{error}[/red]")
                raise typer.Exit(2) from error
        return self._store

    def _open(self) -> Store:
        from ecosystem import local_server
        from ecosystem.accounts import state_dir
        from ecosystem.journal import Author, Journal
        from ecosystem.writes import JournaledStore, WritePath

        remote = local_server.connect(self.settings)
        if remote is not None:
            remote.kind = self.command
            self._opened = remote
            return JournaledStore(remote, remote.submit)
        self._opened = opened = open_store(self.settings)
        path = WritePath(opened, Journal(state_dir(self.settings)))
        author = Author(None, None, "ligne de commande")
        return JournaledStore(
            opened,
            lambda change: path.write(change, author, self.command),
            bulk=lambda addition: path.write_bulk(addition, author, self.command),
        )

    def writing(self, run, attempts: int = 3):
        """``run(store)``, computed again when another write committed in between (over the server's socket)."""
        from ecosystem.writes import StaleWrite

        for attempt in range(attempts):
            try:
                return run(self.store())
            except StaleWrite:
                if attempt == attempts - 1:
                    raise
                self.close()

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()
        self._store = self._opened = None


class _Overrides(TypedDict, total=False):
    store: Path
    lang: Literal["fr", "en"]


_LANGS: dict[str, Literal["fr", "en"]] = {"fr": "fr", "en": "en"}


@app.callback()
def _global(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Dossier du magasin sur disque (ECOSYSTEM_STORE). / On-disk store folder.",
            envvar="ECOSYSTEM_STORE",
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="fr (défaut) ou en. / fr (default) or en.")] = None,
) -> None:
    overrides: _Overrides = {}
    if store is not None:
        overrides["store"] = store
    if lang is not None:
        if lang not in _LANGS:
            raise typer.BadParameter("--lang : fr ou en / fr or en")
        overrides["lang"] = _LANGS[lang]
    ctx.obj = CliState(
        Settings(**overrides), command=_KINDS.get(ctx.invoked_subcommand or "", ctx.invoked_subcommand or "commande")
    )
    ctx.call_on_close(ctx.obj.close)  # releases the store's lock for the next command


_KINDS = {"import": "import", "load": "chargement", "revision": "revision"}
"""The journal's name for what a command writes."""


def state(ctx: typer.Context) -> CliState:
    return ctx.obj


@contextmanager
def collector_paused() -> Iterator[None]:
    """CPython's cycle collector paused for one command's import or load, then run once.

    An import builds hundreds of thousands of small tuples, sets and terms that form no cycle, and
    the collector, started by the count of allocations, walks every one of them again at each full
    pass: measured on the synthetic province, 5 s of a 23 s import's CPU (0.4 s of a load's 15 s, whose
    triples stay in Oxigraph's memory). A command is one process doing one thing: nothing else waits
    for the memory of a cycle meanwhile.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect()


COMMANDS: dict[str, str] = {
    "account": "accounts",
    "analyze": "analyze",
    "check": "initiatives",
    "diff": "revisions",
    "export": "exports",
    "export-tables": "imports",
    "import": "imports",
    "load": "data",
    "plan": "plan",
    "report": "report",
    "revision": "revisions",
    "serve": "serve",
    "stats": "data",
    "synth": "synth",
    "validate": "data",
}
"""Command → the module of ``ecosystem.cli`` that registers it (a test checks it against what they register)."""

_VALUED = {"--store", "--lang"}
"""The global options that take a value."""


def _command_in(args: list[str]) -> str | None:
    """The command ``args`` name (after the global options), or ``None``.

    >>> _command_in(["--store", "var/store", "load", "data"]), _command_in(["--lang=en", "--help"])
    ('load', None)
    """
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def load_commands(command: str | None = None) -> None:
    """Import the module of ``command``; every command's when it names none (or none known: the help lists them all).

    The modules of the analyses, the exports and the import bring numpy, openpyxl, pyshacl and the rest: a load
    or an import does not wait for what it does not use."""
    modules = [COMMANDS[command]] if command in COMMANDS else sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"ecosystem.cli.{module}")


def main() -> None:
    load_commands(_command_in(sys.argv[1:]))
    app()
