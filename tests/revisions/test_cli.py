"""`ecosystem revision create|list` and `ecosystem diff` as a user runs them."""

from __future__ import annotations

import json

from rdflib import Literal
from typer.testing import CliRunner

from ecosystem.cli import app
from ecosystem.namespaces import ECO, actor_iri
from ecosystem.store import EmbeddedStore

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_create_list_and_diff(tmp_path, mauricie_graph):
    folder = tmp_path / "magasin"
    store = EmbeddedStore(folder)
    store.apply(add=mauricie_graph)
    store.close()
    created = run("--store", folder, "revision", "create", "r1", "--note", "Bilan 2025", "--by", "Consortium")
    assert created.exit_code == 0, created.output
    assert "r1" in created.output
    listed = run("--store", folder, "revision", "list", "--json")
    assert listed.exit_code == 0, listed.output
    [revision] = json.loads(listed.output)
    assert (revision["nom"], revision["note"], revision["auteur"], revision["triplets"]) == (
        "r1",
        "Bilan 2025",
        "Consortium",
        len(mauricie_graph),
    )

    store = EmbeddedStore(folder)
    store.apply(add=[(actor_iri("cfcm"), ECO.acronym, Literal("CFCM bis"))])
    store.close()
    diff = run("--store", folder, "diff", "r1", "courant", "--json")
    assert diff.exit_code == 0, diff.output
    result = json.loads(diff.output)
    [changed] = result["acteurs"]["modifies"]
    assert changed["champs"] == {"acronyme": {"avant": ["CFCM"], "apres": ["CFCM", "CFCM bis"]}}
    assert set(result["analyses"]) == {"sur-sollicitation", "dedoublements"}
    text = run("--store", folder, "diff", "r1", "courant")
    assert "CFCM bis" in text.output and "Acteurs" in text.output


def test_errors_name_the_problem(tmp_path):
    folder = tmp_path / "magasin"
    bad = run("--store", folder, "revision", "create", "avec espace")
    assert bad.exit_code == 1 and "Nom de révision invalide" in bad.output
    unknown = run("--lang", "en", "--store", folder, "diff", "r1", "courant")
    assert unknown.exit_code == 1 and 'Unknown revision: "r1"' in unknown.output
    empty = run("--store", folder, "revision", "list")
    assert empty.exit_code == 0 and "Aucune révision" in empty.output
