"""Edit forms generated from the SHACL shapes and the SKOS vocabularies.

For a class (``eco:Actor``, ``eco:Instance``, ``org:Membership``) the shape that targets it
says which properties a record has, which are required (``sh:minCount``,
``sh:qualifiedMinCount``), single or several (``sh:maxCount 1``), their type
(``sh:datatype``), their allowed values (``sh:in``; ``sh:node`` pointing to a vocabulary's
shape; ``sh:class`` of territories) and which are references searched as one types
(``sh:class`` of instances or organisations). Labels are the ontology's ``rdfs:label`` (or
the vocabulary's ``skos:prefLabel``) in the reader's language. The same shapes then
validate the result before it is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

from ecosystem.i18n import Message
from ecosystem.namespaces import DCTERMS, ECO, FOAF, ORG, PROV, RDFS, SH, SKOS, XSD
from ecosystem.ontology import ontology_graph, shapes_graph

__all__ = ["ASKED_SOURCE", "EXTRA", "FormField", "form_fields"]

_SKIPPED = {PROV.wasDerivedFrom, ORG.member, ECO.confirmedOn, ECO.attestedIn}
"""Filled by the tool: the source (« déclaré par … le … »), for a seat the organisation whose page it is,
the date an organisation confirmed the record (a confirmation campaign, :mod:`ecosystem.campaign`), and
the year its public source attests it (the source's date, set with the source when imported)."""
ASKED_SOURCE = {ECO.Observation: True, ECO.Event: False}
"""Records of what happens name their document (minutes, survey report) beside the declaration: required for an
observation, whose value is only as good as its source; optional for an event."""
_SEARCHED_TOGETHER: dict[frozenset, str] = {frozenset({ECO.Actor, ECO.Instance}): "agents"}
"""A reference to one of several classes (``sh:or`` of ``sh:class``), searched as one types: actors and instances
together; any other combination is a part of the plan (``plan``)."""
_NAMES = {
    SKOS.prefLabel: Message("Nom", "Name"),
    RDFS.comment: Message("Description", "Description"),
    FOAF.homepage: Message("Site web", "Website"),
    ORG.organization: Message("Instance", "Instance"),
    ORG.role: Message("Rôle", "Role"),
    ORG.purpose: Message("Enjeux", "Issues"),
    PROV.wasDerivedFrom: Message(
        "Source : adresse du document (compte rendu, rapport de sondage…)",
        "Source: the document's address (minutes, survey report…)",
    ),
    PROV.startedAtTime: Message("Jour où il s'est tenu", "Day it was held"),
    PROV.wasAssociatedWith: Message(
        "Organisations et instances qui y ont pris part", "Organisations and instances that took part"
    ),
    DCTERMS.relation: Message("Parties du plan qu'il sert", "The plan's parts it serves"),
    DCTERMS.subject: Message("Enjeux", "Issues"),
    DCTERMS.date: Message("Date", "Date"),
    ECO.observes: Message("Indicateur", "Indicator"),
}
EXTRA = {
    ECO.Actor: [(RDFS.comment, "textarea"), (FOAF.homepage, "url")],
    ECO.Instance: [(RDFS.comment, "textarea")],
    ECO.Event: [(RDFS.comment, "textarea")],
    ECO.Observation: [(RDFS.comment, "textarea")],
}
"""Properties the spreadsheet template fills that no shape constrains, editable all the same."""


@dataclass
class FormField:
    path: URIRef
    key: str
    label: Message
    kind: str
    """``text``, ``textarea``, ``url``, ``number``, ``date``, ``choice`` or ``search``."""
    required: bool = False
    multiple: bool = True
    language: str | None = None
    choices: list[tuple[str, Message]] = field(default_factory=list)
    search: str | None = None
    """For ``search``: ``instances``, ``actors``, ``agents`` (both) or ``plan``, the resources offered as one types."""


def _label(path: URIRef) -> Message:
    if path in _NAMES:
        return _NAMES[path]
    labels = {o.language: str(o) for o in ontology_graph().objects(path, RDFS.label) if isinstance(o, Literal)}
    fr = labels.get("fr") or path.split("#")[-1].split("/")[-1]
    return Message(fr[:1].upper() + fr[1:], (labels.get("en") or fr)[:1].upper() + (labels.get("en") or fr)[1:])


def _concepts(scheme: URIRef) -> list[tuple[str, Message]]:
    graph = ontology_graph()
    found = []
    for concept in graph.subjects(SKOS.inScheme, scheme):
        labels = {o.language: str(o) for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)}
        found.append(
            (str(concept), Message(labels.get("fr", str(concept)), labels.get("en") or labels.get("fr", str(concept))))
        )
    return sorted(found, key=lambda c: c[1].fr.lower())


