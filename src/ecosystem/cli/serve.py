"""``ecosystem serve``: the web app (map, API, SPARQL endpoint)."""

from __future__ import annotations

from typing import Annotated

import typer

from ecosystem.cli import app, console, state
from ecosystem.i18n import Message


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Adresse d'écoute. / Listen address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
) -> None:
    """Servir la carte, l'API JSON et le point SPARQL. / Serve the map, the JSON API and the SPARQL endpoint."""
    import uvicorn

    from ecosystem.api.main import create_app

    cli = state(ctx)
    settings = cli.settings.model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v is not None})
    console.print(
        cli.say(Message("Écosystème sur http://{h}:{p} (Ctrl+C pour arrêter)", "Écosystème at http://{h}:{p} (Ctrl+C to stop)")
                .format(h=settings.host, p=settings.port))
    )
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
