"""``ecosystem analyze duplicates|overconcertation``: instances whose mandates overlap.

Duplicated mandates are :mod:`ecosystem.analysis.duplicates`'s, the territory × issue matrix
:mod:`ecosystem.analysis.overconcertation`'s; :func:`explain_overlap` says why two instances (or
an initiative and an instance, for ``ecosystem check``) overlap.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ecosystem.analysis.duplicates import DUPLICATE_THRESHOLD, duplicated_mandates
from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.cli.analyze import UNKNOWN, DateOpt, JsonOpt, TopOpt, analyze_app, emit, projection_at, titled_table
from ecosystem.cli.base import console, errors, state
from ecosystem.i18n import Message
from ecosystem.presentation import say
from ecosystem.projection import Projection

__all__ = ["OVERLAP_HEADERS", "duplicates_command", "explain_overlap", "overconcertation_command"]

OVERLAP_HEADERS = (Message("Instance", "Instance"), Message("Score", "Score"), Message("Pourquoi", "Why"))
"""The columns of an overlap: the other instance, the score, why (:func:`explain_overlap`)."""


def _relation(cli, code: str | None) -> str:
    return cli.say(UNKNOWN) if code is None else say(code, cli.lang)


def explain_overlap(cli, projection: Projection, components: dict) -> str:
    """Why two mandates overlap, a line per component: issues, territory, shared members, shared words, shares.

    Parameters
    ----------
    cli : CliState
        The command's state (its language).
    projection : Projection
        What names the IRIs.
    components : dict
        The overlap's ``components`` (:mod:`ecosystem.analysis.overlap`'s score).

    Returns
    -------
    str
        The lines of the table's cell.
    """
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
    cli, projection = state(ctx), projection_at(ctx, date)
    try:
        result = duplicated_mandates(projection, threshold)
    except ValueError as error:
        errors.print(str(error))
        raise typer.Exit(2) from error
    if as_json:
        emit(result.to_dict())
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
    table = titled_table(
        cli,
        Message("Mandats dédoublés (score ≥ {s}) : {n} paire(s)", "Duplicated mandates (score ≥ {s}): {n} pair(s)"),
        (Message("Instance A", "Instance A"), Message("Instance B", "Instance B"), *OVERLAP_HEADERS[1:]),
        show_lines=True,
        s=threshold,
        n=len(result.paires),
    )
    for overlap in result.paires[:top]:
        table.add_row(
            projection.label(overlap.a, cli.lang),
            projection.label(overlap.b, cli.lang),
            f"{overlap.score:.2f}",
            explain_overlap(cli, projection, overlap.components),
        )
    console.print(table)
    _print_groups(cli, projection, result)


def _print_groups(cli, projection: Projection, result) -> None:
    """The groups of more than two duplicated mandates, then the instances with identical members."""
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
    cli, projection = state(ctx), projection_at(ctx, date)
    matrix = overconcertation_matrix(projection)
    if as_json:
        emit(matrix.to_dict())
        return
    table = titled_table(
        cli,
        Message(
            "Surconcertation : instances par enjeu et territoire (— = lacune)",
            "Over-concertation: instances per issue and territory (— = gap)",
        ),
        (Message("Enjeu", "Issue"),),
    )
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
