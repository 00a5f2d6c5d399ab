"""A provisional score (rules 3: too few scored answers for a firm verdict) is said as such on
every surface that marks it (issue 22): the chart's key names "□ vorläufig" and the chart draws
a hollow square; the path's stations name it with its score, never as "noch offen"."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    TradeoffItem,
    answer_values,
)
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result
from assessment.i18n import Language
from assessment.messages import msg, voiced
from assessment.render.chart import PROVISIONAL_SHAPE, profile_chart_spec
from assessment.render.chartkey import chart_key
from assessment.render.path import station_lines
from assessment.render.summary import Summary, summarize
from tests.banks import RELEASED

NEWEST = max(RELEASED)
pytestmark = pytest.mark.skipif(
    load_bank(NEWEST).rules.min_firm_answers is None, reason="the newest bank has no provisional"
)


def _best(item: Item) -> int | str:
    if isinstance(item, LikertItem):
        # A frequency statement (rules 4) ends at 4, "more often".
        return max(answer_values(item)) if item.keying == "plus" else 1
    if isinstance(item, Scenario):
        return max(item.options, key=lambda o: o.score).id
    if isinstance(item, KnowledgeItem):
        return item.key
    return 3 if isinstance(item, TradeoffItem) else 1


def _result(bank: Bank, provisional: bool) -> tuple[Result, str]:
    """The best answer everywhere; with provisional, one demand keeps only three scored answers
    (its best possible score, but provisional). Return the result and that demand."""
    form: FormId = "short"
    dimension = next(
        d
        for d in bank.dimension_ids
        if len([i for i in bank.form_items_of(form, d) if not isinstance(i, TradeoffItem)]) > 4
    )
    responses: dict[str, int | str] = {}
    kept = 0
    for item in bank.form_items(form):
        if provisional and item.dimension == dimension and not isinstance(item, TradeoffItem):
            if kept == 3:
                continue
            kept += 1
        responses[item.id] = _best(item)
    answers = Answers(
        bank_version=bank.version,
        form=form,
        profile="public",
        language="de",
        background="changer",
        responses=responses,
    )
    return build_result(answers, bank, "changer"), dimension


def _summary(provisional: bool, lang: Language = "de") -> tuple[Summary, str, Bank]:
    bank = load_bank(NEWEST)
    result, dimension = _result(bank, provisional)
    summary = summarize(result, bank, lang)
    if provisional:
        card = next(c for c in summary.cards if c.dimension == dimension)
        assert card.band == "provisional"
        assert card.score is not None
        assert card.score >= 90
    return summary, dimension, bank


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_chart_key_names_the_provisional_square_only_when_shown(lang: Language) -> None:
    summary, _, _ = _summary(True, lang)
    key = chart_key(summary, lang, "self", uncertain=True)
    assert key.startswith(voiced("ui.result.chart_caption_v2", lang, "self"))
    assert ("□ vorläufig" if lang == "de" else "□ provisional") in key
    firm, _, _ = _summary(False, lang)
    assert not any(card.band == "provisional" for card in firm.cards)
    assert chart_key(firm, lang, "self", uncertain=True) == voiced(
        "ui.result.chart_caption_v2", lang, "self"
    )


def _marker(spec: dict[str, object]) -> dict[str, object]:
    layers = spec["layer"]
    assert isinstance(layers, list)
    return next(layer for layer in layers if layer["mark"]["type"] == "point")


def test_the_chart_draws_a_provisional_score_as_a_hollow_square_after_a_firm_chart() -> None:
    """The spec's template is kept per language and row count: a chart with a provisional
    score must not reuse the template of one without (whose shapes lack the square)."""
    firm, _, _ = _summary(False)
    profile_chart_spec(firm)  # builds (and keeps) the template without a provisional score
    summary, _, _ = _summary(True)
    spec = profile_chart_spec(summary)
    encoding = _marker(spec)["encoding"]
    assert isinstance(encoding, dict)
    shape = encoding["shape"]["scale"]
    assert shape["range"][shape["domain"].index("provisional")] == PROVISIONAL_SHAPE
    assert encoding["fill"]["condition"]["value"] == "white", "hollow: the key's □"
    rows = next(iter(spec["datasets"].values()))
    assert "provisional" in [r["band"] for r in rows]


def test_a_station_names_a_provisional_score_as_such_not_as_open() -> None:
    summary, dimension, bank = _summary(True)
    assert summary.path is not None
    assert not summary.path.short
    name = bank.dimension(dimension).name("de")
    card = next(c for c in summary.cards if c.dimension == dimension)
    building = [s for s in summary.path.stations if name in s.builds]
    assert building, "some station builds the demand"
    for station in building:
        assert name not in station.focus, "a provisional score is not open"
        lines = station_lines(station, "de", "self")
        # Rules 4 say why in their own words: too few answers point the verdict's way.
        key = (
            "rules4.basis.path_provisional"
            if bank.rules.per_view_disagreement
            else "nav.path_provisional"
        )
        expected = msg(
            key,
            "de",
            names=msg("nav.provisional_score", "de", name=name, score=card.score),
        )
        assert any(line.startswith(expected.split(":")[0]) for line in lines)
        assert f"{name} (vorläufig {card.score})" in "\n".join(lines)
        assert not any(name in line and "noch offen" in line for line in lines)
