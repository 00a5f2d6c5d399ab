"""Altair chart of one person's profile as a bullet chart (the group's chart builds on its parts).

Pure Altair (no Streamlit), so the same chart renders in the page and, via vl_convert, in the PDF.
The band is carried by the marker's shape and a text label, never by colour alone.
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt

from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.summary import Summary

# Calm, print-safe colours: a light grey band, one dark ink for marks and text.
TRACK_COLOUR = "#eef0f3"
BAND_COLOUR = "#c5ccd6"
INK_COLOUR = "#1b2f4b"
MUTED_COLOUR = "#4a5868"
# Marker shape per band: below points down, within is round, above points up.
BAND_SHAPES: dict[str, str] = {
    "below": "triangle-down",
    "within": "circle",
    "above": "triangle-up",
    "borderline": "diamond",
}
# Rules 3: a provisional demand's marker, in the scale only where one is shown (so that the
# charts of banks v1 and v2 stay exactly as they were).
PROVISIONAL_SHAPE = "square"
HOLLOW = "datum.band == 'provisional'"
ROW_HEIGHT = 74
CHART_WIDTH = 560
# The width (px) under which a row's label and its target band's text share no line, and the
# height of the label's line (12 px text and its leading).
NARROW_CHART = 560
LABEL_LINE = 15
FONT = "sans-serif"


def chart_rows(summary: Summary) -> list[dict[str, Any]]:
    """Return one data row per dimension card, in the order of the cards."""
    rows = []
    for order, card in enumerate(summary.cards):
        rows.append(
            {
                "order": order,
                "name": card.name,
                "score": card.score,
                "low": card.low,
                "high": card.high,
                "band": card.band,
                "band_label": card.band_label,
                # The score's uncertainty as a thin line (bank v2 on; None in v1).
                "err_low": (
                    max(0, card.score - card.uncertainty)
                    if card.score is not None and card.uncertainty is not None
                    else None
                ),
                "err_high": (
                    min(100, card.score + card.uncertainty)
                    if card.score is not None and card.uncertainty is not None
                    else None
                ),
                "label": msg(
                    "ui.chart.label", summary.language, score=card.score_text, band=card.band_label
                ),
                "target": msg("ui.chart.target", summary.language, low=card.low, high=card.high),
                "zero": 0,
                "full": 100,
            }
        )
    return rows


def track_and_band(
    base: alt.Chart, x_scale: alt.Scale, lang: Language
) -> tuple[alt.Chart, alt.Chart]:
    """Return the 0–100 track with its axis and the grey target band of every row."""
    track = base.mark_bar(color=TRACK_COLOUR, height=14).encode(
        x=alt.X(
            "zero:Q",
            scale=x_scale,
            title=msg("ui.chart.axis", lang),
            axis=alt.Axis(
                values=[0, 25, 50, 75, 100],
                grid=False,
                labelColor=MUTED_COLOUR,
                titleColor=MUTED_COLOUR,
                domain=False,
                tickColor=BAND_COLOUR,
            ),
        ),
        x2="full:Q",
    )
    band = base.mark_bar(color=BAND_COLOUR, height=14).encode(
        x=alt.X("low:Q", scale=x_scale), x2="high:Q", tooltip=[alt.Tooltip("target:N", title=None)]
    )
    return track, band


def row_texts(
    base: alt.Chart, x_scale: alt.Scale, offset: int
) -> tuple[alt.Chart, alt.Chart, alt.Chart]:
    """Return each row's texts: its name above the bar, its label and target band below it."""
    name = base.mark_text(
        align="left",
        baseline="bottom",
        dy=-offset,
        fontWeight="bold",
        fontSize=13,
        color=INK_COLOUR,
        font=FONT,
    ).encode(x=alt.X("zero:Q", scale=x_scale), text="name:N")
    label = base.mark_text(
        align="left", baseline="top", dy=offset, fontSize=12, color=MUTED_COLOUR, font=FONT
    ).encode(x=alt.X("zero:Q", scale=x_scale), text="label:N")
    # Below NARROW_CHART px the label ("17 ± 17 von 100 · unter dem Zielbereich") and the
    # band's text would run into each other: the band's text moves to a line of its own.
    target = base.mark_text(
        align="right",
        baseline="top",
        dy=alt.ExprRef(f"width < {NARROW_CHART} ? {offset + LABEL_LINE} : {offset}"),
        fontSize=11,
        color=MUTED_COLOUR,
        font=FONT,
    ).encode(x=alt.X("full:Q", scale=x_scale), text="target:N")
    return name, label, target


