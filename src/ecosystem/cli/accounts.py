"""``ecosystem account``: create the first staff account (none exists by default), list, tokens, disable."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from ecosystem.accounts import AccountError, Accounts, state_dir
from ecosystem.cli.base import app, console, errors, state
from ecosystem.i18n import Message
from ecosystem.namespaces import actor_iri
from ecosystem.projection import build_projection

account_app = typer.Typer(
    help="Comptes de l'équipe et des partenaires. / Staff and partner accounts.", no_args_is_help=True
)
app.add_typer(account_app, name="account")


def _accounts(ctx: typer.Context) -> Accounts:
    return Accounts(state_dir(state(ctx).settings))


def _fail(cli, error: AccountError) -> None:
    errors.print(f"[red]{error.message.text(cli.lang)}[/red]", soft_wrap=True)
    raise typer.Exit(1) from error


@account_app.command("create")
def create(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Identifiant (courriel). / Login (email).")],
    role: Annotated[str, typer.Option("--role", help="equipe ou partenaire. / equipe or partenaire.")] = "equipe",
    organisation: Annotated[
        str | None,
        typer.Option("--organisation", help="Identifiant de l'acteur (partenaire). / The actor's id (partner)."),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Lire le mot de passe sur l'entrée standard. / Read the password from stdin."
        ),
    ] = False,
) -> None:
    """Créer un compte ; le mot de passe est demandé (jamais en argument). / Create an account; the password is asked for."""
    cli = state(ctx)
    iri = None
    if organisation:
        iri = str(actor_iri(organisation))
        if iri not in build_projection(cli.store()).two_mode:
            errors.print(
                cli.say(
                    Message(
                        "Acteur inconnu : {o}. Donnez l'identifiant d'un acteur du graphe.",
                        "Unknown actor: {o}. Give the id of an actor in the graph.",
                    ).format(o=organisation)
                )
            )
            raise typer.Exit(1)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt(cli.say(Message("Mot de passe", "Password")), hide_input=True, confirmation_prompt=True)
    try:
        account = _accounts(ctx).create(login, password, role, iri)
    except AccountError as error:
        _fail(cli, error)
    console.print(
        cli.say(
            Message("Compte créé : {l} ({r}).", "Account created: {l} ({r}).").format(l=account.login, r=account.role)
        )
    )


@account_app.command("list")
def list_accounts(ctx: typer.Context) -> None:
    """Comptes, rôles et dernière connexion. / Accounts, roles and last sign-in."""
    cli = state(ctx)
    table = Table()
    for header in (
        Message("Identifiant", "Login"),
        Message("Rôle", "Role"),
        Message("Organisation", "Organisation"),
        Message("Dernière connexion", "Last sign-in"),
    ):
        table.add_column(cli.say(header))
    for account in _accounts(ctx).all():
        table.add_row(account.login, account.role, account.organisation or "", account.last_login or "—")
    console.print(table)


@account_app.command("token")
def token(
    ctx: typer.Context,
    login: Annotated[str, typer.Argument(help="Compte. / Account.")],
    name: Annotated[str, typer.Argument(help="Nom du jeton (à quoi il sert). / Token name.")],
    days: Annotated[int, typer.Option("--days", help="Validité en jours. / Lifetime in days.")] = 90,
) -> None:
    """Créer un jeton d'API nommé ; il est affiché une seule fois. / Create a named API token, shown once."""
    cli = state(ctx)
    accounts = _accounts(ctx)
    found = next((a for a in accounts.all() if a.login == login.strip().lower()), None)
    if found is None:
        errors.print(cli.say(Message("Compte inconnu : {l}.", "Unknown account: {l}.").format(l=login)))
        raise typer.Exit(1)
    try:
        print(accounts.create_token(found.id, name, days))
    except AccountError as error:
        _fail(cli, error)
