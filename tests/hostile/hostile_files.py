"""Small generators of hostile files, written at test time into a temporary folder (nothing big is committed).

Each writes its file as a stream: the test process itself stays small.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

_CHUNK = b"a" * (1 << 20)


def billion_laughs(path: Path) -> Path:
    """RDF/XML whose one literal expands to 10⁹ « lol » (under a kilobyte on disk)."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://www.w3.org/2004/02/skos/core#">\n'
        '<rdf:Description rdf:about="https://w3id.org/ecosysteme/id/acteur/x"><s:prefLabel>&lol9;</s:prefLabel></rdf:Description>\n'
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    return path


def _template_workbook() -> bytes:
    book = Workbook()
    book.active.title = "acteurs"
    book.active.append(["id", "nom"])
    book.active.append(["a", "A"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _copy_except(source: bytes, target: zipfile.ZipFile, replaced: set[str]) -> None:
    with zipfile.ZipFile(io.BytesIO(source)) as original:
        for info in original.infolist():
            if info.filename not in replaced:
                target.writestr(info, original.read(info.filename))


_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_STRINGS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _with_shared_strings(source: bytes, target: zipfile.ZipFile) -> None:
    """Copy the workbook, declaring a shared strings part (openpyxl writes none), but not its sheet."""
    _copy_except(source, target, {"xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels"})
    with zipfile.ZipFile(io.BytesIO(source)) as original:
        types = original.read("[Content_Types].xml").decode()
        rels = original.read("xl/_rels/workbook.xml.rels").decode()
    target.writestr(
        "[Content_Types].xml",
        types.replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHARED_STRINGS_TYPE}" /></Types>'
        ),
    )
    target.writestr(
        "xl/_rels/workbook.xml.rels",
        rels.replace(
            "</Relationships>",
            f'<Relationship Type="{_SHARED_STRINGS_REL}" Target="sharedStrings.xml" Id="rId9" /></Relationships>',
        ),
    )


def blank_rows_workbook(path: Path, rows: int = 1_048_576) -> Path:
    """A workbook whose sheet stores a million blank rows, each with a styled cell in the last column."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        _copy_except(_template_workbook(), archive, {"xl/worksheets/sheet1.xml"})
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>nom</t></is></c></row>'
            )
            for start in range(2, rows + 1, 10_000):
                sheet.write(
                    "".join(
                        f'<row r="{n}"><c r="XFD{n}" s="0"/></row>' for n in range(start, min(start + 10_000, rows + 1))
                    ).encode()
                )
            sheet.write(b"</sheetData></worksheet>")
    return path


def _bomb_member(name: str, size: int, prefix: bytes = b"", suffix: bytes = b"") -> tuple[bytes, int, int]:
    """A deflate stream of ``prefix``, ``size`` bytes of « a », ``suffix``: (data, crc, uncompressed size).

    One megabyte is compressed once with a full flush (which resets the compressor), so the
    same compressed block can be repeated: gigabytes cost milliseconds to write.
    """

    def raw(data: bytes, mode: int) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(mode)

    block, count = raw(_CHUNK, zlib.Z_FULL_FLUSH), size // len(_CHUNK)
    suffix = b"a" * (size - count * len(_CHUNK)) + suffix
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(_CHUNK, crc)
    crc = zlib.crc32(suffix, crc)
    data = raw(prefix, zlib.Z_FULL_FLUSH) + block * count + raw(suffix, zlib.Z_FINISH)
    return data, crc, len(prefix) + count * len(_CHUNK) + len(suffix)


def _append_raw_member(path: Path, name: str, data: bytes, crc: int, size: int) -> None:
    """Add a deflated member written by hand (its declared sizes are the true ones) to the zip at ``path``."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with path.open("wb") as out:
        central = b""
        entries = [
            (info.filename.encode(), zlib.crc32(content), zlib.compress(content)[2:-4], len(content))
            for info, content in members
        ]
        entries.append((name.encode(), crc, data, size))
        for encoded, member_crc, deflated, length in entries:
            offset = out.tell()
            out.write(
                struct.pack(
                    "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, member_crc, len(deflated), length, len(encoded), 0
                )
            )
            out.write(encoded)
            out.write(deflated)
            central += (
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    20,
                    0,
                    8,
                    0,
                    0x21,
                    member_crc,
                    len(deflated),
                    length,
                    len(encoded),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + encoded
            )
        start = out.tell()
        out.write(central)
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0))


def shared_string_workbook(path: Path, characters: int = 1_500 * (1 << 20)) -> Path:
    """A workbook whose one cell is a shared string of ``characters`` « a » (1.5 GB by default)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _with_shared_strings(_template_workbook(), archive)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>nom</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2" t="s"><v>0</v></c></row>'
            "</sheetData></worksheet>",
        )
    prefix = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
    _append_raw_member(
        path, "xl/sharedStrings.xml", *_bomb_member("xl/sharedStrings.xml", characters, prefix, b"</t></si></sst>")
    )
    return path


def zip_bomb_workbook(path: Path, size: int = 1 << 30) -> Path:
    """A sound workbook carrying one more part of 1 GiB once uncompressed."""
    path.write_bytes(_template_workbook())
    _append_raw_member(path, "docProps/bombe.xml", *_bomb_member("docProps/bombe.xml", size))
    return path


def missing_worksheet_workbook(path: Path) -> Path:
    """A workbook that lists its sheet but lacks the sheet's part."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _copy_except(_template_workbook(), archive, {"xl/worksheets/sheet1.xml"})
    return path


def large_csv(path: Path, megabytes: int, delimiter: str = ";") -> Path:
    """A CSV of participations of about ``megabytes`` MB, written as a stream."""
    line = "acteur-{0};instance-{0};membre;2024-01-01;;12\n"
    block = "".join(line.format(n) for n in range(10_000))
    with path.open("w", encoding="utf-8") as out:
        out.write("acteur;instance;role;debut;fin;heures_par_an\n")
        for _ in range(max(1, megabytes * (1 << 20) // len(block))):
            out.write(block)
    return path
