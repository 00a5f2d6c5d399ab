"""The self/others chart: per dimension the colleagues' range as a bar, their median as a tick
and the person's own score as a dot. Pure Altair, for the page and (via vl_convert) the PDF."""

from __future__ import annotations

from typing import Any

import altair as alt

from assessment.bank.models import Bank
from assessment.i18n import Language
from assessment.messages import msg
from assessment.peer.compare import Mirror
from assessment.render.chart import BAND_COLOUR, CHART_WIDTH, FONT, INK_COLOUR, MUTED_COLOUR

ROW_HEIGHT = 46


def mirror_chart_rows(mirror: Mirror, bank: Bank, lang: Language) -> list[dict[str, Any]]:
    """Return one row per dimension that has figures (self score, colleagues' low/median/high)."""
    return [
        {
            "order": index,
            "name": bank.dimension(row.dimension).name(lang),
            "self": row.self_score,
            "low": row.low,
            "median": row.median,
            "high": row.high,
        }
        for index, row in enumerate(mirror.dimensions)
        if row.difference != "too_few"
    ]


def mirror_chart(mirror: Mirror, bank: Bank, lang: Language) -> alt.LayerChart:
    """Return the chart of a comparison with enough peer codes (rows without figures left out)."""
    rows = mirror_chart_rows(mirror, bank, lang)
    data = alt.InlineData(values=rows)
    x_scale = alt.Scale(domain=[0, 100], nice=False)
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
    own = (
        base.transform_filter("datum.self != null")
        .mark_point(filled=True, size=150, color=INK_COLOUR, opacity=1, shape="circle")
        .encode(x=alt.X("self:Q", scale=x_scale), tooltip=[alt.Tooltip("self:Q")])
    )
    chart: alt.LayerChart = (
        alt.layer(others, median, own)
        .properties(width=CHART_WIDTH - 240, height=ROW_HEIGHT * max(1, len(rows)))
        .configure_view(stroke=None)
        .configure_axis(labelFont=FONT, titleFont=FONT)
    )
    return chart


def mirror_chart_spec(mirror: Mirror, bank: Bank, lang: Language) -> dict[str, Any]:
    """Return the chart's Vega-Lite spec."""
    spec: dict[str, Any] = mirror_chart(mirror, bank, lang).to_dict(validate=False)
    return spec
