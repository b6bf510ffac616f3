"""Exports publish only what :mod:`ecosystem.privacy` (the one privacy rule) lets through."""

from __future__ import annotations

from ecosystem.privacy import PERSONAL_PREDICATES, public_graph, public_ox_triples, public_triples

__all__ = ["PERSONAL_PREDICATES", "public_graph", "public_ox_triples", "public_triples"]
