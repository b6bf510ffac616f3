"""What a file to load may not be or hold, and the refusals that name it (and, when known, its line).

Checked before a file is read (its size; entities in RDF/XML), while it is parsed (blank nodes,
literals over the limit) and around its reading (:func:`reading`: syntax errors, unreadable files,
over-long lines), by :mod:`ecosystem.loading` and :mod:`ecosystem.load_ntriples` alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from ecosystem.i18n import Message
from ecosystem.limits import Limits, limit_fix, number

__all__ = ["FORMATS", "LoadError", "check_file", "checked_quads", "reading", "refuse"]

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


class LoadError(Exception):
    """A file could not be read; ``message`` names the file and, when known, the line."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def _joined(*messages: Message) -> Message:
    return Message(" ".join(m.fr for m in messages), " ".join(m.en for m in messages))


def _refusal(path: Path, *what: Message) -> LoadError:
    return LoadError(_joined(Message(f"{path} :", f"{path}:"), *what))


def _declares_entities(path: Path) -> bool:
    """Whether an XML file declares entities (read in chunks; a declaration may straddle two)."""
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if b"<!ENTITY" in tail + chunk:
                return True
            tail = chunk[-8:]
    return False


def check_file(path: Path, limits: Limits) -> None:
    """A file over the size limit, or RDF/XML declaring entities, refused before it is read."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _refusal(
            path,
            Message(
                "fichier de {s} octets, plus que les {n} permis ; rien n'a été chargé.",
                "file of {s} bytes, more than the {n} allowed; nothing was loaded.",
            ).format(s=number(size), n=number(limits.max_bytes)),
            limit_fix("max_bytes", limits.max_bytes),
        )
    if FORMATS[path.suffix.lower()] == ox.RdfFormat.RDF_XML and _declares_entities(path):
        # Entities are how a kilobyte of XML expands to gigabytes (« billion laughs ») or reads local files.
        raise _refusal(
            path,
            Message(
                "déclarations d'entités (<!ENTITY …>) refusées : elles peuvent faire grossir un petit fichier sans limite ; "
                "rien n'a été chargé. Écrivez les valeurs telles quelles, ou enregistrez les données en Turtle.",
                "entity declarations (<!ENTITY …>) refused: they can make a small file grow without bound; "
                "nothing was loaded. Write the values out, or save the data as Turtle.",
            ),
        )


def _blank_node_line(path: Path) -> int | None:
    """The line of the first blank node (``_:x`` or ``[``) outside strings and IRIs, in a text syntax."""
    if FORMATS[path.suffix.lower()] == ox.RdfFormat.RDF_XML:
        return None
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number_, line in enumerate(lines, start=1):
            code = _STRINGS_AND_IRIS.sub(" ", line).split("#", 1)[0]
            if "_:" in code or "[" in code:
                return number_
    return None


_STRINGS_AND_IRIS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^<>\s]*>')


def refused(subject, obj, max_chars: int | None) -> bool:
    """Whether a triple's terms are what a load refuses: a blank node (the model gives every resource an IRI),
    or (``max_chars`` given) a literal longer than that. The one rule; :func:`checked_quads` says why in words.

    >>> refused(ox.NamedNode("https://ex.org/a"), ox.Literal("abc"), 2), refused(ox.BlankNode(), ox.Literal("a"), None)
    (True, True)
    """
    if type(subject) is ox.BlankNode or type(obj) is ox.BlankNode:
        return True
    return max_chars is not None and type(obj) is ox.Literal and len(obj.value) > max_chars


def checked_quads(quads, path: Path, limits: Limits):
    """The quads of one file, in the default graph; a blank node or an over-long literal stops the load."""
    default = ox.DefaultGraph()
    for quad in quads:
        refuse(quad, path, limits)
        yield ox.Quad(quad.subject, quad.predicate, quad.object, default)


def refuse(quad: ox.Quad, path: Path, limits: Limits) -> None:
    """The :class:`LoadError` naming ``path`` (and the line of a blank node) for a quad that holds a blank node
    or a literal over the limit (:func:`refused`); nothing for another quad."""
    subject, obj = quad.subject, quad.object
    if not refused(subject, obj, limits.max_cell_chars):
        return
    if isinstance(subject, ox.BlankNode) or isinstance(obj, ox.BlankNode):
        line = _blank_node_line(path)
        where = (
            Message(f"{path}, ligne {line} :", f"{path}, line {line}:") if line else Message(f"{path} :", f"{path}:")
        )
        raise LoadError(
            _joined(
                where,
                Message(
                    "nœud anonyme (blank node) : le modèle n'en admet pas, chaque ressource a une IRI (docs/modele.md) ; "
                    "rien n'a été chargé. Donnez-lui une IRI.",
                    "blank node: the model admits none, every resource has an IRI (docs/modele.md); nothing was loaded. Give it an IRI.",
                ),
            )
        )
    length = len(obj.value)  # type: ignore[union-attr]
    raise _refusal(
        path,
        Message(
            "littéral de {k} caractères, plus que les {n} permis (sujet {s}, propriété {p}) ; rien n'a été chargé.",
            "literal of {k} characters, more than the {n} allowed (subject {s}, property {p}); nothing was loaded.",
        ).format(k=number(length), n=number(limits.max_cell_chars), s=subject, p=quad.predicate),
        limit_fix("max_cell_chars", limits.max_cell_chars),
    )


@contextmanager
def reading(path: Path, limits: Limits) -> Iterator[None]:
    """What reading and parsing ``path`` may raise, as the :class:`LoadError` that names it."""
    try:
        yield
    except (SyntaxError, ValueError) as error:
        raise LoadError(
            Message(
                "{path} : erreur de syntaxe : {error}. Corrigez le fichier à cet endroit ; rien n'a été chargé.",
                "{path}: syntax error: {error}. Fix the file there; nothing was loaded.",
            ).format(path=path, error=error)
        ) from error
    except MemoryError as error:
        if "buffer maximal size" not in str(error):
            raise
        # Oxigraph's parser keeps one token (a line of N-Triples, a literal) in a bounded buffer.
        raise _refusal(
            path,
            Message(
                "une ligne ou une valeur de plus de 16 Mo : le lecteur RDF n'en lit pas de si longue ; rien n'a été chargé. "
                "Raccourcissez-la (une valeur compte au plus {n} caractères).",
                "a line or a value over 16 MB: the RDF reader reads none so long; nothing was loaded. "
                "Shorten it (a value holds at most {n} characters).",
            ).format(n=number(limits.max_cell_chars)),
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise LoadError(
            Message("{path} : lecture impossible : {error}.", "{path}: cannot read: {error}.").format(
                path=path, error=error
            )
        ) from error
