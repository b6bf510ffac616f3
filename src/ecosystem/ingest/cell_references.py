"""What a row's cells name in the other sheets or the store: a concept, a territory, an actor or an instance;
and the parent instances' cycles. Each takes the converter (its ids, what the store holds, its problem list),
finds the resource, or records a problem naming the row, the column and the closest value."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ecosystem.i18n import Message
from ecosystem.ingest.columns import Column
from ecosystem.ingest.lookups import closest, slug, vocabulary
from ecosystem.ingest.mapping import TYPES, resource
from ecosystem.ingest.values import cell_text
from ecosystem.namespaces import RDF, SKOS

__all__ = ["NO_SLUG", "NO_SLUG_FIX", "check_cycles", "find_concept", "find_reference", "find_territory"]

NO_SLUG = Message(
    "Identifiant sans lettre ni chiffre latin utilisable : il ne peut nommer une ressource.",
    "Id without a usable Latin letter or digit: it cannot name a resource.",
)
NO_SLUG_FIX = Message(
    "Écrivez l'identifiant avec des lettres (accents permis) ou des chiffres, par exemple « cdc-des-chenaux ».",
    "Write the id with letters (accents allowed) or digits, for example “cdc-des-chenaux”.",
)


def find_concept(converter, row, column: Column, text: str, vocabularies=vocabulary) -> URIRef | None:
    """The concept of ``column``'s vocabulary ``text`` names, else a problem with the closest value
    (``vocabularies``: scheme → its :class:`ecosystem.ingest.lookups.Vocabulary`, as the converter reads them)."""
    vocab = vocabularies(column.scheme)
    if (iri := vocab.find(text)) is not None:
        return iri
    near = vocab.suggest(text)
    converter.problem(
        row,
        row.table,
        column.name,
        text,
        Message("Valeur absente de la liste « {s} ».", "Value not in the “{s}” list.").format(s=column.scheme),
        Message("{m}Valeurs permises : {v}.", "{m_en}Allowed values: {v}.").format(
            m=f"Valeur la plus proche : « {near} ». " if near else "",
            m_en=f"Closest value: “{near}”. " if near else "",
            v=", ".join(vocab.notations),
        ),
    )
    return None


def find_territory(converter, row, column: Column, text: str) -> URIRef | None:
    """The territory ``text`` names by id or by name (this file's or the store's), else a problem."""
    key = slug(text)
    if not key:
        converter.problem(row, row.table, column.name, text, NO_SLUG, NO_SLUG_FIX)
        return None
    if key in converter.ids["territoires"] or key in converter.known.territories:
        return resource("territoires", key)
    labels = {slug(cell_text(r.get("nom"))): k for k, r in converter.ids["territoires"].items()}
    labels.update({slug(label): k for k, label in converter.known.territories.items() if label})
    labels.pop("", None)  # a name without letters or digits names nothing
    if key in labels:
        return resource("territoires", labels[key])
    candidates = {
        **labels,
        **{k: k for k in converter.ids["territoires"]},
        **{k: k for k in converter.known.territories},
    }
    near = closest(text, candidates)
    converter.problem(
        row,
        row.table,
        column.name,
        text,
        Message("Territoire inconnu.", "Unknown territory."),
        Message(
            "{m}Donnez l'identifiant ou le nom d'un territoire de la feuille territoires ou du graphe.",
            "{m_en}Give the id or name of a territory of the territoires sheet or of the graph.",
        ).format(
            m=f"Vouliez-vous dire « {candidates[near]} » ? " if near else "",
            m_en=f"Did you mean “{candidates[near]}”? " if near else "",
        ),
    )
    return None


def find_reference(converter, row, column: Column, kind: str, text: str | None = None) -> URIRef | None:
    """The actor or instance (``kind``) a cell names; created from a membership row when allowed, else a problem."""
    text = cell_text(row.get(column.name)) if text is None else text
    key = slug(text)
    if text and not key:
        converter.problem(row, row.table, column.name, text, NO_SLUG, NO_SLUG_FIX)
        return None
    known = converter.known.actors if kind == "acteurs" else converter.known.instances
    if key and (key in converter.ids[kind] or key in known):
        return resource(kind, key)
    if key and converter.create and row.kind == "participations":
        subject = resource(kind, key)
        if subject not in converter.out.kinds:
            converter.out.kinds[subject] = kind
            converter.out.created[kind].append(key)
            converter.out.origins[subject] = (row.table.file, row.table.sheet, row.number)
            converter.out.statements[subject].update((RDF.type, t) for t in TYPES[kind])
            converter.out.statements[subject].add((SKOS.prefLabel, Literal(text, lang="fr")))
            converter.default_source(subject, row.table.file)
        return subject
    near = closest(text, [*converter.ids[kind], *known])
    noun = {"acteurs": ("Acteur inconnu", "Unknown actor"), "instances": ("Instance inconnue", "Unknown instance")}[
        kind
    ]
    converter.problem(
        row,
        row.table,
        column.name,
        text,
        Message(
            noun[0] + " : ni dans ce fichier ni dans le graphe.",
            noun[1] + ": neither in this file nor in the graph.",
        ),
        Message(
            "{m}Corrigez l'identifiant ou ajoutez une ligne à la feuille {k}.",
            "{m_en}Correct the id or add a row to the {k} sheet.",
        ).format(
            m=f"Vouliez-vous dire « {near} » ? " if near else "",
            m_en=f"Did you mean “{near}”? " if near else "",
            k=kind,
        ),
    )
    return None


def check_cycles(converter) -> None:
    """A problem for each cycle of parent instances (this file's and the store's)."""
    parents = dict(converter.known.parents)
    for key, row in converter.ids["instances"].items():
        if cell_text(row.get("instance_parente")):
            parents[key] = slug(cell_text(row.get("instance_parente")))
    reported: set[str] = set()
    for start in converter.ids["instances"]:
        path, node = [start], parents.get(start)
        while node is not None and node not in path:
            path.append(node)
            node = parents.get(node)
        if node == start and start not in reported:
            reported.update(path)
            row = converter.ids["instances"][start]
            converter.problem(
                row,
                row.table,
                "instance_parente",
                row.get("instance_parente"),
                Message("Cycle d'instances parentes : {c}.", "Cycle of parent instances: {c}.").format(
                    c=" → ".join([*path, start])
                ),
                Message(
                    "Une instance ne peut relever d'elle-même : videz ou corrigez une des instances parentes.",
                    "An instance cannot belong to itself: empty or correct one of the parent instances.",
                ),
            )
