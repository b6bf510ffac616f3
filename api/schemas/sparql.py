"""The SPARQL 1.1 Query Results JSON Format (W3C), as the endpoint writes it.

The endpoint writes the format itself (not through these models): a key with a default is optional here,
as the format has it (an ASK answer's ``head`` has no ``vars``; ``link`` and ``warning`` come with a cut result)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SparqlResults"]


class Format(BaseModel):
    """Open to added keys; optional keys stay optional."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class SparqlTerm(Format):
    """One bound value: an IRI (``uri``), a literal (with its datatype or language) or a blank node."""

    type: str = Field(description="uri, literal, bnode (ou triple) / uri, literal, bnode (or triple)")
    value: str | dict[str, Any]
    datatype: str | None = None
    xml_lang: str | None = Field(None, alias="xml:lang")


class SparqlHead(Format):
    vars: list[str] = Field(default_factory=list)
    link: list[str] = Field(
        default_factory=list, description="Où lire la limite des résultats / Where the result limit is explained"
    )
    warning: str | None = Field(
        None, description="Présent si le résultat est tronqué / Present when the result was cut"
    )


class SparqlBindings(Format):
    bindings: list[dict[str, SparqlTerm]]


class SparqlResults(Format):
    """A SELECT answer (``results``) or an ASK answer (``boolean``)."""

    head: SparqlHead
    results: SparqlBindings | None = None
    boolean: bool | None = None
