"""Organizations of an Open Referral HSDS tabular data package, as actors.

HSDS describes organizations, services and locations; it has no committees or
memberships, so only its organizations enter the map (as actors, ids prefixed
with the package's folder name). The package is checked whole before anything
is read: a row whose cell count differs from its header, a duplicated column,
or a location at 0,0 (a placeholder, not a place) is reported with the file,
the row, the column and the fix, and the import is refused.
"""

from __future__ import annotations

from pathlib import Path

from ecosystem.i18n import Message
from ecosystem.ingest.columns import column_letter
from ecosystem.ingest.lookups import slug
from ecosystem.ingest.problems import Problem, ValidationFailed
from ecosystem.ingest.read import Table, read_csv
from ecosystem.ingest.values import cell_text
from ecosystem.limits import DEFAULT_LIMITS, Limits

__all__ = ["check_package", "read_hsds"]

_ORGANIZATION_FILES = ("organizations.csv", "organization.csv")
_LOCATION_FILES = ("locations.csv", "location.csv")
# HSDS column → template column (HSDS 1.1 and 3.0 names, and the older Ohana export's).
_ORGANIZATION_COLUMNS = {
    "id": "id",
    "organization_id": "id",
    "name": "nom",
    "description": "description",
    "url": "site_web",
    "website": "site_web",
}


def _read(path: Path, display: str, limits: Limits) -> Table | None:
    return read_csv(path, display, limits)


def _structure_problems(table: Table) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        key = header.strip().lower()
        if key in seen:
            problems.append(
                Problem(
                    table.file,
                    None,
                    table.header_row,
                    header,
                    column_letter(i),
                    None,
                    Message("Colonne en double (déjà en {l}).", "Duplicated column (already in {l}).").format(
                        l=column_letter(seen[key])
                    ),
                    Message(
                        "Renommez ou supprimez l'une des deux colonnes dans l'export.",
                        "Rename or delete one of the two columns in the export.",
                    ),
                )
            )
        seen.setdefault(key, i)
    for number, cells in table.rows:
        if len(cells) != table.width:
            problems.append(
                Problem(
                    table.file,
                    None,
                    number,
                    None,
                    None,
                    None,
                    Message(
                        "La ligne a {n} cellules mais l'en-tête en a {h} : les valeurs sont décalées.",
                        "The row has {n} cells but the header has {h}: values are shifted.",
                    ).format(n=len(cells), h=table.width),
                    Message(
                        "Corrigez l'export : une valeur par colonne d'en-tête, les virgules des textes entre guillemets.",
                        "Fix the export: one value per header column, commas inside text quoted.",
                    ),
                )
            )
    return problems


def _coordinate_problems(table: Table) -> list[Problem]:
    headers = [h.strip().lower() for h in table.headers]
    problems = []
    for number, cells in table.rows:

        def cell(name, cells=cells):
            return cell_text(cells[headers.index(name)]) if name in headers and headers.index(name) < len(cells) else ""

        if "coordinates" in headers:
            column, value = "coordinates", cell("coordinates")
            parts = [p.strip() for p in value.split(",")]
        else:
            column, value = "latitude", f"{cell('latitude')},{cell('longitude')}"
            parts = [cell("latitude"), cell("longitude")]
        try:
            at_origin = len(parts) == 2 and all(p != "" and float(p) == 0 for p in parts)
        except ValueError:
            at_origin = False
        if at_origin:
            problems.append(
                Problem(
                    table.file,
                    None,
                    number,
                    column,
                    column_letter(headers.index(column)),
                    value,
                    Message(
                        "Coordonnées 0,0 : un bouche-trou, pas un lieu (golfe de Guinée).",
                        "Coordinates 0,0: a placeholder, not a place (Gulf of Guinea).",
                    ),
                    Message(
                        "Laissez les coordonnées vides quand elles sont inconnues, ou donnez les vraies.",
                        "Leave the coordinates empty when unknown, or give the real ones.",
                    ),
                )
            )
    return problems


def check_package(folder: Path, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Every structural problem of the package's CSV files (empty list: sound)."""
    problems = []
    for path in sorted(folder.glob("*.csv")):
        table = _read(path, f"{folder.name}/{path.name}", limits)
        if table is None:
            continue
        problems.extend(_structure_problems(table))
        if path.name.lower() in _LOCATION_FILES:
            problems.extend(_coordinate_problems(table))
    return problems


def read_hsds(folder: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Table], list[Path]]:
    """The package's organizations as an ``acteurs`` table.

    Raises
    ------
    ValidationFailed
        With every structural problem of the package.
    """
    path = next((folder / name for name in _ORGANIZATION_FILES if (folder / name).is_file()), None)
    display = f"{folder.name}/{path.name if path else _ORGANIZATION_FILES[0]}"
    problems = check_package(folder, limits)
    source = _read(path, display, limits) if path else None
    if source is None:
        problems.append(
            Problem(
                display,
                None,
                None,
                None,
                None,
                None,
                Message("Aucune organisation dans ce paquet HSDS.", "No organization in this HSDS package."),
                Message(
                    "Le paquet doit contenir organizations.csv avec les colonnes id et name.",
                    "The package must hold organizations.csv with columns id and name.",
                ),
            )
        )
        raise ValidationFailed(problems)
    headers = [h.strip().lower() for h in source.headers]
    problems.extend(_missing_columns(headers, display, source.header_row))
    if problems:
        raise ValidationFailed(problems)
    prefix = slug(folder.name)
    mapping = [(i, _ORGANIZATION_COLUMNS[h]) for i, h in enumerate(headers) if h in _ORGANIZATION_COLUMNS]
    columns = list(dict.fromkeys(name for _, name in mapping))
    table = Table(display, "acteurs", columns, header_row=source.header_row, path=path, width=len(columns))
    for number, cells in source.rows:
        values = {name: cell_text(cells[i]) for i, name in mapping if i < len(cells)}
        values["id"] = f"{prefix}-{values['id']}" if values.get("id") else ""
        table.rows.append((number, [values.get(name, "") for name in columns]))
    return [table], [p for p in sorted(folder.glob("*.csv"))]


def _missing_columns(headers: list[str], display: str, header_row: int | None) -> list[Problem]:
    """The organizations file's required columns it lacks: ``name``, and ``id`` (or ``organization_id``)."""

    def missing(column: str) -> Problem:
        return Problem(
            display,
            None,
            header_row,
            column,
            None,
            None,
            Message("Colonne obligatoire absente.", "Required column missing."),
            Message("Ajoutez la colonne « {c} » à l'en-tête.", "Add column “{c}” to the header.").format(c=column),
        )

    found = [missing("name")] if "name" not in headers else []
    if "id" not in headers and "organization_id" not in headers:
        found.append(missing("id"))
    return found
