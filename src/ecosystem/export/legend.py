"""The printed map's side column: the legend, then the nodes without links in the view.

Nodes without any link in the view are not drawn (a grid of lone dots took about 40 % of
the page): the column lists them by name under « Sans lien dans cette vue (N) », and when
the column is full it says how many more there are. Labels that found no room on the map
stand there too, after their number. Every line is its own block, stacked from the top, so
nothing in the column overlaps.
"""

from __future__ import annotations

from ecosystem.export.svgtext import block_height, text_lines, wrap_width
from ecosystem.i18n import Message
from ecosystem.mapstyle import INSTANCE_COLOUR, UNKNOWN_COLOUR

__all__ = ["DIFF_COLOURS", "DIFF_WORDS", "side_column"]

DIFF_COLOURS = {"ajoute": "#1a9850", "retire": "#d73027", "modifie": "#f39c12", None: "#c8c8c8"}
DIFF_WORDS = {
    "ajoute": Message("Ajouté", "Added"),
    "retire": Message("Retiré", "Removed"),
    "modifie": Message("Modifié", "Changed"),
    None: Message("Inchangé", "Unchanged"),
}
_HEADING, _ENTRY, _LIST = 10.0, 7.5, 6.8


def _diamond(x: float, y: float, r: float) -> str:
    return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def _entries(lang: str, sectors: list[tuple[str, str]], diff: bool) -> list[tuple[str, str, str]]:
    def t(fr: str, en: str) -> str:
        return _t(lang, fr, en)

    if diff:
        entries = [
            ("circle", DIFF_COLOURS[key], DIFF_WORDS[key].text(lang)) for key in ("ajoute", "retire", "modifie", None)
        ]
        return [*entries, ("diamond", "#888888", t("Losange : instance", "Diamond: instance"))]
    entries = [("diamond", INSTANCE_COLOUR, t("Instance de concertation", "Concertation instance"))]
    entries += [("circle", colour, t("Acteur — ", "Actor — ") + sector) for colour, sector in sectors]
    return [*entries, ("circle", UNKNOWN_COLOUR, t("Acteur — secteur non précisé", "Actor — sector not stated"))]


class _Column:
    """Blocks stacked down a column until ``bottom``."""

    def __init__(self, x: float, top: float, width: float, bottom: float):
        self.x, self.y, self.width, self.bottom = x, top, width, bottom
        self.parts: list[str] = []

    def fits(self, lines: int, size: float) -> bool:
        return self.y + block_height(lines, size) <= self.bottom

    def text(self, text: str, size: float, indent: float = 0.0, bold: bool = False, space: float = 2.0) -> bool:
        lines = wrap_width(text, size, self.width - indent, bold)
        if not self.fits(len(lines), size):
            return False
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(text_lines(self.x + indent, self.y, lines, size, extra=weight))
        self.y += block_height(len(lines), size) + space
        return True


def side_column(
    lang: str,
    sectors: list[tuple[str, str]],
    diff: bool,
    lone: list[str],
    unplaced: list[str],
    box: tuple[float, float, float, float],
) -> list[str]:
    """The column's SVG inside ``box`` (left, top, right, bottom): legend, lone nodes, numbered labels."""

    def t(fr: str, en: str) -> str:
        return _t(lang, fr, en)

    column = _Column(box[0], box[1], box[2] - box[0], box[3])
    column.text(t("Légende", "Legend"), _HEADING, bold=True, space=4)
    for shape, colour, words in _entries(lang, sectors, diff):
        mark_y = column.y + 0.55 * _ENTRY
        if not column.text(words, _ENTRY, indent=13):
            break
        if shape == "diamond":
            column.parts.append(f'<polygon points="{_diamond(box[0] + 4, mark_y, 5)}" fill="{colour}"/>')
        else:
            column.parts.append(f'<circle cx="{box[0] + 4:.1f}" cy="{mark_y:.1f}" r="4" fill="{colour}"/>')
    column.y += 4
    for line in (
        t(
            "Taille : nombre de sièges (acteur) ou de membres (instance)",
            "Size: number of seats (actor) or of members (instance)",
        ),
        t("Trait : participation (siège)", "Line: membership (seat)"),
    ):
        column.text(line, _ENTRY)
    for heading, names in (
        (t("Sans lien dans cette vue", "Without links in this view"), lone),
        (t("Noms des nœuds numérotés", "Names of the numbered nodes"), unplaced),
    ):
        if names:
            _names(column, f"{heading} ({len(names)})", names, lang)
    return ['<g class="legend">', *column.parts, "</g>"]


def _names(column: _Column, heading: str, names: list[str], lang: str) -> None:
    column.y += 6
    if not column.text(heading, _ENTRY + 0.5, bold=True):
        return
    for shown, name in enumerate(names):
        rest = len(names) - shown
        # Keep room for the « and N more » line unless this is the last name.
        if rest > 1 and not column.fits(2, _LIST):
            column.text(Message("… et {n} autres", "… and {n} more").format(n=rest).text(lang), _LIST)
            return
        if not column.text(name, _LIST, indent=4, space=1):
            column.text(Message("… et {n} autres", "… and {n} more").format(n=rest).text(lang), _LIST)
            return
