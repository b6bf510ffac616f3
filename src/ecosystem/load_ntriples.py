"""N-Triples files of a first load, parsed into their subjects' pairs rather than into an in-memory store.

A first load (:func:`ecosystem.load_groups.first_load`) signs each resource from its (property,
value) pairs. When every file is N-Triples, Oxigraph's parser gives the triples one by one: each is
checked as it comes (no blank node, no literal over the limit) and put with its subject's pairs,
which costs about half of parsing into Oxigraph's in-memory store and reading every subject back
(the synthetic province: 1.7 against 3.1 s of CPU). What the in-memory store gave for free is
checked instead (:meth:`ParsedNTriples.exact`): each line holds one triple, no triple comes twice,
and every typed literal is already in the form the store keeps it in ("100"^^xsd:decimal, not
"100.0"). Then the files' own bytes hold exactly what the store will, and go to the bulk loader as
they are; else the load takes the in-memory store's way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ecosystem.limits import Limits
from ecosystem.load_checks import FORMATS, check_file, reading, refuse, refused
from ecosystem.namespaces import RDF, XSD
from ecosystem.store.terms import from_ox

__all__ = ["ParsedNTriples", "parse_ntriples"]

_TYPE = str(RDF.type)
_STRING = str(XSD.string)


@dataclass
class ParsedNTriples:
    subjects: dict[str, list[tuple[str, object]]] = field(default_factory=lambda: defaultdict(list))
    """Each subject's (property, value) pairs: the property's IRI, the value as Oxigraph's term."""
    texts: list[bytes] = field(default_factory=list)
    triples: int = 0
    typed: set = field(default_factory=set)
    """The typed literals (neither text nor language-tagged), whose stored form is checked."""

    def exact(self) -> bool:
        """Whether the files' bytes hold one distinct triple a line, each literal in its stored form."""
        if any(not text.endswith(b"\n") for text in self.texts):
            return False
        if sum(text.count(b"\n") for text in self.texts) != self.triples:
            return False
        if any(len(pairs) != len(set(pairs)) for pairs in self.subjects.values()):
            return False
        stored = ox.Store()  # Oxigraph's memory gives each literal the form the disk keeps
        literals = list(self.typed)
        predicate = ox.NamedNode("urn:x-forme")
        stored.extend(ox.Quad(ox.NamedNode(f"urn:x-{n}"), predicate, lit) for n, lit in enumerate(literals))
        return all(literals[int(quad.subject.value[6:])] == quad.object for quad in stored)  # type: ignore[union-attr]

    def types(self) -> dict[str, tuple]:
        return {
            subject: tuple(sorted(o.value for p, o in pairs if p == _TYPE))  # type: ignore[attr-defined]
            for subject, pairs in self.subjects.items()
        }

    def describe(self, subject: object) -> list[tuple]:
        """A subject's pairs as rdflib terms (:func:`ecosystem.validation.validate_grouped`'s ``describe``)."""
        return [(from_ox(ox.NamedNode(p)), from_ox(o)) for p, o in self.subjects.get(str(subject), ())]  # type: ignore[arg-type]

    def rdflib_triples(self) -> list[tuple]:
        return [(from_ox(ox.NamedNode(s)), p, o) for s in self.subjects for p, o in self.describe(s)]

    def ntriples(self) -> bytes:
        """The files' bytes, for the bulk loader; the pairs let go (the data is not held twice)."""
        self.subjects = {}
        texts, self.texts = self.texts, []
        return texts[0] if len(texts) == 1 else b"".join(texts)


def parse_ntriples(files: list[Path], limits: Limits) -> ParsedNTriples | None:
    """The files parsed and checked (the refusals name the file, and a blank node's line); None unless
    every file is N-Triples."""
    if any(FORMATS[path.suffix.lower()] != ox.RdfFormat.N_TRIPLES for path in files):
        return None
    parsed = ParsedNTriples()
    for path in files:
        check_file(path, limits)
        with reading(path, limits):
            data = path.read_bytes()
            parsed.triples += _add(parsed, data, path, limits)
            parsed.texts.append(data)
    return parsed


def _add(parsed: ParsedNTriples, data: bytes, path: Path, limits: Limits) -> int:
    """Put the triples of ``data`` with their subjects' pairs; how many there were."""
    subjects, typed, longest = parsed.subjects, parsed.typed, limits.max_cell_chars
    literal, count = ox.Literal, 0
    for quad in ox.parse(data, ox.RdfFormat.N_TRIPLES):
        s, p, o, _ = quad
        if refused(s, o, longest):
            refuse(quad, path, limits)
        if type(o) is literal and not o.language and o.datatype.value != _STRING:  # type: ignore[union-attr]
            typed.add(o)
        subjects[s.value].append((p.value, o))  # type: ignore[union-attr]
        count += 1
    return count
