"""``ecosystem revision create|list`` and ``ecosystem diff A B``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.cli.base import app, console, errors, state
from ecosystem.i18n import Message
from ecosystem.revisions import RevisionError, create_revision, diff_revisions, list_revisions

revision_app = typer.Typer(help="Révisions de la cartographie. / Cartography revisions.", no_args_is_help=True)
app.add_typer(revision_app, name="revision")

JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON. / JSON output.")]


@revision_app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Nom de la révision (ex. 2025-annuel). / Revision name.")],
    note: Annotated[str | None, typer.Option("--note", help="Note. / Note.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Auteur (organisation ou rôle). / Author (organisation or role).")
    ] = None,
) -> None:
    """Figer le graphe courant en révision nommée. / Freeze the current graph as a named revision."""
    cli = state(ctx)
    try:
        revision = cli.writing(lambda store: create_revision(store, name, note=note, creator=by))
    except RevisionError as error:
        errors.print(f"[red]{error.message.text(cli.lang)}[/red]")
        raise typer.Exit(1) from error
    console.print(
        cli.say(
            Message(
                "Révision « {n} » créée : {t} triplets, {i} import(s).",
                'Revision "{n}" created: {t} triples, {i} import(s).',
            ).format(n=revision.name, t=revision.triples, i=len(revision.imports))
        )
    )


@revision_app.command("list")
def list_command(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Lister les révisions. / List the revisions."""
    cli = state(ctx)
    revisions = list_revisions(cli.store())
    if as_json:
        console.print_json(json.dumps([r.to_dict() for r in revisions]))
        return
    if not revisions:
        console.print(cli.say(Message("Aucune révision.", "No revision.")))
        return
    table = Table(title=cli.say(Message("Révisions", "Revisions")))
    for column in (
        Message("Nom", "Name"),
        Message("Créée", "Created"),
        Message("Triplets", "Triples"),
        Message("Note", "Note"),
    ):
        table.add_column(cli.say(column))
    for r in revisions:
        table.add_row(
            r.name, r.created.isoformat(timespec="seconds") if r.created else "", str(r.triples), r.note or ""
        )
    console.print(table)


@app.command("diff")
def diff_command(
    ctx: typer.Context,
    before: Annotated[str, typer.Argument(help="Révision de départ, ou « courant ». / From revision, or courant.")],
    after: Annotated[str, typer.Argument(help="Révision d'arrivée, ou « courant ». / To revision, or courant.")],
    as_json: JsonOpt = False,
) -> None:
    """Ce qui a changé entre deux révisions. / What changed between two revisions."""
    cli = state(ctx)
    try:
        diff = diff_revisions(cli.store(), before, after, cli.lang)
    except RevisionError as error:
        errors.print(f"[red]{error.message.text(cli.lang)}[/red]")
        raise typer.Exit(1) from error
    if as_json:
        console.print_json(json.dumps(diff.to_dict()))
        return
    _print_diff(diff, cli)


KIND_NAMES = {
    "acteurs": ("Acteurs", "Actors"),
    "instances": ("Instances", "Instances"),
    "participations": ("Participations", "Memberships"),
    "mandats": ("Mandats", "Mandates"),
    "roles": ("Rôles", "Roles"),
}


def _print_diff(diff, cli) -> None:
    say = lambda fr, en: en if cli.lang == "en" else fr  # noqa: E731
    console.print(
        say(
            f"[bold]Différences {diff.before} → {diff.after}[/bold]",
            f"[bold]Differences {diff.before} → {diff.after}[/bold]",
        )
    )
    if diff.empty:
        console.print(say("Aucune différence.", "No difference."))
    for key, kind in diff.kinds.items():
        if not kind:
            continue
        console.print(f"\n[bold]{say(*KIND_NAMES[key])}[/bold]")
        for sign, changes in (("+", kind.added), ("-", kind.removed), ("~", kind.changed)):
            for change in changes:
                console.print(f"  {sign} {change.label}", markup=False)
                for field, values in change.fields.items():
                    console.print(
                        f"      {field}: {'; '.join(values['avant']) or '∅'} → {'; '.join(values['apres']) or '∅'}",
                        markup=False,
                    )
    for values in diff.analyses.values():
        console.print(f"\n[bold]{values['titre']}[/bold]")
        console.print(
            f"  {say('avant', 'before')}: {values['avant']['resume']}  →  {say('après', 'after')}: {values['apres']['resume']}",
            markup=False,
        )
