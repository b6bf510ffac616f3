"""The pre-initiative check: the form ``/verifier`` and ``POST /api/verifier`` (same answer as JSON)."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ecosystem.analysis.check import Initiative, check_initiative
from ecosystem.analysis.check_index import check_index
from ecosystem.cache import derived
from ecosystem.i18n import Message
from ecosystem.mapdata import filter_options, fold, notation, short_id
from ecosystem.namespaces import VOCAB, actor_iri, concept_iri, territory_iri
from ecosystem.presentation import labelled

from ..check_words import explain
from ..deps import LangDep, ProjectionDep, SettingsDep, iri_or_none
from ..entities import actor_summary
from ..errors import MessageError
from ..rendering import page_context, templates, wants_json
from ..schemas.site import CheckAnswer, CheckChoices

router = APIRouter(tags=["verification"])

Ids = list[str]


class InitiativeIn(BaseModel):
    """A proposed initiative; issues, functions and populations by notation, territory and partners by id."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field is refused, not silently dropped

    nom: str = Field(default="Nouvelle initiative", max_length=300)
    enjeux: Ids = Field(default_factory=list, max_length=50, examples=[["securite-alimentaire"]])
    territoire: str | None = Field(default=None, max_length=200, examples=["shawinigan"])
    fonctions: Ids = Field(default_factory=list, max_length=50)
    populations: Ids = Field(default_factory=list, max_length=50)
    partenaires: Ids = Field(default_factory=list, max_length=200, examples=[["ciusss-mcq"]])
    texte: str | None = Field(default=None, max_length=20_000)
    heures_par_an: float | None = Field(default=None, ge=0, le=10_000)


def _concepts(projection, scheme: str, notations: list[str], unknown: list[str]) -> tuple[str, ...]:
    iris = []
    for value in notations:
        iri = iri_or_none(lambda n: concept_iri(scheme, n), value)
        if iri is not None and iri in projection.concepts:
            iris.append(iri)
        else:
            unknown.append(f"{scheme}: {value}")
    return tuple(iris)


class CheckInputError(MessageError):
    """A 422 whose message the page shows in the reader's language (the API sends both)."""

    def __init__(self, message: Message):
        super().__init__(422, message)


def to_initiative(projection, form: InitiativeIn) -> Initiative:
    """The form's ids → IRIs; anything unknown is a 422 that names it."""
    unknown: list[str] = []
    territory = iri_or_none(territory_iri, form.territoire)
    if form.territoire and territory not in projection.territories:
        unknown.append(f"territoire: {form.territoire}")
    partners = []
    for ident in form.partenaires:
        iri = iri_or_none(actor_iri, ident)
        if iri is not None and iri in projection.two_mode and projection.two_mode.nodes[iri]["kind"] == "actor":
            partners.append(iri)
        else:
            unknown.append(f"partenaire: {ident}")
    initiative = Initiative(
        name=form.nom,
        issues=_concepts(projection, "enjeux", form.enjeux, unknown),
        territory=territory if not unknown else None,
        functions=_concepts(projection, "fonctions", form.fonctions, unknown),
        populations=_concepts(projection, "populations", form.populations, unknown),
        partners=tuple(dict.fromkeys(partners)),
        text=form.texte,
        hours_per_year=form.heures_par_an,
    )
    if unknown:
        raise CheckInputError(
            Message(
                "Valeurs inconnues : "
                + ", ".join(unknown)
                + ". Choisissez-les dans les listes du formulaire (ou de /api/verifier/choix).",
                "Unknown values: "
                + ", ".join(unknown)
                + ". Pick them from the form's lists (or from /api/verifier/choix).",
            )
        )
    return initiative


def _answer(projection, form: InitiativeIn, rule, lang: str) -> dict:
    result = labelled(check_initiative(projection, to_initiative(projection, form), rule).to_dict(), projection, lang)
    for entry in result["instances"]:
        entry["id"] = short_id(entry["b"])
    for entry in result["partenaires"]:
        entry["id"] = short_id(entry["acteur"])
    # Plain words for the reader: a sentence and a level per instance, the mandate words as written.
    return explain(result, projection, " ".join(filter(None, (form.nom, form.texte))), rule, lang)


