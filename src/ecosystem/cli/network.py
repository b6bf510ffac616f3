"""``ecosystem analyze brokers|communities|nested|bridges|concentration``: the network measures.

The analyses return IRIs, numbers and codes; labels and words come from
:mod:`ecosystem.presentation` in the reader's language (``--lang en``).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ecosystem import formatting
from ecosystem.analysis.bridges import fragile_bridges
from ecosystem.analysis.communities import METHODS, SELECTIONS
from ecosystem.analysis.concentration import concentration
from ecosystem.analysis.nesting import MIN_OVERLAP, nested_tables
from ecosystem.analysis.structure import structure
from ecosystem.cli.analyze import DateOpt, JsonOpt, SeedOpt, TopOpt, analyze_app, emit, projection_at, titled_table
from ecosystem.cli.base import console, errors, state
from ecosystem.i18n import Message
from ecosystem.presentation import community_label, describe_bridge, describe_method, say


def _table(cli, title: Message, headers: tuple, **values: object) -> Table:
    return titled_table(cli, title, headers, show_lines=True, **values)


def _centrality_method(cli, method: dict) -> str:
    def one(code: str) -> str:
        return say(code, cli.lang, k=method["pivots"]) if code == "pivots" else say(code, cli.lang)

    return cli.say(Message("intermédiarité {b}, proximité {c}", "betweenness {b}, closeness {c}")).format(
        b=one(method["intermediarite"]), c=one(method["proximite"])
    )


def _print_bridging(cli, projection, bridging: list[dict]) -> None:
    """The instances that bridge the network, by their two-mode betweenness."""
    bridges = _table(
        cli,
        Message("Instances qui font le pont (intermédiarité bimodale)", "Bridging instances (two-mode betweenness)"),
        (
            Message("Instance", "Instance"),
            Message("Intermédiarité", "Betweenness"),
            Message("Degré", "Degree"),
            Message("Proximité", "Closeness"),
        ),
    )
    for row in bridging:
        bridges.add_row(
            projection.label(row["instance"], cli.lang),
            formatting.number(row["intermediarite"], cli.lang, 4),
            formatting.number(row["degre"], cli.lang, 3),
            formatting.number(row["proximite"], cli.lang, 3),
        )
    console.print(bridges)


@analyze_app.command("brokers")
def brokers_command(
    ctx: typer.Context, as_json: JsonOpt = False, date: DateOpt = None, top: TopOpt = 20, seed: SeedOpt = 0
) -> None:
    """Courtiers et instances qui font le pont : intermédiarité bimodale, contrainte de Burt. / Brokers and bridging instances."""
    cli, projection = state(ctx), projection_at(ctx, date)
    result = structure(projection, seed)
    brokers, bridging = result.brokers(projection, top), result.bridging_instances(projection, top)
    if as_json:
        emit(
            {
                "courtiers": brokers,
                "instances_pont": bridging,
                "methode": result.methode,
                "isoles": result.isoles,
                "composantes": result.composantes,
            }
        )
        return
    table = _table(
        cli,
        Message("Courtiers (intermédiarité bimodale)", "Brokers (two-mode betweenness)"),
        (
            Message("Acteur", "Actor"),
            Message("Intermédiarité", "Betweenness"),
            Message("Degré", "Degree"),
            Message("Proximité", "Closeness"),
            Message("Contrainte", "Constraint"),
        ),
    )
    for row in brokers:
        constraint = "—" if row["contrainte"] is None else formatting.number(row["contrainte"], cli.lang, 3)
        table.add_row(
            projection.label(row["acteur"], cli.lang),
            formatting.number(row["intermediarite"], cli.lang, 4),
            formatting.number(row["degre"], cli.lang, 3),
            formatting.number(row["proximite"], cli.lang, 3),
            constraint,
        )
    console.print(table)
    _print_bridging(cli, projection, bridging)
    console.print(
        cli.say(
            Message("Méthode : {m}. Isolés : {i}. Composantes : {c}.", "Method: {m}. Isolates: {i}. Components: {c}.")
        ).format(m=_centrality_method(cli, result.methode), i=len(result.isoles), c=len(result.composantes))
    )


def _choice(cli, option: Message, value: str, choices) -> None:
    """Nothing when ``value`` is one of ``choices``; else the choices said, and a usage error (status 2)."""
    if value not in choices:
        errors.print(
            cli.say(Message("{o} « {m} » inconnue ; choix : {c}.", "{o} “{m}” unknown; choices: {c}.")).format(
                o=cli.say(option), m=value, c=", ".join(choices)
            )
        )
        raise typer.Exit(2)


@analyze_app.command("communities")
def communities_command(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    date: DateOpt = None,
    top: TopOpt = 20,
    seed: SeedOpt = 0,
    method: Annotated[
        str,
        typer.Option(
            "--methode", "--method", help="barber (Q_B bimodale, défaut) ou projection. / barber or projection."
        ),
    ] = "barber",
    selection: Annotated[
        str,
        typer.Option(
            "--selection",
            help=(
                "persistante (optimale sur la plus large plage de résolutions, défaut) ou maximum (Q_B le plus élevé). "
                "/ persistante (optimal over the widest range of resolutions, default) or maximum (highest Q_B)."
            ),
        ),
    ] = "persistante",
) -> None:
    """Communautés bimodales (modularité de Barber, graine fixe). / Two-mode communities (Barber's modularity, fixed seed)."""
    cli, projection = state(ctx), projection_at(ctx, date)
    _choice(cli, Message("--methode", "--method"), method, METHODS)
    _choice(cli, Message("--selection", "--selection"), selection, SELECTIONS)
    result = structure(projection, seed, community_method=method, community_selection=selection)
    if as_json:
        emit({"communautes": result.communautes, "methode": result.methode})
        return
    table = _table(
        cli,
        Message("Communautés", "Communities"),
        (
            Message("N°", "No."),
            Message("Repère", "Landmark"),
            Message("Taille", "Size"),
            Message("Instances", "Instances"),
            Message("Acteurs", "Actors"),
        ),
    )
    for group in result.communautes[:top]:
        names = [projection.label(i["iri"], cli.lang) for i in group["instances"]]
        table.add_row(
            str(group["numero"]),
            community_label(projection, group, cli.lang),
            str(group["taille"]),
            "\n".join(names[:8]) + ("\n…" if len(names) > 8 else ""),
            str(len(group["acteurs"])),
        )
    console.print(table)
    console.print(describe_method(result.methode["communautes"], cli.lang))


@analyze_app.command("nested")
def nested_command(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    date: DateOpt = None,
    top: TopOpt = 30,
    minimum: Annotated[
        float, typer.Option("--seuil", min=0.0, max=1.0, help="c_min minimal (0–1). / Minimum c_min.")
    ] = MIN_OVERLAP,
) -> None:
    """Tables emboîtées : c_min et Jaccard des membres (Latapy et al.). / Nested tables: member c_min and Jaccard."""
    cli, projection = state(ctx), projection_at(ctx, date)
    pairs = nested_tables(projection, minimum)
    if as_json:
        emit({"seuil": minimum, "paires": pairs})
        return
    table = _table(
        cli,
        Message("Tables emboîtées ou redondantes ({n})", "Nested or redundant tables ({n})"),
        (Message("Constat", "Finding"), Message("c_min", "c_min"), Message("Jaccard", "Jaccard")),
        n=len(pairs),
    )
    for pair in pairs[:top]:
        a, b = projection.label(pair["a"], cli.lang), projection.label(pair["b"], cli.lang)
        finding = say(pair["finding"], cli.lang, a=a, b=b, n=pair["size_a"]) if pair["finding"] else f"{a} ~ {b}"
        table.add_row(
            finding, formatting.number(pair["c_min"], cli.lang, 2), formatting.number(pair["jaccard"], cli.lang, 2)
        )
    console.print(table)


@analyze_app.command("bridges")
def bridges_command(ctx: typer.Context, as_json: JsonOpt = False, date: DateOpt = None, top: TopOpt = 30) -> None:
    """Ponts fragiles : acteurs seuls à relier des groupes de tables. / Fragile bridges: actors alone linking groups of tables."""
    cli, projection = state(ctx), projection_at(ctx, date)
    bridges = fragile_bridges(projection)
    if as_json:
        emit({"ponts": bridges})
        return
    table = _table(
        cli,
        Message("Ponts fragiles ({n})", "Fragile bridges ({n})"),
        (Message("Acteur", "Actor"), Message("Redondance", "Redundancy"), Message("Pourquoi", "Why")),
        n=len(bridges),
    )
    for bridge in bridges[:top]:
        redundancy = "—" if bridge["redundancy"] is None else formatting.number(bridge["redundancy"], cli.lang, 2)
        table.add_row(
            projection.label(bridge["actor"], cli.lang), redundancy, describe_bridge(projection, bridge, cli.lang)
        )
    console.print(table)


@analyze_app.command("concentration")
def concentration_command(ctx: typer.Context, as_json: JsonOpt = False, date: DateOpt = None) -> None:
    """Concentration des sièges (parts, Gini) et regroupement bimodal (Robins–Alexander). / Seat concentration and clustering."""
    cli, projection = state(ctx), projection_at(ctx, date)
    result = concentration(projection)
    if as_json:
        emit(result.to_dict())
        return
    table = _table(
        cli,
        Message("Concentration des sièges", "Seat concentration"),
        (Message("Mesure", "Measure"), Message("Valeur", "Value")),
    )
    for percent, share in result.top_shares.items():
        table.add_row(
            cli.say(
                Message(
                    "Part des sièges des {p} % d'acteurs les plus sollicités",
                    "Share of seats of the top {p} % of actors",
                )
            ).format(p=percent),
            formatting.percent(share, cli.lang),
        )
    for label, value in (
        (Message("Gini des sièges", "Gini of seats"), result.gini_seats),
        (
            Message("Gini des heures (acteurs aux heures connues)", "Gini of hours (actors with known hours)"),
            result.gini_hours,
        ),
        (
            Message("Regroupement bimodal (Robins–Alexander)", "Two-mode clustering (Robins–Alexander)"),
            result.robins_alexander,
        ),
    ):
        table.add_row(cli.say(label), "—" if value is None else formatting.number(value, cli.lang, 3))
    console.print(table)
    console.print(
        cli.say(
            Message(
                "{n} acteurs avec au moins un siège, {s} sièges ; {h} acteurs aux heures toutes connues.",
                "{n} actors with a seat, {s} seats; {h} actors with all hours known.",
            )
        ).format(n=result.actors_with_seats, s=result.seats, h=result.actors_with_known_hours)
    )
