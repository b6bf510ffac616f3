"""``ecosystem analyze merge`` and ``ecosystem check``: what a change to the network would do.

``merge``: the seats and hours saved if instances merged (:mod:`ecosystem.analysis.merge`).
``check``: before creating an initiative, the instances that already cover it and what it would
ask of its intended partners (:mod:`ecosystem.analysis.check`). Both name instances, actors and
concepts as a reader does (name, acronym or id) and say what a name does not match.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ecosystem.analysis.check import (
    CheckResult,
    Initiative,
    check_initiative,
    find_actors,
    find_concept,
    find_instances,
    find_territory,
)
from ecosystem.analysis.merge import what_if_merge
from ecosystem.analysis.seats import decile_rule, seats_and_load
from ecosystem.cli.analyze import (
    UNKNOWN,
    DateOpt,
    JsonOpt,
    TopOpt,
    analyze_app,
    emit,
    hours_text,
    projection_at,
    titled_table,
)
from ecosystem.cli.base import app, console, errors, state
from ecosystem.cli.mandates import OVERLAP_HEADERS, explain_overlap
from ecosystem.i18n import Message
from ecosystem.projection import Projection
from ecosystem.settings import get_settings

__all__ = ["REASONS", "check_command", "merge_command"]

REASONS = {
    "sieges": Message("sièges > {t:g}", "seats > {t:g}"),
    "heures": Message("heures > {t:g}", "hours > {t:g}"),
    "decile": Message(
        "parmi les 10 % les plus sollicités (sièges > {t:g})", "among the 10 % most solicited (seats > {t:g})"
    ),
}
"""The thresholds a partner would cross, in words (the codes of ``franchit``)."""


def _resolve(cli, found: list[str], what: Message, value: str, options: list[str]) -> list[str]:
    """``found``, or an error (status 1) that lists the possible values when ``value`` matches nothing."""
    if not found:
        errors.print(
            cli.say(
                Message("{w} « {v} » introuvable. Valeurs possibles : {o}", "{w} “{v}” not found. Possible values: {o}")
            ).format(w=cli.say(what), v=value, o=", ".join(sorted(options)[:40]))
        )
        raise typer.Exit(1)
    return found


def _only_one(
    cli, projection: Projection, found: list[str], what: Message, value: str, options: list[str], ambiguous: Message
) -> str:
    """The single match of ``value``, or an error (status 1): none matches, or a name is ambiguous (the candidates)."""
    found = _resolve(cli, found, what, value, options)
    if len(found) > 1:
        errors.print(cli.say(ambiguous).format(v=value, o=", ".join(projection.label(i) for i in found)))
        raise typer.Exit(1)
    return found[0]


@analyze_app.command("merge")
def merge_command(
    ctx: typer.Context,
    instances: Annotated[
        list[str], typer.Argument(help="Deux instances ou plus (nom, sigle ou id). / Two or more instances.")
    ],
    as_json: JsonOpt = False,
    date: DateOpt = None,
) -> None:
    """Et si ces instances fusionnaient ? Sièges et heures économisés par acteur. / What if these instances merged?"""
    cli, projection = state(ctx), projection_at(ctx, date)
    options = [projection.label(i) for i in projection.instances]
    ambiguous = Message(
        "Instance « {v} » ambiguë : {o}. Précisez le nom ou l'id.",
        "Instance “{v}” is ambiguous: {o}. Give the name or id.",
    )
    what = Message("Instance", "Instance")
    chosen = [
        _only_one(cli, projection, find_instances(projection, value), what, value, options, ambiguous)
        for value in instances
    ]
    if len(set(chosen)) < 2:
        errors.print(
            cli.say(Message("Nommez au moins deux instances différentes.", "Name at least two different instances."))
        )
        raise typer.Exit(1)
    result = what_if_merge(projection, chosen)
    if as_json:
        emit(result.to_dict())
        return
    _print_merge(cli, projection, result, chosen)


def _print_merge(cli, projection: Projection, result, chosen: list[str]) -> None:
    """The seats and hours each actor saves, then the totals."""
    table = titled_table(
        cli,
        Message("Fusion de {n}", "Merging {n}"),
        (
            Message("Acteur", "Actor"),
            Message("Sièges avant", "Seats before"),
            Message("Sièges économisés", "Seats saved"),
            Message("Heures / an économisées", "Hours / year saved"),
        ),
        n=" + ".join(projection.label(i, cli.lang) for i in sorted(set(chosen))),
    )
    for row in result.acteurs:
        saved = cli.say(UNKNOWN) if row["heures_economisees"] is None else f"{row['heures_economisees']:g}"
        table.add_row(
            projection.label(row["acteur"], cli.lang), str(row["sieges_avant"]), str(row["sieges_economises"]), saved
        )
    console.print(table)
    total = cli.say(UNKNOWN) if result.heures_economisees is None else f"{result.heures_economisees:g}"
    console.print(
        cli.say(
            Message(
                "En tout : {s} siège(s) économisé(s) ; heures par an économisées : {h} ; {m} membres après la fusion.",
                "In all: {s} seat(s) saved; hours per year saved: {h}; {m} members after the merge.",
            )
        ).format(s=result.sieges_economises, h=total, m=result.membres_apres)
    )


@app.command("check")
def check_command(
    ctx: typer.Context,
    issues: Annotated[
        list[str], typer.Option("--enjeu", help="Enjeu (étiquette ou notation), répétable. / Issue, repeatable.")
    ],
    territory: Annotated[str, typer.Option("--territoire", help="Territoire (nom ou id). / Territory.")],
    functions: Annotated[list[str] | None, typer.Option("--fonction", help="Fonction, répétable. / Function.")] = None,
    populations: Annotated[
        list[str] | None, typer.Option("--population", help="Population cible, répétable. / Target population.")
    ] = None,
    partners: Annotated[
        list[str] | None,
        typer.Option("--partenaire", help="Partenaire pressenti (nom, sigle ou id), répétable. / Intended partner."),
    ] = None,
    text: Annotated[str | None, typer.Option("--texte", help="Description libre. / Free text.")] = None,
    name: Annotated[str, typer.Option("--nom", help="Nom de l'initiative. / Initiative name.")] = "Nouvelle initiative",
    hours: Annotated[
        float | None,
        typer.Option("--heures", help="Heures par an prévues par partenaire. / Hours per year per partner."),
    ] = None,
    as_json: JsonOpt = False,
    date: DateOpt = None,
    top: TopOpt = 10,
) -> None:
    """Vérifier une initiative avant de la créer : chevauchements et sur-sollicitation. / Check an initiative before creating it."""
    cli, projection = state(ctx), projection_at(ctx, date)
    where = _resolve(
        cli,
        find_territory(projection, territory),
        Message("Territoire", "Territory"),
        territory,
        [t["label"] for t in projection.territories.values()],
    )[0]
    concepts = _concepts(cli, projection, issues, functions or [], populations or [])
    actors = _partners(cli, projection, partners or [], where)
    initiative = Initiative(
        name, concepts["issues"], where, concepts["functions"], concepts["populations"], actors, text, hours
    )
    rule = get_settings().over_solicitation_rule()
    result = check_initiative(projection, initiative, rule, top=top)
    floor = decile_rule(seats_and_load(projection), rule)["floor"]
    if as_json:
        emit(result.to_dict())
        return
    _print_overlaps(cli, projection, initiative, result)
    _print_partners(cli, projection, result, {"sieges": rule.seats, "heures": rule.hours, "decile": floor})


def _concepts(cli, projection: Projection, issues: list[str], functions: list[str], populations: list[str]) -> dict:
    """The initiative's issues, functions and populations as concept IRIs (sorted, without repeats)."""
    concepts = projection.concepts

    def scheme_values(scheme: str) -> list[str]:
        return [e["label"] for e in concepts.values() if (e.get("scheme") or "").endswith("/" + scheme)]

    resolved = {}
    for key, scheme, values, what in (
        ("issues", "enjeux", issues, Message("Enjeu", "Issue")),
        ("functions", "fonctions", functions, Message("Fonction", "Function")),
        ("populations", "populations", populations, Message("Population", "Population")),
    ):
        resolved[key] = tuple(
            sorted(
                {
                    iri
                    for v in values
                    for iri in _resolve(cli, find_concept(projection, v, scheme), what, v, scheme_values(scheme))
                }
            )
        )
    return resolved


