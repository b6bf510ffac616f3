"""Fixtures of the import tests: small tables written as a partner would (under the template's headers, the
synthetic province's :data:`ecosystem.synth.COLUMNS`), and writable stores."""

from __future__ import annotations

import pytest

from ecosystem.store import EmbeddedStore
from ecosystem.synth import COLUMNS

TERRITOIRES = [
    list(COLUMNS["territoires"]),
    ["region-x", "Région X", "region", "", "250000", "https://exemple.org/territoires"],
    ["mrc-a", "MRC des Érables", "mrc", "region-x", "23 400", ""],
]
ACTEURS = [
    list(COLUMNS["acteurs"]),
    [
        "cisss-x",
        "Centre intégré de santé",
        "CISSS X",
        "etablissement-sante",
        "Santé et services sociaux",
        "Région X",
        "",
        "",
        "",
    ],
    [
        "cdc-a",
        "Corporation de développement communautaire",
        "CDC",
        "regroupement",
        "communautaire",
        "mrc-a",
        "www.cdc-a.org",
        "Réseau d'organismes",
        "",
    ],
    ["ville-a", "Ville A", "", "municipalite", "municipal", "mrc-a", "", "", ""],
]
INSTANCES = [
    list(COLUMNS["instances"]),
    [
        "table-regionale",
        "Table régionale",
        "",
        "table-regionale",
        "region-x",
        "Pauvreté et exclusion sociale",
        "concertation",
        "",
        "Concerter les partenaires",
        "4",
        "3,5",
        "",
        "cisss-x",
        "2024-04-01",
        "31/03/2028",
        "",
    ],
    [
        "comite-local",
        "Comité local de développement social",
        "CLDS",
        "concertation-locale",
        "mrc-a",
        "securite-alimentaire | habitation",
        "",
        "",
        "",
        "",
        "",
        "table-regionale",
        "cdc-a",
        "",
        "",
        "",
    ],
]
PARTICIPATIONS = [
    list(COLUMNS["participations"]),
    ["cisss-x", "table-regionale", "porteur", "", "", "40", ""],
    ["cdc-a", "comite-local", "membre | porteur", "13/09/2024", "", "12,5", ""],
    ["ville-a", "comite-local", "membre", "", "", "", "https://exemple.org/membres"],
]
TABLES = {"territoires": TERRITOIRES, "acteurs": ACTEURS, "instances": INSTANCES, "participations": PARTICIPATIONS}


@pytest.fixture(scope="session")
def sample_tables() -> dict[str, list[list[str]]]:
    """Four small sheets that reference each other (header row first)."""
    return TABLES


@pytest.fixture
def memory_store():
    store = EmbeddedStore(None)
    yield store
    store.close()
