"""A seeded synthetic province written in the import template, with what it planted.

The province (``quebec``) holds ``regions`` regions, each with 4 to 8 MRC. Per region:
actors with skewed seats (Zipf-like weights: a few actors sit everywhere; 3 % of the
seats go to provincial actors who sit in every region), instances at
the regional (20 %) or MRC level (80 %) with one or two issues, functions, a population
and a French mandate, and memberships (a third with declared hours, a few ended). Then
it plants, per region:

- **duplicates**: a twin of an MRC instance (same issues, territory, functions,
  populations, a reworded mandate, 80 % of the same members);
- **gaps**: an (MRC, issue family) no instance covers — no instance of that family in
  the MRC, nor at the region or province level around it;
- **over-solicited** actors: two actors given 15 more seats with 30 declared hours each;
- **nested tables**: a sub-committee of an MRC instance (same issues and territory) whose
  three members all sit on that instance;
- **fragile bridges**: a pair of new tables (same issues and territory as the instance they
  hang from) sharing two of their four new members each, joined to the rest of the region
  by one new actor only, who sits on one of them and on that instance.

The nested tables and bridges are drawn from their own seeded generator, so the rest of
the province is the same with or without them.

``planted.json`` lists them so tests can check the analyses find them. The same seed
gives the same files, byte for byte.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from rdflib import Literal

from ecosystem.ingest.columns import SHEETS
from ecosystem.namespaces import RDF, SKOS, scheme_iri
from ecosystem.ontology import vocabulary_graph

__all__ = ["COLUMNS", "TABLES", "Synthetic", "generate", "read_tables", "write"]

TABLES = ("territoires", "acteurs", "instances", "participations")
"""The tables of a province, in the order they are written and imported."""

COLUMNS = {name: [column.name for column in SHEETS[name].columns] for name in TABLES}
"""The template's columns of each table the province fills, in the template's order (:data:`ecosystem.ingest.columns.SHEETS`)."""
REGION_NAMES = [
    "Bas-Saint-Laurent",
    "Saguenay–Lac-Saint-Jean",
    "Capitale-Nationale",
    "Mauricie",
    "Estrie",
    "Montréal",
    "Outaouais",
    "Abitibi-Témiscamingue",
    "Côte-Nord",
    "Nord-du-Québec",
    "Gaspésie–Îles-de-la-Madeleine",
    "Chaudière-Appalaches",
    "Laval",
    "Lanaudière",
    "Laurentides",
    "Montérégie",
    "Centre-du-Québec",
]
SOURCE = "synthétique"
_OPENINGS = [
    "Mobiliser les partenaires",
    "Coordonner l'action concertée",
    "Soutenir les initiatives locales",
    "Planifier des actions intersectorielles",
    "Favoriser la concertation",
]
_VERBS = ["pour améliorer", "afin de renforcer", "en vue de soutenir", "pour agir sur"]
_ENDS = ["des personnes concernées", "des familles et des aînés", "des communautés rurales", "des milieux de vie"]


@dataclass
class Synthetic:
    tables: dict = field(default_factory=dict)
    planted: dict = field(default_factory=dict)


def _vocabulary(scheme: str) -> list[tuple[str, str, str | None]]:
    """(notation, French label, broader notation) of a scheme's concepts, sorted."""
    graph = vocabulary_graph()
    prefix = f"{scheme_iri(scheme)}/"
    out = []
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        if str(concept).startswith(prefix):
            label = next(
                (
                    str(o)
                    for o in graph.objects(concept, SKOS.prefLabel)
                    if isinstance(o, Literal) and o.language == "fr"
                ),
                "",
            )
            broader = next((str(b).removeprefix(prefix) for b in graph.objects(concept, SKOS.broader)), None)
            out.append((str(concept).removeprefix(prefix), label, broader))
    return sorted(out)