_SPEC_TEMPLATES: dict[tuple[str, int, bool], dict[str, Any]] = {}


def _has_provisional(summary: Summary) -> bool:
    return any(card.band == "provisional" for card in summary.cards)


def profile_chart_spec(summary: Summary) -> dict[str, Any]:
    """Return the Vega-Lite spec of profile_chart(summary) without building the chart again.

    The spec depends on the summary only through its data rows, its language (axis title) and
    its number of rows (height); Altair builds one template per language and row count (~40 ms)
    and every later spec only swaps in the rows (well under a millisecond).
    """
    # The shapes' scale names the provisional square only where a card is provisional.
    key = (summary.language, len(summary.cards), _has_provisional(summary))
    template = _SPEC_TEMPLATES.get(key)
    if template is None:
        template = profile_chart(summary).to_dict(validate=False)
        _SPEC_TEMPLATES[key] = template
    spec = copy.deepcopy(template)
    spec["datasets"] = {spec["data"]["name"]: chart_rows(summary)}
    return spec


def profile_chart(summary: Summary) -> alt.LayerChart:
    """Return the bullet chart of a summary: one row per dimension, labels in its language."""
    lang = summary.language
    data = alt.InlineData(values=chart_rows(summary))
    y = alt.Y("order:O", axis=None, scale=alt.Scale(paddingInner=0.62, paddingOuter=0.5))
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    base = alt.Chart(data).encode(y=y)

    track, band = track_and_band(base, x_scale, lang)
    name, label, target = row_texts(base, x_scale, offset=12)
    shapes = dict(BAND_SHAPES)
    if _has_provisional(summary):
        shapes["provisional"] = PROVISIONAL_SHAPE
    bands = list(shapes)
    marker = (
        base.transform_filter("datum.score != null")
        .mark_point(filled=True, size=190, opacity=1, strokeWidth=1.2)
        .encode(
            x=alt.X("score:Q", scale=x_scale),
            # A provisional score is a hollow square (the key's "□"); every other mark is solid.
            fill=alt.condition(HOLLOW, alt.value("white"), alt.value(INK_COLOUR)),
            stroke=alt.condition(HOLLOW, alt.value(INK_COLOUR), alt.value("white")),
            shape=alt.Shape(
                "band:N",
                scale=alt.Scale(domain=bands, range=[shapes[b] for b in bands]),
                legend=None,
            ),
            tooltip=[alt.Tooltip("name:N", title=None), alt.Tooltip("label:N", title=None)],
        )
    )
    error = (
        base.transform_filter("datum.err_low != null")
        # Decorative for screen readers: the uncertainty is in each row's label and the table.
        .mark_rule(color=INK_COLOUR, strokeWidth=2, aria=False)
        .encode(x=alt.X("err_low:Q", scale=x_scale), x2="err_high:Q")
    )
    chart: alt.LayerChart = (
        alt.layer(track, band, error, marker, name, label, target)
        .properties(
            width=CHART_WIDTH,
            height=ROW_HEIGHT * max(1, len(summary.cards)),
            padding={"left": 4, "right": 4, "top": 6, "bottom": 4},
        )
        .configure_view(stroke=None)
        .configure_axis(labelFont=FONT, titleFont=FONT)
    )
    return chart
