"""What every response model shares: open to added keys, a reference to a named thing, paging."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["FILE", "Model", "Paged", "Problem", "Ref", "checked", "file_content", "problems"]


class Model(BaseModel):
    """A JSON answer: keys as declared; keys an analysis adds are kept (``extra="allow"``).

    Every declared key is in every answer (a default fills a missing one), so OpenAPI marks each as required
    and a generated client needs no « unset » case."""

    model_config = ConfigDict(extra="allow", json_schema_serialization_defaults_required=True)


class Ref(Model):
    """A named thing of the graph: its short id (as in the URLs), its IRI and its name in the reader's language."""

    id: str = Field(description="Identifiant court, tel que dans les adresses / Short id, as in the URLs")
    iri: str
    nom: str | None = None


class Paged(Model):
    """One page of a list."""

    total: int = Field(description="Éléments en tout / Items in all")
    page: int
    par_page: int


M = TypeVar("M", bound=BaseModel)


def checked(model: type[M], data: Any) -> dict:
    """``data`` as ``model`` writes it (validated): what a page shows is what its JSON twin says."""
    return model.model_validate(data).model_dump(mode="json")


class Problem(Model):
    """A refusal: what is wrong and how to fix it, French then English (a list for refused parameters)."""

    detail: str | list[dict[str, Any]]


_PROBLEMS = {
    401: "Connexion ou jeton requis / Sign-in or token required",
    403: "Non permis / Not allowed",
    404: "Introuvable / Not found",
    409: "Conflit : existe déjà / Conflict: already exists",
    422: "Valeur refusée, avec la raison / Value refused, with the reason",
    503: "Occupé, réessayez (Retry-After) / Busy, retry (Retry-After)",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: the refusals it can answer, each with :class:`Problem`."""
    return {code: {"model": Problem, "description": _PROBLEMS[code]} for code in codes}


FILE = {"type": "string", "format": "binary"}
"""The schema of a file answer (a document, an image, an RDF serialisation)."""


JSON_DOCUMENT = {
    "type": "object",
    "required": ["@context"],
    "additionalProperties": True,
    "properties": {
        "@context": {"type": "object", "additionalProperties": True},
        "@graph": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
    },
}
"""The schema of a JSON-LD file answer: a compacted document, its context first (a document, not a string)."""


def file_content(media_types) -> dict[str, dict]:
    """``content`` of a file response: each media type with the file schema (``responses={200: {"content": …}}``).

    A JSON media type other than JSON-LD has its model declared by the route (``responses={200: {"model": …}}``)."""
    ordered = sorted(
        media_types, key=lambda media: media.startswith("text/")
    )  # a generated client reads the first as bytes
    return {
        media: {"schema": JSON_DOCUMENT if media == "application/ld+json" else FILE}
        for media in ordered
        if media == "application/ld+json" or "json" not in media
    }
