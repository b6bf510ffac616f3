"""What a SPARQL request is, decided by parsing it: a query the endpoint runs, or a refusal.

The decision rests on a real SPARQL 1.1 parser (rdflib's), never on the text: a query is
refused when it is an update (403), when its algebra holds a ``SERVICE`` anywhere —
sub-queries, ``EXISTS``, ``OPTIONAL`` included — (403), when it does not parse (400),
or when it is larger or more deeply nested than the limits below (400), checked before
any parser runs (a deeply nested query overflows Oxigraph's parser stack). Comments,
strings, case and ``\\u`` escapes are the parser's business, as the SPARQL grammar says.

>>> screen("PREFIX ex: <http://e/#a> SELECT * WHERE { ?s ex:p 'SERVICE' } # SERVICE")
Screened(form='SelectQuery', has_dataset=False)
>>> screen("select * { # '''\\n service <http://127.0.0.1:9/> { ?s ?p ?o } # '''\\n }")
Traceback (most recent call last):
...
ecosystem.sparql_query.SparqlError: SERVICE refusé : ce point d'accès n'interroge pas d'autres serveurs / SERVICE refused: this endpoint queries no other server
"""

from __future__ import annotations

import sys
from typing import NamedTuple

__all__ = ["MAX_NESTING", "MAX_QUERY_CHARS", "Screened", "SparqlError", "nesting_depth", "screen"]

MAX_QUERY_CHARS = 50_000
"""Longest query accepted (characters); the form path's 1 MB body cap is far above it."""
MAX_NESTING = 64
"""Deepest nesting of ``{`` ``(`` ``[`` accepted (counted in the whole text, strings included:
counting too many only refuses a strange query, counting too few is impossible)."""
_PARSER_RECURSION = 100_000  # rdflib's parser recurses ~20 frames per token group: 1,000 fails on 100 triples


class SparqlError(Exception):
    """A refused or failed query: ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets in ``text``.

    >>> nesting_depth("SELECT * { { ?s ?p ?o FILTER((1)) } }")
    4
    """
    depth = deepest = 0
    for char in text:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth = max(depth - 1, 0)
    return deepest


def _check_limits(sparql: str) -> None:
    if len(sparql) > MAX_QUERY_CHARS:
        raise SparqlError(
            400,
            f"Requête trop longue ({len(sparql)} caractères, {MAX_QUERY_CHARS} au plus) / "
            f"Query too long ({len(sparql)} characters, at most {MAX_QUERY_CHARS})",
        )
    depth = nesting_depth(sparql)
    if depth > MAX_NESTING:
        raise SparqlError(
            400,
            f"Requête trop imbriquée ({depth} niveaux, {MAX_NESTING} au plus) / "
            f"Query nested too deeply ({depth} levels, at most {MAX_NESTING})",
        )


def _has_service(node) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(value) for value in node.values())
    if isinstance(node, dict):
        return any(_has_service(value) for value in node.values())
    if isinstance(node, (list, tuple)):
        return any(_has_service(value) for value in node)
    return False


def _is_update(sparql: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(sparql)
    except Exception:  # pyparsing and rdflib raise many types; not an update is all that matters
        return False
    return True


def _parse(sparql: str):
    """rdflib's algebra of ``sparql``; SparqlError 403 for an update, 400 for anything unparsable."""
    # Imported here: the worker processes import this module before they lower their priority.
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    sys.setrecursionlimit(max(sys.getrecursionlimit(), _PARSER_RECURSION))
    try:
        return translateQuery(parseQuery(sparql))
    except RecursionError:
        raise SparqlError(400, "Requête trop complexe / Query too complex") from None
    except Exception as error:  # ParseException, and rdflib's own errors while translating
        if _is_update(sparql):
            raise SparqlError(
                403, "Point d'accès en lecture seule : mise à jour refusée / Read-only endpoint: update refused"
            ) from None
        raise SparqlError(400, f"Requête SPARQL invalide / Invalid SPARQL query: {error}") from None


class Screened(NamedTuple):
    """What the endpoint needs to know of an acceptable query."""

    form: str
    """``SelectQuery``, ``AskQuery``, ``ConstructQuery`` or ``DescribeQuery``."""
    has_dataset: bool
    """Whether the query names its own dataset (``FROM`` / ``FROM NAMED``)."""


def screen(sparql: str) -> Screened:
    """The form of an acceptable query, and whether it names its dataset.

    Raises :class:`SparqlError` (400 or 403) for anything the endpoint must not run.
    """
    _check_limits(sparql)
    query = _parse(sparql)
    if _has_service(query.algebra):
        raise SparqlError(
            403,
            "SERVICE refusé : ce point d'accès n'interroge pas d'autres serveurs / "
            "SERVICE refused: this endpoint queries no other server",
        )
    return Screened(query.algebra.name, bool(query.algebra.get("datasetClause")))