def generate(
    regions: int = 17,
    seed: int = 0,
    scale: float = 1.0,
    actors_per_region: int = 1176,
    instances_per_region: int = 176,
    memberships_per_region: int = 5882,
) -> Synthetic:
    """Generate the province: tables of the import template (lists of row dicts) and what was planted.

    Examples
    --------
    >>> a, b = generate(regions=2, seed=7, scale=0.05), generate(regions=2, seed=7, scale=0.05)
    >>> a.tables == b.tables and a.planted == b.planted
    True
    >>> len(a.planted["doublons"]), len(a.planted["lacunes"])
    (4, 2)
    """
    if regions < 1:
        raise ValueError("--regions doit être ≥ 1 / must be ≥ 1")
    rng = random.Random(seed)
    issues = _vocabulary("enjeux")
    family = {notation: broader or notation for notation, _, broader in issues}
    issue_label = {notation: label for notation, label, _ in issues}
    functions = [n for n, _, _ in _vocabulary("fonctions")]
    populations = [n for n, _, _ in _vocabulary("populations")]
    instance_types = [n for n, _, _ in _vocabulary("types-instance")]
    actor_types = [n for n, _, _ in _vocabulary("types-acteur")]
    sectors = [n for n, _, _ in _vocabulary("secteurs")]
    n_actors = max(4, round(actors_per_region * scale))
    n_instances = max(3, round(instances_per_region * scale))
    n_memberships = max(n_instances * 2, round(memberships_per_region * scale))
    tables: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    planted: dict[str, list] = {
        "doublons": [],
        "lacunes": [],
        "sur_sollicites": [],
        "tables_emboitees": [],
        "ponts_fragiles": [],
    }
    tables["territoires"].append(_row("territoires", id="quebec", nom="Québec", type="province", source=SOURCE))
    provincial = [f"qc-a{k + 1:04d}" for k in range(max(2, round(3 * regions * scale)))]
    for actor in provincial:  # ministries and networks that sit in every region: they connect the province
        tables["acteurs"].append(
            _row(
                "acteurs",
                id=actor,
                nom=f"Organisme provincial {actor.upper()}",
                type=rng.choice(actor_types),
                secteur=rng.choice(sectors),
                territoire="quebec",
                source=SOURCE,
            )
        )
    for r in range(regions):
        region = f"r{r + 1:02d}"
        region_name = REGION_NAMES[r] if r < len(REGION_NAMES) else f"Région {r + 1}"
        tables["territoires"].append(
            _row("territoires", id=region, nom=region_name, type="region", parent="quebec", source=SOURCE)
        )
        mrcs = [f"{region}-mrc{k + 1}" for k in range(rng.randint(4, 8))]
        for k, mrc in enumerate(mrcs):
            tables["territoires"].append(
                _row(
                    "territoires", id=mrc, nom=f"MRC {k + 1} ({region_name})", type="mrc", parent=region, source=SOURCE
                )
            )
        gap_mrc, gap_family = rng.choice(mrcs), rng.choice(sorted(set(family.values())))
        planted["lacunes"].append({"territoire": gap_mrc, "enjeu": gap_family})
        actors = [f"{region}-a{k + 1:05d}" for k in range(n_actors)]
        for actor in actors:
            kind = rng.choice(actor_types)
            tables["acteurs"].append(
                _row(
                    "acteurs",
                    id=actor,
                    nom=f"Organisme {actor.upper()} ({region_name})",
                    type=kind,
                    secteur=rng.choice(sectors),
                    territoire=rng.choice([region, *mrcs]),
                    source=SOURCE,
                )
            )
        cumulative = list(accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(n_actors)))
        members_left, instance_rows = n_memberships, []
        for k in range(n_instances):
            regional = rng.random() < 0.2
            territory = region if regional else rng.choice(mrcs)
            banned = {gap_family} if territory in (region, gap_mrc) else set()
            allowed = [n for n, _, _ in issues if family[n] not in banned]
            chosen = sorted(set(rng.sample(allowed, rng.choice([1, 1, 2]))))
            size = max(2, min(n_actors, round(members_left / (n_instances - k) * rng.uniform(0.4, 1.6))))
            members_left -= size
            drawn: set[str] = set()
            while len(drawn) < size:  # skewed draws repeat the busiest actors: draw until enough distinct
                drawn.update(
                    rng.choice(provincial) if rng.random() < 0.03 else actor
                    for actor in rng.choices(actors, cum_weights=cumulative, k=size - len(drawn))
                )
            members = sorted(drawn)
            instance_rows.append(
                _instance(
                    rng,
                    f"{region}-i{k + 1:04d}",
                    territory,
                    chosen,
                    functions,
                    populations,
                    instance_types,
                    issue_label,
                    region_name,
                )
            )
            tables["participations"] += [_membership(rng, a, instance_rows[-1]["id"]) for a in members]
        local = [row for row in instance_rows if row["territoire"] != region]
        for original in rng.sample(local, min(2, len(local))):
            twin = dict(
                original,
                id=original["id"] + "-bis",
                nom=original["nom"] + " (comité parallèle)",
                mandat=rng.choice(_OPENINGS) + " " + original["mandat"].split(" ", 3)[-1],
            )
            instance_rows.append(twin)
            members = [p["acteur"] for p in tables["participations"] if p["instance"] == original["id"]]
            kept = sorted(rng.sample(members, max(1, round(0.8 * len(members)))))
            tables["participations"] += [_membership(rng, a, twin["id"], ended=False) for a in kept]
            planted["doublons"].append(sorted([original["id"], twin["id"]]))
        for busy in rng.sample(actors, min(2, len(actors))):
            already = {p["instance"] for p in tables["participations"] if p["acteur"] == busy}
            free = [row["id"] for row in instance_rows if row["id"] not in already]
            for instance in rng.sample(free, min(15, len(free))):
                tables["participations"].append(
                    _row(
                        "participations",
                        acteur=busy,
                        instance=instance,
                        role="membre",
                        heures_par_an="30",
                        source=SOURCE,
                    )
                )
            planted["sur_sollicites"].append(busy)
        tables["instances"] += instance_rows
        _plant_structure(random.Random(f"{seed}/{region}/structure"), tables, planted, region, region_name)
    return Synthetic(tables, planted)


