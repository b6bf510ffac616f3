"""``ecosystem analyze seats|load``: each actor's seats and load, and the over-solicited actors.

The analyses are :mod:`ecosystem.analysis.seats`'s; the rule's words (thresholds, top decile) are
:mod:`ecosystem.presentation`'s.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ecosystem.analysis.seats import decile_rule, over_solicited, redundant_seats, seats_and_load
from ecosystem.cli.analyze import DateOpt, JsonOpt, TopOpt, analyze_app, emit, hours_text, projection_at, titled_table
from ecosystem.cli.base import console, state
from ecosystem.i18n import Message
from ecosystem.presentation import flag_text
from ecosystem.settings import get_settings

__all__ = ["DECILE_OFF", "load_command", "seats_command"]

DECILE_OFF = Message(
    "Règle du décile non appliquée : {n} acteurs ont un siège, il en faut au moins {m}.",
    "Top-decile rule not applied: {n} actors hold a seat, at least {m} are needed.",
)

_LOAD_HEADERS = (Message("Acteur", "Actor"), Message("Sièges", "Seats"), Message("Heures / an", "Hours / year"))
"""The first columns of both tables: the actor, its seats, its hours."""


def _load_cells(cli, projection, load) -> tuple[str, str, str]:
    return (
        projection.label(load.acteur, cli.lang),
        str(load.sieges),
        hours_text(cli, load.heures, load.heures_connues, load.sieges_heures_inconnues),
    )


@analyze_app.command("seats")
def seats_command(ctx: typer.Context, as_json: JsonOpt = False, date: DateOpt = None, top: TopOpt = 20) -> None:
    """Sièges, charge et sièges redondants par acteur. / Seats, load and redundant seats per actor."""
    cli, projection = state(ctx), projection_at(ctx, date)
    loads = seats_and_load(projection)
    redundant = {r["acteur"]: r for r in redundant_seats(projection)}
    rows = sorted(loads.values(), key=lambda load: (-load.sieges, load.acteur))
    if as_json:
        emit(
            [
                load.to_dict()
                | {
                    "sieges_redondants": redundant.get(load.acteur, {}).get("sieges_redondants", 0),
                    "groupes_redondants": redundant.get(load.acteur, {}).get("groupes", []),
                }
                for load in rows
            ]
        )
        return
    table = titled_table(
        cli,
        Message("Sièges et charge par acteur ({d})", "Seats and load per actor ({d})"),
        (*_LOAD_HEADERS, Message("Sièges redondants", "Redundant seats")),
        d=projection.at,
    )
    for load in rows[:top]:
        table.add_row(
            *_load_cells(cli, projection, load), str(redundant.get(load.acteur, {}).get("sieges_redondants", 0))
        )
    console.print(table)


@analyze_app.command("load")
def load_command(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    date: DateOpt = None,
    top: TopOpt = 50,
    seats_threshold: Annotated[
        int | None, typer.Option("--seuil-sieges", help="Seuil de sièges (défaut : réglages). / Seat threshold.")
    ] = None,
    hours_threshold: Annotated[
        float | None,
        typer.Option("--seuil-heures", help="Seuil d'heures par an (défaut : réglages). / Hours-per-year threshold."),
    ] = None,
) -> None:
    """Acteurs sur-sollicités (seuils et décile supérieur). / Over-solicited actors (thresholds and top decile)."""
    cli, projection = state(ctx), projection_at(ctx, date)
    rule = get_settings().over_solicitation_rule(seats_threshold, hours_threshold)
    flagged = over_solicited(projection, rule)
    decile = decile_rule(seats_and_load(projection), rule)
    if as_json:
        emit(
            {
                "seuil_sieges": rule.seats,
                "seuil_heures": rule.hours,
                "regle": rule.to_dict(),
                "decile": decile,
                "acteurs": [load.to_dict() for load in flagged],
            }
        )
        return
    table = titled_table(
        cli,
        Message("Acteurs sur-sollicités ({n})", "Over-solicited actors ({n})"),
        (*_LOAD_HEADERS, Message("Raisons", "Reasons")),
        n=len(flagged),
    )
    for load in flagged[:top]:
        table.add_row(*_load_cells(cli, projection, load), "\n".join(flag_text(f, cli.lang) for f in load.flags))
    console.print(table)
    if not decile["applies"]:
        console.print(cli.say(DECILE_OFF).format(n=decile["actors_with_seats"], m=decile["minimum"]))
