"""What the template's tables state, ready for the delta against the store (:mod:`ecosystem.ingest.tables_to_rdf` fills it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from ecosystem.ingest.columns import SHEETS
from ecosystem.ingest.problems import ProblemList

__all__ = ["Conversion", "Key"]

Key = tuple[URIRef, str | None]


@dataclass
class Conversion:
    """What the tables state, ready for the delta against the store."""

    statements: dict[URIRef, set] = field(default_factory=lambda: defaultdict(set))
    """Per resource, the (property, value) pairs the tables state."""
    managed: dict[URIRef, set[Key]] = field(default_factory=dict)
    """Per resource, the (property, language) whose values the import replaces."""
    defaults: dict[URIRef, URIRef] = field(default_factory=dict)
    """Resource → file source, added only if the store knows no source for it."""
    file_names: dict[URIRef, str] = field(default_factory=dict)
    """File source → file name."""
    kinds: dict[URIRef, str] = field(default_factory=dict)
    origins: dict[URIRef, tuple[str, str, int]] = field(default_factory=dict)
    """Resource → (file, sheet, row) that describes it, to place later problems."""
    created: dict[str, list[str]] = field(default_factory=lambda: {"acteurs": [], "instances": []})
    problems: ProblemList = field(default_factory=ProblemList)
    rows: dict[str, int] = field(default_factory=lambda: {name: 0 for name in SHEETS})

    @property
    def triples(self) -> set:
        return {(s, p, o) for s, pairs in self.statements.items() for p, o in pairs}
