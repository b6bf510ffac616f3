"""Where the ontology and the shipped data are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "mauricie_dir", "ontology_dir", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]  # src/ecosystem → repository root


def _first_existing(name: str) -> Path:
    # A wheel carries the folder inside the package; a source checkout has it at the top.
    for candidate in (_PACKAGE / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"dossier introuvable / folder not found: {name}")


def ontology_dir() -> Path:
    """``ontology/``: ``ecosysteme.ttl``, ``vocabularies.ttl``, ``shapes.ttl``."""
    return _first_existing("ontology")


def data_dir() -> Path:
    """``data/``: the Mauricie dataset, the spreadsheet templates, small fixtures."""
    return _first_existing("data")


def mauricie_dir() -> Path:
    return data_dir() / "mauricie"


def templates_dir() -> Path:
    return data_dir() / "templates"
