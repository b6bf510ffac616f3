"""Files sent through the browser, kept until « Confirmer l'import »: saved safely, zips opened with limits.

Each upload gets a folder with a random name inside the state folder (owner-only),
remembers which account sent it, and is deleted once confirmed or after a day. Limits
here are the upload's own: the total size (the same ``upload_max_bytes`` the server
answers 413 with), the number of files, and, in a zip, the declared sizes and the
compression ratio (a zip bomb is refused before anything is extracted). What a
spreadsheet's content may hold (sheets, rows, cells, XML entities) is the readers'
rule, in :mod:`ecosystem.ingest.read`.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ecosystem.i18n import Message
from ecosystem.ingest.read import SPREADSHEET_SUFFIXES

__all__ = ["MAX_FILES", "MAX_RATIO", "Upload", "UploadRefused", "Uploads"]

MAX_FILES = 20
"""Files in one upload (inside a zip included)."""
MAX_RATIO = 200
"""Largest uncompressed / compressed size of a zip member; a zip bomb is far beyond (1000× and more)."""
KEEP_S = 24 * 3600


class UploadRefused(ValueError):
    def __init__(self, message: Message, status: int = 422):
        super().__init__(str(message))
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Upload:
    id: str
    folder: Path
    account_id: int
    files: list[str]


def _safe_name(name: str) -> str:
    """The file's own name, nothing of a path (``../x.csv`` → ``x.csv``)."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if c.isalnum() or c in "-_. ()àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ").strip(". ")
    return cleaned[:120] or "fichier"


def _too_big(limit: int) -> UploadRefused:
    return UploadRefused(
        Message(
            "Envoi trop gros : {m} Mo au plus, une fois décompressé. Envoyez moins de fichiers à la fois.",
            "Upload too large: at most {m} MB once uncompressed. Send fewer files at a time.",
        ).format(m=limit // 1_000_000),
        413,
    )


class Uploads:
    def __init__(self, folder: Path, max_bytes: int):
        self.folder = Path(folder) / "televersements"
        self.max_bytes = max_bytes

    def save(self, account_id: int, files: list[tuple[str, bytes]]) -> Upload:
        """Keep ``files`` (name, content) for ``account_id``; zips are opened, other files kept as they are."""
        self._prune()
        kept: list[tuple[str, bytes]] = []
        for name, content in files:
            if name.lower().endswith(".zip"):
                kept.extend(self._unzip(name, content))
            else:
                kept.append((_safe_name(name), content))
        kept = [(n, c) for n, c in kept if Path(n).suffix.lower() in SPREADSHEET_SUFFIXES]
        if not kept:
            raise UploadRefused(
                Message("Aucun fichier XLSX ou CSV dans l'envoi.", "No XLSX or CSV file in the upload.")
            )
        if len(kept) > MAX_FILES:
            raise UploadRefused(
                Message("Trop de fichiers : {n} au plus par envoi.", "Too many files: at most {n} per upload.").format(
                    n=MAX_FILES
                )
            )
        if sum(len(c) for _, c in kept) > self.max_bytes:
            raise _too_big(self.max_bytes)
        upload_id = secrets.token_urlsafe(16)
        folder = self.folder / upload_id
        folder.mkdir(parents=True, mode=0o700)
        names = []
        for name, content in kept:
            while name in names:
                name = "copie-" + name
            (folder / name).write_bytes(content)
            names.append(name)
        (folder / ".envoi.json").write_text(json.dumps({"account": account_id, "files": names}))
        return Upload(upload_id, folder, account_id, names)

    def _unzip(self, name: str, content: bytes) -> list[tuple[str, bytes]]:
        import io

        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile as error:
            raise UploadRefused(
                Message("« {f} » n'est pas un zip lisible.", "“{f}” is not a readable zip.").format(f=_safe_name(name))
            ) from error
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir()
            and not PurePosixPath(m.filename).name.startswith((".", "~$"))
            and "__MACOSX" not in m.filename
        ]
        if len(members) > MAX_FILES:
            raise UploadRefused(
                Message(
                    "Trop de fichiers dans le zip : {n} au plus.", "Too many files in the zip: at most {n}."
                ).format(n=MAX_FILES)
            )
        if sum(m.file_size for m in members) > self.max_bytes:
            raise _too_big(self.max_bytes)
        for member in members:
            if member.file_size > MAX_RATIO * max(member.compress_size, 1) and member.file_size > 1_000_000:
                raise UploadRefused(
                    Message(
                        "Zip refusé : « {f} » se décompresse en bien plus que sa taille (bombe de décompression ?).",
                        "Zip refused: “{f}” uncompresses to far more than its size (a zip bomb?).",
                    ).format(f=member.filename),
                    413,
                )
        # Each read is bounded by the declared size (zipfile stops there and checks the CRC).
        return [(_safe_name(m.filename), archive.read(m)) for m in members]

    def get(self, upload_id: str, account_id: int) -> Upload | None:
        if not upload_id.replace("-", "").replace("_", "").isalnum():
            return None
        folder = self.folder / upload_id
        meta = folder / ".envoi.json"
        if not meta.exists():
            return None
        data = json.loads(meta.read_text())
        if data["account"] != account_id:
            return None
        return Upload(upload_id, folder, account_id, data["files"])

    def discard(self, upload: Upload) -> None:
        shutil.rmtree(upload.folder, ignore_errors=True)

    def _prune(self) -> None:
        if not self.folder.exists():
            return
        for folder in self.folder.iterdir():
            if time.time() - folder.stat().st_mtime > KEEP_S:
                shutil.rmtree(folder, ignore_errors=True)
