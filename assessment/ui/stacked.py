"""Tables that a phone reads without scrolling sideways (issue 22, point 3).

A wide table is drawn twice: as Streamlit's data grid (sortable, for a desktop) and as stacked
rows, one block per row with each cell as "column: value" (for a phone). A CSS media query
shows one of them: the grid above NARROW_PX, the stacked rows up to it, as the result page's
comparison of settings does. Long lists are shown PAGE_ROWS rows at a time on a phone.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import streamlit as st

from assessment.i18n import Language
from assessment.ui import state
from assessment.ui.text import t

# The width (px) up to which the stacked rows replace the grid (PAGE_STYLE's phone width).
NARROW_PX = 640
PAGE_ROWS = 50
# The desktop grid shows at most this many rows: a Streamlit message holds at most 4 MB, and
# 10,000 people with their lists of requirement names come to about 5 MB (bench_memory found
# it). The phone rows page through all of them; the CSV holds every person.
GRID_ROWS = 2_000
WIDE_PREFIX = "wide_"
NARROW_PREFIX = "narrow_"
# A table whose grid does not fit the page's column even on a desktop (UX pass 3, m-2: the group
# page's counts per requirement hid four columns behind a sideways scroll at 1280 px, and the
# skipped lines cut their reasons) shows its stacked rows at every width; its grid stays in the
# page, hidden, for the page's tests and tools.
ROWS_ONLY_PREFIX = "rows_only_"
STYLE = f"""<style>
@media (max-width: {NARROW_PX}px) {{
  [class*="st-key-{WIDE_PREFIX}"] {{ display: none !important; }}
}}
@media (min-width: {NARROW_PX + 1}px) {{
  [class*="st-key-{NARROW_PREFIX}"] {{ display: none !important; }}
}}
[class*="st-key-{ROWS_ONLY_PREFIX}"] [class*="st-key-{WIDE_PREFIX}"] {{
  display: none !important;
}}
[class*="st-key-{ROWS_ONLY_PREFIX}"] [class*="st-key-{NARROW_PREFIX}"] {{
  display: flex !important;
}}
ul.stacked-rows {{ list-style: none; padding: 0; margin: 0 0 1rem; }}
ul.stacked-rows > li {{
  border-bottom: 1px solid #c5ccd6; padding: 0.4rem 0; overflow-wrap: anywhere; hyphens: auto;
}}
ul.stacked-rows > li > strong {{ display: block; }}
ul.stacked-rows .cell {{ display: inline-block; margin-right: 0.9rem; }}
ul.stacked-rows .cell > .name {{ color: #5a6472; }}
</style>"""

Title = Callable[[Sequence[str]], str]


def cell_text(value: object, none: str) -> str:
    """Return a cell as text: a missing value (None, NaN, pandas' NA) as none."""
    if value is None:
        return none
    try:
        if bool(pd.isna(value)):
            return none
    except (TypeError, ValueError):
        pass
    return str(value)


def stacked_html(
    header: Sequence[str], rows: Sequence[Sequence[str]], caption: str, title: Title | None = None
) -> str:
    """Return rows as a list of blocks: the row's title in bold, then "column: value" for
    every other non-empty cell (escaped; the list is named by caption for screen readers)."""
    blocks = []
    for row in rows:
        heading = title(row) if title is not None else row[0]
        # Each "column: value" keeps together where it fits a line; a screen reader hears a
        # pause between them.
        cells = '<span class="sr-only">; </span>'.join(
            f'<span class="cell"><span class="name">{html.escape(name)}:</span> '
            f"{html.escape(value)}</span>"
            for name, value in zip(header[1:], row[1:], strict=True)
            if value.strip()
        )
        blocks.append(f"<li><strong>{html.escape(heading)}</strong>{cells}</li>")
    return (
        f'<ul class="stacked-rows" aria-label="{html.escape(caption, quote=True)}">'
        f"{''.join(blocks)}</ul>"
    )


def _number(value: int, lang: Language) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale="de_DE" if lang == "de" else "en_GB"))


def _shown(key: str, total: int, lang: Language) -> range:
    """Return the rows shown on a phone: all of a short list, else PAGE_ROWS chosen in a box."""
    if total <= PAGE_ROWS:
        return range(total)
    starts = list(range(0, total, PAGE_ROWS))
    start = st.selectbox(
        t("ux.stacked.rows_label", lang),
        starts,
        format_func=lambda first: t(
            "ux.stacked.rows",
            lang,
            first=first + 1,
            last=min(first + PAGE_ROWS, total),
            total=total,
        ),
        key=state.widget_key(f"{NARROW_PREFIX}{key}_page", lang),
    )
    return range(int(start or 0), min(int(start or 0) + PAGE_ROWS, total))


def table(
    frame: pd.DataFrame,
    key: str,
    lang: Language,
    *,
    caption: str,
    title: Title | None = None,
    more: str | None = None,
    rows_only: bool = False,
    **grid: Any,
) -> None:
    """Draw frame as a data grid on a desktop (grid: st.dataframe's arguments) and as stacked
    rows on a phone; caption names the rows for screen readers. A grid longer than GRID_ROWS
    shows its first rows and says so, followed by more (where the rest can be found). rows_only:
    the stacked rows at every width (a grid too wide for the page's column)."""
    if rows_only:
        with st.container(key=f"{ROWS_ONLY_PREFIX}{key}"):
            table(frame, key, lang, caption=caption, title=title, more=more, **grid)
        return
    st.html(STYLE)
    with st.container(key=f"{WIDE_PREFIX}{key}"):
        if len(frame) > GRID_ROWS:
            st.caption(
                t("ux.stacked.grid_cut", lang, shown=_number(GRID_ROWS, lang)) + " " + (more or "")
            )
        st.dataframe(frame.iloc[:GRID_ROWS], **grid)
    order = grid.get("column_order")
    columns = [str(c) for c in (order if order is not None else frame.columns)]
    none = str(grid.get("placeholder") or t("ui.group.none", lang))
    with st.container(key=f"{NARROW_PREFIX}{key}"):
        shown = _shown(key, len(frame), lang)
        part = frame.iloc[shown.start : shown.stop]
        rows = [
            [cell_text(value, none) for value in values]
            for values in part[columns].itertuples(index=False)
        ]
        st.html(stacked_html(columns, rows, caption, title))
