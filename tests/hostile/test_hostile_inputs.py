"""Hostile and broken inputs to ``ecosystem import`` and ``ecosystem load``: each refused clearly, in bounded
time and memory, with nothing written.

Every case runs the real command in a child process under ``resource`` limits — 768 MB of address
space (``RLIMIT_AS``) and 10 s of processor time (``RLIMIT_CPU``), either of which kills the child —
against a real on-disk store, which must come out unchanged. The hostile files are generated here,
as streams, into the test's temporary folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecosystem.ingest.apply import import_paths
from ecosystem.store import EmbeddedStore
from tests.hostile import hostile_files as make
from tests.hostile.limited import run_limited, snapshot


@pytest.fixture
def store(tmp_path) -> Path:
    """A closed on-disk store holding one small import."""
    (tmp_path / "acteurs.csv").write_text("id;nom\ndeja-la;Déjà là\n", encoding="utf-8")
    path = tmp_path / "magasin"
    opened = EmbeddedStore(path)
    try:
        assert import_paths(opened, [tmp_path / "acteurs.csv"]).written
    finally:
        opened.close()
    return path


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _literal_workbook(path: Path) -> Path:
    return make.shared_string_workbook(path, characters=20_000_000)


def _unclosed_quote(path: Path) -> Path:
    rows = "".join(f"acteur-{n};Acteur {n}\n" for n in range(1_000))
    return _csv(path, 'id;nom\nbon;Bon\nmauvais;"Nom sans fin\n' + rows)


def _mixed(path: Path) -> Path:
    path.write_bytes("id;nom\nun;Société\n".encode() + b"deux;Caf\xe9\n" + "trois;Élan\n".encode())
    return path


IMPORTS = {
    # case: (file name, generator, what the French message says)
    "blank-rows": ("bombe-lignes.xlsx", make.blank_rows_workbook, "lignes vides comprises"),
    "shared-string": ("bombe-chaine.xlsx", make.shared_string_workbook, "une fois décompressé, il dépasse"),
    "zip-bomb": ("bombe-zip.xlsx", make.zip_bomb_workbook, "partie docProps/bombe.xml"),
    "20-million-characters": ("long.xlsx", _literal_workbook, "Cellule de 20\u202f000\u202f000 caractères"),
    "csv-200-mb": ("participations.csv", lambda p: make.large_csv(p, 200), "plus que les 67\u202f108\u202f864 permis"),
    "csv-60-mb": ("participations.csv", lambda p: make.large_csv(p, 60), "Fichier de plus de 200\u202f000 lignes"),
    "missing-worksheet": (
        "sans-feuille.xlsx",
        make.missing_worksheet_workbook,
        "son contenu (xl/worksheets/sheet1.xml) manque",
    ),
    "empty-slug": (
        "acteurs.csv",
        lambda p: _csv(p, "id;nom\n日本語;Japon\n!!!;Points\n../;Parent\n"),
        "ligne 4, colonne id (A)",
    ),
    "unclosed-quote": ("acteurs.csv", _unclosed_quote, "ligne 3, colonne nom (B): Guillemet ouvert à la ligne 3"),
    "mixed-encoding": ("acteurs.csv", _mixed, "en UTF-8 sauf l'octet 0xE9 à la position 28 (ligne 3)"),
    "undefined-cp1252": ("acteurs.csv", lambda p: _csv(p, "id;nom\nx;Co\x81t\n", "latin-1"), "l'octet 0x81"),
    "utf-16-without-mark": ("acteurs.csv", lambda p: _csv(p, "id;nom\nx;X\n", "utf-16-le"), "octet nul"),
    "bad-iri": (
        "acteurs.csv",
        lambda p: _csv(p, "id;nom;site_web\nx;X;https://exemple.org/%zz\n"),
        "Adresse web invalide",
    ),
    "nul-in-iri": (
        "acteurs.csv",
        lambda p: _csv(p, "id;nom;source\nx;X;https://w3id.org/ecosysteme/id/source/a\x00b\n"),
        "octet nul",
    ),
    "bad-source-iri": (
        "acteurs.csv",
        lambda p: _csv(p, "id;nom;source\nx;X;https://w3id.org/ecosysteme/id/source/a%zz\n"),
        "colonne source (C)",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(IMPORTS))
def test_hostile_import_is_refused_clearly_in_bounded_time_and_memory(tmp_path, store, case):
    name, generate, said = IMPORTS[case]
    path = generate(tmp_path / name)
    before = snapshot(store)
    # A trial run must refuse as clearly as a real one (an IRI once reached a query even then).
    done = run_limited(store, "import", str(path), *(["--dry-run"] if "iri" in case else []))
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr and said in done.stderr, done.stderr[-2000:]
    assert path.name in done.stderr and "Rien n'a été écrit" in done.stderr
    assert snapshot(store) == before


def test_a_hundred_thousand_problems_list_the_first_and_count_the_rest(tmp_path, store):
    path = tmp_path / "acteurs.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id;nom;site_web\n")
        out.writelines(f"a{n};A {n};pas une adresse\n" for n in range(100_000))
    before = snapshot(store)
    done = run_limited(store, "import", str(path), "--json")
    assert done.returncode == 1, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert len(report["problemes"]) == 100 and report["total"] == 100_000 and report["autres"] == 99_900
    assert [p["ligne"] for p in report["problemes"][:3]] == [2, 3, 4]
    done = run_limited(store, "--lang", "en", "import", str(path))
    assert "… and 99,900 more" in done.stderr.replace("\u202f", ",") and done.stderr.count("  • ") == 100
    assert snapshot(store) == before


def _long_line(path: Path, megabytes: int = 50) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write('<https://w3id.org/ecosysteme/id/acteur/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "')
        for _ in range(megabytes):
            out.write("a" * (1 << 20))
        out.write('"@fr .\n')
    return path


def _blank_node(path: Path) -> Path:
    return _csv(
        path,
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n"
        '<https://w3id.org/ecosysteme/id/acteur/x> skos:prefLabel "X"@fr ;\n'
        '    skos:related [ skos:prefLabel "anonyme"@fr ] .\n',
    )


LOADS = {
    "billion-laughs": ("rires.rdf", make.billion_laughs, "déclarations d'entités"),
    "50-mb-line": ("long.nt", _long_line, "long.nt : une ligne ou une valeur de plus de 16 Mo"),
    "1-mb-literal": ("long.nt", lambda p: _long_line(p, 1), "long.nt : littéral de 1\u202f048\u202f576 caractères"),
    "blank-node": ("anonyme.ttl", _blank_node, "anonyme.ttl, ligne 4"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(LOADS))
def test_hostile_rdf_load_is_refused_clearly_in_bounded_time_and_memory(tmp_path, store, case):
    name, generate, said = LOADS[case]
    path = generate(tmp_path / name)
    before = snapshot(store)
    for dry_run in (["--dry-run"], []):
        done = run_limited(store, "load", str(path), *dry_run)
        assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
        assert "Traceback" not in done.stderr and said in done.stderr, done.stderr[-2000:]
    assert snapshot(store) == before
