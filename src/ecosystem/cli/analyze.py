"""``ecosystem analyze seats|load|duplicates|overconcertation|merge`` and ``ecosystem check`` (the network
measures — brokers, communities, nested, bridges, concentration — are in :mod:`ecosystem.cli.network`).

Readable Rich tables in French by default (``--lang en``), ``--json`` for scripts,
``--date`` to look at the memberships active at another date.
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.analysis.check import (
    Initiative,
    check_initiative,
    find_actors,
    find_concept,
    find_instances,
    find_territory,
)
from ecosystem.analysis.duplicates import DUPLICATE_THRESHOLD, duplicated_mandates
from ecosystem.analysis.merge import what_if_merge
from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.analysis.seats import decile_rule, over_solicited, redundant_seats, seats_and_load
from ecosystem.cli import app, console, errors, state
from ecosystem.i18n import Message
from ecosystem.presentation import flag_text, say
from ecosystem.projection import Projection, build_projection
from ecosystem.settings import get_settings

analyze_app = typer.Typer(help="Analyses du réseau. / Network analyses.", no_args_is_help=True)
app.add_typer(analyze_app, name="analyze")

JsonOpt = Annotated[bool, typer.Option("--json", help="Sortie JSON. / JSON output.")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Participations actives à cette date (AAAA-MM-JJ ; défaut : aujourd'hui). / Memberships active at this date.",
    ),
]
TopOpt = Annotated[int, typer.Option("--top", help="Nombre de lignes affichées. / Rows shown.")]
SeedOpt = Annotated[int, typer.Option("--graine", "--seed", help="Graine (résultats reproductibles). / Seed.")]

UNKNOWN = Message("inconnu", "unknown")


@analyze_app.callback()
def _analyses(
    ctx: typer.Context,
    since: Annotated[
        int | None,
        typer.Option(
            "--depuis",
            min=1000,
            max=9999,
            help="Seulement les faits attestés ou confirmés depuis cette année (AAAA ; défaut : tous ; une confirmation renouvelle un fait). / Only facts attested or confirmed since this year (default: all; a confirmation renews a fact).",
        ),
    ] = None,
) -> None:
    ctx.meta["since"] = since


def _projection(ctx: typer.Context, date: str | None) -> Projection:
    cli = state(ctx)
    at = None
    if date:
        try:
            at = datetime.date.fromisoformat(date)
        except ValueError as error:
            errors.print(
                cli.say(
                    Message(
                        "--date « {d} » : date invalide ; écrivez AAAA-MM-JJ, p. ex. 2025-04-01.",
                        "--date “{d}”: invalid date; write YYYY-MM-DD, e.g. 2025-04-01.",
                    ).format(d=date)
                )
            )
            raise typer.Exit(2) from error
    return build_projection(cli.store(), at, ctx.meta.get("since"))


def _emit(data) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False, default=str))


def _hours(cli, hours, known, unknown_seats) -> str:
    if hours is not None:
        return f"{hours:g}"
    return cli.say(
        Message("inconnu (≥ {k:g} ; {n} siège(s) sans heures)", "unknown (≥ {k:g}; {n} seat(s) without hours)").format(
            k=known, n=unknown_seats
        )
    )


@analyze_app.command("seats")
def seats_command(ctx: typer.Context, as_json: JsonOpt = False, date: DateOpt = None, top: TopOpt = 20) -> None:
    """Sièges, charge et sièges redondants par acteur. / Seats, load and redundant seats per actor."""
    cli, projection = state(ctx), _projection(ctx, date)
    loads = seats_and_load(projection)
    redundant = {r["acteur"]: r for r in redundant_seats(projection)}
    rows = sorted(loads.values(), key=lambda load: (-load.sieges, load.acteur))
    if as_json:
        _emit(
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
    table = Table(
        title=cli.say(Message("Sièges et charge par acteur ({d})", "Seats and load per actor ({d})")).format(
            d=projection.at
        )
    )
    for header in (
        Message("Acteur", "Actor"),
        Message("Sièges", "Seats"),
        Message("Heures / an", "Hours / year"),
        Message("Sièges redondants", "Redundant seats"),
    ):
        table.add_column(cli.say(header))
    for load in rows[:top]:
        table.add_row(
            projection.label(load.acteur, cli.lang),
            str(load.sieges),
            _hours(cli, load.heures, load.heures_connues, load.sieges_heures_inconnues),
            str(redundant.get(load.acteur, {}).get("sieges_redondants", 0)),
        )
    console.print(table)


REASONS = {
    "sieges": Message("sièges > {t:g}", "seats > {t:g}"),
    "heures": Message("heures > {t:g}", "hours > {t:g}"),
    "decile": Message(
        "parmi les 10 % les plus sollicités (sièges > {t:g})", "among the 10 % most solicited (seats > {t:g})"
    ),
}
DECILE_OFF = Message(
    "Règle du décile non appliquée : {n} acteurs ont un siège, il en faut au moins {m}.",
    "Top-decile rule not applied: {n} actors hold a seat, at least {m} are needed.",
)


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
    cli, projection = state(ctx), _projection(ctx, date)
    rule = get_settings().over_solicitation_rule(seats_threshold, hours_threshold)
    flagged = over_solicited(projection, rule)
    decile = decile_rule(seats_and_load(projection), rule)
    if as_json:
        _emit(
            {
                "seuil_sieges": rule.seats,
                "seuil_heures": rule.hours,
                "regle": rule.to_dict(),
                "decile": decile,
                "acteurs": [load.to_dict() for load in flagged],
            }
        )
        return
    table = Table(
        title=cli.say(Message("Acteurs sur-sollicités ({n})", "Over-solicited actors ({n})")).format(n=len(flagged))
    )
    for header in (
        Message("Acteur", "Actor"),
        Message("Sièges", "Seats"),
        Message("Heures / an", "Hours / year"),
        Message("Raisons", "Reasons"),
    ):
        table.add_column(cli.say(header))
    for load in flagged[:top]:
        reasons = "\n".join(flag_text(f, cli.lang) for f in load.flags)
        table.add_row(
            projection.label(load.acteur, cli.lang),
            str(load.sieges),
            _hours(cli, load.heures, load.heures_connues, load.sieges_heures_inconnues),
            reasons,
        )
    console.print(table)
    if not decile["applies"]:
        console.print(cli.say(DECILE_OFF).format(n=decile["actors_with_seats"], m=decile["minimum"]))


def _relation(cli, code: str | None) -> str:
    return cli.say(UNKNOWN) if code is None else say(code, cli.lang)


def _explain(cli, projection: Projection, components: dict) -> str:
    issues = "; ".join(
        projection.label(m["enjeu"], cli.lang)
        + (
            ""
            if m["relation"] == "meme"
            else f" ~ {projection.label(m['correspond'], cli.lang)} ({_relation(cli, m['relation'])})"
        )
        for m in components["enjeux"]["correspondances"]
    )
    territory = components["territoire"]
    members = ", ".join(projection.label(m["iri"], cli.lang) for m in components["membres"]["communs"][:5])
    shares = " ".join(f"{k} {v['part']:.0%}" for k, v in components.items() if v["contribution"])
    lines = [
        cli.say(Message("enjeux : {e}", "issues: {e}")).format(e=issues or "—"),
        cli.say(Message("territoire : {r} ({a} / {b})", "territory: {r} ({a} / {b})")).format(
            r=_relation(cli, territory["relation"]),
            a=projection.label(territory["a"], cli.lang) or "?",
            b=projection.label(territory["b"], cli.lang) or "?",
        ),
        cli.say(Message("membres communs : {m}", "shared members: {m}")).format(m=members or "—"),
        cli.say(Message("parts : {p}", "shares: {p}")).format(p=shares),
    ]
    if components["texte"]["mots"]:
        lines.insert(
            3,
            cli.say(Message("mots communs : {w}", "shared words: {w}")).format(
                w=", ".join(components["texte"]["mots"])
            ),
        )
    return "\n".join(lines)


@analyze_app.command("duplicates")
def duplicates_command(
    ctx: typer.Context,
    as_json: JsonOpt = False,
    date: DateOpt = None,
    top: TopOpt = 30,
    threshold: Annotated[
        float, typer.Option("--seuil", help="Score minimal (0–1). / Minimum score.")
    ] = DUPLICATE_THRESHOLD,
) -> None:
    """Mandats dédoublés : paires, groupes, membres identiques. / Duplicated mandates: pairs, groups, identical members."""
    cli, projection = state(ctx), _projection(ctx, date)
    try:
        result = duplicated_mandates(projection, threshold)
    except ValueError as error:
        errors.print(str(error))
        raise typer.Exit(2) from error
    if as_json:
        _emit(result.to_dict())
        return
    if not result.paires:
        console.print(
            cli.say(
                Message(
                    "Aucune paire au score ≥ {s} qui partage un enjeu sur des territoires qui se recouvrent ; "
                    "--seuil plus bas pour voir les chevauchements plus faibles.",
                    "No pair scoring ≥ {s} shares an issue on overlapping territories; "
                    "lower --seuil to see weaker overlaps.",
                )
            ).format(s=threshold)
        )
    table = Table(
        title=cli.say(
            Message("Mandats dédoublés (score ≥ {s}) : {n} paire(s)", "Duplicated mandates (score ≥ {s}): {n} pair(s)")
        ).format(s=threshold, n=len(result.paires)),
        show_lines=True,
    )
    for header in (
        Message("Instance A", "Instance A"),
        Message("Instance B", "Instance B"),
        Message("Score", "Score"),
        Message("Pourquoi", "Why"),
    ):
        table.add_column(cli.say(header))
    for overlap in result.paires[:top]:
        table.add_row(
            projection.label(overlap.a, cli.lang),
            projection.label(overlap.b, cli.lang),
            f"{overlap.score:.2f}",
            _explain(cli, projection, overlap.components),
        )
    console.print(table)
    for group in result.groupes:
        if len(group["instances"]) > 2:
            console.print(
                cli.say(Message("Groupe : {g}", "Group: {g}")).format(
                    g=", ".join(projection.label(i["iri"], cli.lang) for i in group["instances"])
                )
            )
    for same in result.membres_identiques:
        console.print(
            cli.say(Message("Membres identiques ({n}) : {i}", "Identical members ({n}): {i}")).format(
                n=len(same["membres"]), i=", ".join(projection.label(i, cli.lang) for i in same["instances"])
            )
        )


@analyze_app.command("overconcertation")
def overconcertation_command(ctx: typer.Context, as_json: JsonOpt = False, date: DateOpt = None) -> None:
    """Matrice territoire × enjeu : instances, chevauchement, lacunes. / Territory × issue matrix, overlap, gaps."""
    cli, projection = state(ctx), _projection(ctx, date)
    matrix = overconcertation_matrix(projection)
    if as_json:
        _emit(matrix.to_dict())
        return
    table = Table(
        title=cli.say(
            Message(
                "Surconcertation : instances par enjeu et territoire (— = lacune)",
                "Over-concertation: instances per issue and territory (— = gap)",
            )
        )
    )
    table.add_column(cli.say(Message("Enjeu", "Issue")))
    for row in matrix.territoires:  # issues as rows: there are fewer territories than issues on a screen
        table.add_column(projection.label(row["iri"], cli.lang), justify="right")
    for issue in matrix.enjeux:
        cells = []
        for row in matrix.territoires:
            cell = matrix.cell(row["iri"], issue["iri"])
            overlap = cell["chevauchement_moyen"]
            cells.append(
                "—" if not cell["nombre"] else str(cell["nombre"]) + ("" if overlap is None else f" ({overlap:.2f})")
            )
        table.add_row(projection.label(issue["iri"], cli.lang), *cells)
    console.print(table)
    console.print(
        cli.say(
            Message(
                "Entre parenthèses : chevauchement moyen des membres (Jaccard). {n} lacune(s).",
                "In brackets: mean member overlap (Jaccard). {n} gap(s).",
            )
        ).format(n=len(matrix.lacunes))
    )


def _resolve(cli, found: list[str], what: Message, value: str, options: list[str]) -> list[str]:
    if not found:
        errors.print(
            cli.say(
                Message("{w} « {v} » introuvable. Valeurs possibles : {o}", "{w} “{v}” not found. Possible values: {o}")
            ).format(w=cli.say(what), v=value, o=", ".join(sorted(options)[:40]))
        )
        raise typer.Exit(1)
    return found


def _only_one(cli, projection: Projection, found: list[str], ambiguous: Message, value: str) -> str:
    """The single match, or an error listing the candidates when a name is ambiguous."""
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
    cli, projection = state(ctx), _projection(ctx, date)
    chosen = [
        _only_one(
            cli,
            projection,
            _resolve(
                cli,
                find_instances(projection, value),
                Message("Instance", "Instance"),
                value,
                [projection.label(i) for i in projection.instances],
            ),
            Message(
                "Instance « {v} » ambiguë : {o}. Précisez le nom ou l'id.",
                "Instance “{v}” is ambiguous: {o}. Give the name or id.",
            ),
            value,
        )
        for value in instances
    ]
    if len(set(chosen)) < 2:
        errors.print(
            cli.say(Message("Nommez au moins deux instances différentes.", "Name at least two different instances."))
        )
        raise typer.Exit(1)
    result = what_if_merge(projection, chosen)
    if as_json:
        _emit(result.to_dict())
        return
    names = " + ".join(projection.label(i, cli.lang) for i in sorted(set(chosen)))
    table = Table(title=cli.say(Message("Fusion de {n}", "Merging {n}")).format(n=names))
    for header in (
        Message("Acteur", "Actor"),
        Message("Sièges avant", "Seats before"),
        Message("Sièges économisés", "Seats saved"),
        Message("Heures / an économisées", "Hours / year saved"),
    ):
        table.add_column(cli.say(header))
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
    cli, projection = state(ctx), _projection(ctx, date)
    concepts = projection.concepts
    scheme_values = lambda scheme: [  # noqa: E731
        e["label"] for e in concepts.values() if (e.get("scheme") or "").endswith("/" + scheme)
    ]
    where = _resolve(
        cli,
        find_territory(projection, territory),
        Message("Territoire", "Territory"),
        territory,
        [t["label"] for t in projection.territories.values()],
    )[0]
    resolved = {}
    for key, scheme, values, what in (
        ("issues", "enjeux", issues, Message("Enjeu", "Issue")),
        ("functions", "fonctions", functions or [], Message("Fonction", "Function")),
        ("populations", "populations", populations or [], Message("Population", "Population")),
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
    actors = [
        _only_one(
            cli,
            projection,
            _resolve(
                cli,
                find_actors(projection, partner, where),
                Message("Partenaire", "Partner"),
                partner,
                [projection.label(a) for a in projection.actors],
            ),
            Message(
                "Partenaire « {v} » ambigu : {o}. Précisez le nom ou le sigle.",
                "Partner “{v}” is ambiguous: {o}. Give the name or acronym.",
            ),
            partner,
        )
        for partner in partners or []
    ]
    initiative = Initiative(
        name, resolved["issues"], where, resolved["functions"], resolved["populations"], tuple(actors), text, hours
    )
    rule = get_settings().over_solicitation_rule()
    result = check_initiative(projection, initiative, rule, top=top)
    floor = decile_rule(seats_and_load(projection), rule)["floor"]
    limits = {"sieges": rule.seats, "heures": rule.hours, "decile": floor}
    if as_json:
        _emit(result.to_dict())
        return
    table = Table(
        title=cli.say(
            Message("Instances qui couvrent déjà « {n} » ({e} — {t})", "Instances already covering “{n}” ({e} — {t})")
        ).format(
            n=name,
            e=", ".join(projection.label(i, cli.lang) for i in initiative.issues),
            t=projection.label(where, cli.lang),
        ),
        show_lines=True,
    )
    for header in (
        Message("Rang", "Rank"),
        Message("Instance", "Instance"),
        Message("Score", "Score"),
        Message("Pourquoi", "Why"),
    ):
        table.add_column(cli.say(header))
    for rank, overlap in enumerate(result.instances, 1):
        table.add_row(
            str(rank),
            projection.label(overlap.b, cli.lang),
            f"{overlap.score:.2f}",
            _explain(cli, projection, overlap.components),
        )
    console.print(table)
    if result.suggestions:
        console.print(
            cli.say(Message("À rejoindre plutôt que créer : {s}", "Join instead of creating: {s}")).format(
                s="; ".join(f"{projection.label(s['iri'], cli.lang)} ({s['score']:.2f})" for s in result.suggestions)
            )
        )
    partner_table = Table(title=cli.say(Message("Partenaires pressentis", "Intended partners")))
    for header in (
        Message("Partenaire", "Partner"),
        Message("Sièges avant → après", "Seats before → after"),
        Message("Heures / an avant → après", "Hours / year before → after"),
        Message("Seuils franchis", "Thresholds crossed"),
    ):
        partner_table.add_column(cli.say(header))
    for row in result.partenaires:
        before = _hours(cli, row["heures_avant"], row["heures_connues_avant"], row["sieges_heures_inconnues"])
        after = cli.say(UNKNOWN) if row["heures_apres"] is None else f"{row['heures_apres']:g}"
        crossed = ", ".join(cli.say(REASONS[r]).format(t=limits[r]) for r in row["franchit"]) or "—"
        partner_table.add_row(
            projection.label(row["acteur"], cli.lang),
            f"{row['sieges_avant']} → {row['sieges_apres']}",
            f"{before} → {after}",
            crossed,
        )
    if result.partenaires:
        console.print(partner_table)
