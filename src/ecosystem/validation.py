"""SHACL validation with a report a person can act on.

Only what a load adds is validated, together with the type and scheme triples of
the resources it references (pyshacl over a whole large store is too
slow, and what was already valid stays valid).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pyshacl
from rdflib import Graph, Literal, URIRef

from ecosystem.namespaces import BASE, ID, PREFIXES, RDF, RDFS, SH, SKOS
from ecosystem.ontology import ontology_graph, shapes_graph
from ecosystem.shape_values import literal_item, pair_items, value_checks

__all__ = [
    "ValidationReport",
    "Violation",
    "iri_item",
    "signature",
    "validate_graph",
    "validate_grouped",
    "validate_groups",
]


def _not_rdflib_cast_warning(record: logging.LogRecord) -> bool:
    # An ill-typed literal ("quatre"^^xsd:decimal) is a violation this module reports with its
    # node, property and value; rdflib's own warning (with a traceback) would only precede it.
    return not record.getMessage().startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_not_rdflib_cast_warning)

_DATA = str(ID)
_OWN = BASE
_TYPE = str(RDF.type)


@dataclass(frozen=True)
class Violation:
    """One failed constraint: which node, which property, which rule, and the message."""

    focus: str
    path: str | None
    value: str | None
    rule: str
    message_fr: str
    message_en: str

    def text(self, lang: str = "fr") -> str:
        message = self.message_en if lang == "en" else self.message_fr
        where = f"{self.focus}" + (f" — {self.path}" if self.path else "")
        value = f" (valeur / value: {self.value})" if self.value else ""
        return f"{where}: {message}{value} [{self.rule}]"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"conforms": self.conforms, "violations": [vars(v) for v in self.violations]}


_SHORT = [(str(PREFIXES[prefix]), f"{prefix}:") for prefix in ("eco", "id", "vocab", "org", "skos", "prov", "sh")]
"""IRIs shortened by prefix in a violation's words."""


def _short(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return str(term)
    text = str(term)
    for prefix, short in _SHORT:
        if text.startswith(prefix):
            return short + text[len(prefix) :]
    return text


def _violations(results: Graph) -> list[Violation]:
    violations = []
    nested = set(results.objects(None, SH.detail))  # reported through their parent result
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if result in nested:
            continue
        messages = {m.language: str(m) for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)}
        fallback = next(iter(messages.values()), "contrainte non respectée / constraint not met")
        component = results.value(result, SH.sourceConstraintComponent)
        violations.append(
            Violation(
                focus=_short(results.value(result, SH.focusNode)) or "?",  # every SHACL result has one
                path=_short(results.value(result, SH.resultPath)),
                value=_short(results.value(result, SH.value)),
                rule=_short(component) or "sh:?",
                message_fr=messages.get("fr", fallback),
                message_en=messages.get("en", fallback),
            )
        )
    return sorted(violations, key=lambda v: (v.focus or "", v.path or "", v.rule))


