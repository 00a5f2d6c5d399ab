"""UX pass #17 (issue 22): the comparison chart on the page names each demand above its bar over
the chart's whole width, so that a phone's narrow chart cuts no name (a column of names cut
"Sicherheit & Compliance im Gleichg…" at 390 px); the PDF keeps its column of names."""

from __future__ import annotations

from typing import Any

import pytest

from assessment.bank.load import load_bank
from assessment.i18n import Language
from assessment.peer.chart import mirror_chart, mirror_chart_spec
from assessment.peer.compare import mirror_codes
from tests.unit.peer.test_peer import own_answers, peer_code


def _walk(node: Any) -> list[dict[str, Any]]:
    """Return every dict in a spec."""
    if isinstance(node, dict):
        return [node, *(d for value in node.values() for d in _walk(value))]
    if isinstance(node, list):
        return [d for value in node for d in _walk(value)]
    return []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_page_chart_names_each_demand_above_its_bar(lang: Language) -> None:
    bank = load_bank(3)
    mirror = mirror_codes(own_answers(), [peer_code(value) for value in (1, 2, 3)])
    spec = mirror_chart_spec(mirror, bank, lang)
    nodes = _walk(spec)
    assert not [n for n in nodes if "labelLimit" in n], "no name is cut to a label column"
    names = [
        layer
        for layer in spec["layer"]
        if layer.get("mark", {}).get("type") == "text"
        and layer.get("encoding", {}).get("text", {}).get("field") == "name"
    ]
    assert len(names) == 1
    assert names[0]["mark"].get("limit") is None  # drawn whole
    rows = [n for n in nodes if n.get("field") == "order" and "axis" in n]
    assert rows
    assert all(n["axis"] is None for n in rows)  # no axis of names beside the plot
    # The PDF keeps its column of names (its print size is tested in test_peer_pdf.py).
    pdf = mirror_chart(mirror, bank, lang).to_dict(validate=False)
    assert [n for n in _walk(pdf) if n.get("labelLimit") == 230]


@pytest.mark.parametrize("width", [300, 560])
@pytest.mark.parametrize("names_above", [True, False])
def test_an_own_dot_at_0_or_100_is_drawn_inside_the_plot(width: int, names_above: bool) -> None:
    """UX pass 3, m-13: at a phone's and a desktop's width the own dot at 0 or 100 lies wholly
    within the 0–100 plot (as the group chart's dots do), and its tooltip keeps the score."""
    import re

    import vl_convert

    bank = load_bank(3)
    mirror = mirror_codes(own_answers(), [peer_code(value) for value in (1, 2, 3)])
    rows = tuple(
        row.model_copy(update={"self_score": 100 if index % 2 else 0})
        for index, row in enumerate(mirror.dimensions)
    )
    chart = mirror_chart(
        mirror.model_copy(update={"dimensions": rows}), bank, "de", names_above=names_above
    )
    svg = vl_convert.vegalite_to_svg(chart.properties(width=width).to_dict())
    dots = re.findall(
        r'aria-label="[^"]*self: (\d+)"[^>]*aria-roledescription="point" '
        r'transform="translate\(([\d.-]+),[^)]*\)" d="M([\d.]+),',
        svg,
    )
    assert {score for score, _, _ in dots} == {"0", "100"}
    for _, x, radius in dots:
        assert float(x) - float(radius) >= -0.5
        assert float(x) + float(radius) <= width + 0.5


@pytest.mark.parametrize("names_above", [True, False])
def test_the_own_score_carries_its_uncertainty_as_a_line(names_above: bool) -> None:
    """UX pass 3, m-4: the table said "no clear difference" where the chart showed the own dot
    far from the colleagues' bar, because the chart drew no uncertainty for the own score. A
    line from score − uncertainty to score + uncertainty (within 0–100) lies under the dot."""
    bank = load_bank(3)
    mirror = mirror_codes(own_answers(), [peer_code(value) for value in (1, 2, 3)])
    spec = mirror_chart(mirror, bank, "de", names_above=names_above).to_dict()  # validates
    [line] = [
        layer
        for layer in spec["layer"]
        if layer.get("mark", {}).get("type") == "rule"
        and layer["encoding"]["x"]["field"] == "self_low"
    ]
    assert line["encoding"]["x2"]["field"] == "self_high"
    data = {row["order"]: row for row in _walk(spec) if "self_low" in row and "order" in row}
    drawn = [row for row in mirror.dimensions if row.difference != "too_few"]
    assert len(data) == len(drawn)
    for order, row in enumerate(drawn):
        uncertainty = row.self_uncertainty or 0
        assert row.self_score is not None
        assert data[order]["self_low"] == max(0, row.self_score - uncertainty)
        assert data[order]["self_high"] == min(100, row.self_score + uncertainty)
    assert any(row.self_uncertainty for row in drawn)
