"""Analyses: plain functions over the projection (``ecosystem.projection``), one notion per module.

``seats`` (seats, load, over-solicitation, redundant seats), ``overlap`` (mandate overlap),
``text`` (French text similarity), ``duplicates``, ``overconcertation`` (matrix and gaps),
``structure`` (centralities, constraint, communities), ``check`` (pre-initiative check),
``merge`` (what-if merge), ``indicators`` (plan dashboard). Definitions: ``docs/analyses.md``.
"""
