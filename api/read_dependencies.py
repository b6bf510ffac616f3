"""What each public read depends on: the one registry the read cache (``api/http_cache.py``) asks.

After a write, a kept response whose dependencies the write did not touch is still the page a
fresh render would give: it is served from its prepared bytes, with its ``ETag``, without running
its route. Anything not named here depends on everything (correctness first): the map's views
(their totals count the whole province), the lists, the analyses, the dashboard, the exports,
``/sparql``, an instance's page (its closest instances are read among all of them, with words
weighted by every instance's text), a territory's page.

An actor's page (``/acteurs/{id}``, its ``.json`` twin, ``/api/acteurs/{id}``), at today's date
and with every fact (neither ``date`` nor ``depuis`` in its query), depends on:

- the actor and the instances it sits on (their names, types, territories, issues, members'
  count; its seats, roles and hours; its redundant seats);
- the top-decile floor of seats over every actor (its over-solicitation reasons), checked again
  on the new data before its kept bytes are sent.

A write touching anything else than actors, instances and memberships (a territory, a concept,
a plan, a source) is taken as touching everything (:func:`ecosystem.projection_delta.touched_between`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from ecosystem.analysis.seats import decile_rule, kept_loads
from ecosystem.analysis.thresholds import OverSolicitationRule
from ecosystem.cache import derived
from ecosystem.namespaces import actor_iri
from ecosystem.projection import Projection, kept_at_version

from .deps import iri_or_none

__all__ = ["EVERYTHING", "Depends", "dependencies", "guards_hold"]


@dataclass(frozen=True)
class Depends:
    """A response's dependencies: the actors and instances it shows (``None``: everything), and the
    values read over all the data that must be unchanged for it to be (name, value)."""

    nodes: frozenset[str] | None
    guards: tuple[tuple[str, object], ...] = ()


EVERYTHING = Depends(None)


def _decile(projection: Projection, rule: OverSolicitationRule) -> dict:
    return decile_rule(kept_loads(projection), rule)


GUARDS: dict[str, Callable[[Projection, OverSolicitationRule], object]] = {
    "decile": lambda projection, rule: derived(_decile)(projection, rule),
}
"""The values over all the data a kept response may depend on, each computed on a projection."""


def _actor(projection: Projection, ident: str, rule: OverSolicitationRule) -> Depends:
    iri = iri_or_none(actor_iri, ident)
    graph = projection.two_mode
    if iri is None or iri not in graph or graph.nodes[iri]["kind"] != "actor":
        return EVERYTHING  # a 404 is not kept; a page named otherwise is not known here
    return Depends(frozenset({iri, *graph[iri]}), (("decile", GUARDS["decile"](projection, rule)),))


ROUTES: list[tuple[re.Pattern[str], Callable[[Projection, str, OverSolicitationRule], Depends]]] = [
    (re.compile(r"^/acteurs/(?P<ident>[^/]+?)(\.json)?$"), _actor),
    (re.compile(r"^/api/acteurs/(?P<ident>[^/]+)$"), _actor),
]
"""Path → what its response depends on, at today's date and with every fact; any other path: everything."""

_DEFAULT_VIEW = {"lang"}
"""Query parameters that choose how a page is written, not which data it reads."""


def dependencies(version: str, path: str, query: bytes, rule: OverSolicitationRule) -> Depends:
    """What the response to ``path`` and ``query``, made at data ``version``, depends on.

    >>> dependencies("v-inconnue", "/api/carte", b"", OverSolicitationRule()) is EVERYTHING
    True
    """
    if not set(parse_qs(query.decode("latin-1"))) <= _DEFAULT_VIEW:
        return EVERYTHING  # another date, facts since a year, a filter: not known here
    for pattern, rule_of in ROUTES:
        found = pattern.match(path)
        if found is not None:
            projection = kept_at_version(version, datetime.date.today())
            return EVERYTHING if projection is None else rule_of(projection, found["ident"], rule)
    return EVERYTHING


def guards_hold(depends: Depends, version: str, rule: OverSolicitationRule) -> bool | None:
    """Whether the values ``depends`` read over all the data are the same at ``version``
    (``None``: that version's projection is not built yet, so it is not known)."""
    if not depends.guards:
        return True
    projection = kept_at_version(version, datetime.date.today())
    if projection is None:
        return None
    return all(GUARDS[name](projection, rule) == value for name, value in depends.guards)
