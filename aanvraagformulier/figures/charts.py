"""Bar charts drawn on the server as SVG: read at a glance, no JavaScript (CSP), and each
sits beside a table with the same numbers for screen readers (the SVG is aria-hidden).

A suppressed value ("<5" or "x") draws no bar, only its marker, so the chart discloses no
more than the table.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

LABEL_WIDTH = 200
# Labels are 12px text ending at the bar (figures.css): about 7px a character at most, so a
# longer label is shortened to fit the label column instead of running off the left edge;
# its full text is the SVG title (a tooltip) and stands in the table beside the chart.
CHARACTER_WIDTH = 7
LABEL_CHARACTERS = (LABEL_WIDTH - 8) // CHARACTER_WIDTH
BAR_AREA = 330
ROW_HEIGHT = 22
BAR_HEIGHT = 16
# Two series (e.g. demand and capacity): a dark and a light blue of the portal's palette,
# both with AA contrast against the white background for the value text beside them.
COLOURS = ("#1f5a96", "#6fa8dc")


def _number(value):
    return value if isinstance(value, int) else None


def bar_chart(rows, series=1, title=""):
    """An SVG of horizontal bars: `rows` is [(label, value, ...)] with `series` values per
    row (an int, or a marker string for a suppressed one)."""
    numbers = [_number(v) or 0 for row in rows for v in row[1 : 1 + series]]
    peak = max(numbers, default=0) or 1
    band = ROW_HEIGHT * series + 6
    height = max(band * len(rows), ROW_HEIGHT)
    width = LABEL_WIDTH + BAR_AREA + 60
    parts = []
    for index, row in enumerate(rows):
        top = index * band
        label = str(row[0])
        fits = len(label) <= LABEL_CHARACTERS
        short = label if fits else label[: LABEL_CHARACTERS - 1] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">'
                "<title>{}</title>{}</text>",
                LABEL_WIDTH - 8,
                top + ROW_HEIGHT * series / 2 + 5,
                label,
                short,
            )
        )
        for number, value in enumerate(row[1 : 1 + series]):
            y = top + number * ROW_HEIGHT
            length = round(BAR_AREA * (_number(value) or 0) / peak)
            if length:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                        LABEL_WIDTH,
                        y + 3,
                        length,
                        BAR_HEIGHT,
                        COLOURS[number % len(COLOURS)],
                    )
                )
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-value">{}</text>',
                    LABEL_WIDTH + length + 6,
                    y + 3 + BAR_HEIGHT - 3,
                    value,
                )
            )
    body = format_html_join("", "{}", ((part,) for part in parts))
    return format_html(
        '<svg class="figures-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" aria-hidden="true" focusable="false" data-chart="{}">'
        "{}</svg>",
        width,
        height,
        width,
        height,
        title,
        mark_safe(body),
    )


def figure_charts(data):
    """The SVG of each chart of `data` (live or frozen figures)."""
    per_wijk = data["per_wijk_and_month"]
    return {
        "per_wijk": bar_chart(
            [(row["label"], row["total"]) for row in per_wijk["rows"]], title="per_wijk"
        ),
        "per_month": bar_chart(
            list(zip(per_wijk["months"], per_wijk["totals"], strict=True)), title="per_month"
        ),
        "demand": bar_chart(
            [
                (row["label"], row["demand"], row["capacity"])
                for row in data["demand_and_capacity"]["rows"]
            ],
            series=2,
            title="demand",
        ),
        "flows": bar_chart(
            [(f"{row['from']} → {row['to']}", row["count"]) for row in data["flows"]["rows"]],
            title="flows",
        ),
    }
