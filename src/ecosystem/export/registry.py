"""The export formats, each declared once: from this registry derive the CLI's ``--format``
choices, the ``/export/{format}`` route and its OpenAPI enum, the ``/exports`` page, the
map's and the revisions' export links and the table of ``docs/exports.md``.

A format is a name, its usual other names (aliases: ``ttl``, ``json-ld`` …), the file
extension, the media type, a label and a description in French and English, a writer
``(store, options) → bytes`` and a kind:

- ``visual``: a drawing of the map's view (the map's filters apply): SVG, PDF, PNG, HTML,
  and GEXF / GraphML, which carry the map's positions and colours;
- ``rdf``: the graph (current or one revision) in an RDF syntax;
- ``data``: the import template's tables (CSV, XLSX), for correction and re-import.

The built-in formats are registered by :mod:`ecosystem.export.formats`; adding one is the
recipe of ``CONTRIBUTING.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ecosystem.i18n import Message

__all__ = ["KINDS", "ExportFormat", "FormatRegistry"]

Kind = Literal["visual", "rdf", "data"]
KINDS: dict[str, Message] = {
    "visual": Message("Cartes (la vue et ses filtres)", "Maps (the view and its filters)"),
    "rdf": Message("Graphe RDF", "RDF graph"),
    "data": Message("Tableaux du gabarit d'import", "Import template tables"),
}
"""Kind → its heading, in the order the exports page shows them."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format. ``writer(store, options)`` returns the file's bytes."""

    name: str
    extension: str
    media_type: str
    label: Message
    description: Message
    kind: Kind
    writer: Callable
    aliases: tuple[str, ...] = ()
    inline: bool = False
    """Shown in the browser (``Content-Disposition: inline``) rather than downloaded."""
    revisions: bool = True
    """Can export a past revision, not only the current graph."""
    short: str = ""
    """The name a link shows where the label is too long (default: the name in capitals)."""

    @property
    def short_name(self) -> str:
        return self.short or self.name.upper()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the format answers to: its own, its aliases and its extension."""
        return tuple(dict.fromkeys((self.name, *self.aliases, self.extension)))


class FormatRegistry:
    """The registered formats, in registration order, looked up by any of their names.

    >>> registry = FormatRegistry()
    >>> registry.register(ExportFormat("turtle", "ttl", "text/turtle", Message("Turtle", "Turtle"),
    ...                                Message("", ""), "rdf", writer=lambda store, options: b"", aliases=("ttl",)))
    >>> registry.resolve("TTL").name, registry.from_path(Path("graphe.ttl")).name
    ('turtle', 'turtle')
    >>> registry.resolve("docx") is None
    True
    """

    def __init__(self) -> None:
        self._formats: dict[str, ExportFormat] = {}

    def register(self, format: ExportFormat) -> None:
        taken = {name for known in self._formats.values() for name in known.names}
        clash = [name for name in format.names if name in taken]
        if format.name in self._formats or clash:
            raise ValueError(f"export format {format.name!r}: name(s) already registered: {clash or [format.name]}")
        if format.kind not in KINDS:
            raise ValueError(f"export format {format.name!r}: kind must be one of {', '.join(KINDS)}")
        self._formats[format.name] = format

    def unregister(self, name: str) -> None:
        del self._formats[name]

    @contextmanager
    def added(self, format: ExportFormat) -> Iterator[ExportFormat]:
        """``format`` registered for the duration of a ``with`` block (tests, plug-ins)."""
        self.register(format)
        try:
            yield format
        finally:
            self.unregister(format.name)

    def __iter__(self) -> Iterator[ExportFormat]:
        return iter(list(self._formats.values()))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.resolve(name) is not None

    def __getitem__(self, name: str) -> ExportFormat:
        found = self.resolve(name)
        if found is None:
            raise KeyError(name)
        return found

    def names(self) -> list[str]:
        """The formats' own names, in order."""
        return list(self._formats)

    def accepted(self) -> list[str]:
        """Every name accepted (own names first, then aliases and extensions): the OpenAPI enum."""
        own = self.names()
        return own + [name for f in self for name in f.names if name not in own]

    def of_kind(self, *kinds: str) -> list[ExportFormat]:
        return [f for f in self if f.kind in kinds]

    def resolve(self, name: str) -> ExportFormat | None:
        """The format answering to ``name`` (case and a leading dot ignored), else None."""
        wanted = name.strip().lower().lstrip(".")
        return next((f for f in self if wanted in f.names), None)

    def from_path(self, path: Path) -> ExportFormat | None:
        """The format a file name's extension names (``carte.pdf`` → pdf), else None."""
        return self.resolve(path.suffix) if path.suffix else None

    def unknown(self, name: str) -> Message:
        """The message for a name no format answers to, listing the choices."""
        return Message(
            "Format inconnu : « {f} ». Formats : {known}.", 'Unknown format: "{f}". Formats: {known}.'
        ).format(f=name, known=", ".join(self.names()))

    def docs_table(self, lang: str = "fr") -> str:
        """The Markdown table of ``docs/exports.md``: one line per format."""
        head = (
            "| format | autres noms | extension | contenu |"
            if lang != "en"
            else "| format | other names | extension | content |"
        )
        lines = [head, "|---|---|---|---|"]
        for f in self:
            others = " ".join(f"`{a}`" for a in f.names[1:]) or "—"
            lines.append(f"| `{f.name}` | {others} | `.{f.extension}` | {f.description.text(lang)} |")
        return "\n".join(lines)


def update_docs(text: str, registry: FormatRegistry) -> str:
    """``text`` (``docs/exports.md``) with each ``<!-- formats:LANG -->`` block replaced by the registry's table."""
    for lang in ("fr", "en"):
        start, end = f"<!-- formats:{lang} -->", f"<!-- /formats:{lang} -->"
        before, _, rest = text.partition(start)
        _, _, after = rest.partition(end)
        text = f"{before}{start}\n{registry.docs_table(lang)}\n{end}{after}"
    return text


if __name__ == "__main__":  # python -m ecosystem.export.registry docs/exports.md
    import sys

    from ecosystem.export.formats import FORMATS

    target = Path(sys.argv[1])
    target.write_text(update_docs(target.read_text(encoding="utf-8"), FORMATS), encoding="utf-8")
