"""Session-wide fixtures: the Mauricie data, a real on-disk store holding it (and writable copies), shared datasets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ecosystem.loading import load_paths, rdf_files, read_rdf_files
from ecosystem.paths import mauricie_dir
from ecosystem.store import EmbeddedStore
from ecosystem.store.base import CURRENT

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATASETS = ROOT.parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def mauricie_path() -> Path:
    return mauricie_dir()


@pytest.fixture(scope="session")
def mauricie_graph(mauricie_path):
    """The Mauricie data as an rdflib graph (read-only: copy before changing it)."""
    return read_rdf_files(rdf_files([mauricie_path]))


@pytest.fixture(scope="session")
def mauricie_store(tmp_path_factory, mauricie_path):
    """A real on-disk Oxigraph store with the Mauricie data loaded (read-only for tests)."""
    store = EmbeddedStore(tmp_path_factory.mktemp("store") / "mauricie")
    result = load_paths(store, [mauricie_path])
    assert result.report.conforms, [v.text() for v in result.report.violations]
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path):
    """A fresh on-disk store, for tests that write."""
    store = EmbeddedStore(tmp_path / "store")
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


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    """``../shared/datasets`` (published data sets the project must not ship); skip where absent."""
    if not SHARED_DATASETS.is_dir():
        pytest.skip("../shared/datasets absent : jeux de données publiés non disponibles ici")
    return SHARED_DATASETS


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser), one for the session."""
    from playwright import sync_api  # a test dependency: always there

    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium absent: apt-get install chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
