"""Exports of the map and of the data, for the current view and its filters (no personal information).

Every format comes from the one registry (:data:`ecosystem.export.formats.FORMATS`): the
``/export/{format}`` route accepts its names (and their usual aliases), its OpenAPI enum
lists them as they are when the schema is built, and the ``/exports`` page, the map's
export links and a revision's links are drawn from it (``export_formats`` in templates).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ecosystem.export.formats import FORMATS, export
from ecosystem.export.options import ExportError, ExportOptions
from ecosystem.export.registry import KINDS
from ecosystem.export.visual import ORIENTATIONS, PAGES, OrientationName, PageName
from ecosystem.i18n import Message
from ecosystem.namespaces import slugify
from ecosystem.revisions import CURRENT_NAME, RevisionError

from ..deps import LangDep, StoreDep, StrategyFilter, TerritoryFilter
from ..rendering import render, templates
from ..schemas.base import checked, file_content
from ..schemas.documents import ExportFormats

router = APIRouter(tags=["exports"])


PAGE_NAMES = {
    "a3": Message("A3", "A3"),
    "tabloid": Message("Tabloïd (11 × 17 po)", "Tabloid (11 × 17 in)"),
    "letter": Message("Lettre (8,5 × 11 po)", "Letter (8.5 × 11 in)"),
}
ORIENTATION_NAMES = {"paysage": Message("Paysage", "Landscape"), "portrait": Message("Portrait", "Portrait")}


def _enum(schema: dict) -> None:
    schema["enum"] = FORMATS.accepted()  # read when the OpenAPI schema is built: formats registered later appear


def export_formats(*kinds: str) -> list:
    """The registered formats of ``kinds`` (all when none), for the templates' export links."""
    return FORMATS.of_kind(*kinds) if kinds else list(FORMATS)


templates.env.globals["export_formats"] = export_formats


def _listing(query: str, lang: str) -> list[dict]:
    return [
        {
            "format": f.name,
            "nom": f.label.text(lang),
            "extension": f.extension,
            "type": f.kind,
            "description": f.description.text(lang),
            "url": f"/export/{f.name}" + (f"?{query}" if query else ""),
        }
        for f in FORMATS
    ]


@router.get("/exports", include_in_schema=False)
@router.get("/exports.json", response_model=ExportFormats, summary="Formats d'export / Export formats")
def exports_page(request: Request, lang: LangDep):
    data = checked(ExportFormats, {"formats": _listing(request.url.query, lang)})
    groups = [(KINDS[kind].text(lang), [f for f in data["formats"] if f["type"] == kind]) for kind in KINDS]
    return render(
        request,
        "exports/index.html",
        data,
        lang,
        Message("Exports", "Exports"),
        groups=groups,
        pages=[(p, PAGE_NAMES[p].text(lang)) for p in PAGES],
        orientations=[(o, ORIENTATION_NAMES[o].text(lang)) for o in ORIENTATIONS],
        hidden=[(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "orientation", "titre")],
    )


@router.get(
    "/export/{format}",
    summary="Exporter la carte ou les données / Export the map or the data",
    response_class=Response,
    responses={
        200: {"description": "Le fichier / The file", "content": file_content(sorted({f.media_type for f in FORMATS}))},
        404: {"description": "Révision inconnue / unknown revision"},
        400: {"description": "Export impossible / export refused"},
    },
)
async def export_file(
    store: StoreDep,
    lang: LangDep,
    format: Annotated[
        str, Path(description="Format (ou un nom usuel) / Format (or a usual name)", json_schema_extra=_enum)
    ],
    revision: Annotated[str, Query(description="Révision, ou « courant » / Revision, or courant")] = CURRENT_NAME,
    territoire: TerritoryFilter = None,
    enjeu: Annotated[
        str | None, Query(max_length=200, description="Filtre : enjeu (notation), plus étroits compris / Filter: issue")
    ] = None,
    secteur: Annotated[
        str | None, Query(max_length=200, description="Filtre : secteur (notation) / Filter: sector")
    ] = None,
    type: Annotated[
        str | None, Query(max_length=200, description="Filtre : type d'instance (notation) / Filter: instance type")
    ] = None,
    role: Annotated[str | None, Query(max_length=200, description="Filtre : rôle (notation) / Filter: role")] = None,
    focus: Annotated[
        str | None, Query(max_length=300, description="Nœud centré (acteur/ID, instance/ID) / Focus node")
    ] = None,
    strategie: StrategyFilter = None,
    profondeur: Annotated[
        int, Query(ge=0, le=6, description="Profondeur autour du nœud centré / Depth around the focus")
    ] = 1,
    page: PageName = "a3",
    orientation: OrientationName = "paysage",
    width: Annotated[int | None, Query(ge=200, le=12000, description="Largeur PNG (px) / PNG width")] = None,
    dpi: Annotated[int, Query(ge=72, le=600)] = 300,
    titre: Annotated[str | None, Query(max_length=200, description="Titre de la carte / Map title")] = None,
    vocabulaires: Annotated[
        bool | None,
        Query(
            description="RDF : inclure les termes employés (défaut : oui en Turtle et TriG) / RDF: include the terms used"
        ),
    ] = None,
):
    chosen = FORMATS.resolve(format)
    if chosen is None:
        raise HTTPException(422, FORMATS.unknown(format).text(lang))
    options = ExportOptions(
        revision=revision,
        page=page,
        orientation=orientation,
        width=width,
        dpi=dpi,
        lang=lang,
        title=titre or None,
        vocabularies=vocabulaires,
        filters={
            "territoire": territoire,
            "enjeu": enjeu,
            "secteur": secteur,
            "type": type,
            "role": role,
            "strategie": strategie,
            "focus": focus,
            "profondeur": str(profondeur) if focus else None,
        },
    )
    try:
        data = await run_in_threadpool(export, store, chosen.name, options)
    except RevisionError as error:
        raise HTTPException(404, error.message.text(lang)) from error
    except ExportError as error:
        raise HTTPException(400, error.message.text(lang)) from error
    filename = f"ecosysteme-{slugify(revision) or 'courant'}.{chosen.extension}"
    disposition = "inline" if chosen.inline else "attachment"
    return Response(
        data, media_type=chosen.media_type, headers={"Content-Disposition": f'{disposition}; filename="{filename}"'}
    )
