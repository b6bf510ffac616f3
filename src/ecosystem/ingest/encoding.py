"""Which encoding a text file is in, decided on the whole file, read in chunks.

A byte-order mark says UTF-8, UTF-16 or UTF-32, and the file must then decode
cleanly. Without one, the file is UTF-8 when every byte decodes as UTF-8, and
Windows-1252 (what Excel writes in French on Windows) when no byte does — a file that
is UTF-8 save for a few bytes is refused, never re-read as Windows-1252 (which would
turn every « é » into « Ã© »). A byte Windows-1252 does not define, or a NUL byte
(UTF-16 or UTF-32 without a mark), is refused too. Each refusal gives the byte's offset
and line, and the fix.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ecosystem.i18n import Message
from ecosystem.ingest.problems import Problem

__all__ = ["EncodingError", "detect_encoding"]

_CHUNK = 1 << 20
_MARKS = (  # UTF-32 first: its little-endian mark begins like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_FIX = Message(
    "Enregistrez le fichier en UTF-8 (dans Excel : « CSV UTF-8 » ; dans LibreOffice : jeu de caractères Unicode (UTF-8)).",
    "Save the file as UTF-8 (in Excel: “CSV UTF-8”; in LibreOffice: character set Unicode (UTF-8)).",
)


class EncodingError(ValueError):
    def __init__(self, problem: Problem):
        super().__init__(problem.text())
        self.problem = problem


def _chunks(path: Path):
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def _where(path: Path, offset: int) -> tuple[int, int]:
    """The line (from 1) holding byte ``offset``, and the byte itself."""
    lines, seen = 1, 0
    for chunk in _chunks(path):
        if seen + len(chunk) > offset:
            return lines + chunk.count(b"\n", 0, offset - seen), chunk[offset - seen]
        lines += chunk.count(b"\n")
        seen += len(chunk)
    return lines, 0


def _refuse(path: Path, offset: int, what: Message, fix: Message = _FIX) -> EncodingError:
    line, byte = _where(path, offset)
    return EncodingError(
        Problem(path.name, None, None, None, None, None, what.format(o=offset, line=line, b=f"0x{byte:02X}"), fix)
    )


def _first_error(path: Path, encoding: str) -> int | None:
    """Offset of the first byte that does not decode, or None."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    seen = 0
    for chunk in _chunks(path):
        pending = len(decoder.getstate()[0])  # bytes of a character cut by the previous chunk
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            return seen - pending + error.start
        seen += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return seen - len(decoder.getstate()[0])
    return None


def _has_utf8(path: Path) -> bool:
    return any(_UTF8_SEQUENCE.search(chunk) for chunk in _chunks(path))


def _first_nul(path: Path) -> int | None:
    seen = 0
    for chunk in _chunks(path):
        if (at := chunk.find(b"\0")) >= 0:
            return seen + at
        seen += len(chunk)
    return None


def detect_encoding(path: Path) -> str:
    """The codec name to read ``path`` with; raises :class:`EncodingError` naming the byte at fault."""
    with path.open("rb") as stream:
        start = stream.read(4)
    for mark, encoding in _MARKS:
        if start.startswith(mark):
            if (offset := _first_error(path, encoding)) is not None:
                raise _refuse(
                    path,
                    offset,
                    Message(
                        "Encodage : le fichier s'annonce en {e} mais l'octet {{b}} à la position {{o}} (ligne {{line}}) n'en est pas.",
                        "Encoding: the file announces {e} but byte {{b}} at offset {{o}} (line {{line}}) is not.",
                    ).format(e=encoding.upper()),
                )
            return encoding
    if (offset := _first_nul(path)) is not None:
        raise _refuse(
            path,
            offset,
            Message(
                "Encodage non pris en charge : octet nul à la position {o} (ligne {line}) ; UTF-16 ou UTF-32 sans marque d'ordre des octets ?",
                "Unsupported encoding: NUL byte at offset {o} (line {line}); UTF-16 or UTF-32 without a byte-order mark?",
            ),
        )
    offset = _first_error(path, "utf-8")
    if offset is None:
        return "utf-8"
    if _has_utf8(path):
        raise _refuse(
            path,
            offset,
            Message(
                "Encodage : le fichier est en UTF-8 sauf l'octet {b} à la position {o} (ligne {line}), qui n'est pas de l'UTF-8 "
                "(des textes collés d'un autre fichier ?).",
                "Encoding: the file is UTF-8 except byte {b} at offset {o} (line {line}), which is not UTF-8 "
                "(text pasted from another file?).",
            ),
            Message(
                "Retapez le caractère à cet endroit dans un éditeur de texte, puis enregistrez le fichier en UTF-8.",
                "Retype the character there in a text editor, then save the file as UTF-8.",
            ),
        )
    if (offset := _first_error(path, "cp1252")) is not None:
        raise _refuse(
            path,
            offset,
            Message(
                "Encodage inconnu : l'octet {b} à la position {o} (ligne {line}) n'est ni de l'UTF-8 ni du Windows-1252.",
                "Unknown encoding: byte {b} at offset {o} (line {line}) is neither UTF-8 nor Windows-1252.",
            ),
        )
    return "cp1252"
