"""The pre-initiative check: the form ``/verifier`` and ``POST /api/verifier`` (same answer as JSON)."""

from __future__ import annotations

from ecosystem.api.deps import LangDep, ProjectionDep, SettingsDep, iri_or_none
from ecosystem.api.entities import actor_summary
from ecosystem.api.rendering import page_context, templates, wants_json
from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.cache import derived
from ecosystem.i18n import Message
from ecosystem.mapdata import filter_options, fold, notation, short_id
from ecosystem.namespaces import VOCAB, actor_iri, concept_iri, territory_iri

router = APIRouter(tags=["vérification"])

Ids = list[str]


class InitiativeIn(BaseModel):
    """A proposed initiative; issues, functions and populations by notation, territory and partners by id."""

    nom: str = Field("Nouvelle initiative", max_length=300)
    enjeux: Ids = Field(default_factory=list, max_length=50, examples=[["securite-alimentaire"]])
    territoire: str | None = Field(None, max_length=200, examples=["shawinigan"])
    fonctions: Ids = Field(default_factory=list, max_length=50)
    populations: Ids = Field(default_factory=list, max_length=50)
    partenaires: Ids = Field(default_factory=list, max_length=200, examples=[["ciusss-mcq"]])
    texte: str | None = Field(None, max_length=20_000)
    heures_par_an: float | None = Field(None, ge=0, le=10_000)


def _concepts(projection, scheme: str, notations: list[str], unknown: list[str]) -> tuple[str, ...]:
    iris = []
    for value in notations:
        iri = iri_or_none(lambda n: concept_iri(scheme, n), value)
        if iri in projection.concepts:
            iris.append(iri)
        else:
            unknown.append(f"{scheme}: {value}")
    return tuple(iris)


def to_initiative(projection, form: InitiativeIn) -> Initiative:
    """The form's ids → IRIs; anything unknown is a 422 that names it."""
    unknown: list[str] = []
    territory = iri_or_none(territory_iri, form.territoire)
    if form.territoire and territory not in projection.territories:
        unknown.append(f"territoire: {form.territoire}")
    partners = []
    for ident in form.partenaires:
        iri = iri_or_none(actor_iri, ident)
        if iri in projection.two_mode and projection.two_mode.nodes[iri]["kind"] == "actor":
            partners.append(iri)
        else:
            unknown.append(f"partenaire: {ident}")
    initiative = Initiative(
        name=form.nom, issues=_concepts(projection, "enjeux", form.enjeux, unknown), territory=territory if not unknown else None,
        functions=_concepts(projection, "fonctions", form.fonctions, unknown),
        populations=_concepts(projection, "populations", form.populations, unknown),
        partners=tuple(dict.fromkeys(partners)), text=form.texte, hours_per_year=form.heures_par_an)
    if unknown:
        raise HTTPException(422, detail=str(Message("Valeurs inconnues : " + ", ".join(unknown) + ". Choisissez-les dans les listes de /api/verifier/choix.",
                                                     "Unknown values: " + ", ".join(unknown) + ". Pick them from the lists at /api/verifier/choix.")))
    return initiative


def _answer(projection, form: InitiativeIn, settings, lang: str) -> dict:
    result = check_initiative(projection, to_initiative(projection, form), settings.over_solicitation_rule()).to_dict()
    for entry in result["instances"]:
        entry["id"] = short_id(entry["b"])
    for entry in result["partenaires"]:
        entry["id"] = short_id(entry["acteur"])
    return result


def _choices(projection, lang: str) -> dict:
    def scheme(name):
        prefix = str(VOCAB[name]) + "/"
        return sorted(({"id": notation(c), "libelle": projection.label(c, lang)} for c in projection.concepts if c.startswith(prefix)),
                      key=lambda c: fold(c["libelle"]))
    actors = sorted(({"id": short_id(a).split("/", 1)[1], "libelle": actor_summary(projection, a, lang)["nom"]} for a in projection.actors),
                    key=lambda c: fold(c["libelle"]))
    return {"enjeux": scheme("enjeux"), "fonctions": scheme("fonctions"), "populations": scheme("populations"),
            "territoires": filter_options(projection, lang)["territoires"], "partenaires": actors}


@router.get("/api/verifier/choix", summary="Valeurs acceptées par la vérification / Values the check accepts")
def choices_api(projection: ProjectionDep, lang: LangDep) -> dict:
    return derived(_choices)(projection, lang)


@router.post("/api/verifier", summary="Vérifier une initiative avant de la lancer / Check an initiative before starting it")
def check_api(initiative: InitiativeIn, projection: ProjectionDep, settings: SettingsDep, lang: LangDep) -> dict:
    """Existing instances that already cover the initiative, ranked and explained; the partners' load now and after."""
    return _answer(projection, initiative, settings, lang)


def _page(request: Request, projection, lang: str, form: InitiativeIn | None, result: dict | None, error: str | None = None):
    choices = derived(_choices)(projection, lang)
    context = page_context(request, lang, "Vérifier une initiative" if lang == "fr" else "Check an initiative", "/verifier.json")
    return templates.TemplateResponse(request, "verifier.html", {"choices": choices, "form": form or InitiativeIn(), "result": result,
                                                                 "error": error, **context}, status_code=422 if error else 200)


@router.get("/verifier", include_in_schema=False)
@router.get("/verifier.json", include_in_schema=False)
def check_page(request: Request, projection: ProjectionDep, lang: LangDep):
    if wants_json(request):
        return derived(_choices)(projection, lang)
    return _page(request, projection, lang, None, None)


@router.post("/verifier", include_in_schema=False)
async def check_form(request: Request, projection: ProjectionDep, settings: SettingsDep, lang: LangDep):
    values = await request.form()
    try:
        form = InitiativeIn(
            nom=values.get("nom") or "Nouvelle initiative", enjeux=values.getlist("enjeux"), territoire=values.get("territoire") or None,
            fonctions=values.getlist("fonctions"), populations=values.getlist("populations"), partenaires=values.getlist("partenaires"),
            texte=values.get("texte") or None, heures_par_an=float(values["heures_par_an"].replace(",", ".")) if values.get("heures_par_an") else None)
        result = _answer(projection, form, settings, lang)
    except (ValueError, HTTPException) as error:
        detail = error.detail if isinstance(error, HTTPException) else Message("Champ invalide : " + str(error), "Invalid field: " + str(error))
        return _page(request, projection, lang, None, None, detail.text(lang) if isinstance(detail, Message) else str(detail))
    return _page(request, projection, lang, form, result)
