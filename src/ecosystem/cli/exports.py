"""``ecosystem export``: the map and the data in every format, persons removed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecosystem.cli import app, console, errors, state
from ecosystem.export.formats import FORMATS, ExportError, ExportOptions, export
from ecosystem.export.view import FILTERS
from ecosystem.export.visual import PAGES
from ecosystem.i18n import Message
from ecosystem.revisions import CURRENT_NAME, RevisionError


def _filters(values: list[str]) -> dict:
    filters = {}
    for value in values:
        key, sep, wanted = value.partition("=")
        if not sep or key not in FILTERS or not wanted or (key == "profondeur" and not wanted.isdigit()):
            raise typer.BadParameter(
                f"--filter {value!r} : attendu CLÉ=VALEUR avec CLÉ parmi {', '.join(FILTERS)} "
                f"(ex. enjeu=securite-alimentaire). / expected KEY=VALUE, KEY one of {', '.join(FILTERS)}."
            )
        filters[key] = wanted
    return filters


@app.command("export")
def export_command(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", "-f", help=f"{' | '.join(FORMATS)}")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Fichier à écrire. / File to write.")],
    revision: Annotated[str, typer.Option("--revision", help="Révision (défaut : courant). / Revision (default: current).")] = CURRENT_NAME,
    page: Annotated[str, typer.Option("--page", help="a3 | tabloid | letter (SVG, PDF, PNG).")] = "a3",
    width: Annotated[int | None, typer.Option("--width", min=200, max=20000, help="Largeur PNG en pixels. / PNG width in pixels.")] = None,
    dpi: Annotated[int, typer.Option("--dpi", min=72, max=1200, help="Résolution PNG (300 pour l'impression). / PNG resolution.")] = 300,
    filter: Annotated[list[str] | None, typer.Option("--filter", help="Filtres de la carte / the map's filters: territoire=…, enjeu=…, secteur=…, type=…, role=…, focus=acteur/ID, profondeur=N (répétable / repeatable).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Titre de la carte. / Map title.")] = None,
) -> None:
    """Exporter la carte ou les données (sans renseignements personnels). / Export the map or the data (no personal information)."""
    cli = state(ctx)
    if format not in FORMATS:
        raise typer.BadParameter(f"--format : {' | '.join(FORMATS)}")
    if page not in PAGES:
        raise typer.BadParameter(f"--page : {' | '.join(PAGES)}")
    options = ExportOptions(revision=revision, filters=_filters(filter or []), page=page, width=width, dpi=dpi,
                            lang=cli.lang, title=title)
    try:
        data = export(cli.store(), format, options)
    except (ExportError, RevisionError) as error:
        errors.print(f"[red]{error.message.text(cli.lang)}[/red]")
        raise typer.Exit(1) from error
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as error:
        errors.print(f"[red]{output} : {error}[/red]")
        raise typer.Exit(1) from error
    console.print(cli.say(Message("{path} écrit ({size} octets, format {f}).", "{path} written ({size} bytes, {f} format).")
                          .format(path=output, size=len(data), f=format)))
