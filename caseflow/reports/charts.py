"""Charts drawn on the server as SVG: a title, a description, and the same numbers as a table.

The SVG is an image for sighted readers and print; every page that shows one also shows the
numbers in a table, so nothing is only in the picture.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from caseflow.reports.base import Number
from caseflow.reports.formatting import number

WIDTH = 640
LABEL_WIDTH = 210
BAR_HEIGHT = 16
GAP = 10
COLOURS = ("#0b4f8a", "#b34700", "#1e6b34", "#6b2d8a", "#4a4a4a")
FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number]
    dashed: bool = False


def _ident(title: str) -> str:
    return "grafiek-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _number(value: Number, unit: str) -> str:
    return "geen" if value is None else number(value, unit)


def _open(title: str, description: str, height: int) -> list[str]:
    ident = _ident(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="16" {FONT} font-weight="bold" fill="#1b1b1b">{escape(title)}</text>',
    ]


def _legend(series: Sequence[Series], y: int) -> list[str]:
    parts, x = [], 0
    for index, s in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{y}" {FONT} fill="#1b1b1b">{escape(s.name)}</text>')
        x += 24 + 7 * len(s.name)
    return parts


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], unit: str) -> Markup:
    """Horizontal bars, one group per category and one bar per series."""
    top = 44 if len(series) > 1 else 28
    group = BAR_HEIGHT * len(series) + GAP
    height = top + group * max(1, len(categories)) + 8
    values = [v for s in series for v in s.values if v is not None]
    scale = (WIDTH - LABEL_WIDTH - 60) / max([*values, 1])
    description = "; ".join(
        f"{category}: " + ", ".join(f"{s.name} {_number(s.values[i], unit)}" for s in series)
        for i, category in enumerate(categories)
    )
    parts = _open(title, description or "Geen gegevens.", height)
    if len(series) > 1:
        parts += _legend(series, 36)
    for i, category in enumerate(categories):
        y = top + i * group
        label = category if len(category) <= 32 else category[:31] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT * len(series) / 2 + 4:.0f}" '
            f'{FONT} text-anchor="end" fill="#1b1b1b">{escape(label)}</text>'
        )
        for j, s in enumerate(series):
            value = s.values[i]
            width = max(0.0, (value or 0) * scale)
            bar_y = y + j * BAR_HEIGHT
            colour = COLOURS[j % len(COLOURS)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{width:.1f}" '
                f'height="{BAR_HEIGHT - 2}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{bar_y + BAR_HEIGHT - 4}" {FONT} '
                f'fill="#1b1b1b">{escape(_number(value, unit))}</text>'
            )
    parts.append("</svg>")
    # Every text placed in parts went through escape(); the rest is our own SVG markup.
    return Markup("\n".join(parts))  # nosec B704


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series], unit: str) -> Markup:
    """A line per series over the labels (years, months); a dashed line for a norm."""
    height, top, bottom, left, right = 260, 48, 40, 50, 20
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    high = max([*values, 1]) * 1.1
    step = plot_w / max(1, len(labels) - 1) if len(labels) > 1 else 0

    def point(i: int, value: float) -> tuple[float, float]:
        x = left + (i * step if len(labels) > 1 else plot_w / 2)
        return x, top + plot_h - value / high * plot_h

    description = "; ".join(
        f"{label}: " + ", ".join(f"{s.name} {_number(s.values[i], unit)}" for s in series)
        for i, label in enumerate(labels)
    )
    parts = _open(title, description or "Geen gegevens.", height)
    parts += _legend(series, 36)
    axis_y = top + plot_h
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{WIDTH - right}" y2="{axis_y}" stroke="#4a4a4a"/>'
    )
    for i, label in enumerate(labels):
        x, _ = point(i, 0)
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 18}" {FONT} text-anchor="middle" '
            f'fill="#1b1b1b">{escape(label)}</text>'
        )
    for j, s in enumerate(series):
        colour = COLOURS[j % len(COLOURS)]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        for run in _runs(s.values):
            if len(run) > 1:
                path = " ".join("{:.1f},{:.1f}".format(*point(i, v)) for i, v in run)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash}/>'
                )
        for i, value in enumerate(s.values):
            if value is None:
                continue
            x, y = point(i, value)
            # Norm labels below the line, actual figures above: they do not overlap.
            label_y = y + 16 if s.dashed else y - 7
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            parts.append(
                f'<text x="{x:.1f}" y="{label_y:.1f}" {FONT} text-anchor="middle" '
                f'fill="{colour}">{escape(_number(value, unit))}</text>'
            )
    parts.append("</svg>")
    # Every text placed in parts went through escape(); the rest is our own SVG markup.
    return Markup("\n".join(parts))  # nosec B704


def _runs(values: Sequence[Number]) -> list[list[tuple[int, float]]]:
    """Stretches of consecutive known values: a line never bridges a missing year."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((i, float(value)))
    return [run for run in runs if run]
