"""An indicator's value over time against its target, as a small SVG (no script, prints as drawn).

The chart shows the target (dashed line), the straight line the status rule reads
(« en bonne voie » above it, see :mod:`ecosystem.analysis.progress`) and each value
of the history (steps and dots, each labelled). Its ``<title>`` and ``<desc>`` say the same
in words, and the pages print the history as a table beside it: nothing rests on the
picture alone.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from ecosystem.analysis.indicators import IndicatorStatus
from ecosystem.formatting import date as format_day
from ecosystem.formatting import number as format_number
from ecosystem.report.words import STATUS

__all__ = ["indicator_chart"]

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 360, 150, 44, 12, 14, 30


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def _span(status: IndicatorStatus, day: date) -> tuple[date, date]:
    points = [date.fromisoformat(p["date"]) for p in status.history]
    start = date.fromisoformat(status.window_start) if status.window_start else min(points, default=day)
    end = date.fromisoformat(status.deadline) if status.deadline else max([*points, day])
    return start, max(end, start.replace(year=start.year + 1) if start == end else end)


def _description(status: IndicatorStatus, lang: str) -> str:
    unit = status.target_unit or ""
    values = "; ".join(
        f"{format_day(p['date'], lang)} : {format_number(p['value'], lang)} {unit}".strip() for p in status.history
    )
    target = format_number(status.target_value, lang) if status.target_value is not None else "–"
    return _t(
        lang,
        f"Cible : {target} {unit}. Valeurs : {values or 'aucune'}. État : {STATUS[status.status].fr}.",
        f"Target: {target} {unit}. Values: {values or 'none'}. Status: {STATUS[status.status].en}.",
    )


def indicator_chart(status: IndicatorStatus, day: date, lang: str = "fr") -> str:
    """The SVG of ``status``'s history up to ``day``, in ``lang``."""
    start, end = _span(status, day)
    top_value = max([status.target_value or 0.0, *(p["value"] for p in status.history), 1.0]) * 1.15
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(when: date) -> float:
        return LEFT + plot_w * max(0.0, min(1.0, (when - start).days / max(1, (end - start).days)))

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top_value)

    title = escape(_t(lang, "Évolution de l'indicateur", "Indicator over time"))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" class="indicator-chart" font-family="DejaVu Sans, sans-serif" font-size="10">',
        f"<title>{title}</title><desc>{escape(_description(status, lang))}</desc>",
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y(0):.1f}" stroke="#444"/>',
        f'<text x="{LEFT}" y="{HEIGHT - 8}">{escape(format_day(start, lang))}</text>',
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end">{escape(format_day(end, lang))}</text>',
    ]
    if status.target_value is not None:
        target = escape(_t(lang, "cible", "target") + " " + format_number(status.target_value, lang))
        parts += [
            f'<line x1="{LEFT}" y1="{y(status.target_value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(status.target_value):.1f}" '
            f'stroke="#1a5e20" stroke-dasharray="6 3"/>',
            f'<text x="{WIDTH - RIGHT}" y="{y(status.target_value) - 4:.1f}" text-anchor="end">{target}</text>',
        ]
        if status.window_start and status.deadline:
            parts.append(
                f'<line x1="{x(start):.1f}" y1="{y(0):.1f}" x2="{x(end):.1f}" y2="{y(status.target_value):.1f}" '
                f'stroke="#777" stroke-dasharray="2 3"/>'
            )
    path: list[str] = []
    for point in status.history:
        px, py = x(date.fromisoformat(point["date"])), y(point["value"])
        path.append(f"H{px:.1f} V{py:.1f}" if path else f"M{px:.1f},{py:.1f}")
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="#0b4f8a"/>'
            f'<text x="{px:.1f}" y="{py - 6:.1f}" text-anchor="middle">{escape(format_number(point["value"], lang))}</text>'
        )
    if path:
        parts.insert(
            5, f'<path d="{" ".join(path)} H{x(min(day, end)):.1f}" fill="none" stroke="#0b4f8a" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
