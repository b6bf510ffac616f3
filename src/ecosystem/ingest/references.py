"""What the events sheet's cells name beyond the other sheets: an actor *or* an instance, a part of the plan.

Each resolution takes the converter (its ids, what the store holds, its problem list), finds the
resource, or records a problem naming the row, the column and the closest value.
"""

from __future__ import annotations

from rdflib import URIRef

from ecosystem.i18n import Message
from ecosystem.ingest.columns import Column
from ecosystem.ingest.lookups import closest, slug
from ecosystem.ingest.mapping import resource
from ecosystem.namespaces import ID

__all__ = ["find_agent", "find_plan_item"]


def find_agent(converter, row, column: Column, text: str) -> URIRef | None:
    """An actor or an instance, by id; ``acteur/…`` or ``instance/…`` when an id is both."""
    kind, _, key = text.rpartition("/")
    kinds = {"acteur": ["acteurs"], "instance": ["instances"]}.get(slug(kind), ["acteurs", "instances"])
    found = [
        k
        for k in kinds
        if slug(key) in converter.ids[k]
        or slug(key) in (converter.known.actors if k == "acteurs" else converter.known.instances)
    ]
    if len(found) == 1:
        return resource(found[0], slug(key))
    if len(found) > 1:
        converter.problem(
            row,
            row.table,
            column.name,
            text,
            Message("Cet id est à la fois un acteur et une instance.", "This id is both an actor and an instance."),
            Message("Écrivez acteur/{k} ou instance/{k}.", "Write acteur/{k} or instance/{k}.").format(k=slug(key)),
        )
        return None
    near = closest(
        key,
        [*converter.ids["acteurs"], *converter.known.actors, *converter.ids["instances"], *converter.known.instances],
    )
    converter.problem(
        row,
        row.table,
        column.name,
        text,
        Message("Ni un acteur ni une instance connus.", "Neither a known actor nor instance."),
        Message(
            "{m}Donnez l'id d'un acteur ou d'une instance du fichier ou du graphe.",
            "{m_en}Give the id of an actor or instance of the file or of the graph.",
        ).format(m=f"Vouliez-vous dire « {near} » ? " if near else "", m_en=f"Did you mean “{near}”? " if near else ""),
    )
    return None


def find_plan_item(converter, row, column: Column, text: str) -> URIRef | None:
    """A part of the action plan, by the end of its path (``concertation/indicateur/abc``) or its whole IRI."""
    path = text.strip().removeprefix(str(ID)).strip("/")
    matches = sorted(p for p in converter.known.plan_items if p == path or p.endswith("/" + path))
    if len(matches) == 1:
        return ID[matches[0]]
    near = closest(path, converter.known.plan_items)
    converter.problem(
        row,
        row.table,
        column.name,
        text,
        Message(
            "Partie du plan introuvable." if not matches else "Plusieurs parties du plan portent ce nom.",
            "Part of the plan not found." if not matches else "Several parts of the plan have this name.",
        ),
        Message(
            "{m}Écrivez axe/genre/id, par exemple concertation/indicateur/abc (le tableau de bord les montre).",
            "{m_en}Write axis/kind/id, for example concertation/indicateur/abc (the dashboard shows them).",
        ).format(m=f"Vouliez-vous dire « {near} » ? " if near else "", m_en=f"Did you mean “{near}”? " if near else ""),
    )
    return None
