"""Charts drawn on the server: no JavaScript library, nothing from a CDN.

Each chart is a dict of geometry rendered by a template under templates/reporting/reports/, with a
caption, a description in words and the same numbers as a table beside it. Completion by
department is HTML (labels are page text, so they reflow and never shrink); the trend is inline
SVG drawn at its own size (never scaled down: on a narrow screen it scrolls sideways), so every
label is at least 12 px.
"""

import itertools

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

BAR_WIDTH = 420
LABEL_WIDTH = 190
ROW_HEIGHT = 30
VALUE_WIDTH = 160
TREND_WIDTH = 520
TREND_HEIGHT = 240
TREND_MARGIN = {"left": 48, "right": 16, "top": 16, "bottom": 36}
LABEL_SIZE = 13  # px, in the SVG as drawn (it is never scaled down)
MAX_BARS = 20
SEGMENTS = (
    ("completed", "#17683a", _("Completed")),
    ("in_progress", "#0b5cad", _("In progress")),
    ("not_started", "#6b7785", _("Not started")),
)

_ids = itertools.count(1)


def _chart_id(prefix):
    return f"{prefix}-{next(_ids)}"


def _shorten(text, limit=28):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def department_bars(rows, title=None, people_url=None):
    """Completion by department: one stacked bar per row (share of the people assigned).

    `people_url(row, figure)`, when given, links each number to the people behind it.
    """
    rows = list(rows)[:MAX_BARS]
    bars = []
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        x = LABEL_WIDTH
        segments = []
        for name, colour, label in SEGMENTS:
            share = (getattr(row, name) / row.assigned) if row.assigned else 0
            width = round(share * BAR_WIDTH, 1)
            if width > 0:
                segments.append(
                    {
                        "x": x,
                        "width": width,
                        "pct_width": round(share * 100, 2),
                        "colour": colour,
                        "label": label,
                        "count": getattr(row, name),
                    }
                )
            x += width
        bars.append(
            {
                "row": row,
                "y": y,
                "label_y": y + ROW_HEIGHT / 2 + 4,
                "bar_y": y + 6,
                "name": _shorten(row.name),
                "segments": segments,
                "empty": not row.assigned,
                "value_x": LABEL_WIDTH + BAR_WIDTH + 8,
                "completed_pct": row.completed_pct,
                "summary": _(
                    "%(name)s: %(assigned)s assigned, %(completed)s completed, "
                    "%(in_progress)s in progress, %(not_started)s not started, "
                    "%(overdue)s overdue."
                )
                % {
                    "name": row.name,
                    "assigned": row.assigned,
                    "completed": row.completed,
                    "in_progress": row.in_progress,
                    "not_started": row.not_started,
                    "overdue": row.overdue,
                },
                "completed_url": people_url(row, "completed") if people_url else "",
                "overdue_url": people_url(row, "overdue") if people_url else "",
            }
        )
    best = max(rows, key=lambda row: row.completed_pct or 0, default=None)
    worst = min(rows, key=lambda row: row.completed_pct or 0, default=None)
    description = _("No departments to show.")
    if best is not None:
        description = _(
            "%(count)s departments. Highest completion: %(best)s at %(best_pct)s%%. "
            "Lowest: %(worst)s at %(worst_pct)s%%."
        ) % {
            "count": len(rows),
            "best": best.name,
            "best_pct": best.completed_pct or 0,
            "worst": worst.name,
            "worst_pct": worst.completed_pct or 0,
        }
    return {
        "id": _chart_id("chart-departments"),
        "title": title or _("Completion by department"),
        "description": description,
        "width": LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH,
        "height": max(len(rows), 1) * ROW_HEIGHT + 24,
        "legend_y": max(len(rows), 1) * ROW_HEIGHT + 16,
        "legend": [
            {"x": LABEL_WIDTH + index * 120, "colour": colour, "label": label}
            for index, (_name, colour, label) in enumerate(SEGMENTS)
        ],
        "bar_width": BAR_WIDTH,
        "bar_height": ROW_HEIGHT - 12,
        "label_x": LABEL_WIDTH - 8,
        "bars": bars,
        "rows": rows,
    }


def completion_trend(points, title=None):
    """Share of assigned people who had finished, at the end of each month."""
    points = list(points)
    left, top = TREND_MARGIN["left"], TREND_MARGIN["top"]
    plot_w = TREND_WIDTH - left - TREND_MARGIN["right"]
    plot_h = TREND_HEIGHT - top - TREND_MARGIN["bottom"]
    step = plot_w / max(len(points) - 1, 1)
    dots = []
    for index, point in enumerate(points):
        value = point.pct or 0
        dots.append(
            {
                "x": round(left + index * step, 1),
                "y": round(top + plot_h * (1 - value / 100), 1),
                "point": point,
                "value": value,
                "short": point.month.strftime("%b"),
                "show_label": len(points) <= 12 or index % 2 == 0,
            }
        )
    line = " ".join(f"{dot['x']},{dot['y']}" for dot in dots)
    area = ""
    if dots:
        bottom = top + plot_h
        area = f"{dots[0]['x']},{bottom} {line} {dots[-1]['x']},{bottom}"
    grid = [
        {"y": round(top + plot_h * (1 - value / 100), 1), "label": f"{value}%"}
        for value in (0, 25, 50, 75, 100)
    ]
    description = _("No months to show.")
    if points:
        description = _("From %(first)s%% in %(start)s to %(last)s%% in %(end)s.") % {
            "first": points[0].pct or 0,
            "start": points[0].label,
            "last": points[-1].pct or 0,
            "end": points[-1].label,
        }
    return {
        "id": _chart_id("chart-trend"),
        "title": title or _("Completion month by month"),
        "description": description,
        "width": TREND_WIDTH,
        "height": TREND_HEIGHT,
        "left": left,
        "right": TREND_WIDTH - TREND_MARGIN["right"],
        "label_y": TREND_HEIGHT - 12,
        "label_size": LABEL_SIZE,
        "grid": grid,
        "line": line,
        "area": area,
        "dots": dots,
        "points": points,
    }


def render_department_bars(rows, title=None, people_url=None):
    return render_to_string(
        "reporting/reports/chart_departments.html",
        {"chart": department_bars(rows, title, people_url)},
    )


def render_trend(points, title=None):
    return render_to_string(
        "reporting/reports/chart_trend.html", {"chart": completion_trend(points, title)}
    )
