"""``ecosystem serve``: the web app (map, API, SPARQL endpoint), and the socket the other commands use meanwhile."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from ecosystem.cli.base import app, console, errors, state
from ecosystem.i18n import Message
from ecosystem.store import StoreError, open_store


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Adresse d'écoute. / Listen address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
) -> None:
    """Servir la carte, l'API JSON et le point SPARQL. / Serve the map, the JSON API and the SPARQL endpoint.

    Pendant ce temps, les autres commandes (import, load, stats, check, export…) passent par ce
    serveur. / Meanwhile, the other commands go through this server.
    """
    import importlib

    import uvicorn

    from ecosystem import local_server

    # The web app is started by its name (it installs as ecosystem.api from api/; the command line does not import it otherwise).
    create_app = importlib.import_module("ecosystem.api.main").create_app

    cli = state(ctx)
    settings = cli.settings.model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v is not None})
    try:
        store = open_store(settings)  # refused here, with its message, when another process holds it
    except StoreError as error:
        errors.print(str(error), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(2) from error
    application = create_app(settings, store)
    sockets = []
    try:
        if settings.backend == "embedded":
            local, application.state.local_credential = local_server.open_socket(settings)
            application.state.cleanup = lambda: local_server.close_socket(settings)
            sockets.append(local)
        network = socket.create_server(
            (settings.host, settings.port), family=socket.AF_INET6 if ":" in settings.host else socket.AF_INET
        )
        sockets.append(network)
    except (OSError, StoreError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(2) from error
    console.print(
        cli.say(
            Message(
                "Écosystème sur http://{h}:{p} (Ctrl+C pour arrêter)", "Écosystème at http://{h}:{p} (Ctrl+C to stop)"
            ).format(h=settings.host, p=network.getsockname()[1])
        )
    )
    try:
        uvicorn.Server(uvicorn.Config(application, log_level="warning")).run(sockets=sockets)
    finally:
        for sock in sockets:
            sock.close()
        if settings.backend == "embedded":
            local_server.close_socket(settings)
        store.close()
