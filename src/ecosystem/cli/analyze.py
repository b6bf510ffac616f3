"""``ecosystem analyze …``: the group of analysis commands, with the options and helpers they share.

The commands live by family: actors' seats and load in :mod:`ecosystem.cli.seats`; overlapping
mandates (duplicates, over-concertation) in :mod:`ecosystem.cli.mandates`; what-if changes (merge,
and ``ecosystem check`` for a new initiative) in :mod:`ecosystem.cli.initiatives`; the network
measures (brokers, communities, nested, bridges, concentration) in :mod:`ecosystem.cli.network`.

Readable Rich tables in French by default (``--lang en``), ``--json`` for scripts,
``--date`` to look at the memberships active at another date.
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.cli.base import app, console, errors, state
from ecosystem.i18n import Message
from ecosystem.projection import Projection, build_projection

__all__ = [
    "UNKNOWN",
    "DateOpt",
    "JsonOpt",
    "SeedOpt",
    "TopOpt",
    "analyze_app",
    "emit",
    "hours_text",
    "projection_at",
    "titled_table",
]

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


def projection_at(ctx: typer.Context, date: str | None) -> Projection:
    """The projection a command reads: the memberships active at ``--date``, the facts since ``--depuis``.

    Parameters
    ----------
    ctx : typer.Context
        The command's context (its :class:`~ecosystem.cli.CliState` and the group's ``--depuis``).
    date : str or None
        ``--date`` as written (``AAAA-MM-JJ``); ``None``: today.

    Returns
    -------
    Projection
        The projection; an invalid date ends the command with status 2 and says how to write one.
    """
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


def emit(data) -> None:
    """``data`` as JSON on the standard output (``--json``), characters as they are, dates as text."""
    console.print_json(json.dumps(data, ensure_ascii=False, default=str))


def hours_text(cli, hours, known, unknown_seats) -> str:
    """An actor's hours per year, or « inconnu (≥ known ; n siège(s) sans heures) » when some seats have none.

    Parameters
    ----------
    cli : CliState
        The command's state (its language).
    hours : float or None
        The hours, ``None`` when unknown.
    known : float
        The hours known so far.
    unknown_seats : int
        The seats without hours.

    Returns
    -------
    str
        The text of the table's cell.
    """
    if hours is not None:
        return f"{hours:g}"
    return cli.say(
        Message("inconnu (≥ {k:g} ; {n} siège(s) sans heures)", "unknown (≥ {k:g}; {n} seat(s) without hours)").format(
            k=known, n=unknown_seats
        )
    )


def titled_table(cli, title: Message, headers: tuple, show_lines: bool = False, **values: object) -> Table:
    """A Rich table with its title and column headers in the reader's language.

    Parameters
    ----------
    cli : CliState
        The command's state (its language).
    title : Message
        The title, formatted with ``values`` when some are given.
    headers : tuple of Message
        The columns' headers, in order.
    show_lines : bool
        Whether rows are ruled apart (for cells of several lines).
    **values
        The title's placeholders.

    Returns
    -------
    rich.table.Table
        The table, without rows.
    """
    table = Table(title=cli.say(title).format(**values) if values else cli.say(title), show_lines=show_lines)
    for header in headers:
        table.add_column(cli.say(header))
    return table


# The group's commands, by family, register themselves on ``analyze_app`` (and ``check`` on ``app``), in the
# order ``--help`` lists them.
# isort: off
from ecosystem.cli import seats  # noqa: E402,F401
from ecosystem.cli import mandates  # noqa: E402,F401
from ecosystem.cli import initiatives  # noqa: E402,F401
from ecosystem.cli import network  # noqa: E402,F401
# isort: on
