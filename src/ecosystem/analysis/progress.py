"""Where an indicator stands against its target and its deadline.

The rule, stated once (the dashboard, the annual report and the glossary read it):

``no-data``
    The value is unknown (the graph holds neither the facts nor a dated observation).
``met``
    The value reaches the target.
``on-track``
    Not yet met, but at least where a steady progress from the start of the window to
    the deadline would be on the day: ``value >= target × elapsed / window``.
``late``
    Below that line, or the deadline has passed without the target met.
``no-target``
    A value is known but the plan states no figure to reach: nothing to compare.

The window runs from the first day of the plan's first year to the last day of the
indicator's target year (``eco:targetDate``), else of the plan's last year
(``eco:periodEnd``). For a target that holds every year (« par année »), the window
is the calendar year of the day.

The straight line is this project's choice, not the plan's: the plan states targets
and deadlines, not a trajectory. It is the simplest rule a reader can check by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["STATUSES", "ProgressWindow", "expected_share", "indicator_progress"]

STATUSES = ("met", "on-track", "late", "no-target", "no-data")
"""Every status code, in the order a reader scans them."""


@dataclass(frozen=True)
class ProgressWindow:
    """The period over which a target is to be reached."""

    start: date
    deadline: date

    @classmethod
    def for_years(cls, first_year: int, last_year: int) -> ProgressWindow:
        return cls(date(first_year, 1, 1), date(last_year, 12, 31))

    @classmethod
    def yearly(cls, day: date) -> ProgressWindow:
        return cls.for_years(day.year, day.year)


def expected_share(window: ProgressWindow, day: date) -> float:
    """Share of the window elapsed on ``day``, between 0 and 1.

    >>> round(expected_share(ProgressWindow.for_years(2024, 2024), date(2024, 7, 2)), 2)
    0.5
    """
    span = (window.deadline - window.start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (day - window.start).days / span))


def indicator_progress(value: float | None, target: float | None, window: ProgressWindow | None, day: date) -> str:
    """The status code of an indicator: one of :data:`STATUSES`.

    Parameters
    ----------
    value
        The current value, ``None`` when unknown.
    target
        The target value (a minimum to reach), ``None`` when the plan states none.
    window
        Start and deadline; ``None`` when unknown (then only ``met`` can be said).
    day
        The day of the reading.

    Examples
    --------
    >>> window = ProgressWindow.for_years(2024, 2028)
    >>> indicator_progress(None, 100, window, date(2025, 6, 30))
    'no-data'
    >>> indicator_progress(100, 100, window, date(2025, 6, 30))
    'met'
    >>> indicator_progress(33.3, 100, window, date(2025, 6, 30))  # 30 % of the window elapsed
    'on-track'
    >>> indicator_progress(16.7, 100, window, date(2025, 6, 30))
    'late'
    >>> indicator_progress(90, 100, window, date(2029, 1, 1))  # the deadline has passed
    'late'
    """
    if value is None:
        return "no-data"
    if target is None:
        return "no-target"
    if value >= target:
        return "met"
    if window is None or day > window.deadline:
        return "late"
    return "on-track" if value >= target * expected_share(window, day) else "late"
