"""Reading real files: encodings, delimiters, blank rows, spaces, header spellings, dates, numbers."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date, datetime

import pytest
from openpyxl import Workbook
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.mapping import resource
from ecosystem.ingest.read import read_tables
from ecosystem.ingest.tables_to_rdf import convert_tables
from ecosystem.namespaces import ECO, SKOS, XSD, membership_iri
from ecosystem.store.base import CURRENT

HEADER_VARIANTS = {
    "modele": lambda h: h,
    "casse-espaces-accents": lambda h: {"debut": " Début ", "nom": "NOM", "heures_par_an": "Heures par an"}.get(
        h, h.upper()
    ),
    "anglais": lambda h: {
        "nom": "name",
        "sigle": "acronym",
        "secteur": "sector",
        "territoire": "territory",
        "site_web": "website",
        "enjeux": "issues",
        "fonctions": "functions",
        "mandat": "mandate",
        "rencontres_par_an": "meetings per year",
        "heures_par_rencontre": "hours per meeting",
        "instance_parente": "parent instance",
        "porteur": "lead",
        "debut": "start",
        "fin": "end",
        "acteur": "actor",
        "heures_par_an": "hours per year",
    }.get(h, h),
}


def write_csv(path, rows, encoding, delimiter, blank_rows, trailing_spaces, headers):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([headers(h) for h in rows[0]])
    for row in rows[1:]:
        if blank_rows:
            writer.writerow([""] * len(row))
        writer.writerow([f"{c}   " if trailing_spaces and c else c for c in row])
    if blank_rows:
        buffer.write("\r\n\r\n")
    path.write_bytes(buffer.getvalue().encode(encoding))


def converted(folder) -> Graph:
    tables = [t for path in sorted(folder.glob("*.csv")) for t in read_tables(path)]
    conversion = convert_tables(tables)
    assert not conversion.problems, [p.text() for p in conversion.problems]
    graph = Graph()
    for triple in conversion.triples:
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def reference(tmp_path_factory, sample_tables):
    folder = tmp_path_factory.mktemp("reference")
    for name, rows in sample_tables.items():
        write_csv(folder / f"{name}.csv", rows, "utf-8", ",", False, False, HEADER_VARIANTS["modele"])
    return converted(folder)


@pytest.mark.parametrize(
    "encoding,delimiter,blank_rows,trailing_spaces,headers",
    list(
        itertools.product(
            ["utf-8", "utf-8-sig", "cp1252"], [",", ";", "\t"], [False, True], [False, True], list(HEADER_VARIANTS)
        )
    ),
)
def test_every_way_of_saving_gives_the_same_graph(
    tmp_path, reference, sample_tables, encoding, delimiter, blank_rows, trailing_spaces, headers
):
    for name, rows in sample_tables.items():
        write_csv(
            tmp_path / f"{name}.csv", rows, encoding, delimiter, blank_rows, trailing_spaces, HEADER_VARIANTS[headers]
        )
    assert isomorphic(converted(tmp_path), reference)


def test_the_reference_graph_holds_what_the_rows_say(reference):
    table = resource("instances", "table-regionale")
    assert (table, ECO.hoursPerMeeting, Literal("3.5", datatype=XSD.decimal)) in reference
    assert (table, ECO.endDate, Literal("2028-03-31", datatype=XSD.date)) in reference
    assert (resource("territoires", "mrc-a"), ECO.population, Literal("23400", datatype=XSD.integer)) in reference
    assert (
        resource("acteurs", "cdc-a"),
        SKOS.prefLabel,
        Literal("Corporation de développement communautaire", lang="fr"),
    ) in reference


def test_blank_rows_keep_the_row_numbers_the_spreadsheet_shows(tmp_path):
    path = tmp_path / "acteurs.csv"
    path.write_text("id;nom\n\nx;X\n;\ny;Y\n", encoding="utf-8")
    (table,) = read_tables(path)
    assert [n for n, _ in table.rows] == [3, 5]


def test_xlsx_reads_excel_dates_numbers_and_sheets_by_name(tmp_path, memory_store, sample_tables):
    book = Workbook()
    book.remove(book.active)
    for name, rows in sample_tables.items():
        sheet = book.create_sheet(name.capitalize())
        for row in rows:
            sheet.append(row)
    participations = book["Participations"]
    participations["D3"] = datetime(2024, 9, 1)  # an Excel date cell
    participations["F3"] = 12.5  # a number cell
    participations["F2"] = 40
    book.save(tmp_path / "partenaires.xlsx")
    import_paths(memory_store, [tmp_path / "partenaires.xlsx"])
    graph = memory_store.graph(CURRENT)
    membership = membership_iri("cdc-a", "comite-local")
    assert graph.value(membership, ECO.startDate) == Literal(date(2024, 9, 1))
    assert graph.value(membership, ECO.hoursPerYear) == Literal("12.5", datatype=XSD.decimal)
