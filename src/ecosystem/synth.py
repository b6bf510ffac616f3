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

from ecosystem.synth_rows import COLUMNS, OPENINGS, SOURCE, TABLES, Vocabularies, instance_row, membership_row, row

__all__ = ["COLUMNS", "TABLES", "Synthetic", "generate", "read_tables", "write"]

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


@dataclass
class Synthetic:
    tables: dict = field(default_factory=dict)
    planted: dict = field(default_factory=dict)


_PLANTED = ("doublons", "lacunes", "sur_sollicites", "tables_emboitees", "ponts_fragiles")
"""What the province plants, in the order ``planted.json`` lists it."""


@dataclass
class _Province:
    """The drawing under way: the one seeded generator, the sizes per region, the tables written so far."""

    rng: random.Random
    vocabularies: Vocabularies
    actors: int  # per region
    instances: int
    memberships: int
    tables: dict[str, list[dict]]
    planted: dict[str, list]
    provincial: list[str] = field(default_factory=list)


@dataclass
class _Region:
    """A region drawn: its code and name, its MRC, its planted gap and its actors."""

    code: str
    name: str
    mrcs: list[str]
    gap_mrc: str
    gap_family: str
    actors: list[str] = field(default_factory=list)


def generate(
    regions: int = 17,
    seed: int = 0,
    scale: float = 1.0,
    actors_per_region: int = 1176,
    instances_per_region: int = 176,
    memberships_per_region: int = 5882,
) -> Synthetic:
    """Generate the province: tables of the import template (lists of row dicts) and what was planted.

    Parameters
    ----------
    regions : int
        How many regions (the first 17 named as Québec's).
    seed : int
        The seed of the one generator the province is drawn with (the structure plants have their own, from it).
    scale : float
        The share of the sizes below each region gets (at least 4 actors, 3 instances, 2 members an instance).
    actors_per_region, instances_per_region, memberships_per_region : int
        The sizes of a region at scale 1.

    Returns
    -------
    Synthetic
        ``tables``: table name → rows (:data:`TABLES`, columns :data:`COLUMNS`); ``planted``: what was planted.

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
    n_instances = max(3, round(instances_per_region * scale))
    province = _Province(
        random.Random(seed),
        Vocabularies.read(),
        actors=max(4, round(actors_per_region * scale)),
        instances=n_instances,
        memberships=max(n_instances * 2, round(memberships_per_region * scale)),
        tables={name: [] for name in COLUMNS},
        planted={name: [] for name in _PLANTED},
    )
    province.tables["territoires"].append(row("territoires", id="quebec", nom="Québec", type="province", source=SOURCE))
    _draw_provincial_actors(province, max(2, round(3 * regions * scale)))
    for number in range(regions):
        region = _draw_region(province, number)
        _draw_regional_actors(province, region)
        instances = _draw_instances(province, region)
        _plant_duplicates(province, region, instances)
        _plant_over_solicited(province, region, instances)
        province.tables["instances"] += instances
        _plant_structure(
            random.Random(f"{seed}/{region.code}/structure"),
            province.tables,
            province.planted,
            region.code,
            region.name,
        )
    return Synthetic(province.tables, province.planted)


def _draw_provincial_actors(province: _Province, count: int) -> None:
    """Ministries and networks that sit in every region: they connect the province."""
    province.provincial = [f"qc-a{k + 1:04d}" for k in range(count)]
    for actor in province.provincial:
        province.tables["acteurs"].append(
            row(
                "acteurs",
                id=actor,
                nom=f"Organisme provincial {actor.upper()}",
                type=province.rng.choice(province.vocabularies.actor_types),
                secteur=province.rng.choice(province.vocabularies.sectors),
                territoire="quebec",
                source=SOURCE,
            )
        )


def _draw_region(province: _Province, number: int) -> _Region:
    """Region ``number`` (from 0) and its 4 to 8 MRC, written; its gap drawn and planted."""
    rng, territories = province.rng, province.tables["territoires"]
    code = f"r{number + 1:02d}"
    name = REGION_NAMES[number] if number < len(REGION_NAMES) else f"Région {number + 1}"
    territories.append(row("territoires", id=code, nom=name, type="region", parent="quebec", source=SOURCE))
    mrcs = [f"{code}-mrc{k + 1}" for k in range(rng.randint(4, 8))]
    for k, mrc in enumerate(mrcs):
        territories.append(
            row("territoires", id=mrc, nom=f"MRC {k + 1} ({name})", type="mrc", parent=code, source=SOURCE)
        )
    gap_mrc = rng.choice(mrcs)
    gap_family = rng.choice(sorted(set(province.vocabularies.family.values())))
    province.planted["lacunes"].append({"territoire": gap_mrc, "enjeu": gap_family})
    return _Region(code, name, mrcs, gap_mrc, gap_family)


def _draw_regional_actors(province: _Province, region: _Region) -> None:
    """The region's actors, each in the region or one of its MRC."""
    rng, vocabularies = province.rng, province.vocabularies
    region.actors = [f"{region.code}-a{k + 1:05d}" for k in range(province.actors)]
    for actor in region.actors:
        kind = rng.choice(vocabularies.actor_types)
        province.tables["acteurs"].append(
            row(
                "acteurs",
                id=actor,
                nom=f"Organisme {actor.upper()} ({region.name})",
                type=kind,
                secteur=rng.choice(vocabularies.sectors),
                territoire=rng.choice([region.code, *region.mrcs]),
                source=SOURCE,
            )
        )


