"""The analyses registry and the glossary: every registered analysis has its command, its page,
its doc line, its test and its glossary terms; the glossary page shows every term in both languages."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from ecosystem.api.main import create_app
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from ecosystem.analysis.registry import ANALYSES, by_name
from ecosystem.cli import app
from ecosystem.glossary import TERMS
from ecosystem.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "analyses.md").read_text(encoding="utf-8")
TESTS = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("test_*.py"))


@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda a: a.name)
def test_every_analysis_has_its_command_doc_test_and_terms(analysis):
    result = CliRunner().invoke(app, [*analysis.command.split(), "--help"])
    assert result.exit_code == 0, result.output
    module = analysis.function.__module__.rsplit(".", 1)[-1]
    assert f"{module}.py" in DOCS or f"`{analysis.command.split()[-1]}`" in DOCS or analysis.command in DOCS
    assert analysis.function.__name__ in TESTS, f"no test calls {analysis.function.__name__}"
    assert analysis.terms and all(t in TERMS for t in analysis.terms)
    if analysis.page:
        assert (ROOT / "api" / "templates" / analysis.page).is_file()
    assert by_name(analysis.name) is analysis


def test_the_index_and_the_glossary_come_from_the_registry(mauricie_store_dir):
    with TestClient(create_app(Settings(store=mauricie_store_dir))) as client:
        index = client.get("/analyses.json").json()["analyses"]
        french, english = (html.unescape(client.get(f"/glossaire?lang={lang}").text) for lang in ("fr", "en"))
        structure = client.get("/analyses/structure").text
        for analysis in (a for a in ANALYSES if a.page):
            assert client.get(f"/analyses/{analysis.name}").status_code == 200
    assert [a["id"] for a in index] == [a.name for a in ANALYSES if a.page]
    for key, term in TERMS.items():
        assert f'id="{key}"' in french
        assert term.name.fr in french and term.meaning.fr in french
        assert term.name.en in english and term.computed.en in english
        assert term.meaning.fr not in english
    assert 'href="/glossaire?lang=fr#pont-fragile"' in structure  # the Mauricie has one fragile bridge
    assert 'href="/glossaire?lang=fr#intermediarite"' in structure