def _partners(cli, projection: Projection, partners: list[str], where: str) -> tuple[str, ...]:
    """The intended partners as actor IRIs, each name matching one actor (those of ``where`` first)."""
    options = [projection.label(a) for a in projection.actors]
    ambiguous = Message(
        "Partenaire « {v} » ambigu : {o}. Précisez le nom ou le sigle.",
        "Partner “{v}” is ambiguous: {o}. Give the name or acronym.",
    )
    what = Message("Partenaire", "Partner")
    return tuple(
        _only_one(cli, projection, find_actors(projection, partner, where), what, partner, options, ambiguous)
        for partner in partners
    )


def _print_overlaps(cli, projection: Projection, initiative: Initiative, result: CheckResult) -> None:
    """The instances that already cover the initiative, ranked, then those to join instead."""
    table = titled_table(
        cli,
        Message("Instances qui couvrent déjà « {n} » ({e} — {t})", "Instances already covering “{n}” ({e} — {t})"),
        (Message("Rang", "Rank"), *OVERLAP_HEADERS),
        show_lines=True,
        n=initiative.name,
        e=", ".join(projection.label(i, cli.lang) for i in initiative.issues),
        t=projection.label(initiative.territory, cli.lang),
    )
    for rank, overlap in enumerate(result.instances, 1):
        table.add_row(
            str(rank),
            projection.label(overlap.b, cli.lang),
            f"{overlap.score:.2f}",
            explain_overlap(cli, projection, overlap.components),
        )
    console.print(table)
    if result.suggestions:
        console.print(
            cli.say(Message("À rejoindre plutôt que créer : {s}", "Join instead of creating: {s}")).format(
                s="; ".join(f"{projection.label(s['iri'], cli.lang)} ({s['score']:.2f})" for s in result.suggestions)
            )
        )


def _print_partners(cli, projection: Projection, result: CheckResult, limits: dict) -> None:
    """Each intended partner's seats and hours before and after, and the thresholds it would cross."""
    table = titled_table(
        cli,
        Message("Partenaires pressentis", "Intended partners"),
        (
            Message("Partenaire", "Partner"),
            Message("Sièges avant → après", "Seats before → after"),
            Message("Heures / an avant → après", "Hours / year before → after"),
            Message("Seuils franchis", "Thresholds crossed"),
        ),
    )
    for row in result.partenaires:
        before = hours_text(cli, row["heures_avant"], row["heures_connues_avant"], row["sieges_heures_inconnues"])
        after = cli.say(UNKNOWN) if row["heures_apres"] is None else f"{row['heures_apres']:g}"
        crossed = ", ".join(cli.say(REASONS[r]).format(t=limits[r]) for r in row["franchit"]) or "—"
        table.add_row(
            projection.label(row["acteur"], cli.lang),
            f"{row['sieges_avant']} → {row['sieges_apres']}",
            f"{before} → {after}",
            crossed,
        )
    if result.partenaires:
        console.print(table)
