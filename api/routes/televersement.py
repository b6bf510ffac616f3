"""Upload spreadsheets in the browser: the same report as ``import --dry-run``, then « Confirmer l'import »."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ecosystem.accounts import Identity, state_dir
from ecosystem.i18n import Message
from ecosystem.ingest.apply import ImportResult, import_paths
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import ID
from ecosystem.projection import build_projection
from ecosystem.uploads import MAX_FILES, Upload, UploadRefused, Uploads

from ..auth import StaffDep, author_of
from ..deps import LangDep
from ..staff_pages import page

router = APIRouter(include_in_schema=False)

TITLE = Message("Téléverser un tableur", "Upload a spreadsheet")
KIND_NAMES = {
    "acteurs": Message("acteurs", "actors"),
    "instances": Message("instances", "instances"),
    "participations": Message("participations", "memberships"),
    "territoires": Message("territoires", "territories"),
    "sources": Message("sources (fichiers)", "sources (files)"),
}


def _uploads(request: Request) -> Uploads:
    return Uploads(state_dir(request.app.state.settings), request.app.state.settings.upload_max_bytes)


def _files(upload: Upload):
    return [upload.folder / name for name in upload.files]


def _report(store, result: ImportResult, lang: str) -> list[dict]:
    """Per kind of resource, in words: which would be added, which changed (by their names)."""
    lines = []
    projection = build_projection(store)
    for verb, found in ((Message("ajoutés", "added"), result.added), (Message("modifiés", "changed"), result.changed)):
        for kind, ids in found.items():
            names = [projection.label(str(ID[i]), lang) if verb.fr == "modifiés" else i.split("/", 1)[-1] for i in ids]
            lines.append(
                {"quoi": KIND_NAMES.get(kind, Message(kind, kind)).text(lang), "verbe": verb.text(lang), "noms": names}
            )
    return lines


def _page(request: Request, lang: str, identity: Identity, status_code: int = 200, **values):
    """The upload page: the form (``upload=None``), a dry run's report, an import's result or why it stopped."""
    values.setdefault("upload", None)
    return page(
        request,
        "equipe/televersement.html",
        lang,
        TITLE,
        identity,
        status_code=status_code,
        max_files=MAX_FILES,
        **values,
    )


def _problems(request: Request, lang: str, identity: Identity, failed: ValidationFailed):
    """The page listing what stopped the import (status 422): nothing was written."""
    return _page(request, lang, identity, status_code=422, problems=[p.to_dict(lang) for p in failed.problems])


def _dry_run(request: Request, identity: Identity, upload: Upload, lang: str):
    writes = request.app.state.writes
    try:
        result = import_paths(writes.store, _files(upload), dry_run=True, limits=request.app.state.settings.limits())
    except ValidationFailed as failed:
        return _problems(request, lang, identity, failed)
    return _page(request, lang, identity, upload=upload, result=result, report=_report(writes.store, result, lang))


@router.get("/televersement/gabarit.xlsx")
def template_file():
    """The empty template (public: it holds no data)."""
    from fastapi.responses import FileResponse

    from ecosystem.ingest.templates import TEMPLATE_NAME
    from ecosystem.paths import templates_dir

    return FileResponse(templates_dir() / f"{TEMPLATE_NAME}.xlsx", filename=f"{TEMPLATE_NAME}.xlsx")


@router.get("/televersement")
def upload_page(request: Request, lang: LangDep, identity: StaffDep):
    return _page(request, lang, identity)


@router.post("/televersement")
async def upload(request: Request, lang: LangDep, identity: StaffDep):
    form = await request.form(max_files=MAX_FILES, max_fields=10)
    sent = [
        (name, item) for item in form.getlist("fichiers") if isinstance(item, UploadFile) and (name := item.filename)
    ]
    files = [(name, await item.read()) for name, item in sent]
    try:
        saved = await run_in_threadpool(_uploads(request).save, identity.signed_in.id, files)
    except UploadRefused as refused:
        return _page(request, lang, identity, status_code=refused.status, error=refused.message.text(lang))
    return await run_in_threadpool(_dry_run, request, identity, saved, lang)


@router.post("/televersement/{upload_id}/confirmer")
async def confirm(request: Request, upload_id: str, lang: LangDep, identity: StaffDep):
    uploads = _uploads(request)
    saved = uploads.get(upload_id, identity.signed_in.id)
    if saved is None:
        raise HTTPException(
            404,
            Message(
                "Envoi introuvable ou expiré : téléversez les fichiers de nouveau.",
                "Upload not found or expired: upload the files again.",
            ).text(lang),
        )
    writes = request.app.state.writes

    def run():
        # Read, checked and written under the write lock: what is confirmed is what is written.
        with writes.session(author_of(identity), "televersement", ", ".join(saved.files)) as store:
            return import_paths(store, _files(saved), limits=request.app.state.settings.limits())

    try:
        result = await run_in_threadpool(run)
    except ValidationFailed as failed:
        return _problems(request, lang, identity, failed)
    uploads.discard(saved)
    return _page(request, lang, identity, done=result, report=_report(writes.store, result, lang))
