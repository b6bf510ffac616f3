"""SHACL on what an import adds or changes, at the cost of its distinct patterns.

pyshacl takes about 40 s per 100,000 triples with the project's shapes, so a
100,000-membership import would spend minutes validating rows that differ only
by their ids. The shapes (``ontology/shapes.ttl``) look at a resource's own
values and at the types of the resources it points to, never at its IRI or at
who points to it. Resources whose descriptions agree on those — the same
properties, the same number of values, the same literals (text by its language
only), the same concepts, references to resources of the same types — get the
same verdict. Each such group is validated once, on a real member; a violation
is reported for every row of the group.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef

from ecosystem.i18n import Message
from ecosystem.ingest.conversion import Conversion
from ecosystem.ingest.delta import Delta
from ecosystem.ingest.mapping import TYPES
from ecosystem.ingest.problems import Problem
from ecosystem.loading import reference_context
from ecosystem.namespaces import ID, RDF, SKOS
from ecosystem.queries import triples_about
from ecosystem.shape_values import concept_schemes
from ecosystem.store.base import Store
from ecosystem.validation import member_value, signature, validate_graph

__all__ = ["shacl_problems", "signature"]

_DATA = str(ID)


def _store_types(store: Store, iris: list[URIRef]) -> dict[URIRef, set]:
    found: dict[URIRef, set] = defaultdict(set)
    for s, _, t in triples_about(store, iris, (RDF.type,)):
        found[s].add(t)
    return found


def _unseen_concepts(store: Store, delta: Delta) -> dict[str, tuple]:
    """The vocabularies' concepts that the import does not describe and the store says nothing of (type or
    scheme): all the shapes see of one is its schemes, so it is grouped by them (:func:`signature`)."""
    concepts = {c: s for c, s in concept_schemes().items() if URIRef(c) not in delta.descriptions}
    for concept, _, _ in triples_about(store, [URIRef(c) for c in concepts], (RDF.type, SKOS.inScheme)):
        concepts.pop(str(concept), None)
    return concepts


def shacl_problems(store: Store, conversion: Conversion, delta: Delta) -> list[Problem]:
    """Validate one member of each group of alike added or changed resources; problems for every row."""
    types: dict[URIRef, tuple] = {s: tuple(sorted(map(str, TYPES[kind]))) for s, kind in conversion.kinds.items()}
    for subject, description in delta.descriptions.items():
        if subject not in conversion.kinds:
            types[subject] = tuple(sorted(str(o) for p, o in description if p == RDF.type))
    starts = str.startswith  # not rdflib's override, which copies the IRI at each call
    referenced = {o for d in delta.descriptions.values() for _, o in d if type(o) is URIRef and starts(o, _DATA)}
    for iri, found in _store_types(store, list(referenced.difference(types))).items():  # sorted there
        types[iri] = tuple(sorted(map(str, found)))

    def types_of(iri):
        return types.get(iri, ())

    concepts = _unseen_concepts(store, delta)
    groups: dict[tuple, list[URIRef]] = defaultdict(list)
    for subject in delta.descriptions:
        groups[signature(delta.descriptions[subject], types_of, concepts)].append(subject)
    data = Graph()
    members = {}
    for group in groups.values():
        representative = group[0]
        members[representative] = group
        for p, o in delta.descriptions[representative]:
            data.add((representative, p, o))
    context = reference_context(store, data)
    for obj in {o for o in data.objects() if isinstance(o, URIRef) and o not in members}:
        for rdf_type in types.get(obj, ()):
            context.add((obj, RDF.type, URIRef(rdf_type)))
    report = validate_graph(data, context)
    short = {str(s).replace(_DATA, "id:"): s for s in members}
    problems = []
    for violation in report.violations:
        group = members.get(short[violation.focus], []) if violation.focus in short else []
        for subject in group:
            file, sheet, row = conversion.origins.get(subject, ("", None, None))
            own = delta.descriptions[subject]
            problems.append(
                Problem(
                    file,
                    sheet,
                    row,
                    violation.path,
                    None,
                    violation.value if subject is group[0] else member_value(violation, subject, own),
                    Message(violation.message_fr, violation.message_en),
                    Message("Ressource : {f}.", "Resource: {f}.").format(f=str(subject).replace(_DATA, "id:")),
                )
            )
    return problems
