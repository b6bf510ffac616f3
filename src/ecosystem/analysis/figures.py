"""The cartography's key figures at a date, as the annual report and the dashboard print them.

Each figure is a count over one projection, by the analysis that defines it:

- ``actors``, ``instances``: nodes of the two-mode graph (active at the date);
- ``seats``: active memberships (edges of the two-mode graph);
- ``over_solicited``: actors flagged by :func:`ecosystem.analysis.seats.over_solicited`;
- ``duplicated_pairs``: pairs of :func:`ecosystem.analysis.duplicates.duplicated_mandates`;
- ``gaps``: empty cells (territory × issue) of
  :func:`ecosystem.analysis.overconcertation.overconcertation_matrix`.
"""

from __future__ import annotations

from ecosystem.analysis.duplicates import duplicated_mandates
from ecosystem.analysis.overconcertation import overconcertation_matrix
from ecosystem.analysis.seats import over_solicited
from ecosystem.analysis.thresholds import OverSolicitationRule
from ecosystem.projection import Projection

__all__ = ["FIGURES", "figure_changes", "key_figures"]

FIGURES = ("actors", "instances", "seats", "over_solicited", "duplicated_pairs", "gaps")
"""Every key figure, in the order it is printed."""


def key_figures(projection: Projection, rule: OverSolicitationRule | None = None) -> dict[str, int]:
    """Every figure of :data:`FIGURES` for ``projection``.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> g = nx.Graph([("a", "i"), ("b", "i")])
    >>> nx.set_node_attributes(g, {"a": "actor", "b": "actor", "i": "instance"}, "kind")
    >>> nx.set_node_attributes(g, {"i": {"territory": None, "issues": ()}})
    >>> figures = key_figures(Projection(g, {}, {}, datetime.date(2025, 1, 1)))
    >>> figures["actors"], figures["instances"], figures["seats"], figures["over_solicited"]
    (2, 1, 2, 0)
    """
    return {
        "actors": len(projection.actors),
        "instances": len(projection.instances),
        "seats": projection.two_mode.number_of_edges(),
        "over_solicited": len(over_solicited(projection, rule)),
        "duplicated_pairs": len(duplicated_mandates(projection).paires),
        "gaps": len(overconcertation_matrix(projection).lacunes),
    }


def figure_changes(now: dict[str, int], before: dict[str, int] | None) -> dict[str, int | None]:
    """Each figure's change since ``before`` (``None`` where there is nothing to compare with).

    >>> figure_changes({"seats": 40}, {"seats": 39})
    {'seats': 1}
    >>> figure_changes({"seats": 40}, None)
    {'seats': None}
    """
    return {key: (value - before[key]) if before and key in before else None for key, value in now.items()}
