"""Published two-mode affiliation data: ``actors.csv``, ``committees.csv``, ``memberships.csv``.

The generic form of research data sets (directors × boards, members × clubs):
``actors.csv`` (``actor_id``, ``name``), ``committees.csv`` (``committee_id``,
``name``), ``memberships.csv`` (``actor_id``, ``committee_id``). Committees become
instances. Ids are prefixed with the set's folder name (``norway-boards-2009-A1``)
so that sets never collide; other columns (sectors, capital) have no place in the
model and are left out, as are territories and vocabularies, which such sets lack.
"""

from __future__ import annotations

from pathlib import Path

from ecosystem.i18n import Message
from ecosystem.ingest.lookups import slug
from ecosystem.ingest.problems import Problem, ValidationFailed
from ecosystem.ingest.read import Cell, Table, read_csv
from ecosystem.ingest.values import cell_text
from ecosystem.limits import DEFAULT_LIMITS, Limits

__all__ = ["read_affiliation"]

_FILES = {
    "actors.csv": ("acteurs", ("actor_id",), ("id", "nom")),
    "committees.csv": ("instances", ("committee_id",), ("id", "nom")),
    "memberships.csv": ("participations", ("actor_id", "committee_id"), ("acteur", "instance")),
}


def _column(table: Table, name: str) -> int | None:
    names = [h.strip().lower() for h in table.headers]
    return names.index(name) if name in names else None


def read_affiliation(folder: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Table], list[Path]]:
    """The set in ``folder`` as template tables (``acteurs``, ``instances``, ``participations``).

    Raises
    ------
    ValidationFailed
        When a file lacks a required column.
    """
    prefix = slug(folder.name)
    tables, files, problems = [], [], []
    for file_name, (sheet, id_columns, template_columns) in _FILES.items():
        path = folder / file_name
        display = f"{folder.name}/{file_name}"
        if not path.is_file():
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    None,
                    None,
                    None,
                    Message("Fichier absent.", "File missing."),
                    Message(
                        "Un jeu d'affiliations a actors.csv, committees.csv et memberships.csv.",
                        "An affiliation set has actors.csv, committees.csv and memberships.csv.",
                    ),
                )
            )
            continue
        source = read_csv(path, display, limits)
        files.append(path)
        if source is None:
            continue
        indexes = [_column(source, name) for name in id_columns]
        name_index = _column(source, "name") if sheet != "participations" else None
        for name, index in zip(id_columns, indexes, strict=True):
            if index is None:
                problems.append(
                    Problem(
                        display,
                        path.stem,
                        source.header_row,
                        name,
                        None,
                        None,
                        Message("Colonne obligatoire absente.", "Required column missing."),
                        Message("Ajoutez la colonne « {c} » à l'en-tête.", "Add column “{c}” to the header.").format(
                            c=name
                        ),
                    )
                )
        present = [i for i in indexes if i is not None]
        if len(present) < len(indexes):
            continue
        table = Table(display, sheet, list(template_columns), header_row=source.header_row, path=path)
        for number, cells in source.rows:
            ids = [cell_text(cells[i]) if i < len(cells) else "" for i in present]
            values: list[Cell] = [f"{prefix}-{value}" if value else "" for value in ids]
            if name_index is not None:
                name = cell_text(cells[name_index]) if name_index < len(cells) else ""
                values.append(name or ids[0])
            table.rows.append((number, values))
        tables.append(table)
    if problems:
        raise ValidationFailed(problems)
    return tables, files
