"""The committed templates are exactly what the generator writes, and they import as empty."""

from __future__ import annotations

from openpyxl import load_workbook

from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.columns import SHEETS
from ecosystem.ingest.templates import TEMPLATE_NAME, write_templates
from ecosystem.paths import templates_dir


def _content(path):
    book = load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        validations = sorted((str(v.sqref), v.formula1, v.errorStyle) for v in sheet.data_validations.dataValidation)
        sheets[sheet.title] = (sheet.sheet_state, [list(r) for r in sheet.iter_rows(values_only=True)], validations)
    return sheets


def test_committed_templates_equal_the_generated_ones(tmp_path):
    generated = write_templates(tmp_path)
    for path in generated:
        committed = templates_dir() / path.name
        assert committed.is_file(), f"{committed} absent : régénérez avec write_templates"
        if path.suffix == ".csv":
            assert committed.read_bytes() == path.read_bytes()
        else:
            assert _content(committed) == _content(path)


def test_the_workbook_explains_every_column_and_offers_lists():
    content = _content(templates_dir() / f"{TEMPLATE_NAME}.xlsx")
    assert list(content)[:1] == ["LISEZ-MOI"] and set(SHEETS) <= set(content) and content["listes"][0] == "hidden"
    readme_rows = content["LISEZ-MOI"][1]
    for sheet in SHEETS.values():
        for column in sheet.columns:
            row = next(r for r in readme_rows if r[0] == sheet.name and str(r[1]).split(" ")[0] == column.name)
            assert row[3] and row[4], (sheet.name, column.name)  # French and English explanations
    validations = content["instances"][2]
    assert any(sqref.startswith("F2") and "listes!" in formula for sqref, formula, _ in validations)  # enjeux


def test_the_empty_templates_import_as_nothing(memory_store):
    for name in (f"{TEMPLATE_NAME}.xlsx", "acteurs.csv"):
        result = import_paths(memory_store, [templates_dir() / name])
        assert not result.written and result.rows == {}