def _plant_structure(rng: random.Random, tables: dict, planted: dict, region: str, region_name: str) -> None:
    """Plant a nested sub-committee and a fragile bridge in ``region`` (instances already written)."""
    rows = [
        row for row in tables["instances"] if row["id"].startswith(f"{region}-i") and not row["id"].endswith("-bis")
    ]
    members: dict = {}
    for p in tables["participations"]:
        members.setdefault(p["instance"], []).append(p["acteur"])
    hosts = [row for row in rows if len(set(members.get(row["id"], ()))) >= 6]
    if not hosts:
        return
    host = rng.choice(hosts)
    sub = dict(host, id=host["id"] + "-sc", nom="Sous-comité " + host["nom"], sigle="")
    tables["instances"].append(sub)
    kept = sorted(rng.sample(sorted(set(members[host["id"]])), 3))
    tables["participations"] += [
        _row("participations", acteur=a, instance=sub["id"], role="membre", source=SOURCE) for a in kept
    ]
    planted["tables_emboitees"].append({"contenue": sub["id"], "dans": host["id"]})
    anchor = rng.choice([row for row in rows if row["id"] != host["id"]] or [host])
    islands = [
        dict(anchor, id=f"{region}-ilot{k}", nom=f"Table de quartier {k} ({region_name})", sigle="") for k in (1, 2)
    ]
    newcomers = [f"{region}-ilot-a{k}" for k in range(1, 7)]
    bridge = f"{region}-pont"
    for actor in [*newcomers, bridge]:
        tables["acteurs"].append(
            _row(
                "acteurs",
                id=actor,
                nom=f"Organisme {actor.upper()} ({region_name})",
                type="organisme-communautaire",
                secteur="communautaire",
                territoire=anchor["territoire"],
                source=SOURCE,
            )
        )
    tables["instances"] += islands
    seats = [(a, islands[0]["id"]) for a in newcomers[:4]] + [(a, islands[1]["id"]) for a in newcomers[2:]]
    seats += [(bridge, islands[0]["id"]), (bridge, anchor["id"])]
    tables["participations"] += [
        _row("participations", acteur=a, instance=i, role="membre", source=SOURCE) for a, i in seats
    ]
    planted["ponts_fragiles"].append({"acteur": bridge, "instances": [row["id"] for row in islands]})


def _row(table: str, **values) -> dict:
    return {column: str(values.get(column, "") or "") for column in COLUMNS[table]}


def _instance(rng, identifier, territory, issues, functions, populations, types, issue_label, region_name) -> dict:
    topic = " et ".join(issue_label[i].lower() for i in issues)
    mandate = f"{rng.choice(_OPENINGS)} {rng.choice(_VERBS)} {topic} {rng.choice(_ENDS)} du territoire."
    known = rng.random() < 0.7
    return _row(
        "instances",
        id=identifier,
        nom=f"Table {topic} {identifier.upper()}",
        type=rng.choice(types),
        territoire=territory,
        enjeux="|".join(issues),
        fonctions="|".join(sorted(set(rng.sample(functions, rng.choice([1, 2]))))),
        populations=rng.choice(populations),
        mandat=mandate,
        rencontres_par_an=str(rng.choice([4, 6, 8, 10])) if known else "",
        heures_par_rencontre=str(rng.choice([2, 2.5, 3])) if known else "",
        source=SOURCE,
    )


def _membership(rng, actor, instance, ended=True) -> dict:
    ends = "2020-12-31" if ended and rng.random() < 0.03 else ""
    return _row(
        "participations",
        acteur=actor,
        instance=instance,
        role="presidence" if rng.random() < 0.05 else "membre",
        debut="2019-01-01" if ends else "",
        fin=ends,
        heures_par_an=str(rng.choice([12, 20, 30, 40])) if rng.random() < 0.33 else "",
        source=SOURCE,
    )


def write(synthetic: Synthetic, directory: Path) -> list[Path]:
    """Write ``acteurs.csv``, ``instances.csv``, ``participations.csv``, ``territoires.csv`` and ``planted.json``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, columns in COLUMNS.items():
        path = directory / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(synthetic.tables[name])
        written.append(path)
    path = directory / "planted.json"
    path.write_text(json.dumps(synthetic.planted, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*written, path]


def read_tables(directory: Path) -> dict[str, list[dict]]:
    """Read back the CSV files :func:`write` wrote (UTF-8, comma-separated)."""
    tables = {}
    for name in COLUMNS:
        with (Path(directory) / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
            tables[name] = list(csv.DictReader(handle))
    return tables
