"""The group chart: a valid, small Vega-Lite spec per bank version, exportable without a browser."""

from __future__ import annotations

import random
from typing import Any

import vl_convert

from assessment.bank.models import FORM_IDS, SCENARIO_OPTION_IDS, Bank, LikertItem
from assessment.engine.answers import Answers
from assessment.group.chart import GROUP_ROW_HEIGHT, group_chart, group_chart_rows
from assessment.group.overview import VersionGroup, score_group
from assessment.group.text import format_score
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers

MAX_SCORE_VALUES = 101  # whole scores 0…100


def _random_group(bank: Bank, count: int, seed: int = 7) -> VersionGroup:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    people = []
    for _ in range(count):
        form = rng.choice(FORM_IDS)
        responses: dict[str, int | str] = {
            item.id: (
                rng.randint(1, 5)
                if isinstance(item, LikertItem)
                else rng.choice(SCENARIO_OPTION_IDS)
            )
            for item in bank.form_items(form)
        }
        people.append(Answers(bank_version=1, form=form, profile="public", responses=responses))
    return score_group(people, "public").versions[0]


def _personas() -> VersionGroup:
    people = [persona_answers(p) for p in (FIREFIGHTER, MODERNIZER, TECHNICIAN)]
    return score_group(people, "mittelstand").versions[0]


def test_spec_validates_against_the_vega_lite_schema(bank: Bank) -> None:
    """to_dict() with schema validation passes; one row of the chart per dimension."""
    spec = group_chart(_personas(), bank, "de").to_dict()  # validates
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert spec["height"] == GROUP_ROW_HEIGHT * len(bank.dimensions)
    assert len(spec["layer"]) == 9


def test_rows_carry_the_band_the_quartiles_and_the_met_count(bank: Bank) -> None:
    """Each dimension row names the dimension, its target band, median and who meets it."""
    section = _personas()
    dimensions, dots = group_chart_rows(section, bank, "de")
    assert [row["name"] for row in dimensions] == [d.name("de") for d in bank.dimensions]
    for row, dimension in zip(dimensions, section.dimensions, strict=True):
        spread = dimension.distribution
        assert spread is not None
        assert (row["low"], row["high"]) == (dimension.low, dimension.high)
        assert (row["q1"], row["median"], row["q3"]) == (spread.q1, spread.median, spread.q3)
        median = format_score(spread.median, "de")
        assert row["label"] == f"Median {median} · erfüllt: {dimension.meets} von 3"
        assert row["middle"] == (
            f"Mittlere Hälfte {format_score(spread.q1, 'de')}–{format_score(spread.q3, 'de')},"
            f" Median {median}"
        )
        assert row["target"] == f"Zielbereich {dimension.low}–{dimension.high}"
    assert sum(dot["count"] for dot in dots) == 3 * len(bank.dimensions)


def test_dots_are_aggregated_so_the_spec_stays_small(bank: Bank) -> None:
    """Four hundred people: one dot per distinct score, counts add up to the people scored."""
    section = _random_group(bank, 400)
    _, dots = group_chart_rows(section, bank, "en")
    for order, dimension in enumerate(section.dimensions):
        mine = [dot for dot in dots if dot["order"] == order]
        assert len(mine) <= MAX_SCORE_VALUES
        assert len({dot["score"] for dot in mine}) == len(mine)
        assert sum(dot["count"] for dot in mine) == len(dimension.scores)
    assert any(dot["count"] > 1 for dot in dots)
    assert dots[0]["tip"].endswith(" people") or dots[0]["tip"].endswith(" 1 person")


def test_a_dimension_nobody_can_be_scored_on_has_no_box_and_says_so(bank: Bank) -> None:
    """No answers to a dimension: no quartiles, no dots, and a label instead of invented figures."""
    first = bank.dimension_ids[0]
    answers = persona_answers(MODERNIZER, form="short")
    kept = {
        item_id: value
        for item_id, value in answers.responses.items()
        if bank.item(item_id).dimension != first
    }
    section = score_group([answers.model_copy(update={"responses": kept})]).versions[0]
    dimensions, dots = group_chart_rows(section, bank, "de")
    assert dimensions[0]["median"] is None
    assert dimensions[0]["label"] == "bei niemandem bewertbar (zu wenige Antworten)"
    assert all(dot["order"] != 0 for dot in dots)
    spec: dict[str, Any] = group_chart(section, bank, "de").to_dict()
    filters = [layer.get("transform", []) for layer in spec["layer"]]
    assert sum(1 for f in filters if {"filter": "datum.median != null"} in f) == 2


def test_chart_exports_without_a_browser_and_loads_nothing_from_outside(bank: Bank) -> None:
    """vl_convert draws it as PNG and SVG; the SVG shows the names; no URL in the data."""
    spec = group_chart(_personas(), bank, "de").to_dict(validate=False)
    assert "http" not in str(spec["datasets"])
    png = vl_convert.vegalite_to_png(spec)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = vl_convert.vegalite_to_svg(spec)
    assert "Führung &amp; Strategie" in svg


def _svg_texts(spec: dict[str, Any], width: int) -> list[str]:
    """Return the texts vl_convert draws for the spec at a width (whole text elements)."""
    import re

    svg = vl_convert.vegalite_to_svg({**spec, "width": width})
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(r"<text[^>]*>(.*?)</text>", svg)]


def test_a_phone_chart_keeps_the_borderline_and_provisional_count() -> None:
    """Usability verify pass n5: the desktop label says "an der Grenze oder vorläufig: N" beside
    the median; a phone's (narrow) chart says it on a line of its own, for every requirement
    with such people, in both languages."""
    from assessment.bank.load import load_bank
    from tests import simulate

    v3 = load_bank(3)
    people = [
        simulate.respond("honest", simulate.draw_person(v3, 2026, n), v3, "short", 2026)
        for n in range(5)
    ]
    section = score_group(people, "duisburg").versions[0]
    unfirm = {
        v3.dimension(d.dimension).name("de"): d.borderline + d.provisional
        for d in section.dimensions
        if d.distribution is not None and d.borderline + d.provisional
    }
    assert unfirm
    for lang in ("de", "en"):
        spec = group_chart(section, v3, lang).to_dict()
        for width in (340, 720):
            shown = _svg_texts(spec, width)
            for count in set(unfirm.values()):
                wanted = (
                    f"an der Grenze oder vorläufig: {count}"
                    if lang == "de"
                    else f"borderline or provisional: {count}"
                )
                assert any(text.endswith(wanted) for text in shown), (lang, width, count)
            lines = [t for t in shown if "vorläufig:" in t or "provisional:" in t]
            assert len(lines) == len(unfirm), (lang, width)