def validate_graph(data: Graph, context: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``ontology/shapes.ttl``.

    Parameters
    ----------
    data
        The triples to check (what a load or an import adds).
    context
        Triples about what ``data`` references (their ``rdf:type`` and ``skos:inScheme``),
        taken from the store, so that references to existing resources resolve.

    Returns
    -------
    ValidationReport
        ``conforms`` and every violation, sorted by node.
    """
    graph = Graph()
    for triple in data:
        graph.add(triple)
    for triple in context or ():
        graph.add(triple)
    # Vocabulary membership and the class hierarchy, so that sh:class and scheme checks resolve.
    for predicate in (SKOS.inScheme, RDFS.subClassOf):
        for triple in ontology_graph().triples((None, predicate, None)):
            graph.add(triple)
    conforms, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=None,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return ValidationReport(conforms=True)
    # Resources only referenced (typed through ``context``) were validated when they were written.
    described = {_short(subject) for subject in data.subjects()}
    violations = [v for v in _violations(results) if v.focus in described]
    return ValidationReport(conforms=not violations, violations=violations)


def signature(description, types_of, concepts: Mapping[str, tuple] | None = None) -> tuple:
    """What the shapes can see of a description: ids replaced by the types of what they name, literals
    by what decides each constraint on them (:mod:`ecosystem.shape_values`).

    >>> from ecosystem.namespaces import SKOS, ECO
    >>> a = {(SKOS.prefLabel, Literal("Table A", lang="fr")), (ECO.territory, ID["territoire/x"])}
    >>> b = {(SKOS.prefLabel, Literal("Table B", lang="fr")), (ECO.territory, ID["territoire/y"])}
    >>> signature(a, lambda iri: ("eco:Territory",)) == signature(b, lambda iri: ("eco:Territory",))
    True
    """
    checks = value_checks()
    paired = checks.paired
    items: list[tuple[str, ...]] = []
    values: dict[str, list] = defaultdict(list)
    for predicate, obj in description:
        p = str(predicate)
        if p in paired:
            values[p].append(obj)
        if type(obj) is Literal:
            items.append(literal_item(p, obj, checks))
        else:
            items.append(iri_item(p, obj, types_of, concepts))
    items.extend(pair_items(values, checks))
    items.sort()
    return tuple(items)


def iri_item(p: str, obj: str, types_of, concepts: Mapping[str, tuple] | None = None) -> tuple[str, ...]:
    """An IRI value as the shapes see it: an id by the types of what it names, a concept of the vocabularies
    by its schemes when ``concepts`` (concept → schemes) holds it, the project's other terms whole.

    ``concepts`` must hold only concepts the data being validated neither describes nor has context about:
    the shapes then see of a concept nothing but its ``skos:inScheme`` in the ontology."""
    if str.startswith(obj, _DATA):  # str's own: rdflib's override, in Python, copies the IRI at each call
        return (p, "ref", *types_of(obj))
    if p == _TYPE or str.startswith(obj, _OWN):
        schemes = concepts.get(str(obj)) if concepts is not None and p != _TYPE else None
        if schemes is not None and p not in value_checks().whole:
            return (p, "concept", *schemes)
        return (p, "iri", str(obj))
    return (p, "external")


def member_value(violation: Violation, member: URIRef, description: Iterable[tuple]) -> str | None:
    """The value a violation found on a group's representative names for another member of the group: the
    member itself when it was the representative itself, else the member's own value of the property (when
    it has one only: which of several would be the failing one is not known)."""
    if violation.value is None or violation.value == violation.focus:
        return _short(member) if violation.value is not None else None
    own = [o for p, o in description if _short(p) == violation.path]
    return _short(own[0]) if len(own) == 1 else None


def validate_groups(
    descriptions: Mapping[URIRef, set], types_of: Callable[[URIRef], tuple], context: Graph
) -> ValidationReport:
    """Validate one member of each group of alike descriptions (same :func:`signature`); a violation
    is reported for every member of its group, as the spreadsheet import does.

    Parameters
    ----------
    descriptions
        Each resource's (property, value) pairs: everything the data says about it.
    types_of
        The types of a resource of the data (what :func:`signature` puts in place of a reference).
    context
        Type and scheme triples of the resources the descriptions point to.
    """
    groups: dict[tuple, list[URIRef]] = defaultdict(list)
    for subject, description in descriptions.items():
        groups[signature(description, types_of)].append(subject)
    return validate_grouped(list(groups.values()), descriptions.__getitem__, types_of, context)


def validate_grouped(
    groups: list[list[URIRef]],
    describe: Callable[[URIRef], Iterable[tuple]],
    types_of: Callable[[URIRef], tuple],
    context: Graph,
) -> ValidationReport:
    """Validate the first member of each group (``describe``: a resource's (property, value) pairs, rdflib
    terms); a violation of the first is reported for every member of its group, with the member's own value."""
    data = Graph()
    members = {}
    for group in groups:
        members[_short(group[0])] = group
        for p, o in describe(group[0]):
            data.add((group[0], p, o))
    referenced = Graph()
    for triple in context:
        referenced.add(triple)
    representatives = {group[0] for group in groups}
    for obj in {o for o in data.objects() if isinstance(o, URIRef) and o not in representatives}:
        for rdf_type in types_of(obj):
            referenced.add((obj, RDF.type, URIRef(rdf_type)))
    report = validate_graph(data, referenced)
    violations = []
    for violation in report.violations:
        group = members.get(violation.focus, [])
        for member in group:
            value = violation.value if member is group[0] else member_value(violation, member, describe(member))
            violations.append(
                Violation(
                    _short(member) or "?",
                    violation.path,
                    value,
                    violation.rule,
                    violation.message_fr,
                    violation.message_en,
                )
            )
    violations.sort(key=lambda v: (v.focus or "", v.path or "", v.rule))
    return ValidationReport(conforms=not violations, violations=violations)
