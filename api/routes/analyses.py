"""Analyses pages and their JSON: over-solicited actors, duplicated mandates, the over-concertation
matrix, brokers and communities. Each calls the analysis; nothing is computed here."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ecosystem.analysis.bridges import fragile_bridges
from ecosystem.analysis.concentration import concentration
from ecosystem.analysis.duplicates import DUPLICATE_THRESHOLD, duplicated_mandates
from ecosystem.analysis.nesting import nested_tables
from ecosystem.analysis.registry import ANALYSES
from ecosystem.analysis.seats import decile_rule, kept_loads, kept_over_solicited, kept_redundant
from ecosystem.analysis.structure import structure
from ecosystem.cache import derived, revalidated
from ecosystem.glossary import TERMS
from ecosystem.i18n import Message
from ecosystem.mapfilters import notation, short_id
from ecosystem.presentation import (
    community_label,
    computed_at,
    describe_bridge,
    describe_method,
    flag_text,
    labelled,
    say,
)

from ..deps import LangDep, ProjectionDep, SettingsDep
from ..entities import matrix_data
from ..rendering import render
from ..schemas import checked
from ..schemas.analyses import (
    AnalysesIndex,
    DuplicatesAnswer,
    Glossary,
    MatrixAnswer,
    OverSolicitation,
    StructureAnswer,
)

router = APIRouter(tags=["analyses"])

STALE = "private, no-store"
"""A result served from an earlier data version while the current one is computed: kept by no cache."""

TITLES = {a.name: a.title for a in ANALYSES if a.page}
"""Titles of the analysis pages, from the registry."""


def over_solicitation(projection, settings, seats: int | None, hours: float | None, lang: str = "fr") -> dict:
    rule = settings.over_solicitation_rule(seats, hours)
    actors = labelled([a.to_dict() for a in kept_over_solicited(projection, rule)], projection, lang)
    decile = derived(_decile)(projection, rule)
    for entry in actors:
        entry["id"] = short_id(entry["acteur"])
        for flag in entry["flags"]:
            flag["texte"] = flag_text(flag, lang)
    return {
        "seuil_sieges": rule.seats,
        "seuil_heures": rule.hours,
        "regle": rule.to_dict(),
        "decile": decile,
        "acteurs": actors,
        "sieges_redondants": labelled(kept_redundant(projection), projection, lang),
    }


def duplicates(projection, threshold: float, lang: str = "fr") -> dict:
    return labelled(derived(_duplicates)(projection, threshold), projection, lang)


def _duplicates(projection, threshold: float) -> dict:
    return duplicated_mandates(projection, threshold).to_dict()


def _decile(projection, rule):
    return decile_rule(kept_loads(projection), rule)


def matrix(projection, lang: str = "fr") -> dict:
    data = labelled(matrix_data(projection), projection, lang)
    peak = max((cell["nombre"] for cell in data["cellules"]), default=0)
    return data | {
        "maximum": peak,
        "lignes": [
            {
                "territoire": t,
                "id": notation(t["iri"]),
                "cellules": [c for c in data["cellules"] if c["territoire"] == t["iri"]],
            }
            for t in data["territoires"]
        ],
    }


def brokers_and_communities(projection, seed: int, lang: str = "fr") -> dict:
    stamped = revalidated(structure)(projection, seed)  # global: recomputed in the background after a write
    result = stamped.value
    brokers = labelled(result.brokers(projection, 20), projection, lang)
    for entry in brokers:
        entry["id"] = short_id(entry["acteur"])
    bridging = [
        row | {"id": short_id(row["instance"]), "nom": projection.label(row["instance"], lang)}
        for row in result.bridging_instances(projection, 20)
    ]
    data = result.to_dict()
    return {
        "courtiers": brokers,
        "instances_pont": bridging,
        "communautes": _named_communities(projection, data, lang),
        "isoles": labelled(data["isoles"], projection, lang),
        "composantes": data["composantes"],
        "methode": data["methode"],
        "methode_texte": describe_method(data["methode"]["communautes"], lang),
        "ponts_fragiles": [
            b
            | {
                "texte": describe_bridge(projection, b, lang),
                "nom": projection.label(b["actor"], lang),
                "id": short_id(b["actor"]),
            }
            for b in derived(fragile_bridges)(projection)[:20]
        ],
        "tables_emboitees": [
            p
            | {
                "texte": say(
                    p["finding"],
                    lang,
                    a=projection.label(p["a"], lang),
                    b=projection.label(p["b"], lang),
                    n=p["size_a"],
                )
            }
            for p in derived(nested_tables)(projection)
            if p["finding"]
        ],
        "concentration": derived(concentration)(projection).to_dict(),
        "calcul": computed_at(stamped.stamp, projection.derived.stamp, stamped.fresh, lang),
    }


def _named_communities(projection, data: dict, lang: str) -> list[dict]:
    """The communities with their members' names and a landmark in words (the analysis gives IRIs)."""
    return [
        group
        | {
            "repere": community_label(projection, group, lang),
            "instances": [m | {"nom": projection.label(m["iri"], lang)} for m in group["instances"]],
            "acteurs": [m | {"nom": projection.label(m["iri"], lang)} for m in group["acteurs"]],
        }
        for group in data["communautes"]
    ]


