"""Where each label goes around its node so labels overlap as little as possible.

Greedy placement (the cartographers' "point-feature label placement" in its simplest
form [1]_): labels are placed one after the other, biggest nodes first; each tries
eight spots — below, right, above, left of its node, then the four corners — and takes
the first one that stays
inside the map and overlaps nothing already placed, else the one overlapping least.
The nodes' own positions never move (they are the layout's). A uniform grid keeps the
overlap look-ups local, so thousands of labels are placed in well under a second.

References
----------
.. [1] Christensen, J., Marks, J. & Shieber, S. (1995). An empirical study of algorithms
   for point-feature label placement. ACM Transactions on Graphics 14(3), 203–232.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

__all__ = ["LabelBox", "place_labels"]

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class LabelBox:
    """A placed label: its box and how its text is anchored (``middle``, ``start``, ``end``)."""

    left: float
    top: float
    right: float
    bottom: float
    anchor: str

    @property
    def x(self) -> float:
        """The text's x for its anchor."""
        return {"middle": (self.left + self.right) / 2, "start": self.left, "end": self.right}[self.anchor]


def _candidates(x: float, y: float, r: float, w: float, h: float) -> list[LabelBox]:
    gap = 1.0
    return [
        LabelBox(x - w / 2, y + r + gap, x + w / 2, y + r + gap + h, "middle"),  # below
        LabelBox(x + r + 2 * gap, y - h / 2, x + r + 2 * gap + w, y + h / 2, "start"),  # right
        LabelBox(x - w / 2, y - r - gap - h, x + w / 2, y - r - gap, "middle"),  # above
        LabelBox(x - r - 2 * gap - w, y - h / 2, x - r - 2 * gap, y + h / 2, "end"),  # left
        LabelBox(x + r, y + r, x + r + w, y + r + h, "start"),  # below right
        LabelBox(x - r - w, y + r, x - r, y + r + h, "end"),  # below left
        LabelBox(x + r, y - r - h, x + r + w, y - r, "start"),  # above right
        LabelBox(x - r - w, y - r - h, x - r, y - r, "end"),  # above left
    ]


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


class _Grid:
    def __init__(self, cell: float):
        self.cell = max(cell, 1.0)
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, box: Box):
        for i in range(int(box[0] // self.cell), int(box[2] // self.cell) + 1):
            for j in range(int(box[1] // self.cell), int(box[3] // self.cell) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells[key].append(box)

    def overlap(self, box: Box, limit: float = float("inf")) -> float:
        """Total area ``box`` shares with the boxes placed, counted up to ``limit`` (then it stops)."""
        seen: set[int] = set()
        total = 0.0
        left, top, right, bottom = box
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if id(other) in seen:
                    continue
                seen.add(id(other))
                width = min(right, other[2]) - max(left, other[0])
                height = min(bottom, other[3]) - max(top, other[1])
                if width > 0 and height > 0:
                    total += width * height
                    if total >= limit:
                        return total
        return total


def place_labels(items: list[tuple[str, float, float, float, float, float]], bounds: Box) -> dict[str, LabelBox]:
    """Place a label for each ``(node, x, y, radius, width, height)`` inside ``bounds``.

    Items come biggest node first (the caller's order is kept among equals). A label
    whose every spot leaves ``bounds`` goes below its node (the caller insets the nodes
    so that spot fits).

    Examples
    --------
    >>> placed = place_labels([("a", 50, 50, 5, 20, 8), ("b", 50, 64, 5, 20, 8)], (0, 0, 100, 100))
    >>> placed["a"].anchor, placed["b"].anchor
    ('start', 'middle')
    """
    ordered = sorted(items, key=lambda item: -item[3])
    typical = sorted(item[5] for item in items)[len(items) // 2] if items else 1.0
    grid = _Grid(2 * typical)
    for _, x, y, r, _, _ in items:
        grid.add((x - r, y - r, x + r, y + r))
    placed: dict[str, LabelBox] = {}
    for node, x, y, r, w, h in ordered:
        options = _candidates(x, y, r, w, h)
        best, best_cost = options[0], float("inf")
        for option in options:
            box = (option.left, option.top, option.right, option.bottom)
            if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                continue
            own = _overlap(box, (x - r, y - r, x + r, y + r))  # its own node does not count
            cost = grid.overlap(box, best_cost + own) - own
            if cost < best_cost - 1e-9:
                best, best_cost = option, cost
                if cost <= 0:
                    break
        grid.add((best.left, best.top, best.right, best.bottom))
        placed[node] = best
    return placed
