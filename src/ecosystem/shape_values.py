"""What the shapes can see of a literal value, read from ``ontology/shapes.ttl`` itself.

Grouped validation (:func:`ecosystem.validation.validate_groups`) validates one resource of
each group of alike descriptions; two literals may stand for each other in a group only if
every constraint gives them the same verdict. Rather than the value itself (every date and
number its own group: thousands of groups on the province), a literal is described by what
decides each constraint, computed with the comparisons pyshacl itself makes:

- ``sh:datatype``: the literal's datatype, language, whether rdflib finds it ill-typed and
  the Python type of its value (what pyshacl's datatype check reads);
- ``sh:minInclusive`` (and the other bounds) on the property: the result of pyshacl's own
  ``compare_literal`` against each bound;
- ``sh:lessThanOrEquals``: the result of the same ``<=`` (and the same string tests) between
  each pair of values of the two properties of the resource.

A property whose shapes hold any other constraint on values (a pattern, a length, a list of
values, a bound inside a nested shape…) keeps its literal values whole in the signature, as
before: a new kind of constraint makes groups finer, never wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ecosystem.namespaces import SH, SKOS, XSD
from ecosystem.ontology import ontology_graph, shapes_graph

__all__ = ["ValueChecks", "concept_schemes", "literal_item", "pair_items", "value_checks"]

_STRING = XSD.string
_BOUNDS = (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive)
_MODELLED = {*_BOUNDS, SH.lessThanOrEquals}
_ON_VALUES = {SH.pattern, SH.flags, SH.minLength, SH.maxLength, SH.lessThan, SH.equals, SH.disjoint, SH["in"]}
_ON_VALUES |= {SH.hasValue, SH.sparql, SH.expression, SH.closed}
"""Constraints that read a literal's value otherwise than the three above: its values are kept whole."""
_NESTED = (SH.qualifiedValueShape, SH["not"])
_NESTED_LISTS = (SH["or"], SH["and"], SH.xone)


@dataclass(frozen=True)
class ValueChecks:
    bounds: Mapping[str, tuple[tuple[str, Literal], ...]]
    """Property → its bounds (constraint, value), in a stable order."""
    pairs: Mapping[str, tuple[str, ...]]
    """Property → the properties its values must be less than or equal to."""
    whole: frozenset[str]
    """Properties whose literal values are kept whole (another constraint reads them)."""
    complex_paths: bool
    """Whether a shape has a path that is not one property (then every literal is kept whole)."""
    typed: dict[tuple[str, str, str], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    """The items of the typed literals seen, by (property, lexical form, datatype): dates and numbers recur."""

    @cached_property
    def paired(self) -> frozenset[str]:
        """The properties :func:`pair_items` reads the values of."""
        return frozenset(self.pairs) | {q for others in self.pairs.values() for q in others}


def _inner(shapes: Graph, node) -> Iterator:
    """The shapes nested in ``node`` that apply to the same value nodes (``sh:node`` applies to their properties)."""
    for predicate in _NESTED:
        for inner in shapes.objects(node, predicate):
            yield inner
            yield from _inner(shapes, inner)
    for predicate in _NESTED_LISTS:
        for head in shapes.objects(node, predicate):
            for inner in Collection(shapes, head):
                yield inner
                yield from _inner(shapes, inner)


@lru_cache
def value_checks() -> ValueChecks:
    """The value constraints of the shapes, by property path."""
    shapes = shapes_graph()
    bounds: dict[str, set[tuple[str, Literal]]] = defaultdict(set)
    pairs: dict[str, set[str]] = defaultdict(set)
    whole: set[str] = set()
    complex_paths = False
    for shape, path in shapes.subject_objects(SH.path):
        if not isinstance(path, URIRef):
            complex_paths = True
            continue
        p = str(path)
        for constraint in _BOUNDS:
            bounds[p].update((str(constraint), bound) for bound in shapes.objects(shape, constraint))  # type: ignore[misc]
        pairs[p].update(str(other) for other in shapes.objects(shape, SH.lessThanOrEquals))
        direct = set(shapes.predicates(shape, None))
        nested = {predicate for inner in _inner(shapes, shape) for predicate in shapes.predicates(inner, None)}
        if direct & _ON_VALUES or nested & (_ON_VALUES | _MODELLED):
            whole.add(p)
    return ValueChecks(
        {p: tuple(sorted(b, key=lambda item: (item[0], str(item[1])))) for p, b in bounds.items() if b},
        {p: tuple(sorted(others)) for p, others in pairs.items() if others},
        frozenset(whole),
        complex_paths,
    )


def _outcome(compute) -> str:
    try:
        return repr(compute())
    except Exception as error:  # pyshacl reports an incomparable value as a violation: its own outcome
        return type(error).__name__


def literal_item(p: str, literal: Literal, checks: ValueChecks) -> tuple[str, ...]:
    """A literal of property ``p`` as the shapes see it (see the module's words)."""
    datatype = literal.datatype
    if checks.complex_paths or p in checks.whole:
        return (p, "value", str(datatype or ""), literal.language or "", str(literal))
    if datatype is None or datatype == _STRING:
        return (p, "text", literal.language or "")
    key = (p, str(literal), str(datatype))
    found = checks.typed.get(key)
    if found is None:
        outcomes = tuple(
            _outcome(lambda bound=bound: compare_literal(literal, bound)) for _, bound in checks.bounds.get(p, ())
        )
        found = (p, "literal", key[2], str(literal.ill_typed), type(literal.value).__name__, *outcomes)
        if len(checks.typed) < 100_000:
            checks.typed[key] = found
    return found


def _comparable(node) -> tuple[bool, object]:
    """As pyshacl's ``sh:lessThanOrEquals`` reads a value: IRIs and string literals as strings."""
    if isinstance(node, URIRef):
        return True, str(node)
    if isinstance(node, Literal) and isinstance(node.value, str):
        return True, node.value
    return False, node


def _less_or_equal(value, other) -> str:
    if isinstance(value, BNode) or isinstance(other, BNode):
        return "blank"
    value_is_string, left = _comparable(value)
    other_is_string, right = _comparable(other)
    if value_is_string != other_is_string:
        return "False"
    return _outcome(lambda: bool(left <= right))  # type: ignore[operator]


def pair_items(values: Mapping[str, Iterable], checks: ValueChecks) -> list[tuple[str, ...]]:
    """The verdicts of ``sh:lessThanOrEquals`` between the values of a resource (``values``: property → its values)."""
    items: list[tuple[str, ...]] = []
    for p, others in checks.pairs.items():
        for value in values.get(p, ()):
            for q in others:
                items.extend((p, "≤", q, _less_or_equal(value, other)) for other in values.get(q, ()))
    return items


@lru_cache
def concept_schemes() -> Mapping[str, tuple[str, ...]]:
    """Each concept of the vocabularies with its schemes: all the shapes see of a concept the data only points to
    (validation adds the ontology's ``skos:inScheme`` triples, and nothing else about it)."""
    found: dict[str, set[str]] = defaultdict(set)
    for concept, scheme in ontology_graph().subject_objects(SKOS.inScheme):
        found[str(concept)].add(str(scheme))
    return {concept: tuple(sorted(schemes)) for concept, schemes in found.items()}