def _draw_instances(province: _Province, region: _Region) -> list[dict]:
    """The region's instances (returned, not yet written) and their memberships (written).

    An instance covering the region or the gap's MRC has no issue of the gap's family. The
    memberships left are shared out evenly, give or take 60 %, and members drawn with Zipf-like weights.
    """
    rng, n_instances = province.rng, province.instances
    issues, family = province.vocabularies.issues, province.vocabularies.family
    cumulative = list(accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(province.actors)))
    members_left, rows = province.memberships, []
    for k in range(n_instances):
        regional = rng.random() < 0.2
        territory = region.code if regional else rng.choice(region.mrcs)
        banned = {region.gap_family} if territory in (region.code, region.gap_mrc) else set()
        allowed = [n for n in issues if family[n] not in banned]
        chosen = sorted(set(rng.sample(allowed, rng.choice([1, 1, 2]))))
        size = max(2, min(province.actors, round(members_left / (n_instances - k) * rng.uniform(0.4, 1.6))))
        members_left -= size
        members = _draw_members(province, region, size, cumulative)
        rows.append(instance_row(rng, province.vocabularies, f"{region.code}-i{k + 1:04d}", territory, chosen))
        province.tables["participations"] += [membership_row(rng, a, rows[-1]["id"]) for a in members]
    return rows


def _draw_members(province: _Province, region: _Region, size: int, cumulative: list[float]) -> list[str]:
    """``size`` distinct members, sorted: regional actors by weight, 3 % of draws a provincial actor instead."""
    rng = province.rng
    drawn: set[str] = set()
    while len(drawn) < size:  # skewed draws repeat the busiest actors: draw until enough distinct
        drawn.update(
            rng.choice(province.provincial) if rng.random() < 0.03 else actor
            for actor in rng.choices(region.actors, cum_weights=cumulative, k=size - len(drawn))
        )
    return sorted(drawn)


def _plant_duplicates(province: _Province, region: _Region, instances: list[dict]) -> None:
    """Twin two MRC instances: a reworded mandate, 80 % of the same members (the twins join ``instances``)."""
    rng, participations = province.rng, province.tables["participations"]
    local = [row for row in instances if row["territoire"] != region.code]
    for original in rng.sample(local, min(2, len(local))):
        twin = dict(
            original,
            id=original["id"] + "-bis",
            nom=original["nom"] + " (comité parallèle)",
            mandat=rng.choice(OPENINGS) + " " + original["mandat"].split(" ", 3)[-1],
        )
        instances.append(twin)
        members = [p["acteur"] for p in participations if p["instance"] == original["id"]]
        kept = sorted(rng.sample(members, max(1, round(0.8 * len(members)))))
        participations += [membership_row(rng, a, twin["id"], ended=False) for a in kept]
        province.planted["doublons"].append(sorted([original["id"], twin["id"]]))


def _plant_over_solicited(province: _Province, region: _Region, instances: list[dict]) -> None:
    """Give two of the region's actors 15 more seats of 30 declared hours each."""
    rng, participations = province.rng, province.tables["participations"]
    for busy in rng.sample(region.actors, min(2, len(region.actors))):
        already = {p["instance"] for p in participations if p["acteur"] == busy}
        free = [row["id"] for row in instances if row["id"] not in already]
        for instance in rng.sample(free, min(15, len(free))):
            participations.append(
                row(
                    "participations",
                    acteur=busy,
                    instance=instance,
                    role="membre",
                    heures_par_an="30",
                    source=SOURCE,
                )
            )
        province.planted["sur_sollicites"].append(busy)


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
        row("participations", acteur=a, instance=sub["id"], role="membre", source=SOURCE) for a in kept
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
            row(
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
        row("participations", acteur=a, instance=i, role="membre", source=SOURCE) for a, i in seats
    ]
    planted["ponts_fragiles"].append({"acteur": bridge, "instances": [row["id"] for row in islands]})


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