Seats = Annotated[int | None, Query(ge=0, le=10_000)]
Hours = Annotated[float | None, Query(ge=0, le=100_000)]
Threshold = Annotated[float, Query(ge=0, le=1)]
Seed = Annotated[int, Query(ge=0, le=2**31)]


@router.get(
    "/api/analyses/sur-sollicitation",
    response_model=OverSolicitation,
    summary="Acteurs sur-sollicités / Over-solicited actors",
)
def over_api(
    projection: ProjectionDep, settings: SettingsDep, lang: LangDep, sieges: Seats = None, heures: Hours = None
) -> dict:
    return over_solicitation(projection, settings, sieges, heures, lang)


@router.get(
    "/api/analyses/mandats-dupliques",
    response_model=DuplicatesAnswer,
    summary="Mandats dupliqués / Duplicated mandates",
)
def duplicates_api(projection: ProjectionDep, lang: LangDep, seuil: Threshold = DUPLICATE_THRESHOLD) -> dict:
    return duplicates(projection, seuil, lang)


@router.get(
    "/api/analyses/surconcertation",
    response_model=MatrixAnswer,
    summary="Matrice territoire × enjeu et lacunes / Territory × issue matrix and gaps",
)
def matrix_api(projection: ProjectionDep, lang: LangDep) -> dict:
    return matrix(projection, lang)


@router.get(
    "/api/analyses/structure",
    response_model=StructureAnswer,
    summary="Courtiers et communautés / Brokers and communities",
)
def structure_api(response: Response, projection: ProjectionDep, lang: LangDep, graine: Seed = 0) -> dict:
    data = brokers_and_communities(projection, graine, lang)
    if not data["calcul"]["a_jour"]:
        response.headers["Cache-Control"] = STALE  # stale-while-revalidate: the fresh one replaces it shortly
    return data


@router.get("/analyses", include_in_schema=False)
@router.get("/analyses.json", include_in_schema=False)
def analyses_index(request: Request, lang: LangDep):
    pages = {a.name: a for a in ANALYSES if a.page}
    also = {
        name: [a.title.text(lang) for a in ANALYSES if not a.page and a.url == f"/analyses/{name}"] for name in pages
    }
    data = {
        "analyses": [
            {
                "id": name,
                "nom": a.title.text(lang),
                "url": f"/analyses/{name}",
                "aussi": also[name],
                "termes": [{"id": t, "nom": TERMS[t].name.text(lang)} for t in a.terms],
            }
            for name, a in pages.items()
        ]
    }
    return render(request, "analyses.html", checked(AnalysesIndex, data), lang, Message("Analyses", "Analyses"))


@router.get("/analyses/sur-sollicitation", include_in_schema=False)
@router.get("/analyses/sur-sollicitation.json", include_in_schema=False)
def over_page(
    request: Request,
    projection: ProjectionDep,
    settings: SettingsDep,
    lang: LangDep,
    sieges: Seats = None,
    heures: Hours = None,
):
    return render(
        request,
        "analyse-sur-sollicitation.html",
        checked(OverSolicitation, over_solicitation(projection, settings, sieges, heures, lang)),
        lang,
        TITLES["sur-sollicitation"],
    )


@router.get("/analyses/mandats-dupliques", include_in_schema=False)
@router.get("/analyses/mandats-dupliques.json", include_in_schema=False)
def duplicates_page(request: Request, projection: ProjectionDep, lang: LangDep, seuil: Threshold = DUPLICATE_THRESHOLD):
    return render(
        request,
        "analyse-mandats-dupliques.html",
        checked(DuplicatesAnswer, duplicates(projection, seuil, lang)),
        lang,
        TITLES["mandats-dupliques"],
    )


@router.get("/analyses/surconcertation", include_in_schema=False)
@router.get("/analyses/surconcertation.json", include_in_schema=False)
def matrix_page(request: Request, projection: ProjectionDep, lang: LangDep):
    return render(
        request,
        "analyse-surconcertation.html",
        checked(MatrixAnswer, matrix(projection, lang)),
        lang,
        TITLES["surconcertation"],
    )


@router.get("/analyses/structure", include_in_schema=False)
@router.get("/analyses/structure.json", include_in_schema=False)
def structure_page(request: Request, projection: ProjectionDep, lang: LangDep, graine: Seed = 0):
    data = checked(StructureAnswer, brokers_and_communities(projection, graine, lang))
    page = render(request, "analyse-structure.html", data, lang, TITLES["structure"])
    if not data["calcul"]["a_jour"]:
        page.headers["Cache-Control"] = STALE
    return page


def glossary(lang: str) -> dict:
    """Every glossary term in ``lang``, with the analyses that show it (from the registry)."""
    return {
        "termes": [
            {
                "id": key,
                "nom": t.name.text(lang),
                "sens": t.meaning.text(lang),
                "pour_vous": t.for_you.text(lang),
                "calcul": t.computed.text(lang),
                "reference": t.reference,
                "analyses": [{"nom": a.title.text(lang), "url": a.url} for a in ANALYSES if key in a.terms],
            }
            for key, t in TERMS.items()
        ]
    }


@router.get("/glossaire", include_in_schema=False)
@router.get("/glossaire.json", include_in_schema=False)
def glossary_page(request: Request, lang: LangDep):
    return render(
        request,
        "glossaire.html",
        checked(Glossary, glossary(lang)),
        lang,
        Message("Glossaire des mesures", "Glossary of the measures"),
    )
