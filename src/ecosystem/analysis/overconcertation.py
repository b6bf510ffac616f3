"""Over-concertation matrix: territory × issue → the instances covering it, and the gaps.

An instance **covers** a cell (territory *T*, issue *e*) when its territory is *T*, contains
*T* or lies inside *T* (``skos:broader``, any depth), and one of its issues is *e*, broader
or narrower than *e*. Per cell: the covering instances with the reason for each, their
number, and the **mean member overlap** — the mean Jaccard index of the member sets over
the pairs of covering instances that both have members (``None`` below two such
instances). A cell with no instance is a **gap** (territorial equity).

Rows default to the local territories (types ``mrc`` and ``territoire-equivalent``), else
the territories containing no other; columns default to every issue an instance names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from ecosystem.analysis.overlap import issue_relation, territory_relation
from ecosystem.namespaces import concept_iri
from ecosystem.projection import Projection

__all__ = ["LOCAL_TERRITORY_TYPES", "Matrix", "default_rows", "overconcertation_matrix"]

LOCAL_TERRITORY_TYPES = frozenset(
    str(concept_iri("types-territoire", notation)) for notation in ("mrc", "territoire-equivalent")
)


@dataclass(frozen=True)
class Matrix:
    territoires: list = field(default_factory=list)
    enjeux: list = field(default_factory=list)
    cellules: list = field(default_factory=list)
    lacunes: list = field(default_factory=list)

    def cell(self, territory: str, issue: str) -> dict:
        return next(c for c in self.cellules if c["territoire"] == territory and c["enjeu"] == issue)

    def to_dict(self) -> dict:
        return {
            "territoires": self.territoires,
            "enjeux": self.enjeux,
            "cellules": self.cellules,
            "lacunes": self.lacunes,
        }


def default_rows(projection: Projection) -> list[str]:
    """Local territories (MRC and equivalents), else the territories that contain none."""
    local = [t for t, entry in projection.territories.items() if entry.get("type") in LOCAL_TERRITORY_TYPES]
    if local:
        return sorted(local)
    parents = {entry.get("parent") for entry in projection.territories.values()}
    return sorted(t for t in projection.territories if t not in parents)


def _mean_jaccard(projection: Projection, instances: list[str]) -> float | None:
    staffed = sorted(i for i in instances if projection.members[i])
    if len(staffed) < 2:
        return None
    shared = projection.shared_members
    total = 0.0
    for a, b in combinations(staffed, 2):
        common = shared.get((a, b), 0)
        total += common / (len(projection.members[a]) + len(projection.members[b]) - common)
    return total / (len(staffed) * (len(staffed) - 1) / 2)


def overconcertation_matrix(
    projection: Projection, territories: Iterable[str] | None = None, issues: Iterable[str] | None = None
) -> Matrix:
    """The territory × issue matrix with the instances covering each cell, their mean member overlap, the gaps.

    Parameters
    ----------
    projection : Projection
    territories, issues : iterables of IRIs, optional
        Rows and columns; see the module's defaults.

    Returns
    -------
    Matrix
        ``cellules``: one per (territory, issue) with ``instances`` (each with its
        ``relation_territoriale`` and ``enjeu``), ``nombre``, ``chevauchement_moyen``;
        ``lacunes``: the cells without instance.

    Examples
    --------
    >>> import datetime, networkx as nx
    >>> food = "https://w3id.org/ecosysteme/vocab/enjeux/securite-alimentaire"
    >>> g = nx.Graph()
    >>> g.add_node("i", kind="instance", label="I", issues=(food,), territory="region")
    >>> terr = {"region": {"label": "R", "parent": None}, "a": {"label": "A", "parent": "region"},
    ...         "b": {"label": "B", "parent": "region"}}
    >>> g.add_node("j", kind="instance", label="J", issues=(food,), territory="a")
    >>> m = overconcertation_matrix(Projection(g, terr, {}, datetime.date(2025, 1, 1)), ["a", "b"])
    >>> m.cell("a", food)["nombre"], m.cell("b", food)["nombre"], len(m.lacunes)
    (2, 1, 0)
    """
    nodes = projection.two_mode.nodes
    rows = sorted(territories) if territories is not None else default_rows(projection)
    columns = (
        sorted(issues) if issues is not None else sorted({e for i in projection.instances for e in nodes[i]["issues"]})
    )
    row_cache: dict[str, list[tuple[str, str]]] = {}
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for instance in projection.instances:
        territory = nodes[instance]["territory"]
        if territory is None or not nodes[instance]["issues"]:
            continue
        if territory not in row_cache:
            row_cache[territory] = [
                (row, relation)
                for row in rows
                if (relation := territory_relation(projection, territory, row)) not in (None, "disjoint")
            ]
        for column in columns:
            matched = next((e for e in nodes[instance]["issues"] if issue_relation(projection, e, column)), None)
            if matched is None:
                continue
            for row, relation in row_cache[territory]:
                cells[(row, column)].append(
                    {
                        "iri": instance,
                        "relation_territoriale": relation,
                        "territoire": territory,
                        "enjeu": matched,
                        "relation_enjeu": issue_relation(projection, matched, column),
                    }
                )
    table, gaps = [], []
    for row in rows:
        for column in columns:
            covering = cells.get((row, column), [])
            cell = {
                "territoire": row,
                "enjeu": column,
                "nombre": len(covering),
                "instances": covering,
                "chevauchement_moyen": _mean_jaccard(projection, [c["iri"] for c in covering]),
            }
            table.append(cell)
            if not covering:
                gaps.append({"territoire": row, "enjeu": column})
    return Matrix(
        [{"iri": r} for r in rows],
        [{"iri": c} for c in columns],
        table,
        gaps,
    )
