"""Altair chart of a group's scores per dimension: every person a dot, the middle half a box.

Pure Altair (no Streamlit), so the same chart renders in the page and, via vl_convert, in the PDF.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import altair as alt

from assessment.bank.models import Bank
from assessment.group.overview import VersionGroup
from assessment.group.text import format_score
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.chart import (
    CHART_WIDTH,
    FONT,
    INK_COLOUR,
    LABEL_LINE,
    MUTED_COLOUR,
    NARROW_CHART,
    row_texts,
    track_and_band,
)

GROUP_ROW_HEIGHT = 84
# Dot area (px²) for one person and for the most frequent score of the chart; in small groups
# the largest area stands for at least DOT_FULL_COUNT people, so two people are not a blob.
DOT_SIZE_RANGE = (50, 420)
DOT_FULL_COUNT = 5
DOT_OPACITY = 0.5
# A dot is drawn at its score but never across the track's ends: its centre stays at least its
# own radius inside the 0–100 track (on a phone, a dot at 0 or 100 was half outside, issue 22).
# The radius in score units follows the drawn width (`width`), so narrow charts move it further.
DOT_INSET = "datum.radius * 100 / max(width, 1)"
DOT_POSITION = f"clamp(datum.score, {DOT_INSET}, 100 - {DOT_INSET})"


def group_chart_rows(
    section: VersionGroup, bank: Bank, lang: Language
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the rows of a group chart: one per dimension, and one per distinct score.

    Scores are whole numbers from 0 to 100, so a dimension has at most 101 dots however large
    the group is; each dot carries how many people have that score.
    """
    dimensions: list[dict[str, Any]] = []
    dots: list[dict[str, Any]] = []
    most = max((max(Counter(d.scores).values(), default=1) for d in section.dimensions), default=1)
    for order, dimension in enumerate(section.dimensions):
        spread = dimension.distribution
        row: dict[str, Any] = {
            "order": order,
            "name": bank.dimension(dimension.dimension).name(lang),
            "low": dimension.low,
            "high": dimension.high,
            "target": msg("ui.chart.target", lang, low=dimension.low, high=dimension.high),
            "zero": 0,
            "full": 100,
        }
        if spread is None:
            row |= {"q1": None, "median": None, "q3": None, "middle": None}
            row["label"] = row["narrow"] = msg("ui.group.chart_unscored", lang)
            row["unfirm"] = ""
        else:
            median = format_score(spread.median, lang)
            row |= {"q1": spread.q1, "median": spread.median, "q3": spread.q3}
            row["middle"] = msg(
                "ui.group.chart_middle",
                lang,
                q1=format_score(spread.q1, lang),
                q3=format_score(spread.q3, lang),
                median=median,
            )
            counts = {"median": median, "meets": dimension.meets, "scored": spread.n}
            row["narrow"] = msg("ui.group.chart_label", lang, **counts)
            # How many scored people are neither met nor below: dots inside the band among them.
            unfirm = dimension.borderline + dimension.provisional
            row["label"] = (
                msg("ux.group_counts.chart_label_unfirm", lang, unfirm=unfirm, **counts)
                if unfirm
                else row["narrow"]
            )
            # A phone's chart gives that count a line of its own, beside the target band's text
            # (usability verify pass n5: the phone lost exactly the number that explains "0").
            row["unfirm"] = (
                msg("minors22.group.chart_unfirm", lang, unfirm=unfirm) if unfirm else ""
            )
        dimensions.append(row)
        for score, count in sorted(Counter(dimension.scores).items()):
            dots.append(
                {
                    "order": order,
                    "score": score,
                    "count": count,
                    "radius": dot_radius(count, most),
                    "tip": msg("ui.group.chart_dot", lang, score=score, count=count),
                }
            )
    return dimensions, dots


def dot_radius(count: int, most: int) -> float:
    """Return the radius in px of the dot for count people: Vega draws a circle of size s (the
    size scale's value) with the radius √s / 2."""
    top = max(most, DOT_FULL_COUNT)
    low, high = DOT_SIZE_RANGE
    size = low + (high - low) * (count - 1) / (top - 1)
    return math.sqrt(size) / 2


def group_chart(section: VersionGroup, bank: Bank, lang: Language) -> alt.LayerChart:
    """Return the group's scores per dimension against the target band of the chosen setting.

    One row per dimension: the target band in grey, every score as a dot whose area grows with
    the number of people who have it, the middle half (quartiles) as an outlined box and the
    median as a bar across it. The spec stays small for any group size (see group_chart_rows).
    """
    dimension_rows, dot_rows = group_chart_rows(section, bank, lang)
    most = max((row["count"] for row in dot_rows), default=1)
    y = alt.Y("order:O", axis=None, scale=alt.Scale(paddingInner=0.62, paddingOuter=0.5))
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    # A phone's chart has no room for the borderline and provisional count beside the label:
    # the shorter label there, and the count on the line below it (unfirm_line).
    base = (
        alt.Chart(alt.InlineData(values=dimension_rows))
        .transform_calculate(
            label=f"width < {NARROW_CHART} ? datum.narrow : datum.label",
            unfirm_line=f"width < {NARROW_CHART} && datum.unfirm ? datum.unfirm : ''",
        )
        .encode(y=y)
    )
    scored = base.transform_filter("datum.median != null")

    track, band = track_and_band(base, x_scale, lang)
    dots = (
        alt.Chart(alt.InlineData(values=dot_rows))
        .transform_calculate(position=DOT_POSITION)
        .mark_circle(color=INK_COLOUR, opacity=DOT_OPACITY)
        .encode(
            y=y,
            x=alt.X("position:Q", scale=x_scale),
            size=alt.Size(
                "count:Q",
                scale=alt.Scale(domain=[1, max(most, DOT_FULL_COUNT)], range=list(DOT_SIZE_RANGE)),
                legend=None,
            ),
            tooltip=[alt.Tooltip("tip:N", title=None)],
        )
    )
    box = scored.mark_bar(
        height=22, fillOpacity=0, stroke=INK_COLOUR, strokeWidth=1.5, cornerRadius=2
    ).encode(
        x=alt.X("q1:Q", scale=x_scale), x2="q3:Q", tooltip=[alt.Tooltip("middle:N", title=None)]
    )
    median = scored.mark_tick(color=INK_COLOUR, thickness=3, size=26).encode(
        x=alt.X("median:Q", scale=x_scale)
    )
    name, label, target = row_texts(base, x_scale, offset=15)
    unfirm = base.mark_text(
        align="left",
        baseline="top",
        dy=15 + LABEL_LINE,
        fontSize=12,
        color=MUTED_COLOUR,
        font=FONT,
    ).encode(x=alt.X("zero:Q", scale=x_scale), text="unfirm_line:N")
    chart: alt.LayerChart = (
        alt.layer(track, band, dots, box, median, name, label, target, unfirm)
        .properties(
            width=CHART_WIDTH,
            height=GROUP_ROW_HEIGHT * max(1, len(section.dimensions)),
            padding={"left": 4, "right": 4, "top": 6, "bottom": 4},
        )
        .configure_view(stroke=None)
        .configure_axis(labelFont=FONT, titleFont=FONT)
    )
    return chart
