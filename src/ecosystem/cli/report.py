"""``ecosystem report``: the plan's annual activity report, as HTML, PDF or Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ecosystem.cli.base import app, console, errors, state
from ecosystem.export.formats import ExportOptions, export
from ecosystem.i18n import Message
from ecosystem.report.annual import annual_report
from ecosystem.report.render import FORMATS, render_report


@app.command()
def report(
    ctx: typer.Context,
    year: Annotated[
        int, typer.Option("--year", help="Année du rapport (AAAA). / Year of the report.")
    ] = date.today().year,
    format: Annotated[
        str | None, typer.Option("--format", help="html, pdf ou md (sinon, l'extension de -o). / html, pdf or md.")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Fichier écrit. / File written.")] = None,
) -> None:
    """Rapport annuel d'activités du plan : indicateurs et leur état, livrables, événements, chiffres, carte. / Annual activity report."""
    cli = state(ctx)
    format = format or (output.suffix.lstrip(".").lower() if output is not None else "html")
    if format not in FORMATS:
        errors.print(
            cli.say(
                Message(
                    "Format inconnu : « {f} ». Formats : {known}.", "Unknown format: “{f}”. Formats: {known}."
                ).format(f=format, known=", ".join(FORMATS))
            ),
            markup=False,
        )
        raise typer.Exit(2)
    if not 1900 < year < 2200:
        errors.print(
            cli.say(
                Message(
                    "Année invalide : {y}. Écrivez-la sur quatre chiffres, par exemple 2025.",
                    "Invalid year: {y}. Write it with four digits, for example 2025.",
                ).format(y=year)
            ),
            markup=False,
        )
        raise typer.Exit(2)
    store = cli.store()
    content = annual_report(store, year)
    map_svg = (
        export(store, "svg", ExportOptions(lang=cli.lang, page="letter", today=content.day)) if format != "md" else None
    )
    data = render_report(content, format, cli.lang, map_svg)
    output = output or Path(f"rapport-annuel-{year}.{format}")
    output.write_bytes(data)
    console.print(
        cli.say(Message("Rapport {y} écrit : {p}", "Report {y} written: {p}").format(y=year, p=output)), markup=False
    )
