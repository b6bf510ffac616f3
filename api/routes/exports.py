"""Exports of the map and of the data, for the current view and its filters (no personal information)."""

from __future__ import annotations

from typing import Annotated, Literal

from ecosystem.api.deps import LangDep, StoreDep, TerritoryFilter
from ecosystem.api.rendering import render
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from ecosystem.export.formats import FORMATS, ExportError, ExportOptions, export
from ecosystem.i18n import Message
from ecosystem.namespaces import slugify
from ecosystem.revisions import CURRENT_NAME, RevisionError

router = APIRouter(tags=["exports"])

FormatName = Literal["turtle", "trig", "jsonld", "nt", "gexf", "graphml", "csv", "xlsx", "svg", "pdf", "png", "html"]
FORMAT_NAMES = {
    "svg": ("Carte SVG (vectorielle)", "SVG map (vector)"), "pdf": ("Carte PDF (impression)", "PDF map (print)"),
    "png": ("Carte PNG (300 ppp)", "PNG map (300 DPI)"), "html": ("Carte HTML autonome (hors ligne)", "Standalone HTML map (offline)"),
    "gexf": ("GEXF (Gephi)", "GEXF (Gephi)"), "graphml": ("GraphML (yEd, Cytoscape)", "GraphML (yEd, Cytoscape)"),
    "turtle": ("Turtle", "Turtle"), "trig": ("TriG (avec les révisions)", "TriG (with the revisions)"),
    "jsonld": ("JSON-LD", "JSON-LD"), "nt": ("N-Triples", "N-Triples"),
    "csv": ("CSV (gabarit d'import, zip)", "CSV (import template, zip)"), "xlsx": ("XLSX (gabarit d'import)", "XLSX (import template)"),
}


@router.get("/exports", include_in_schema=False)
@router.get("/exports.json", summary="Formats d'export / Export formats")
def exports_page(request: Request, lang: LangDep):
    query = request.url.query
    formats = [{"format": name, "nom": FORMAT_NAMES[name][1 if lang == "en" else 0], "extension": FORMATS[name][0],
                "url": f"/export/{name}" + (f"?{query}" if query else "")} for name in FORMATS]
    return render(request, "exports/index.html", {"formats": formats}, lang, Message("Exports", "Exports"))


@router.get(
    "/export/{format}",
    summary="Exporter la carte ou les données / Export the map or the data",
    response_class=Response,
    responses={200: {"description": "Le fichier / The file"}, 404: {"description": "Révision inconnue / unknown revision"}},
)
async def export_file(
    store: StoreDep,
    lang: LangDep,
    format: FormatName,
    revision: Annotated[str, Query(description="Révision, ou « courant » / Revision, or courant")] = CURRENT_NAME,
    territoire: TerritoryFilter = None,
    enjeu: Annotated[str | None, Query(max_length=200, description="Filtre : enjeu (notation), plus étroits compris / Filter: issue")] = None,
    secteur: Annotated[str | None, Query(max_length=200, description="Filtre : secteur (notation) / Filter: sector")] = None,
    type: Annotated[str | None, Query(max_length=200, description="Filtre : type d'instance (notation) / Filter: instance type")] = None,
    role: Annotated[str | None, Query(max_length=200, description="Filtre : rôle (notation) / Filter: role")] = None,
    focus: Annotated[str | None, Query(max_length=300, description="Nœud centré (acteur/ID, instance/ID) / Focus node")] = None,
    profondeur: Annotated[int, Query(ge=0, le=6, description="Profondeur autour du nœud centré / Depth around the focus")] = 1,
    page: Literal["a3", "tabloid", "letter"] = "a3",
    width: Annotated[int | None, Query(ge=200, le=12000, description="Largeur PNG (px) / PNG width")] = None,
    dpi: Annotated[int, Query(ge=72, le=600)] = 300,
    titre: Annotated[str | None, Query(max_length=200)] = None,
):
    options = ExportOptions(revision=revision, page=page, width=width, dpi=dpi, lang=lang, title=titre,
                            filters={"territoire": territoire, "enjeu": enjeu, "secteur": secteur, "type": type, "role": role,
                                     "focus": focus, "profondeur": str(profondeur) if focus else None})
    try:
        data = await run_in_threadpool(export, store, format, options)
    except RevisionError as error:
        raise HTTPException(404, error.message.text(lang)) from error
    except ExportError as error:
        raise HTTPException(400, error.message.text(lang)) from error
    extension, media_type = FORMATS[format]
    filename = f"ecosysteme-{slugify(revision) or 'courant'}.{extension}"
    disposition = "inline" if format in ("svg", "png", "pdf") else "attachment"
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})
