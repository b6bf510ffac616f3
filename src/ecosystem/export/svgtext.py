"""Text on the printed map: DejaVu Sans metrics, wrapping at spaces, and ``<text>`` elements.

Text is measured with the DejaVu Sans metrics (Debian ``fonts-dejavu-core``), the font the
SVG asks for first, so the boxes the label placement reserves hold the ink CairoSVG draws.
A block of ``n`` lines at size ``s`` is ``(n − 1) × 1.15 s + 1.2 s`` tall, its first
baseline ``0.95 s`` below its top: room for accented capitals above and descenders below.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

__all__ = ["ASCENT", "FONT", "LINE", "block_height", "text_lines", "text_width", "wrap_label", "wrap_width", "xml_text"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold, even escaped."""


def xml_text(text: str) -> str:
    """``text`` escaped for SVG, without the characters XML cannot hold (a control character in a title or a filter).

    >>> xml_text("a < b\x0b & c")
    'a &lt; b &amp; c'
    """
    return escape(_NOT_XML.sub("", text))


FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
LINE = 1.15
"""Line height, in font sizes."""
ASCENT = 0.95
"""First baseline below the top of a block, in font sizes."""


@lru_cache(maxsize=16)
def _font(size: float, bold: bool = False):
    try:
        from PIL import ImageFont

        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size=max(1, round(size * 10)))
    except OSError:  # font not installed: a safe over-estimate is used instead
        return None


_BREAKS = re.compile("[\n\r\x1c-\x1e\x85\u2028\u2029]")
"""Line and paragraph separators: SVG text shows them as spaces, and the text shaper refuses to measure them."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in DejaVu Sans at ``size`` points (on one line, as SVG sets it).

    >>> 20 < text_width("Consortium", 7) < 60
    True
    >>> text_width("Con\u2029sortium", 7) == text_width("Con sortium", 7)
    True
    """
    font = _font(size, bold)
    if font is None:
        return len(text) * size * (0.75 if bold else 0.65)
    return font.getlength(_BREAKS.sub(" ", text)) / 10


def block_height(lines: int, size: float) -> float:
    return (lines - 1) * LINE * size + 1.2 * size if lines else 0.0


def wrap_label(label: str, limit: int = 26) -> list[str]:
    """Split a label into lines at spaces, about ``limit`` characters each; words are never cut.

    >>> wrap_label("Consortium en développement social de la Mauricie")
    ['Consortium en', 'développement social de la', 'Mauricie']
    >>> " ".join(wrap_label("Un libellé très long sans coupure")) == "Un libellé très long sans coupure"
    True
    """
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def wrap_width(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Split ``text`` at spaces into lines no wider than ``width`` points (a longer word stays whole).

    >>> wrap_width("un deux trois quatre", 10, 60)
    ['un deux', 'trois quatre']
    """
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(lines[-1] + " " + word, size, bold) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def text_lines(
    x: float, top: float, lines: list[str], size: float, anchor: str = "start", cls: str = "", extra: str = ""
) -> str:
    """One ``<text>`` whose block starts at ``top``: a ``<tspan>`` per line."""
    spans = "".join(
        f'<tspan x="{x:.2f}" dy="{0 if i == 0 else size * LINE:.2f}">{xml_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text{klass} x="{x:.2f}" y="{top + ASCENT * size:.2f}" font-size="{size:.2f}" '
        f'text-anchor="{anchor}"{extra}>{spans}</text>'
    )
