"""Rows of the template → RDF triples, with every problem found on the way.

IRIs come from the ids (``acteur/{id}``, ``participation/{instance}/{acteur}``), so the
same row always gives the same triples. A filled cell states the value of its
property for that resource; an empty cell states nothing. Nothing is written
here: :func:`convert_tables` returns the triples and the problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from ecosystem.i18n import Message
from ecosystem.ingest.cell_references import (
    NO_SLUG,
    NO_SLUG_FIX,
    check_cycles,
    find_concept,
    find_reference,
    find_territory,
)
from ecosystem.ingest.columns import SHEETS, Column, column_letter, normalize_header, sheet_choices
from ecosystem.ingest.conversion import Conversion
from ecosystem.ingest.lookups import Known, slug, vocabulary
from ecosystem.ingest.mapping import KIND_PATH, PREDICATES, TYPES, file_source, resource
from ecosystem.ingest.problems import Problem, ProblemList
from ecosystem.ingest.read import Cell, Table
from ecosystem.ingest.references import find_agent, find_plan_item
from ecosystem.ingest.table_headers import read_headers
from ecosystem.ingest.values import (
    CellError,
    cell_text,
    date_literal,
    decimal_literal,
    integer_literal,
    slash_date_order,
    source_iri,
    split_values,
    url_iri,
)
from ecosystem.limits import DEFAULT_LIMITS
from ecosystem.namespaces import ORG, RDF, membership_iri

__all__ = ["Conversion", "convert_tables"]

_TYPE, _MEMBER, _ORGANIZATION = RDF.type, ORG.member, ORG.organization
_TYPE_PAIRS = {kind: tuple((_TYPE, rdf_type) for rdf_type in types) for kind, types in TYPES.items()}


@dataclass
class _Layout:
    """How one table's rows are read: each template column's index, the required columns, and the
    (name, index, column) of those that state a property, in the table's order."""

    indexes: dict[str, int]
    required: list[Column]
    fields: list[tuple[str, int, Column]]


class _Row:
    __slots__ = ("cells", "kind", "layout", "number", "table")

    def __init__(self, table: Table, kind: str, number: int, cells: list[Cell], layout: _Layout):
        self.table, self.kind, self.number, self.cells, self.layout = table, kind, number, cells, layout

    def get(self, name: str) -> Cell:
        index = self.layout.indexes.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else ""


_IGNORED_SHEETS = {"lisez_moi", "readme", "read_me", "listes", "lists", "aide", "help"}