def _choices(projection, lang: str) -> dict:
    def scheme(name):
        prefix = str(VOCAB[name]) + "/"
        return sorted(
            (
                {"id": notation(c), "libelle": projection.label(c, lang)}
                for c in projection.concepts
                if c.startswith(prefix)
            ),
            key=lambda c: fold(c["libelle"]),
        )

    actors = sorted(
        (
            {"id": short_id(a).split("/", 1)[1], "libelle": actor_summary(projection, a, lang)["nom"]}
            for a in projection.actors
        ),
        key=lambda c: fold(c["libelle"]),
    )
    return {
        "enjeux": scheme("enjeux"),
        "fonctions": scheme("fonctions"),
        "populations": scheme("populations"),
        "territoires": filter_options(projection, lang)["territoires"],
        "partenaires": actors,
    }


@router.get(
    "/api/verifier/choix",
    response_model=CheckChoices,
    summary="Valeurs acceptées par la vérification / Values the check accepts",
)
def choices_api(projection: ProjectionDep, lang: LangDep) -> dict:
    return derived(_choices)(projection, lang)


@router.post(
    "/api/verifier",
    response_model=CheckAnswer,
    summary="Vérifier une initiative avant de la lancer / Check an initiative before starting it",
)
async def check_api(
    initiative: InitiativeIn, projection: ProjectionDep, settings: SettingsDep, lang: LangDep
) -> Response:
    """Existing instances that already cover the initiative, ranked and explained; the partners' load now and after.

    A coroutine: the check takes a few milliseconds of the interpreter, which a worker thread would not
    run any sooner (one interpreter lock), and its round trip to a thread costs as much again. The first
    check of a projection builds its indexes (seconds on the province): that one runs in a worker thread,
    so as not to hold every other request meanwhile."""
    answer = derived(_answer_bytes, keep=ANSWERS_KEPT)
    arguments = (projection, _form_key(initiative), settings.over_solicitation_rule(), lang)
    ready = projection.derived.result(check_index) is not None
    body = answer(*arguments) if ready else await run_in_threadpool(answer, *arguments)
    return Response(body, media_type="application/json")


def _form_key(initiative: InitiativeIn) -> str:
    """The initiative as ASCII JSON: a lone surrogate in a list (refused later as an unknown value) stays escaped."""
    return json.dumps(initiative.model_dump(mode="json"), ensure_ascii=True, sort_keys=True)


ANSWERS_KEPT = 512
"""Answers kept per data version: the same initiative checked again (a shared link, a form sent twice) is not scored again."""


def _answer_bytes(projection, form_json: str, rule, lang: str) -> bytes:
    """The answer to one initiative as JSON bytes, checked against its schema once (and written by it:
    the same bytes as ``json.dumps`` of :func:`~ecosystem.api.schemas.base.checked`, a third of its cost)."""
    answer = _answer(projection, InitiativeIn.model_validate(json.loads(form_json)), rule, lang)
    return CheckAnswer.__pydantic_serializer__.to_json(CheckAnswer.model_validate(answer))


FORM_FIELDS = ("nom", "enjeux", "territoire", "fonctions", "populations", "partenaires", "texte", "heures_par_an")
EMPTY_FORM = Message(
    "Décrivez l'initiative : choisissez au moins un enjeu, un territoire ou un partenaire, ou écrivez une description.",
    "Describe the initiative: pick at least one issue, territory or partner, or write a description.",
)


