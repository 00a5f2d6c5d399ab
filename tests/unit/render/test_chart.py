"""The profile chart: a valid Vega-Lite spec, one row per dimension, band shown by shape."""

from __future__ import annotations

import re
from typing import Any

from assessment.bank.models import Bank
from assessment.engine.result import build_result
from assessment.render.chart import BAND_SHAPES, ROW_HEIGHT, chart_rows, profile_chart
from assessment.render.summary import summarize
from tests.personas import MODERNIZER, persona_answers


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    layers: list[dict[str, Any]] = spec["layer"]
    return layers


def test_spec_validates_against_the_vega_lite_schema(bank: Bank) -> None:
    """to_dict() with schema validation passes (the app skips validation for speed)."""
    summary = summarize(build_result(persona_answers(MODERNIZER), bank), bank, "de")
    spec = profile_chart(summary).to_dict()  # validates
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert spec["height"] == 74 * len(bank.dimensions)


def test_one_row_per_card_in_card_order(bank: Bank) -> None:
    """Rows follow the cards: development areas first, with score and target band."""
    summary = summarize(
        build_result(persona_answers(MODERNIZER, profile="mittelstand"), bank), bank, "en"
    )
    rows = chart_rows(summary)
    assert [row["name"] for row in rows] == [card.name for card in summary.cards]
    first = rows[0]
    assert (first["score"], first["low"], first["high"], first["band"]) == (0, 65, 100, "below")
    assert first["band_label"] == "below the target range"


def test_band_is_encoded_by_shape_not_only_colour(bank: Bank) -> None:
    """The score marker's shape scale maps each band to its own shape."""
    summary = summarize(build_result(persona_answers(MODERNIZER), bank), bank, "de")
    spec = profile_chart(summary).to_dict(validate=False)
    encodings = [layer.get("encoding", {}) for layer in _layers(spec)]
    shapes = [encoding["shape"] for encoding in encodings if "shape" in encoding]
    assert len(shapes) == 1
    assert shapes[0]["scale"]["domain"] == list(BAND_SHAPES)
    assert shapes[0]["scale"]["range"] == list(BAND_SHAPES.values())
    assert len(set(BAND_SHAPES.values())) == len(BAND_SHAPES)


def test_spec_loads_nothing_from_outside(bank: Bank) -> None:
    """The data is inline: the chart never fetches a URL."""
    summary = summarize(build_result(persona_answers(MODERNIZER), bank), bank, "de")
    text = str(profile_chart(summary).to_dict(validate=False)["datasets"])
    assert "http" not in text


def test_spec_from_template_equals_a_freshly_built_spec(bank: Bank) -> None:
    """The fast spec equals Altair's own for other data, language by language."""
    from assessment.render.chart import profile_chart_spec
    from tests.personas import FIREFIGHTER, TECHNICIAN

    for lang in ("de", "en"):
        first = summarize(build_result(persona_answers(MODERNIZER), bank), bank, lang)
        profile_chart_spec(first)  # builds the template from the first summary
        for persona in (FIREFIGHTER, TECHNICIAN):
            other = summarize(build_result(persona_answers(persona), bank), bank, lang)
            fast = profile_chart_spec(other)
            built = profile_chart(other).to_dict(validate=False)
            assert list(fast["datasets"].values()) == list(built["datasets"].values())
            assert {k: v for k, v in fast.items() if k not in ("data", "datasets")} == {
                k: v for k, v in built.items() if k not in ("data", "datasets")
            }
            assert fast["datasets"][fast["data"]["name"]] == chart_rows(other)


def _dy_at(mark: dict[str, Any], width: int) -> float:
    """The mark's dy at a chart width: a number, or the expression Vega evaluates with width."""
    dy = mark["dy"]
    if not isinstance(dy, dict):
        return float(dy)
    found = re.fullmatch(r"width < (\d+) \? (\d+) : (\d+)", dy["expr"])
    assert found, dy
    limit, narrow, wide = (int(part) for part in found.groups())
    return float(narrow if width < limit else wide)


def test_score_label_and_band_text_do_not_overlap_on_a_phone(bank: Bank) -> None:
    """At 358 px (a 390 px phone) the band's text ("Zielbereich 60–100") sits on its own line
    under the score label, above the next row's name; on a wide screen both share one line."""
    summary = summarize(build_result(persona_answers(MODERNIZER), bank), bank, "de")
    marks = {
        layer["encoding"]["text"]["field"]: layer["mark"]
        for layer in _layers(profile_chart(summary).to_dict())
        if layer["mark"].get("type") == "text"
    }
    label, target, name = marks["label"], marks["target"], marks["name"]
    next_name_top = ROW_HEIGHT + name["dy"] - name["fontSize"] * 1.2
    assert _dy_at(target, 358) >= _dy_at(label, 358) + label["fontSize"]
    assert _dy_at(target, 358) + target["fontSize"] * 1.2 < next_name_top
    assert _dy_at(target, 900) == _dy_at(label, 900)
