"""Property tests: random valid tables always import; random corruptions never half-write or crash."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem.ingest.apply import import_paths
from ecosystem.ingest.lookups import vocabulary
from ecosystem.ingest.problems import ValidationFailed
from ecosystem.namespaces import slugify
from ecosystem.queries import stats
from ecosystem.store import EmbeddedStore

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

ids = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?", fullmatch=True)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(lambda s: s.strip())
hours = st.one_of(
    st.just(""), st.integers(0, 500).map(str), st.decimals(0, 100, places=2).map(lambda d: str(d).replace(".", ","))
)


def concept(scheme):
    vocab = vocabulary(scheme)
    return st.sampled_from(sorted(vocab.notations)).flatmap(
        lambda n: st.sampled_from([n, n.upper(), n.replace("-", " ")])
    )


@st.composite
def valid_tables(draw):
    actors = draw(st.lists(ids, min_size=1, max_size=6, unique_by=slugify))
    instances = draw(st.lists(ids, min_size=1, max_size=4, unique_by=slugify))
    acteurs = [["id", "nom", "secteur"]] + [
        [a, draw(names), draw(st.one_of(st.just(""), concept("secteurs")))] for a in actors
    ]
    instances_rows = [["id", "nom", "enjeux", "rencontres_par_an"]] + [
        [i, draw(names), " | ".join(draw(st.lists(concept("enjeux"), max_size=3))), draw(hours)] for i in instances
    ]
    pairs = draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(instances)), max_size=10, unique=True))
    participations = [["acteur", "instance", "role", "heures_par_an", "debut", "fin"]] + [
        [
            a,
            i,
            draw(st.one_of(st.just(""), concept("roles"))),
            draw(hours),
            "2024-01-01",
            draw(st.sampled_from(["", "31/12/2025"])),
        ]
        for a, i in pairs
    ]
    return {"acteurs": acteurs, "instances": instances_rows, "participations": participations}


def write(folder, tables, delimiter=","):
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    for name, rows in tables.items():
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter).writerows(rows)
        (folder / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return folder


@SETTINGS
@given(tables=valid_tables(), delimiter=st.sampled_from([",", ";", "\t"]))
def test_a_valid_table_always_imports(tmp_path, tables, delimiter):
    store = EmbeddedStore(None)
    result = import_paths(store, [write(tmp_path / "valide", tables, delimiter)])
    counts = stats(store)
    assert result.written
    assert (counts["acteurs"], counts["instances"], counts["participations"]) == tuple(
        len(tables[k]) - 1 for k in ("acteurs", "instances", "participations")
    )


def corrupt(tables, data):
    """One random corruption: a cell, a header, a row, or the bytes of a file."""
    tables = {k: [list(r) for r in v] for k, v in tables.items()}
    name = data.draw(st.sampled_from(sorted(tables)))
    rows = tables[name]
    kind = data.draw(st.sampled_from(["cell", "header", "drop-cell", "duplicate-row", "extra-cell", "blank-required"]))
    r = data.draw(st.integers(1, len(rows) - 1)) if len(rows) > 1 else 0
    c = data.draw(st.integers(0, len(rows[0]) - 1))
    if kind == "cell":
        rows[r][c] = data.draw(st.text(max_size=12))
    elif kind == "header":
        rows[0][c] = data.draw(st.text(max_size=12))
    elif kind == "drop-cell":
        del rows[r][c]
    elif kind == "duplicate-row":
        rows.append(list(rows[r]))
    elif kind == "extra-cell":
        rows[r].append(data.draw(st.text(min_size=1, max_size=8)))
    else:
        rows[r][0] = ""
    return tables


@SETTINGS
@given(tables=valid_tables(), data=st.data(), garbage=st.one_of(st.none(), st.binary(max_size=64)))
def test_a_corrupted_table_never_half_writes_nor_crashes(tmp_path, tables, data, garbage):
    store = EmbeddedStore(None)
    import_paths(store, [write(tmp_path / "base", {"acteurs": tables["acteurs"]})])
    before = (store.version(), store.triple_count(None))
    folder = write(tmp_path / "corrompu", corrupt(tables, data))
    if garbage is not None:
        (folder / data.draw(st.sampled_from(["participations.csv", "autre.xlsx"]))).write_bytes(garbage)
    try:
        import_paths(store, [folder])
    except ValidationFailed as failed:
        assert failed.problems and all(p.file and p.what.fr and p.fix.fr is not None for p in failed.problems)
        assert (store.version(), store.triple_count(None)) == before