def _number(shapes: Graph, node, predicate) -> int | None:
    value = shapes.value(node, predicate)
    return int(value) if value is not None else None


def _field(
    shapes: Graph, prop, territories: list[tuple[str, Message]], references: dict, target: URIRef
) -> FormField | None:
    path = shapes.value(prop, SH.path)
    if path is None or (path in _SKIPPED and not (path == PROV.wasDerivedFrom and target in ASKED_SOURCE)):
        return None
    required = (_number(shapes, prop, SH.minCount) or 0) >= 1 or (_number(shapes, prop, SH.qualifiedMinCount) or 0) >= 1
    spec = FormField(path, _key(path), _label(path), "text", required, _number(shapes, prop, SH.maxCount) != 1)
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None and shapes.value(qualified, SH.languageIn) is not None:
        spec.language = str(Collection(shapes, shapes.value(qualified, SH.languageIn))[0])
        spec.multiple = False
    if path == PROV.wasDerivedFrom:
        spec.required = ASKED_SOURCE[target]
    datatype, cls, node, allowed = (shapes.value(prop, p) for p in (SH.datatype, SH["class"], SH.node, SH["in"]))
    alternatives = shapes.value(prop, SH["or"])
    if alternatives is not None:
        classes = frozenset(shapes.value(a, SH["class"]) for a in Collection(shapes, alternatives))
        spec.kind, spec.search = "search", _SEARCHED_TOGETHER.get(classes, "plan")
    elif cls in references:
        spec.kind, spec.choices = "choice", references[cls]
    elif datatype in (XSD.decimal, XSD.integer):
        spec.kind = "number"
    elif datatype == XSD.date:
        spec.kind = "date"
    elif allowed is not None:
        spec.kind, spec.choices = "choice", [(str(v), _label_of_value(v)) for v in Collection(shapes, allowed)]
    elif node is not None:
        scheme = next((shapes.value(p, SH.hasValue) for p in shapes.objects(node, SH.property)), None)
        spec.kind, spec.choices = "choice", _concepts(scheme) if isinstance(scheme, URIRef) else []
    elif cls == ECO.Territory:
        spec.kind, spec.choices = "choice", territories
    elif cls in (ECO.Instance, ECO.Actor, ORG.Organization):
        spec.kind, spec.search = "search", "instances" if cls == ECO.Instance else "actors"
    elif shapes.value(prop, SH.nodeKind) == SH.IRI:
        spec.kind = "url"
    return spec


def _label_of_value(value) -> Message:
    labels = {o.language: str(o) for o in ontology_graph().objects(value, SKOS.prefLabel) if isinstance(o, Literal)}
    fr = labels.get("fr", str(value).rsplit("/", 1)[-1])
    return Message(fr, labels.get("en", fr))


def _key(path: URIRef) -> str:
    """The form field's name: the property's local name (``prefLabel``, ``hoursPerYear``)."""
    return str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _order(shapes: Graph, prop) -> tuple:
    """The name first, then the properties by ``sh:order`` where the shape gives one, then by property."""
    path, order = shapes.value(prop, SH.path), shapes.value(prop, SH.order)
    return str(path) != str(SKOS.prefLabel), float(order) if order is not None else float("inf"), str(path)


def form_fields(
    cls: URIRef, territories: list[tuple[str, Message]], references: dict | None = None, only: frozenset | None = None
) -> list[FormField]:
    """The fields of an edit form for ``cls``, from every shape that targets it, in their order.

    ``references``: class → the choices offered for a property whose values are of that class
    (``sh:class``), e.g. the plan's indicators; ``only``: the properties the form manages (all by default).
    """
    shapes = shapes_graph()
    props = [p for shape in shapes.subjects(SH.targetClass, cls) for p in shapes.objects(shape, SH.property)]
    fields: list[FormField] = []
    seen: set = set()
    for prop in sorted(props, key=lambda p: _order(shapes, p)):
        if only is not None and shapes.value(prop, SH.path) not in only:
            continue
        spec = _field(shapes, prop, territories, references or {}, cls)
        if spec is not None and spec.path not in seen:
            seen.add(spec.path)
            fields.append(spec)
    for path, kind in EXTRA.get(cls, []) if only is None else []:
        fields.append(
            FormField(
                path, _key(path), _label(path), kind, multiple=False, language="fr" if kind == "textarea" else None
            )
        )
    return fields
