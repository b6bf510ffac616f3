"""What-if merge: merge two or more instances and count the seats and hours each actor saves.

After the merge an actor sits once on the merged instance. An actor holding *k* of the
merged seats saves *k − 1* seats; its hours after are taken as the **largest** of its
hours in the merged instances (it keeps attending the busiest), so it saves the sum minus
that maximum. When any of those hours is unknown, the hours saved are unknown (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ecosystem.projection import Projection

__all__ = ["MergeResult", "what_if_merge"]


@dataclass(frozen=True)
class MergeResult:
    instances: list = field(default_factory=list)
    acteurs: list = field(default_factory=list)
    sieges_economises: int = 0
    heures_economisees: float | None = 0.0
    membres_apres: int = 0

    def to_dict(self) -> dict:
        return {
            "instances": self.instances,
            "acteurs": self.acteurs,
            "sieges_economises": self.sieges_economises,
            "heures_economisees": self.heures_economisees,
            "membres_apres": self.membres_apres,
        }


def what_if_merge(projection: Projection, instances) -> MergeResult:
    """Seats and hours saved per actor if ``instances`` became one.

    Parameters
    ----------
    projection : Projection
    instances : iterable of str
        Two or more instance IRIs.

    Returns
    -------
    MergeResult
        Per actor holding seats in them: ``sieges_avant``, ``sieges_economises``,
        ``heures_avant``, ``heures_economisees`` (``None`` when unknown); and the totals.

    Raises
    ------
    ValueError
        Fewer than two distinct instances, or one that is not in the projection.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from(["i", "j"], kind="instance", label="I")
    >>> g.add_nodes_from(["a", "b"], kind="actor", label="A")
    >>> g.add_edge("a", "i", hours=20.0); g.add_edge("a", "j", hours=30.0); g.add_edge("b", "j", hours=None)
    >>> r = what_if_merge(Projection(g, {}, {}, datetime.date(2025, 1, 1)), ["i", "j"])
    >>> r.sieges_economises, r.heures_economisees, r.membres_apres
    (1, 20.0, 2)
    """
    chosen = sorted(set(instances))
    unknown = [i for i in chosen if i not in projection.members]
    if unknown or len(chosen) < 2:
        raise ValueError(
            f"il faut au moins deux instances connues / at least two known instances needed; inconnues / unknown: {unknown}"
        )
    graph = projection.two_mode
    members = set().union(*(projection.members[i] for i in chosen))
    rows: list[dict] = []
    total_hours: float | None = 0.0
    for actor in sorted(members):
        hours = [graph.edges[actor, i].get("hours") for i in chosen if actor in projection.members[i]]
        counted: list[float] = [h for h in hours if h is not None]
        known = len(counted) == len(hours)
        saved_hours = (sum(counted) - max(counted)) if known else (0.0 if len(hours) == 1 else None)
        if saved_hours is None and len(hours) > 1:
            total_hours = None
        elif total_hours is not None and saved_hours:
            total_hours += saved_hours
        rows.append(
            {
                "acteur": actor,
                "sieges_avant": len(hours),
                "sieges_economises": len(hours) - 1,
                "heures_avant": sum(counted) if known else None,
                "heures_economisees": saved_hours,
            }
        )
    rows.sort(key=lambda r: (-r["sieges_economises"], r["acteur"]))
    return MergeResult(
        [{"iri": i} for i in chosen], rows, sum(r["sieges_economises"] for r in rows), total_hours, len(members)
    )
