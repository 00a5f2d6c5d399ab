"""The self/others chart: per dimension the colleagues' range as a bar, their median as a tick
and the person's own score as a dot on a line of its uncertainty. Pure Altair, for the page and
(via vl_convert) the PDF."""

from __future__ import annotations

import math
from typing import Any

import altair as alt

from assessment.bank.models import Bank
from assessment.i18n import Language
from assessment.messages import msg
from assessment.peer.compare import Mirror
from assessment.render.chart import BAND_COLOUR, CHART_WIDTH, FONT, INK_COLOUR, MUTED_COLOUR

ROW_HEIGHT = 46
# On the page (mirror_chart_spec) each demand's name stands above its bar over the whole width,
# as in the result's chart: a phone's narrow chart cuts no name ("Sicherheit & Compliance im
# Gleichg…" in a label column). The PDF keeps its column of names.
PAGE_ROW_HEIGHT = 62
NAME_OFFSET = 13
# The own dot (a filled circle of OWN_SIZE px², radius √size / 2) is drawn at its score but never
# across the plot's ends: its centre stays its own radius inside 0–100 at the drawn width (UX
# pass 3, m-13; the group chart does the same, group/chart.DOT_POSITION). The tooltip keeps the
# score.
OWN_SIZE = 150
OWN_INSET = f"{math.sqrt(OWN_SIZE) / 2:.3f} * 100 / max(width, 1)"
OWN_POSITION = f"clamp(datum.self, {OWN_INSET}, 100 - {OWN_INSET})"


def _clamped(score: int | None, by: int) -> int | None:
    """Return score + by within 0–100 (None without a score)."""
    return None if score is None else max(0, min(100, score + by))


def mirror_chart_rows(mirror: Mirror, bank: Bank, lang: Language) -> list[dict[str, Any]]:
    """Return one row per dimension that has figures (self score, colleagues' low/median/high)."""
    return [
        {
            "order": index,
            "name": bank.dimension(row.dimension).name(lang),
            "self": row.self_score,
            # The own score's uncertainty as a line (UX pass 3, m-4): the table's "no clear
            # difference" is read against it, so the chart shows it too.
            "self_low": _clamped(row.self_score, -(row.self_uncertainty or 0)),
            "self_high": _clamped(row.self_score, row.self_uncertainty or 0),
            "low": row.low,
            "median": row.median,
            "high": row.high,
        }
        for index, row in enumerate(mirror.dimensions)
        if row.difference != "too_few"
    ]


def mirror_chart(
    mirror: Mirror, bank: Bank, lang: Language, *, names_above: bool = False
) -> alt.LayerChart:
    """Return the chart of a comparison with enough peer codes (rows without figures left out):
    the names in a column left of the plot (the PDF), or each above its bar (names_above: the
    page, whose chart may be as narrow as a phone)."""
    rows = mirror_chart_rows(mirror, bank, lang)
    data = alt.InlineData(values=[{**row, "zero": 0} for row in rows])
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    if names_above:
        y = alt.Y(
            "order:O", axis=None, title=None, scale=alt.Scale(paddingInner=0.5, paddingOuter=0.4)
        )
    else:
        y = alt.Y(
            "name:N",
            sort=alt.EncodingSortField("order"),
            title=None,
            axis=alt.Axis(labelLimit=230, labelFontSize=12, labelColor=INK_COLOUR),
        )
    base = alt.Chart(data).encode(y=y)
    others = base.mark_bar(color=BAND_COLOUR, height=14).encode(
        x=alt.X("low:Q", scale=x_scale, title=msg("peer.chart_axis", lang)),
        x2="high:Q",
        tooltip=[alt.Tooltip("name:N", title=None), "low:Q", "median:Q", "high:Q"],
    )
    median = base.mark_tick(color=MUTED_COLOUR, thickness=3, size=22).encode(
        x=alt.X("median:Q", scale=x_scale)
    )
    own_range = (
        base.transform_filter("datum.self != null")
        .mark_rule(color=INK_COLOUR, strokeWidth=2)
        .encode(
            x=alt.X("self_low:Q", scale=x_scale),
            x2="self_high:Q",
            tooltip=[alt.Tooltip("self_low:Q"), alt.Tooltip("self_high:Q")],
        )
    )
    own = (
        base.transform_filter("datum.self != null")
        .transform_calculate(position=OWN_POSITION)
        .mark_point(filled=True, size=OWN_SIZE, color=INK_COLOUR, opacity=1, shape="circle")
        .encode(x=alt.X("position:Q", scale=x_scale), tooltip=[alt.Tooltip("self:Q")])
    )
    layers: list[alt.Chart] = [others, median, own_range, own]
    width, row_height = CHART_WIDTH - 240, ROW_HEIGHT
    if names_above:
        name = base.mark_text(
            align="left",
            baseline="bottom",
            dy=-NAME_OFFSET,
            fontWeight="bold",
            fontSize=13,
            color=INK_COLOUR,
            font=FONT,
        ).encode(x=alt.X("zero:Q", scale=x_scale), text="name:N")
        layers.append(name)
        width, row_height = CHART_WIDTH, PAGE_ROW_HEIGHT
    chart: alt.LayerChart = (
        alt.layer(*layers)
        .properties(width=width, height=row_height * max(1, len(rows)))
        .configure_view(stroke=None)
        .configure_axis(labelFont=FONT, titleFont=FONT)
    )
    return chart


def mirror_chart_spec(mirror: Mirror, bank: Bank, lang: Language) -> dict[str, Any]:
    """Return the page's chart as a Vega-Lite spec (names above the bars)."""
    spec: dict[str, Any] = mirror_chart(mirror, bank, lang, names_above=True).to_dict(
        validate=False
    )
    return spec
