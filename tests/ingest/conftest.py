"""Fixtures of the import tests: small tables written as a partner would, and writable stores."""

from __future__ import annotations

import pytest

from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT

TERRITOIRES = [
    ["id", "nom", "type", "parent", "population", "source"],
    ["region-x", "Région X", "region", "", "250000", "https://exemple.org/territoires"],
    ["mrc-a", "MRC des Érables", "mrc", "region-x", "23 400", ""],
]
ACTEURS = [
    ["id", "nom", "sigle", "type", "secteur", "territoire", "site_web", "description", "source"],
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
    [
        "id",
        "nom",
        "sigle",
        "type",
        "territoire",
        "enjeux",
        "fonctions",
        "populations",
        "mandat",
        "rencontres_par_an",
        "heures_par_rencontre",
        "instance_parente",
        "porteur",
        "debut",
        "fin",
        "source",
    ],
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
    ["acteur", "instance", "role", "debut", "fin", "heures_par_an", "source"],
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


@pytest.fixture
def mauricie_copy_path(tmp_path, mauricie_store):
    """The folder of a closed on-disk store holding a copy of the Mauricie data (for the command line)."""
    path = tmp_path / "copie"
    store = EmbeddedStore(path)
    store.apply(add=mauricie_store.graph(CURRENT))
    store.close()
    return path


@pytest.fixture
def mauricie_copy(mauricie_copy_path):
    """A writable on-disk store holding a copy of the Mauricie data."""
    store = EmbeddedStore(mauricie_copy_path)
    yield store
    store.close()
