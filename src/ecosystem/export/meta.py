"""What a printed map says around the drawing: title, date, revision, filters and sources, in words.

Nothing here is a code: the filters are the view's own words (« Enjeu : Sécurité
alimentaire »), the current graph is « carte courante », the source line names the most
cited source by its title.
"""

from __future__ import annotations

import datetime

from ecosystem import formatting
from ecosystem.export.options import ExportOptions
from ecosystem.export.view import MapView
from ecosystem.export.visual import VisualMeta
from ecosystem.i18n import Message
from ecosystem.queries import sources_cited_query
from ecosystem.revisions import CURRENT_NAME, revision_graph_name
from ecosystem.store.base import Store

__all__ = ["revision_words", "visual_meta"]


def revision_words(revision: str, lang: str) -> str:
    """The revision as a reader says it: its name, or « carte courante » for the current graph."""
    if revision == CURRENT_NAME:
        return Message("carte courante", "current map").text(lang)
    return revision


def _source_line(store: Store, options: ExportOptions) -> str:
    """How many sources the facts cite, and the most cited one by its title."""
    graph = revision_graph_name(store, options.revision)
    rows = store.select(sources_cited_query(graph))
    named = [row for row in rows if row["name"]]
    if not rows:
        return Message("Écosystème — aucune source citée", "Écosystème — no source cited").text(options.lang)
    line = (
        Message(
            "Écosystème — {n} source(s) citée(s), chaque fait relié à la sienne",
            "Écosystème — {n} source(s) cited, each fact linked to its own",
        )
        .format(n=len(rows))
        .text(options.lang)
    )
    if named:
        line += (
            Message(" ; la plus citée : {top}", "; most cited: {top}")
            .format(top=str(named[0]["name"]))
            .text(options.lang)
        )
    return line


def visual_meta(
    store: Store, options: ExportOptions, view: MapView | None = None, status: dict | None = None
) -> VisualMeta:
    """The words around the drawing of ``view`` for ``options``."""
    default_title = Message(
        "Cartographie de l'écosystème du développement social", "Map of the social-development ecosystem"
    ).text(options.lang)
    return VisualMeta(
        title=options.title or default_title,
        date=formatting.date(options.today or datetime.date.today(), options.lang),
        revision=revision_words(options.revision, options.lang),
        source=_source_line(store, options),
        filters=" · ".join(view.described_filters) if view is not None else "",
        lang=options.lang,
        status=status,
    )
