"""The over-solicitation rules: every default threshold, written once, with its source.

:class:`~ecosystem.settings.Settings`, the command line, the web pages, the pre-initiative
check and :func:`ecosystem.diff.compare_analyses` all read these defaults (through
``Settings.over_solicitation_rule()`` where a deployment may change them); no other module
writes a threshold.

Rules (each flag carries its rule code, threshold and value):

- ``sieges`` — more than :data:`SEATS_THRESHOLD` seats. Source ``iss-canada``: the proxy
  adviser ISS recommends withholding votes from non-CEO directors of TSX-listed companies
  who serve on more than five public company boards (benchmark policy in force since
  February 2019; the 2017 policy said more than four) [1]_. A concertation table is not a
  company board; the limit is borrowed as the best-known published ceiling on concurrent
  seats.
- ``heures`` — more than :data:`HOURS_THRESHOLD` known hours a year (about ten hours a
  month). Source ``cross-rebele-grant``: collaborative demands concentrate on a few people
  and overload them [2]_; the article gives no hour figure, so the number itself is this
  project's convention (``convention``), to be set by each region.
- ``decile`` — seats strictly above the 90th percentile (nearest rank) of the actors
  holding a seat, only where at least :data:`DECILE_MIN_ACTORS` actors hold one: with
  fewer, a tenth of the actors is a handful and ties at small seat counts decide who is
  « in the top decile » [3]_. Below that size the rule is reported as not applying
  (code ``decile-non-applicable``) instead of flagging.

References
----------
.. [1] Institutional Shareholder Services (2018). *Canada Proxy Voting Guidelines for
   TSX-Listed Companies, Benchmark Policy Recommendations* (2018 updates, overboarding
   policy effective 1 February 2019); earlier: 2017 edition (more than four boards).
.. [2] Cross, R., Rebele, R. & Grant, A. (2016). Collaborative overload. *Harvard Business
   Review* 94(1), 74–79.
.. [3] Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages.
   *The American Statistician* 50(4), 361–365 (nearest-rank quantiles of small samples).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "DECILE_MIN_ACTORS",
    "HOURS_THRESHOLD",
    "RULE_SOURCES",
    "SEATS_THRESHOLD",
    "SOURCES",
    "OverSolicitationRule",
    "decile_floor",
]

SEATS_THRESHOLD = 5
"""Default: more than 5 seats (ISS Canada's overboarding limit for non-CEO directors)."""
HOURS_THRESHOLD = 120.0
"""Default: more than 120 known hours a year (about 10 a month; a convention)."""
DECILE_MIN_ACTORS = 50
"""The relative (top-decile) rule applies only where at least this many actors hold a seat."""
DECILE_QUANTILE = 0.9

SOURCES = {
    "iss-canada": "Institutional Shareholder Services (2018). Canada Proxy Voting Guidelines for TSX-Listed "
    "Companies, overboarding policy (non-CEO directors: more than five public company boards, "
    "effective 1 February 2019; more than four in the 2017 policy).",
    "cross-rebele-grant": "Cross, R., Rebele, R. & Grant, A. (2016). Collaborative overload. "
    "Harvard Business Review 94(1), 74–79.",
    "convention": "Convention of this project (about ten hours a month), to be set per region.",
    "hyndman-fan": "Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. "
    "The American Statistician 50(4), 361–365.",
}
"""Reference of each source code (bibliographic text, the same in every language)."""

RULE_SOURCES = {"sieges": ("iss-canada",), "heures": ("cross-rebele-grant", "convention"), "decile": ("hyndman-fan",)}
"""Source codes of each over-solicitation rule."""


@dataclass(frozen=True)
class OverSolicitationRule:
    """The thresholds in force: seats, known hours a year, minimum actors for the decile rule."""

    seats: int = SEATS_THRESHOLD
    hours: float = HOURS_THRESHOLD
    decile_min_actors: int = DECILE_MIN_ACTORS

    def __post_init__(self) -> None:
        if self.seats < 0 or self.hours < 0 or self.decile_min_actors < 1:
            raise ValueError(f"seuils invalides / invalid thresholds: {self}")

    def to_dict(self) -> dict:
        return {
            "seats": self.seats,
            "hours": self.hours,
            "decile_min_actors": self.decile_min_actors,
            "sources": {rule: list(codes) for rule, codes in RULE_SOURCES.items()},
        }


def decile_floor(seats: list[int], min_actors: int = DECILE_MIN_ACTORS) -> float | None:
    """90th percentile (nearest rank) of the seat counts, or None where the decile rule does not apply.

    The top decile is strictly above the floor. The rule applies only to at least
    ``min_actors`` counts.

    >>> decile_floor([1] * 45 + [4] * 5)
    1
    >>> decile_floor([1] * 9 + [4]) is None
    True
    >>> decile_floor([1] * 9 + [4], min_actors=10)
    1
    """
    if len(seats) < min_actors or not seats:
        return None
    ranked = sorted(seats)
    return ranked[max(0, math.ceil(DECILE_QUANTILE * len(ranked)) - 1)]
