"""How the map draws a node: its colour (by sector, type, territory or community), its size (by seats,
hours or members), and the legend that says so, with a size scale.

Shapes carry the kind (actors are dots, instances diamonds), so colour is never the only cue;
every colour has a name in the legend, and the table under the map gives it in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ecosystem import formatting
from ecosystem.namespaces import VOCAB
from ecosystem.projection import Projection

__all__ = [
    "COLOUR_BY",
    "INSTANCE_COLOUR",
    "PALETTE",
    "SIZE_BY",
    "UNKNOWN_COLOUR",
    "MapStyle",
    "node_size",
    "sector_colours",
]

COLOUR_BY = ("secteur", "type", "territoire", "communaute")
SIZE_BY = ("sieges", "charge", "membres")
INSTANCE_COLOUR = "#334155"
UNKNOWN_COLOUR = "#9ca3af"
# Okabe–Ito then Tol's muted palette: distinguishable with common colour-vision deficiencies.
PALETTE = [
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#d55e00",
    "#56b4e9",
    "#882255",
    "#44aa99",
    "#999933",
    "#aa4499",
    "#332288",
    "#117733",
    "#dd7788",
    "#6699cc",
]

_COLOUR_TITLES = {
    "secteur": ("Couleur : secteur de l'acteur", "Colour: the actor's sector"),
    "type": ("Couleur : type d'acteur ou d'instance", "Colour: actor or instance type"),
    "territoire": ("Couleur : territoire", "Colour: territory"),
    "communaute": ("Couleur : communauté (groupes denses de liens)", "Colour: community (densely linked groups)"),
}
_SIZE_TITLES = {
    "sieges": ("Taille : sièges (acteurs), membres (instances)", "Size: seats (actors), members (instances)"),
    "charge": (
        "Taille : charge en heures par an (acteurs), membres (instances)",
        "Size: load in hours a year (actors), members (instances)",
    ),
    "membres": (
        "Taille : membres (instances) ; acteurs à taille égale",
        "Size: members (instances); actors all the same size",
    ),
}


def sector_colours(projection: Projection) -> dict[str, str]:
    """Sector concept IRI → colour, stable for a vocabulary (the exports use the same)."""
    sectors = sorted(c for c in projection.concepts if c.startswith(str(VOCAB["secteurs/"])))
    return {sector: PALETTE[i % len(PALETTE)] for i, sector in enumerate(sectors)}


def node_size(value: float | None) -> float:
    """The drawn radius for a count: grows with its square root, so areas compare like the counts.

    >>> node_size(0), node_size(1), node_size(4)
    (8.0, 13.0, 18.0)
    """
    return round(8 + 5 * math.sqrt(value), 1) if value else 8.0


@dataclass
class MapStyle:
    """Colours and sizes for one view; ``communities`` maps a node to its community number."""

    projection: Projection
    loads: dict
    lang: str = "fr"
    colour_by: str = "secteur"
    size_by: str = "sieges"
    communities: dict = field(default_factory=dict)
    _colours: dict = field(default_factory=dict)

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else fr

    def label(self, iri: str | None) -> str:
        return self.projection.label(iri, self.lang) if iri else ""

    # --- colour ---------------------------------------------------------------------------
    def category(self, iri: str, attributes: dict) -> tuple[str | None, str]:
        """The node's colour category (a key and its name, or None for « not stated »)."""
        actor = attributes["kind"] == "actor"
        if self.colour_by == "type":
            key = attributes.get("actor_type" if actor else "instance_type")
        elif self.colour_by == "territoire":
            key = self._broad_territory(attributes.get("territory"))
        elif self.colour_by == "communaute":
            number = self.communities.get(iri)
            return (
                (f"communaute/{number}", self.t(f"Communauté {number}", f"Community {number}"))
                if number
                else (None, "")
            )
        else:
            if not actor:
                return "instance", self.t("Instance de concertation", "Concertation instance")
            sectors = attributes.get("sector", ())
            key = sectors[0] if sectors else None
        return key, self.label(key)

    def _broad_territory(self, territory: str | None) -> str | None:
        """A territory's level just under the region (its MRC or TE), or itself when it is the region."""
        if not territory:
            return None
        chain = [territory, *self.projection.territory_ancestors(territory)]
        chain = [t for t in dict.fromkeys(chain) if t in self.projection.territories]
        return chain[-2] if len(chain) >= 2 else (chain[0] if chain else None)

    def colour(self, iri: str, attributes: dict) -> str:
        key, _ = self.category(iri, attributes)
        if key == "instance":
            return INSTANCE_COLOUR
        if key is None:
            return UNKNOWN_COLOUR
        return self._palette_colour(key)

    def _palette_colour(self, key: str) -> str:
        if not self._colours:
            self._colours.update(self._stable_colours())
        if key not in self._colours:
            self._colours[key] = PALETTE[len(self._colours) % len(PALETTE)]
        return self._colours[key]

    def _stable_colours(self) -> dict:
        """Sectors keep one colour per vocabulary, whatever the view; other categories take the palette in order."""
        return sector_colours(self.projection) if self.colour_by == "secteur" else {}

    # --- size -----------------------------------------------------------------------------
    def measure(self, iri: str, attributes: dict) -> float | None:
        """The number the size shows: seats, hours/10 or members."""
        if attributes["kind"] != "actor":
            return self.projection.two_mode.degree(iri)
        if self.size_by == "membres":
            return None
        load = self.loads.get(iri)
        if self.size_by == "charge":
            return load.heures / 10 if load and load.heures else None
        return load.sieges if load else 0

    def size(self, iri: str, attributes: dict) -> float:
        return node_size(self.measure(iri, attributes))

    # --- legend ---------------------------------------------------------------------------
    def legend(self, nodes) -> dict:
        """Shapes, the colours used by ``nodes`` ((iri, attributes) pairs) with their names, and a size scale."""
        used: dict = {}
        for iri, attributes in nodes:
            key, name = self.category(iri, attributes)
            shape = "diamond" if attributes["kind"] == "instance" and self.colour_by in ("type", "secteur") else "dot"
            used.setdefault(key, (name, shape))
        known = sorted(
            ((k, v) for k, v in used.items() if k is not None and k != "instance"),
            key=lambda item: _natural(item[1][0]),
        )
        colours = [
            {"couleur": self._palette_colour(k), "libelle": name, "forme": shape, "cle": k}
            for k, (name, shape) in known
        ]
        if None in used or self.colour_by == "secteur":
            colours.append(
                {
                    "couleur": UNKNOWN_COLOUR,
                    "forme": "dot",
                    "cle": None,
                    "libelle": {
                        "secteur": self.t("Secteur non précisé", "Sector not stated"),
                        "communaute": self.t("Sans communauté (isolé)", "No community (isolated)"),
                    }.get(self.colour_by, self.t("Non précisé", "Not stated")),
                }
            )
        return {
            "formes": [
                {"forme": "dot", "libelle": self.t("Acteur (organisation)", "Actor (organisation)")},
                {
                    "forme": "diamond",
                    "libelle": self.t("Instance de concertation", "Concertation instance"),
                    "couleur": INSTANCE_COLOUR,
                },
            ],
            "titre_couleurs": self.t(*_COLOUR_TITLES[self.colour_by]),
            "couleurs": colours,
            "taille": self.t(*_SIZE_TITLES[self.size_by]),
            "echelle": self._scale(),
        }

    def _scale(self) -> list[dict]:
        if self.size_by == "charge":
            return [{"taille": node_size(h / 10), "libelle": formatting.hours(h, self.lang)} for h in (10, 50, 150)]
        unit = (
            self.t("siège(s) ou membre(s)", "seat(s) or member(s)")
            if self.size_by == "sieges"
            else self.t("membre(s)", "member(s)")
        )
        return [{"taille": node_size(n), "libelle": f"{formatting.number(n, self.lang)} {unit}"} for n in (1, 5, 15)]


def _natural(text: str) -> tuple:
    """Sort « Communauté 2 » before « Communauté 10 »."""
    head, _, tail = text.rpartition(" ")
    return (head, int(tail)) if tail.isdigit() else (text, 0)
