"""``ecosystem plan``: the action plan's dashboard (indicators, targets, current values)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.analysis.indicators import plan_dashboard
from ecosystem.cli.base import app, console, state
from ecosystem.formatting import number as format_number
from ecosystem.i18n import Message
from ecosystem.queries import plan_graph
from ecosystem.report.words import STATUS, STATUS_SYMBOL


@app.command()
def plan(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option("--date", help="Jour du tableau de bord (AAAA-MM-JJ). / Dashboard day.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON. / JSON output.")] = False,
) -> None:
    """Tableau de bord du plan d'action : cible, valeur actuelle et sa provenance. / Action-plan dashboard."""
    cli = state(ctx)
    try:
        today = date.fromisoformat(day) if day else None
    except ValueError as error:
        raise typer.BadParameter(cli.say(Message("date attendue AAAA-MM-JJ", "expected a YYYY-MM-DD date"))) from error
    statuses = plan_dashboard(plan_graph(cli.store()), today)
    if as_json:
        console.print_json(json.dumps([s.to_dict() for s in statuses]))
        return
    table = Table(title=cli.say(Message("Tableau de bord du plan d'action", "Action-plan dashboard")), show_lines=True)
    for header in (
        Message("Axe", "Axis"),
        Message("Indicateur", "Indicator"),
        Message("Cible", "Target"),
        Message("Valeur", "Value"),
        Message("État", "Status"),
        Message("Provenance", "Where it comes from"),
    ):
        table.add_column(cli.say(header))
    for status in statuses:
        value = (
            "?"
            if status.value is None
            else f"{format_number(status.value, cli.lang)} {status.target_unit or ''}".strip()
        )
        explanation = status.explanation_en if cli.lang == "en" else status.explanation_fr
        state_word = f"{STATUS_SYMBOL[status.status]} {STATUS[status.status].text(cli.lang)}"
        table.add_row(status.axis or "", status.label, status.target or "", value, state_word, explanation)
    console.print(table)
