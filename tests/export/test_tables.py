"""The tables exports (CSV, XLSX) as a spreadsheet opens them: no cell runs as a formula, and
the project's import reads back exactly what its export wrote."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.columns import SHEETS
from ecosystem.ingest.export_tables import table_rows
from ecosystem.settings import Settings
from ecosystem.store import EmbeddedStore

HOSTILE = {
    "lien-piege": '=HYPERLINK("http://127.0.0.1:8199/x";"Cliquez")',
    "commande": "=cmd|' /C calc'!A0",
    "plus": "+33 1 23 45",
    "moins": "-2+3",
    "arobase": "@SUM(1;2)",
    "deja-cite": "'=déjà entre apostrophes",
}


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    """A store whose actors were imported, as a partner would type them, with formula-looking names."""
    folder = tmp_path_factory.mktemp("hostile")
    csv = folder / "acteurs.csv"
    # In a CSV a leading apostrophe marks text; the stored name keeps the one written twice.
    typed = {**HOSTILE, "deja-cite": "'" + HOSTILE["deja-cite"]}
    lines = ["id;nom;sigle"] + [f'{key};"{name.replace(chr(34), chr(34) * 2)}";' for key, name in typed.items()]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = EmbeddedStore(folder / "store")
    result = import_paths(store, [csv])
    assert result.written, result
    store.close()
    return folder / "store"


@pytest.fixture(scope="module")
def hostile_store(hostile_folder):
    store = EmbeddedStore(hostile_folder)
    yield store
    store.close()


def _names(rows) -> dict:
    return {row[0]: row[1] for row in rows}


def test_the_imported_names_are_the_hostile_text(hostile_store):
    assert _names(table_rows(hostile_store, "acteurs")) == HOSTILE


@pytest.fixture(scope="module")
def client(tmp_path_factory, hostile_store):
    with TestClient(create_app(Settings(store=tmp_path_factory.mktemp("unused")), store=hostile_store)) as client:
        yield client


def _workbook_cells(data: bytes, data_only: bool) -> dict:
    book = load_workbook(io.BytesIO(data), data_only=data_only)
    return {row[0].value: row[1] for row in book["acteurs"].iter_rows(min_row=2)}


def test_xlsx_cells_are_text_never_formulas(client):
    data = client.get("/export/xlsx").content
    for data_only in (False, True):  # as written, and as a spreadsheet's computed values would read it
        cells = _workbook_cells(data, data_only)
        assert {key: cell.value for key, cell in cells.items()} == HOSTILE
        assert all(cell.data_type == "s" for cell in cells.values())
    assert all(cell.quotePrefix for key, cell in _workbook_cells(data, False).items() if key != "deja-cite")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets and b"<f " not in sheets


def test_csv_cells_start_with_an_apostrophe(client):
    with zipfile.ZipFile(io.BytesIO(client.get("/export/csv").content)) as archive:
        text = archive.read("acteurs.csv").decode("utf-8-sig")
    lines = text.splitlines()[1:]
    assert len(lines) == len(HOSTILE)
    for line in lines:
        name = line.split(";", 1)[1]
        assert name.lstrip('"')[0] == "'", line
    assert "''=déjà entre apostrophes" in text


@pytest.mark.parametrize(
    "command",
    [
        ["export-tables", "--format", "xlsx", "-o", "t.xlsx"],
        ["export-tables", "--format", "csv", "-o", "tables"],
        ["export", "-o", "tables/"],
        ["export", "-o", "carte.zip"],
        ["export", "--format", "xlsx", "-o", "t.xlsx"],
    ],
)
def test_the_import_reads_back_exactly_what_the_export_wrote(tmp_path, hostile_store, hostile_folder, command):
    hostile_store.close()
    try:
        out = tmp_path / command[-1]
        args = [*command[:-1], str(out) + ("/" if command[-1].endswith("/") else "")]
        result = CliRunner().invoke(app, ["--store", str(hostile_folder), *args])
        assert result.exit_code == 0, result.output
    finally:
        hostile_store.__init__(hostile_folder)
    if out.suffix == ".zip":
        with zipfile.ZipFile(out) as archive:
            archive.extractall(tmp_path / "unzipped")
        out = tmp_path / "unzipped"
    fresh = EmbeddedStore(tmp_path / "fresh")
    try:
        assert import_paths(fresh, [out]).written
        for kind in SHEETS:
            assert table_rows(fresh, kind) == table_rows(hostile_store, kind), kind
        assert _names(table_rows(fresh, "acteurs")) == HOSTILE
    finally:
        fresh.close()


def test_libreoffice_reads_every_cell_as_the_text_written(client, tmp_path):
    """LibreOffice (Debian libreoffice-calc-nogui) opens the workbook and saves what it computed:
    a formula would come back as its result, a text cell as itself."""
    soffice = shutil.which("soffice")
    assert soffice, "soffice missing: make test installs the Debian package libreoffice-calc-nogui"
    (tmp_path / "export.xlsx").write_bytes(client.get("/export/xlsx").content)
    every_sheet = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profil",
            "--headless",
            "--convert-to",
            every_sheet,
            "--outdir",
            str(tmp_path / "lu"),
            str(tmp_path / "export.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with open(tmp_path / "lu" / "export-acteurs.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    assert {row[0]: row[1] for row in rows[1:]} == HOSTILE
