"""``ecosystem import`` (spreadsheets, affiliation sets, HSDS) and ``ecosystem export-tables``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.cli.base import app, collector_paused, console, errors, state
from ecosystem.i18n import Message
from ecosystem.ingest.apply import FORMATS, ImportResult, import_paths
from ecosystem.ingest.export_tables import export_tables
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.limits import number
from ecosystem.store import StoreError

_KINDS = {
    "acteurs": Message("Acteurs", "Actors"),
    "instances": Message("Instances", "Instances"),
    "participations": Message("Participations", "Memberships"),
    "territoires": Message("Territoires", "Territories"),
    "sources": Message("Sources (fichiers)", "Sources (files)"),
}
_SHOWN = 20


def _summary(result: ImportResult, lang: str) -> None:
    table = Table(title=Message("Importation", "Import").text(lang))
    table.add_column(Message("Quoi", "What").text(lang))
    for header in (Message("Lignes", "Rows"), Message("Ajoutés", "Added"), Message("Modifiés", "Changed")):
        table.add_column(header.text(lang), justify="right")
    for kind, label in _KINDS.items():
        row = [result.rows.get(kind, 0), len(result.added.get(kind, [])), len(result.changed.get(kind, []))]
        if any(row):
            table.add_row(label.text(lang), *(str(n) for n in row))
    console.print(table)
    for kind, ids in result.created.items():
        console.print(
            Message(
                "Créés depuis les participations ({k}, nom = identifiant) : {ids}",
                "Created from the memberships ({k}, name = id): {ids}",
            )
            .format(k=_KINDS[kind].text(lang).lower(), ids=", ".join(ids))
            .text(lang),
            markup=False,
            soft_wrap=True,
        )
    if result.dry_run:
        for label, found in (
            (Message("Ajoutés", "Added"), result.added),
            (Message("Modifiés", "Changed"), result.changed),
        ):
            for kind, ids in found.items():
                shown = ", ".join(i.split("/", 1)[-1] for i in ids[:_SHOWN])
                more = (
                    Message(" … et {n} autres", " … and {n} more").format(n=len(ids) - _SHOWN).text(lang)
                    if len(ids) > _SHOWN
                    else ""
                )
                console.print(
                    f"{label.text(lang)} ({_KINDS[kind].text(lang).lower()}) : {shown}{more}",
                    markup=False,
                    soft_wrap=True,
                )
    counts = {"a": result.triples_added, "r": result.triples_removed}
    if result.dry_run:
        message = Message(
            "Essai : {a} triplet(s) seraient ajoutés et {r} retirés ; rien n'a été écrit.",
            "Dry run: {a} triple(s) would be added and {r} removed; nothing was written.",
        )
    elif result.written:
        message = Message(
            "[green]Importé[/green] : {a} triplet(s) ajoutés, {r} retirés, en une seule écriture (tout ou rien).",
            "[green]Imported[/green]: {a} triple(s) added, {r} removed, in one all-or-nothing write.",
        )
    else:
        message = Message(
            "Rien de nouveau : le graphe contient déjà ces données ; rien n'a été écrit.",
            "Nothing new: the graph already holds this data; nothing was written.",
        )
    console.print(message.format(**counts).text(lang))


def _refusal(failed: ValidationFailed, lang: str, as_json: bool) -> None:
    """The problems listed (at most the limit), then how many more were found."""
    if as_json:
        # Plain json.dumps, not rich's pretty printer: its cost grows much faster than the text.
        print(
            json.dumps(
                {
                    "ecrit": False,
                    "total": failed.total,
                    "autres": failed.unlisted,
                    "problemes": [p.to_dict(lang) for p in failed.problems],
                },
                ensure_ascii=False,
            )
        )
        return
    errors.print(
        Message(
            "[red]Importation refusée : {n} problème(s). Rien n'a été écrit.[/red]",
            "[red]Import refused: {n} problem(s). Nothing was written.[/red]",
        )
        .format(n=failed.total)
        .text(lang)
    )
    for problem in failed.problems:
        errors.print(f"  • {problem.text(lang)}", markup=False, soft_wrap=True)
    if failed.unlisted:
        errors.print(
            Message("  … et {n} autres.", "  … and {n} more.").format(n=number(failed.unlisted)).text(lang),
            markup=False,
        )


@app.command("import")
def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Fichiers XLSX/CSV ou dossiers. / XLSX/CSV files or folders.")],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Montrer ce qui changerait, sans écrire. / Show what would change, without writing."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON. / JSON output.")] = False,
    format: Annotated[str, typer.Option("--format", help="auto, template, affiliation ou hsds.")] = "auto",
) -> None:
    """Importer des tableurs (modèle), un jeu d'affiliations ou un paquet HSDS ; tout ou rien. / Import spreadsheets, all or nothing."""
    cli = state(ctx)
    if format not in FORMATS:
        raise typer.BadParameter(f"--format : {', '.join(FORMATS)}")
    try:
        with collector_paused():
            result = cli.writing(
                lambda store: import_paths(store, paths, dry_run=dry_run, format=format, limits=cli.settings.limits())
            )
    except ValidationFailed as failed:
        _refusal(failed, cli.lang, as_json)
        raise typer.Exit(1) from failed
    except StoreError as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
    if as_json:
        console.print_json(json.dumps(result.to_dict()))
    else:
        _summary(result, cli.lang)


@app.command("export-tables")
def export_tables_command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Fichier .xlsx, ou dossier pour csv. / .xlsx file, or folder for csv."),
    ],
    format: Annotated[str, typer.Option("--format", help="xlsx ou csv.")] = "xlsx",
) -> None:
    """Écrire le graphe dans le modèle de tableur, pour correction et réimportation. / Write the graph in the spreadsheet template."""
    cli = state(ctx)
    if format not in ("xlsx", "csv"):
        raise typer.BadParameter("--format : xlsx, csv")
    written = export_tables(cli.store(), output, format)
    console.print(
        Message("Écrit : {f}", "Written: {f}").format(f=", ".join(str(p) for p in written)).text(cli.lang),
        markup=False,
        soft_wrap=True,
    )
