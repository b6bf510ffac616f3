"""Upload limits: too large (413), a zip bomb and a billion-laughs XLSX are refused fast, in French, store unchanged."""

from __future__ import annotations

import io
import time
import zipfile

from ecosystem.store import CURRENT


def _send(client, name: str, content: bytes):
    return client.post(
        "/televersement", data={"csrf": client.csrf}, files={"fichiers": (name, content, "application/octet-stream")}
    )


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("acteurs.csv", b"0" * 50_000_000)  # 50 MB of zeros, about 50 kB compressed
    return buffer.getvalue()


def _billion_laughs_xlsx() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="acteurs" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def test_a_file_over_the_limit_is_413_in_french(staff, staff_store, staff_settings):
    version = staff_store.version()
    started = time.monotonic()
    response = _send(staff, "enorme.csv", b"x" * (staff_settings.upload_max_bytes + 1))
    assert response.status_code == 413 and "Envoi trop gros" in response.json()["detail"]
    assert time.monotonic() - started < 5 and staff_store.version() == version


def test_a_zip_bomb_is_refused_before_it_is_opened(staff, staff_store):
    version, count = staff_store.version(), staff_store.triple_count(CURRENT)
    started = time.monotonic()
    response = _send(staff, "bombe.zip", _zip_bomb())
    assert response.status_code == 413 and ("trop gros" in response.text or "bombe de décompression" in response.text)
    assert time.monotonic() - started < 5
    assert staff_store.version() == version and staff_store.triple_count(CURRENT) == count


def test_a_billion_laughs_xlsx_is_refused_and_nothing_is_written(staff, staff_store):
    version = staff_store.version()
    started = time.monotonic()
    response = _send(staff, "rires.xlsx", _billion_laughs_xlsx())
    assert response.status_code in (413, 422), response.status_code
    assert "Rien n\u2019a été écrit" in response.text or "refusé" in response.text.lower()
    assert time.monotonic() - started < 5 and staff_store.version() == version
