"""``ecosystem export``: the map and the data in every registered format, persons removed.

``--format`` takes any name the registry knows (``ttl``, ``json-ld``, ``n-triples`` …) and
may be left out: the format is then the one ``-o``'s extension names (``carte.pdf``), or CSV
when ``-o`` is a folder. The CSV export is four tables: into a folder, one CSV per table;
into a ``.zip``, the zip; a single ``.csv`` file is refused with both choices.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Annotated

import typer
from typer.models import OptionInfo

from ecosystem.cli.base import app, console, errors, state
from ecosystem.export.formats import FORMATS, export
from ecosystem.export.options import ExportError, ExportOptions
from ecosystem.export.registry import ExportFormat
from ecosystem.export.view import FILTERS
from ecosystem.export.visual import ORIENTATIONS, PAGES
from ecosystem.i18n import Message
from ecosystem.revisions import CURRENT_NAME, RevisionError


class _FormatOption(OptionInfo):
    """``--format``, whose help lists the registry as it is when the help is shown (typer
    builds the command anew at each run), so a format registered later appears in it."""

    @property
    def help(self) -> str:
        return (
            "Format : "
            + " | ".join(FORMATS.names())
            + " ; ou un nom usuel ("
            + ", ".join(name for name in FORMATS.accepted() if name not in FORMATS.names())
            + ") ; déduit de -o s'il manque. / "
            "Format, or a usual name; inferred from -o when left out."
        )

    @help.setter
    def help(self, value) -> None:  # OptionInfo.__init__ assigns it; the property answers instead
        pass


def _format_option() -> OptionInfo:
    option = typer.Option("--format", "-f")
    option.__class__ = _FormatOption
    return option


def _format(name: str | None) -> ExportFormat | None:
    if name is None:
        return None
    found = FORMATS.resolve(name)
    if found is None:
        raise typer.BadParameter(f"--format : {FORMATS.unknown(name)}")
    return found


def _filters(values: list[str]) -> dict:
    filters = {}
    for value in values:
        key, sep, wanted = value.partition("=")
        if not sep or key not in FILTERS or not wanted or (key == "profondeur" and not wanted.isdigit()):
            raise typer.BadParameter(
                f"--filter {value!r} : attendu CLÉ=VALEUR avec CLÉ parmi {', '.join(FILTERS)} "
                f"(ex. enjeu=securite-alimentaire). / expected KEY=VALUE, KEY one of {', '.join(FILTERS)}."
            )
        filters[key] = wanted
    return filters


def _is_folder(output: Path) -> bool:
    return output.is_dir() or str(output).endswith(("/", "\\")) or not output.suffix


def _choose_format(format: ExportFormat | None, output: Path) -> ExportFormat:
    """The format asked for, else the one ``output`` names; refuses an output naming another format."""
    named = FORMATS.from_path(output)
    if format is None:
        format = named or (FORMATS.resolve("csv") if _is_folder(output) else None)
        if format is None:
            raise typer.BadParameter(
                f"--format : « {output.name} » ne dit pas le format ; ajoutez --format "
                f'({" | ".join(FORMATS.names())}). / "{output.name}" does not name a format; add --format.'
            )
    if named is not None and named is not format:
        raise typer.BadParameter(
            f"-o {output.name} : extension du format {named.name}, pas {format.name} ; "
            f"nommez le fichier .{format.extension}. / extension of the {named.name} format, "
            f"not {format.name}; name the file .{format.extension}."
        )
    if format.name == "csv" and not _is_folder(output) and output.suffix.lower() != ".zip":
        raise typer.BadParameter(
            f"-o {output.name} : l'export CSV est quatre tableaux ; donnez un dossier "
            f"(-o {output.stem}/) ou un fichier .zip (-o {output.stem}.zip). / the CSV export is "
            f"four tables; give a folder (-o {output.stem}/) or a .zip file (-o {output.stem}.zip)."
        )
    return format


def _write(data: bytes, output: Path, format: ExportFormat) -> Path:
    """Write ``data`` at ``output``; a CSV zip into a folder is unpacked there, one file per table."""
    if format.name == "csv" and _is_folder(output):
        output.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            archive.extractall(output)
        return output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    return output


@app.command("export")
def export_command(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Fichier ou dossier à écrire ; son extension dit le format. / File or folder to write; its extension names the format.",
        ),
    ],
    format: Annotated[str | None, _format_option()] = None,
    revision: Annotated[
        str, typer.Option("--revision", help="Révision (défaut : courant). / Revision (default: current).")
    ] = CURRENT_NAME,
    page: Annotated[str, typer.Option("--page", help="a3 | tabloid | letter (SVG, PDF, PNG).")] = "a3",
    orientation: Annotated[
        str, typer.Option("--orientation", help="paysage (défaut) | portrait. / landscape (default) | portrait.")
    ] = "paysage",
    width: Annotated[
        int | None, typer.Option("--width", min=200, max=20000, help="Largeur PNG en pixels. / PNG width in pixels.")
    ] = None,
    dpi: Annotated[
        int, typer.Option("--dpi", min=72, max=1200, help="Résolution PNG (300 pour l'impression). / PNG resolution.")
    ] = 300,
    filter: Annotated[
        list[str] | None,
        typer.Option(
            "--filter",
            help="Filtres de la carte / the map's filters: territoire=…, enjeu=…, secteur=…, type=…, role=…, focus=acteur/ID, profondeur=N (répétable / repeatable).",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Titre de la carte. / Map title.")] = None,
    vocabularies: Annotated[
        bool | None,
        typer.Option(
            "--vocabularies/--no-vocabularies",
            help="RDF : inclure les termes d'ontologie et de vocabulaire employés (défaut : oui en Turtle et TriG). / RDF: include the ontology and vocabulary terms used (default: yes for Turtle and TriG).",
        ),
    ] = None,
) -> None:
    """Exporter la carte ou les données (sans renseignements personnels). / Export the map or the data (no personal information)."""
    cli = state(ctx)
    chosen = _choose_format(_format(format), output)
    if page not in PAGES:
        raise typer.BadParameter(f"--page : {' | '.join(PAGES)}")
    orientation = {"landscape": "paysage"}.get(orientation, orientation)
    if orientation not in ORIENTATIONS:
        raise typer.BadParameter(f"--orientation : {' | '.join(ORIENTATIONS)}")
    options = ExportOptions(
        revision=revision,
        filters=_filters(filter or []),
        page=page,
        orientation=orientation,
        width=width,
        dpi=dpi,
        lang=cli.lang,
        title=title,
        vocabularies=vocabularies,
    )
    try:
        data = export(cli.store(), chosen.name, options)
    except (ExportError, RevisionError) as error:
        errors.print(f"[red]{error.message.text(cli.lang)}[/red]")
        raise typer.Exit(1) from error
    try:
        written = _write(data, output, chosen)
    except OSError as error:
        errors.print(f"[red]{output} : {error}[/red]")
        raise typer.Exit(1) from error
    console.print(
        cli.say(
            Message("{path} écrit ({size} octets, format {f}).", "{path} written ({size} bytes, {f} format).").format(
                path=written, size=len(data), f=chosen.name
            )
        )
    )
