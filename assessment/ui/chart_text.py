"""Text alternatives for charts: an accessible name and description on the chart, and the same
figures as a table that a screen reader always finds and a sighted person can show or hide."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from assessment.i18n import Language
from assessment.render.summary import Summary
from assessment.ui.text import t, tv

CHART_KEY_PREFIX = "chart_"
TABLE_TOGGLE_SUFFIX = "_table"


@dataclass(frozen=True)
class ChartText:
    """What a chart says in words: a name, a description and its figures as a table."""

    name: str
    description: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def named_spec(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the spec with its name as `description` (Vega puts it into the chart's aria-label)
    and without Vega's own English descriptions of its axes and marks ("X-axis titled … for a
    linear scale", "order: 0; high: 55", "bar", "rect mark container"): the chart's name, its
    description and its table say the same in the page's language (config `aria: false`)."""
    config = spec.get("config", {})
    return {
        **spec,
        "description": name,
        "config": {**config, "aria": False, "mark": {**config.get("mark", {}), "aria": False}},
    }


def table_html(text: ChartText, visible: bool) -> str:
    """Return the figures as an HTML table with caption and header cells (escaped).

    When not visible its box is clipped to one pixel (the usual .sr-only rule; a table itself
    would not shrink): screen readers and the accessibility tree still have it.
    """
    wrapper = "chart-table-box" if visible else "chart-table-box sr-only"
    head = "".join(f'<th scope="col">{html.escape(cell)}</th>' for cell in text.header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{html.escape(cell)}</th>'
            if index == 0
            else f"<td>{html.escape(cell)}</td>"
            for index, cell in enumerate(row)
        )
        + "</tr>"
        for row in text.rows
    )
    return (
        f'<div class="{wrapper}"><table class="chart-table">'
        f"<caption>{html.escape(text.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def accessible_chart(spec: dict[str, Any], text: ChartText, key: str, lang: Language) -> None:
    """Render a Vega-Lite chart with its name, description and table of figures.

    The description is tied to the chart by aria-describedby (shared.A11Y_REPAIRS links every
    `.chart-description` to the chart in the same keyed container).
    """
    with st.container(key=f"{CHART_KEY_PREFIX}{key}"):
        st.vega_lite_chart(named_spec(spec, text.name), width="stretch", theme=None)
        st.html(
            f'<p id="{CHART_KEY_PREFIX}{key}-description" class="chart-description sr-only">'
            f"{html.escape(text.description)}</p>"
        )
        shown = st.toggle(
            t("a11y.chart_table_toggle", lang), key=f"{CHART_KEY_PREFIX}{key}{TABLE_TOGGLE_SUFFIX}"
        )
        st.html(table_html(text, visible=shown))


def rows_text(rows: Sequence[Sequence[object]]) -> tuple[tuple[str, ...], ...]:
    """Return table rows with every cell as text."""
    return tuple(tuple(str(cell) for cell in row) for row in rows)


def profile_chart_text(summary: Summary, lang: Language) -> ChartText:
    """Return the words of a result's profile chart: one row per demand, in the chart's order."""
    none = t("ui.group.none", lang)
    return ChartText(
        name=tv("a11y.profile_chart_name", lang, summary.viewer),
        description=tv("a11y.profile_chart_description", lang, summary.viewer),
        caption=tv("a11y.profile_table_caption", lang, summary.viewer),
        header=(
            t("a11y.col_demand", lang),
            tv("a11y.col_score", lang, summary.viewer),
            t("a11y.col_band", lang),
            t("a11y.col_verdict", lang),
        ),
        rows=tuple(
            (
                card.name,
                card.score_text if card.score is not None else none,
                t("ui.group.range", lang, low=card.low, high=card.high),
                card.band_label,
            )
            for card in summary.cards
        ),
    )