def _hours(raw: str | None) -> float | None:
    """« 12,5 » or "12.5" → 12.5; anything else is a message naming the field and an example."""
    if not raw or not raw.strip():
        return None
    try:
        value = float("".join(raw.split()).replace(",", "."))
    except ValueError:
        raise CheckInputError(
            Message(
                f"Heures par an demandées : « {raw} » n'est pas un nombre. Écrivez par exemple 12 ou 12,5.",
                f"Hours a year asked: “{raw}” is not a number. Write for example 12 or 12.5.",
            )
        ) from None
    if not 0 <= value <= 10_000:
        raise CheckInputError(
            Message(
                f"Heures par an demandées : {raw} n'est pas entre 0 et 10 000.",
                f"Hours a year asked: {raw} is not between 0 and 10,000.",
            )
        )
    return value


def _form_from(values) -> InitiativeIn:
    """The submitted fields (query string or form body) → the initiative; empty or wrong input is a CheckInputError."""
    form = InitiativeIn(
        nom=(values.get("nom") or "").strip() or "Nouvelle initiative",
        enjeux=[v for v in values.getlist("enjeux") if v],
        territoire=values.get("territoire") or None,
        fonctions=[v for v in values.getlist("fonctions") if v],
        populations=[v for v in values.getlist("populations") if v],
        partenaires=[v for v in values.getlist("partenaires") if v],
        texte=(values.get("texte") or "").strip() or None,
        heures_par_an=_hours(values.get("heures_par_an")),
    )
    if not (form.enjeux or form.territoire or form.partenaires or form.fonctions or form.populations or form.texte):
        raise CheckInputError(EMPTY_FORM)
    return form


def _share_url(form: InitiativeIn, lang: str) -> str:
    pairs = [
        ("nom", form.nom),
        *[("enjeux", v) for v in form.enjeux],
        ("territoire", form.territoire or ""),
        *[("fonctions", v) for v in form.fonctions],
        *[("populations", v) for v in form.populations],
        *[("partenaires", v) for v in form.partenaires],
        ("texte", form.texte or ""),
        ("heures_par_an", "" if form.heures_par_an is None else f"{form.heures_par_an:g}"),
        ("lang", lang),
    ]
    return "/verifier?" + urlencode([(k, v) for k, v in pairs if v])


def _page(
    request: Request, projection, lang: str, form: InitiativeIn | None, result: dict | None, error: str | None = None
):
    choices = derived(_choices)(projection, lang)
    context = page_context(
        request, lang, "Vérifier une initiative" if lang == "fr" else "Check an initiative", "/verifier.json"
    )
    return templates.TemplateResponse(
        request,
        "verifier.html",
        {
            "choices": choices,
            "form": form or InitiativeIn(),
            "result": result,
            "error": error,
            "share_url": _share_url(form, lang) if form and result else None,
            **context,
        },
        status_code=422 if error else 200,
    )


def _answer_page(request: Request, projection, settings, lang: str, values):
    form = None
    try:
        form = _form_from(values)
        result = _answer(projection, form, settings.over_solicitation_rule(), lang)
    except CheckInputError as error:
        return _page(request, projection, lang, form, None, error.message.text(lang))
    except ValidationError as error:
        fields = ", ".join(str(e["loc"][0]) for e in error.errors() if e.get("loc"))
        message = Message(f"Champ trop long ou invalide : {fields}.", f"Field too long or invalid: {fields}.")
        return _page(request, projection, lang, None, None, message.text(lang))
    return _page(request, projection, lang, form, result)


@router.get("/verifier", include_in_schema=False)
@router.get("/verifier.json", include_in_schema=False)
def check_page(request: Request, projection: ProjectionDep, settings: SettingsDep, lang: LangDep):
    """The form; with fields in the query string (a shared link), the answer too."""
    if wants_json(request):
        return derived(_choices)(projection, lang)
    if any(key in request.query_params for key in (*FORM_FIELDS, "verifier")):
        return _answer_page(request, projection, settings, lang, request.query_params)
    return _page(request, projection, lang, None, None)


@router.post("/verifier", include_in_schema=False)
async def check_form(request: Request, projection: ProjectionDep, settings: SettingsDep, lang: LangDep):
    return _answer_page(request, projection, settings, lang, await request.form())
