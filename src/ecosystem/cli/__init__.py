"""The one command, ``ecosystem``: each group of sub-commands lives in its own module.

French by default (``--lang en`` for English); ``--json`` where a script would read
the output. Exit status 1 when the input is invalid, 2 for a usage error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ecosystem.i18n import Message
from ecosystem.settings import Settings
from ecosystem.store import Store, StoreError, open_store

__all__ = ["app", "main"]

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
    _store: Store | None = None

    @property
    def lang(self) -> str:
        return self.settings.lang

    def say(self, message: Message) -> str:
        return message.text(self.lang)

    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = open_store(self.settings)
            except StoreError as error:
                errors.print(f"[red]{error}[/red]")
                raise typer.Exit(2) from error
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


@app.callback()
def _global(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Dossier du magasin sur disque (ECOSYSTEM_STORE). / On-disk store folder.", envvar="ECOSYSTEM_STORE"),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="fr (défaut) ou en. / fr (default) or en.")] = None,
) -> None:
    overrides = {}
    if store is not None:
        overrides["store"] = store
    if lang is not None:
        if lang not in ("fr", "en"):
            raise typer.BadParameter("--lang : fr ou en / fr or en")
        overrides["lang"] = lang
    ctx.obj = CliState(Settings(**overrides))
    ctx.call_on_close(ctx.obj.close)  # releases the store's lock for the next command


def state(ctx: typer.Context) -> CliState:
    return ctx.obj


def main() -> None:
    app()


# Sub-command modules register themselves on ``app``.
from ecosystem.cli import analyze, data, exports, imports, network, plan, revisions, serve, synth  # noqa: E402,F401