class _Converter:
    def __init__(self, tables: list[Table], known: Known, create_missing: bool | None, keep: int):
        self.tables = tables
        self.known = known
        self.create_missing = create_missing
        self.out = Conversion(problems=ProblemList(keep))
        self.rows: dict[str, list[_Row]] = {name: [] for name in SHEETS}
        self.ids: dict[str, dict[str, _Row]] = {name: {} for name in KIND_PATH}
        self.date_orders: dict[int, str | None] = {}
        """Per table, how it writes slashed dates (``dmy``, ``mdy`` or unknown)."""
        self.sources: dict[str, URIRef] = {}

    # Problems ---------------------------------------------------------------

    def problem(self, row: _Row | None, table: Table, column: str | None, value, what: Message, fix: Message) -> None:
        letter = None
        if row is not None and column in row.layout.indexes:
            letter = column_letter(row.layout.indexes[column])
        self.out.problems.append(
            Problem(
                table.file,
                table.sheet,
                row.number if row else table.header_row,
                column,
                letter,
                None if value is None else cell_text(value),
                what,
                fix,
            )
        )

    def default_source(self, subject: URIRef, file: str) -> None:
        source = self.sources.get(file)
        if source is None:
            source = self.sources[file] = file_source(file)
            self.out.file_names[source] = file
        self.out.defaults[subject] = source

    # Pass 1: tables, headers, ids ------------------------------------------

    def collect(self) -> None:
        """Pass 1: each table's kind and rows, then every row's id (unique per kind)."""
        for table in self.tables:
            kind = self._kind_of(table)
            if kind is not None:
                self._collect_rows(table, kind)
        for kind in KIND_PATH:
            for row in self.rows[kind]:
                self._register_id(kind, row)

    def _kind_of(self, table) -> str | None:
        """The template sheet ``table`` is (``None``, reported, when it is none or could be several)."""
        choices = sheet_choices(table)
        if len(choices) > 1:
            self.problem(
                None,
                table,
                None,
                None,
                Message(
                    "Table ambiguë : elle pourrait être la feuille {c}.",
                    "Ambiguous table: it could be the {c_en} sheet.",
                ).format(c=" ou ".join(choices), c_en=" or ".join(choices)),
                Message(
                    "Nommez le fichier ou la feuille comme la table ({n}), ou donnez-lui les colonnes du modèle de cette table.",
                    "Name the file or sheet after its table ({n}), or give it that table's template columns.",
                ).format(n=", ".join(f"{c}.csv" for c in choices)),
            )
            return None
        if not choices and normalize_header(table.sheet) not in _IGNORED_SHEETS:
            self.problem(
                None,
                table,
                None,
                None,
                Message("Feuille ou fichier non reconnu.", "Sheet or file not recognized."),
                Message(
                    "Nommez-le acteurs, instances, participations, territoires, evenements ou observations, avec les colonnes du modèle.",
                    "Name it acteurs, instances, participations, territoires, evenements or observations, with the template's columns.",
                ),
            )
        return choices[0] if choices else None

    def _collect_rows(self, table, kind: str) -> None:
        """``table``'s rows as ``kind`` (read by its columns' layout); a value beyond the last header reported."""
        indexes = read_headers(table, SHEETS[kind], self.out.problems)
        if indexes is None:
            return
        dates = [indexes[c.name] for c in SHEETS[kind].columns if c.kind == "date" and c.name in indexes]
        self.date_orders[id(table)] = slash_date_order(
            cells[i] for _, cells in table.rows for i in dates if i < len(cells)
        )
        predicates, sheet = PREDICATES[kind], SHEETS[kind]
        fields = [(name, i, sheet.column(name)) for name, i in indexes.items() if name in predicates]
        layout = _Layout(indexes, [c for c in sheet.columns if c.required], fields)
        width = len(table.headers)
        for number, cells in table.rows:
            extra = [(i, c) for i, c in enumerate(cells[width:], width) if c != ""] if len(cells) > width else []
            for i, value in extra[:1]:
                self.out.problems.append(
                    Problem(
                        table.file,
                        table.sheet,
                        number,
                        None,
                        column_letter(i),
                        cell_text(value),
                        Message(
                            "Valeur hors de toute colonne (pas d'en-tête).", "Value outside any column (no header)."
                        ),
                        Message(
                            "Déplacez-la dans la bonne colonne ou supprimez-la.",
                            "Move it to the right column or delete it.",
                        ),
                    )
                )
            self.rows[kind].append(_Row(table, kind, number, cells, layout))
            self.out.rows[kind] += 1

    def _register_id(self, kind: str, row) -> None:
        """``row``'s id kept for its kind; one without a usable slug, or met before, reported."""
        identifier = row.get("id")
        key = slug(cell_text(identifier))
        if not key:
            if cell_text(identifier):  # an empty cell is reported as a missing required value
                self.problem(row, row.table, "id", identifier, NO_SLUG, NO_SLUG_FIX)
            return
        if key not in self.ids[kind]:
            self.ids[kind][key] = row
            return
        first = self.ids[kind][key]
        self.problem(
            row,
            row.table,
            "id",
            identifier,
            Message(
                "Identifiant en double (déjà à la ligne {n} de {f}).", "Duplicate id (already on row {n} of {f})."
            ).format(n=first.number, f=first.table.file),
            Message(
                "Donnez un identifiant unique à chaque ligne, ou fusionnez les deux lignes.",
                "Give each row its own id, or merge the two rows.",
            ),
        )

    # Pass 2: rows → triples -------------------------------------------------

    def run(self) -> Conversion:
        self.collect()
        describes = bool(self.rows["acteurs"] or self.rows["instances"])
        self.create = (not describes) if self.create_missing is None else self.create_missing
        for kind in ("territoires", "acteurs", "instances", "participations", "evenements", "observations"):
            for row in self.rows[kind]:
                self.convert_row(row)
        self.check_cycles()
        return self.out

    def convert_row(self, row: _Row) -> None:
        complete = True
        for column in row.layout.required:
            if cell_text(row.get(column.name)) == "":
                complete = False
                self.problem(
                    row,
                    row.table,
                    column.name,
                    None,
                    Message("Valeur obligatoire manquante.", "Required value missing."),
                    Message(
                        f"Remplissez la colonne « {column.name} » : {column.help.fr}",
                        f"Fill in column “{column.name}”: {column.help.en}",
                    ),
                )
        subject = self.subject(row) if complete else None
        values: dict[str, list] = {}
        cells, width = row.cells, len(row.cells)
        for name, index, column in row.layout.fields:
            cell = cells[index] if index < width else ""
            if cell != "" and cell_text(cell) != "":
                objects = self.objects(row, column, cell)
                if objects is not None:
                    values[name] = objects
        if values.get("debut") and values.get("fin") and values["fin"][0].toPython() < values["debut"][0].toPython():
            self.problem(
                row,
                row.table,
                "fin",
                row.get("fin"),
                Message("La fin précède le début ({d}).", "The end is before the start ({d}).").format(
                    d=values["debut"][0]
                ),
                Message("Corrigez la date de début ou de fin.", "Correct the start or end date."),
            )
        if subject is None:
            return
        self.out.kinds[subject] = row.kind
        if self.out.problems:
            return  # the import is refused: what the rest states is not needed, only its problems
        self.out.origins[subject] = (row.table.file, row.table.sheet, row.number)
        statements = self.out.statements[subject]
        statements.update(_TYPE_PAIRS[row.kind])
        managed = self.out.managed.setdefault(subject, set())
        predicates = PREDICATES[row.kind]
        for name, objects in values.items():
            key = predicates[name]
            managed.add(key)
            predicate = key[0]
            statements.update([(predicate, o) for o in objects])
        if "source" not in values:
            self.default_source(subject, row.table.file)

    def subject(self, row: _Row) -> URIRef | None:
        """The row's resource; for a participation, None when it names an unknown actor or instance."""
        if row.kind != "participations":
            identifier = cell_text(row.get("id"))
            return resource(row.kind, identifier) if slug(identifier) else None
        columns = SHEETS["participations"].columns
        actor = self.reference(row, columns[0], "acteurs")
        instance = self.reference(row, columns[1], "instances")
        if actor is None or instance is None:
            return None
        subject = membership_iri(actor.rsplit("/", 1)[1], instance.rsplit("/", 1)[1])
        if subject in self.out.kinds:
            self.problem(
                row,
                row.table,
                "acteur",
                row.get("acteur"),
                Message(
                    "Participation en double : cet acteur figure déjà dans cette instance.",
                    "Duplicate membership: this actor is already on this instance.",
                ),
                Message(
                    "Gardez une seule ligne ; plusieurs rôles s'écrivent dans une cellule, séparés par |.",
                    "Keep one row; several roles go in one cell, separated by |.",
                ),
            )
            return None
        self.out.statements[subject].update({(_MEMBER, actor), (_ORGANIZATION, instance)})
        return subject

    def objects(self, row: _Row, column: Column, cell: Cell) -> list | None:
        parts = split_values(cell) if column.multi else [cell]
        results = []
        for part in parts:
            try:
                value = self.value(row, column, part)
            except CellError as error:
                self.problem(row, row.table, column.name, cell, error.what, error.fix)
                return None
            if value is None:
                return None
            results.append(value)
        return results

    def value(self, row: _Row, column: Column, cell: Cell):
        kind = column.kind
        if kind == "text":
            return Literal(cell_text(cell), lang=PREDICATES[row.kind][column.name][1])
        if kind == "decimal":
            return decimal_literal(cell)
        if kind == "integer":
            return integer_literal(cell)
        if kind == "date":
            return date_literal(cell, self.date_orders.get(id(row.table)))
        if kind == "url":
            return url_iri(cell)
        if kind == "source":
            return source_iri(cell_text(cell))
        if kind == "vocab":
            return self.concept(row, column, cell_text(cell))
        if kind == "territory":
            return self.territory(row, column, cell_text(cell))
        if kind == "agent":
            return self.agent(row, column, cell_text(cell))
        if kind == "plan":
            return self.plan_item(row, column, cell_text(cell))
        return self.reference(row, column, {"actor": "acteurs", "instance": "instances"}[kind], cell_text(cell))

    def concept(self, row: _Row, column: Column, text: str) -> URIRef | None:
        return find_concept(self, row, column, text, vocabulary)

    def territory(self, row: _Row, column: Column, text: str) -> URIRef | None:
        return find_territory(self, row, column, text)

    def reference(self, row: _Row, column: Column, kind: str, text: str | None = None) -> URIRef | None:
        return find_reference(self, row, column, kind, text)

    def agent(self, row: _Row, column: Column, text: str) -> URIRef | None:
        return find_agent(self, row, column, text)

    def plan_item(self, row: _Row, column: Column, text: str) -> URIRef | None:
        return find_plan_item(self, row, column, text)

    def check_cycles(self) -> None:
        check_cycles(self)


def convert_tables(
    tables: list[Table],
    known: Known | None = None,
    create_missing: bool | None = None,
    keep_problems: int = DEFAULT_LIMITS.problems_listed,
) -> Conversion:
    """Convert template tables to triples, collecting every problem.

    Parameters
    ----------
    tables
        Tables read by :func:`ecosystem.ingest.read.read_tables`.
    known
        Ids the store already holds (for references and suggestions).
    create_missing
        Create actors and instances that participations name but nothing describes.
        Default: only when the import describes no actor and no instance.
    keep_problems
        Problems kept to be listed (all are counted).
    """
    return _Converter(tables, known or Known(), create_missing, keep_problems).run()
