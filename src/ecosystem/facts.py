"""The age of each fact, and the facts still to confirm: the to-do list of the revision of the cartography.

A **fact** is an instance (its mandate, issues and territory as a source states them) or a seat
(an organisation sitting on an instance, with its roles), as the projection holds them: public
only (:mod:`ecosystem.privacy` is applied when the projection is read), an old name's seat
counted once under its successor. Its age is the year its source attests it
(``eco:attestedIn``) and, once the organisation confirmed it, the day of that confirmation
(``eco:confirmedOn``).

**To confirm**: a fact with no confirmation. The list goes **oldest first**: facts whose age is
unknown (no attested year) come first — nothing says they still hold, they need checking most —
then by attested year, oldest first; within a year, an instance before its seats, then by IRI
(stable). An instance counts as confirmed only by its own confirmation: an organisation that
confirms its seat does not confirm the table's mandate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ecosystem.projection import Projection

__all__ = ["Fact", "attesting_source", "facts", "to_confirm"]


@dataclass(frozen=True)
class Fact:
    """One fact and its age (data only: IRIs, codes, a year and a day)."""

    kind: str
    """``instance`` or ``siege``."""
    iri: str
    """The instance, or the membership that states the seat."""
    instance: str
    actor: str | None
    roles: tuple[str, ...]
    attested: int | None
    confirmed: datetime.date | None

    def order(self) -> tuple:
        """The oldest-first rule: unknown age first, then attested year, instance before its seats, IRI."""
        return (self.attested is not None, self.attested or 0, self.instance, self.kind != "instance", self.actor or "")


def facts(projection: Projection) -> list[Fact]:
    """Every instance and seat of ``projection``, oldest first.

    >>> from rdflib import Graph, Literal
    >>> from ecosystem.namespaces import ECO, ORG, RDF, XSD, actor_iri, instance_iri, membership_iri
    >>> from ecosystem.projection import projection_from_graph
    >>> g, m = Graph(), membership_iri("a", "i")
    >>> for t in [(actor_iri("a"), RDF.type, ECO.Actor), (instance_iri("i"), RDF.type, ECO.Instance),
    ...           (instance_iri("i"), ECO.attestedIn, Literal("2016", datatype=XSD.gYear)),
    ...           (m, RDF.type, ORG.Membership), (m, ORG.member, actor_iri("a")), (m, ORG.organization, instance_iri("i"))]:
    ...     _ = g.add(t)
    >>> [(f.kind, f.attested) for f in facts(projection_from_graph(g))]
    [('siege', None), ('instance', 2016)]
    """
    graph = projection.two_mode
    found = [
        Fact("instance", i, i, None, (), graph.nodes[i].get("attested"), graph.nodes[i].get("confirmed"))
        for i in projection.instances
    ]
    for instance in projection.instances:
        for actor in graph[instance]:
            edge = graph.edges[actor, instance]
            found.append(
                Fact(
                    "siege",
                    edge["membership"],
                    instance,
                    actor,
                    tuple(edge.get("roles") or ()),
                    edge.get("attested"),
                    edge.get("confirmed"),
                )
            )
    return sorted(found, key=Fact.order)


def to_confirm(projection: Projection, within: str | None = None) -> list[Fact]:
    """The facts no organisation has confirmed, oldest first; ``within`` a territory (its instances, at any depth).

    A seat is on the territory of its instance, as the instance lists filter."""
    kept = [f for f in facts(projection) if f.confirmed is None]
    if within is None:
        return kept
    nodes = projection.two_mode.nodes
    return [f for f in kept if within in projection.territory_ancestors(nodes[f.instance].get("territory") or "")]


def attesting_source(year: int | None, cited: list[dict]) -> dict | None:
    """Of a fact's sources (:func:`ecosystem.queries.fact_sources`), the one that attests its year, else the first.

    >>> attesting_source(2016, [{"iri": "a", "annee": 2010}, {"iri": "b", "annee": 2016}])["iri"]
    'b'
    """
    return next((s for s in cited if year is not None and s.get("annee") == year), cited[0] if cited else None)
