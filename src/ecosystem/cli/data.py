"""``ecosystem load``, ``validate`` and ``stats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.cli.base import app, collector_paused, console, errors, state
from ecosystem.i18n import Message
from ecosystem.loading import LoadError, load_paths, rdf_files, read_rdf_files, reference_context
from ecosystem.queries import stats as store_stats
from ecosystem.store import StoreError
from ecosystem.validation import ValidationReport, validate_graph

PathsArg = Annotated[list[Path], typer.Argument(help="Fichiers ou dossiers RDF. / RDF files or folders.", exists=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON. / JSON output.")]


def _print_report(report: ValidationReport, lang: str) -> None:
    errors.print(
        Message(
            "[red]Données invalides : {n} problème(s). Rien n'a été écrit.[/red]",
            "[red]Invalid data: {n} problem(s). Nothing was written.[/red]",
        )
        .format(n=len(report.violations))
        .text(lang)
    )
    for violation in report.violations:
        errors.print(f"  • {violation.text(lang)}", markup=False, soft_wrap=True)


@app.command()
def load(
    ctx: typer.Context,
    paths: PathsArg,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Ne charger que si le magasin est vide. / Load only into an empty store.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Valider sans écrire. / Validate without writing.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Charger des fichiers RDF (validés SHACL, tout ou rien). / Load RDF files (SHACL-validated, all or nothing)."""
    cli = state(ctx)
    store = cli.store()
    if if_empty and store.triple_count() > 0:
        console.print(
            cli.say(Message("Magasin déjà rempli : rien à charger.", "Store already filled: nothing to load."))
        )
        return
    try:
        with collector_paused():
            result = cli.writing(lambda store: load_paths(store, paths, dry_run=dry_run, limits=cli.settings.limits()))
    except LoadError as error:
        errors.print(error.message.text(cli.lang), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(1) from error
    except StoreError as error:
        errors.print(str(error), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(1) from error
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "fichiers": [str(p) for p in result.files],
                    "ajoutes": result.added,
                    "ecrit": result.written,
                    "triplets": result.triples_after,
                    "validation": result.report.to_dict(),
                }
            )
        )
    if not result.report.conforms:
        if not as_json:
            _print_report(result.report, cli.lang)
        raise typer.Exit(1)
    if not as_json:
        message = (
            Message(
                "{n} triplet(s) nouveaux chargés depuis {f} fichier(s) ; {t} triplets en tout.",
                "{n} new triple(s) loaded from {f} file(s); {t} triples in all.",
            )
            if result.written
            else Message(
                "Rien de nouveau : le magasin contient déjà ces données ({t} triplets).",
                "Nothing new: the store already holds this data ({t} triples).",
            )
        )
        if dry_run:
            message = Message(
                "Essai : {n} triplet(s) seraient ajoutés ; rien n'a été écrit.",
                "Dry run: {n} triple(s) would be added; nothing was written.",
            )
        console.print(message.format(n=result.added, f=len(result.files), t=result.triples_after).text(cli.lang))


@app.command()
def validate(ctx: typer.Context, paths: PathsArg, as_json: JsonOpt = False) -> None:
    """Valider des fichiers RDF avec les formes SHACL, sans rien écrire. / Validate RDF files with the SHACL shapes."""
    cli = state(ctx)
    try:
        data = read_rdf_files(rdf_files(paths), cli.settings.limits())
    except LoadError as error:
        errors.print(error.message.text(cli.lang), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(1) from error
    # References may point to resources already in the store, when there is one.
    context = None
    if cli.settings.backend == "embedded" and cli.settings.store.exists():
        context = reference_context(cli.store(), data)  # the running server's store, when one holds it
    report = validate_graph(data, context)
    if as_json:
        console.print_json(json.dumps(report.to_dict()))
    elif report.conforms:
        console.print(
            cli.say(
                Message(
                    "[green]Valide[/green] : {n} triplets conformes aux formes.",
                    "[green]Valid[/green]: {n} triples conform to the shapes.",
                )
            ).format(n=len(data))
        )
    else:
        _print_report(report, cli.lang)
    if not report.conforms:
        raise typer.Exit(1)


STAT_LABELS = {
    "acteurs": ("Acteurs", "Actors"),
    "instances": ("Instances", "Instances"),
    "participations": ("Participations", "Memberships"),
    "territoires": ("Territoires", "Territories"),
    "axes": ("Axes du plan", "Plan axes"),
    "indicateurs": ("Indicateurs", "Indicators"),
    "evenements": ("Événements", "Events"),
    "enjeux": ("Enjeux couverts", "Issues covered"),
    "triplets": ("Triplets", "Triples"),
}


@app.command()
def stats(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Compter acteurs, instances, participations, territoires, enjeux, triplets. / Count what the graph holds."""
    cli = state(ctx)
    counts = store_stats(cli.store())
    if as_json:
        console.print_json(json.dumps(counts))
        return
    table = Table(title=cli.say(Message("Contenu du graphe", "Graph contents")))
    table.add_column(cli.say(Message("Quoi", "What")))
    table.add_column(cli.say(Message("Nombre", "Count")), justify="right")
    for key, value in counts.items():
        fr, en = STAT_LABELS[key]
        table.add_row(en if cli.lang == "en" else fr, str(value))
    console.print(table)
