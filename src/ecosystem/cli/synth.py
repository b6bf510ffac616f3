"""``ecosystem synth``: a seeded synthetic province written in the import template."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecosystem.cli.base import app, console, errors, state
from ecosystem.i18n import Message
from ecosystem.synth import generate, write


@app.command("synth")
def synth_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="Dossier de sortie. / Output folder.")],
    regions: Annotated[int, typer.Option("--regions", help="Nombre de régions. / Number of regions.")] = 17,
    seed: Annotated[int, typer.Option("--seed", "--graine", help="Graine : même graine, mêmes fichiers. / Seed.")] = 0,
    scale: Annotated[
        float,
        typer.Option(
            "--echelle",
            "--scale",
            help="Taille par région (1 = ~1 200 acteurs, 176 instances, 5 900 participations). / Size per region.",
        ),
    ] = 1.0,
) -> None:
    """Générer une province synthétique (gabarit d'import + planted.json). / Generate a synthetic province."""
    cli = state(ctx)
    if regions < 1 or scale <= 0:
        errors.print(
            cli.say(Message("--regions doit être ≥ 1 et --echelle > 0.", "--regions must be ≥ 1 and --scale > 0."))
        )
        raise typer.Exit(2)
    synthetic = generate(regions=regions, seed=seed, scale=scale)
    files = write(synthetic, output)
    counts = {name: len(rows) for name, rows in synthetic.tables.items()}
    console.print(
        cli.say(
            Message(
                "{a} acteurs, {i} instances, {p} participations, {t} territoires écrits dans {o} ({f} fichiers) ; "
                "plantés : {d} doublons, {g} lacunes, {s} acteurs sur-sollicités.",
                "{a} actors, {i} instances, {p} memberships, {t} territories written to {o} ({f} files); "
                "planted: {d} duplicates, {g} gaps, {s} over-solicited actors.",
            )
        ).format(
            a=counts["acteurs"],
            i=counts["instances"],
            p=counts["participations"],
            t=counts["territoires"],
            o=output,
            f=len(files),
            d=len(synthetic.planted["doublons"]),
            g=len(synthetic.planted["lacunes"]),
            s=len(synthetic.planted["sur_sollicites"]),
        )
    )
