"""Item statistics on simulated respondents: alpha, corrected item-total r, twin pairs, flags."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    SCENARIO_OPTION_IDS,
    Bank,
    FormId,
    LikertItem,
)
from assessment.engine.answers import Answers
from assessment.group.itemstats import (
    MAX_TWIN_R,
    MIN_ALPHA,
    MIN_ITEM_TOTAL_R,
    MIN_RESPONSES_FOR_STATS,
    dimension_statistics,
    format_stat,
    item_statistics,
)
from assessment.messages import msg

# Latent value → answer 1–5: below −1.5 is 1, −1.5…−0.5 is 2, … above 1.5 is 5.
THRESHOLDS = np.array([-1.5, -0.5, 0.5, 1.5])
NOISE_SD = 0.6


def simulate(
    bank: Bank,
    count: int,
    seed: int,
    form: FormId = "full",
    noise_items: frozenset[str] = frozenset(),
) -> list[Answers]:
    """Return respondents with one latent trait per dimension; noise_items ignore the trait."""
    rng = np.random.default_rng(seed)
    people = []
    for _ in range(count):
        trait = {d: rng.normal() for d in bank.dimension_ids}
        responses: dict[str, int | str] = {}
        for item in bank.form_items(form):
            if not isinstance(item, LikertItem):
                responses[item.id] = SCENARIO_OPTION_IDS[int(rng.integers(0, 4))]
                continue
            if item.id in noise_items:
                latent = rng.normal()
            else:
                direction = 1.0 if item.keying == "plus" else -1.0
                latent = direction * trait[item.dimension] + rng.normal(0.0, NOISE_SD)
            responses[item.id] = int(np.digitize(latent, THRESHOLDS)) + LIKERT_MIN
        people.append(Answers(bank_version=bank.version, form=form, responses=responses))
    return people


def noise_candidate(bank: Bank) -> LikertItem:
    """Return a plus-keyed full-form statement that belongs to no twin pair."""
    paired = {member for pair in bank.pairs for member in (pair.plus, pair.minus)}
    return next(
        item
        for item in bank.form_items("full")
        if isinstance(item, LikertItem) and item.keying == "plus" and item.id not in paired
    )


def test_coherent_scales_are_reliable_and_unflagged(bank: Bank) -> None:
    """Simulated coherent scales give alpha > 0.8, item-total r > 0.5, twins r < −0.5, no flags."""
    report = item_statistics(simulate(bank, 300, seed=1))
    (section,) = report.sections
    assert (section.bank_version, section.form, section.people) == (1, "full", 300)
    assert [d.dimension for d in section.dimensions] == list(bank.dimension_ids)
    for dimension in section.dimensions:
        assert dimension.n == 300
        assert dimension.too_few is False
        assert dimension.alpha is not None
        assert dimension.alpha > 0.8
        assert dimension.alpha_ci is not None
        low, high = dimension.alpha_ci
        assert low < dimension.alpha < high <= 1.0
        assert high - low < 0.15
        likert = [
            i for i in bank.form_items_of("full", dimension.dimension) if isinstance(i, LikertItem)
        ]
        assert [s.item for s in dimension.items] == [i.id for i in likert]
        for stat in dimension.items:
            assert stat.item_total_r is not None
            assert stat.item_total_r > 0.5
        pairs = [p for p in bank.pairs if bank.item(p.plus).dimension == dimension.dimension]
        assert [(p.plus, p.minus) for p in dimension.pairs] == [(p.plus, p.minus) for p in pairs]
        for pair in dimension.pairs:
            assert pair.n == 300
            assert pair.r is not None
            assert pair.r < -0.5
        assert dimension.flags == ()
    assert report.flags == ()


def test_a_pure_noise_item_is_flagged_by_its_item_total_r(bank: Bank) -> None:
    """A statement unrelated to its dimension has a low corrected item-total r and is flagged."""
    noise = noise_candidate(bank)
    report = item_statistics(simulate(bank, 300, seed=2, noise_items=frozenset({noise.id})))
    dimension = next(d for d in report.sections[0].dimensions if d.dimension == noise.dimension)
    stats = {s.item: s for s in dimension.items}
    noise_r = stats[noise.id].item_total_r
    assert noise_r is not None
    assert abs(noise_r) < 0.15
    for item_id, stat in stats.items():
        if item_id != noise.id:
            assert stat.item_total_r is not None
            assert stat.item_total_r > 0.5
    assert [(f.kind, f.subject) for f in dimension.flags] == [("low_item_total", noise.id)]
    flag = dimension.flags[0]
    assert flag.value == noise_r
    assert flag.threshold == MIN_ITEM_TOTAL_R
    assert flag.tentative is False
    assert flag.reason("en") == msg(
        "group.flag_low_item_total",
        "en",
        value=format_stat(noise_r, "en"),
        threshold="0.30",
    )
    assert [(f.kind, f.subject) for f in report.flags] == [("low_item_total", noise.id)]


def test_statistics_match_the_textbook_formulas(bank: Bank) -> None:
    """Alpha equals k/(k−1)·(1 − Σ item variances / total variance); r is item vs. rest, keyed."""
    people = simulate(bank, 80, seed=3, form="short")
    dimension_id = bank.dimension_ids[0]
    stats = dimension_statistics(bank, "short", dimension_id, people)
    items = [i for i in bank.form_items_of("short", dimension_id) if isinstance(i, LikertItem)]
    raw = np.array([[p.responses[i.id] for i in items] for p in people], dtype=float)
    minus = np.array([i.keying == "minus" for i in items])
    keyed = np.where(minus, LIKERT_MIN + LIKERT_MAX - raw, raw)
    k = len(items)
    expected_alpha = k / (k - 1) * (1 - keyed.var(axis=0, ddof=1).sum() / keyed.sum(1).var(ddof=1))
    assert stats.alpha == pytest.approx(expected_alpha, abs=1e-12)
    for j, stat in enumerate(stats.items):
        rest = keyed.sum(axis=1) - keyed[:, j]
        assert stat.item_total_r == pytest.approx(np.corrcoef(keyed[:, j], rest)[0, 1], abs=1e-12)
        assert stat.mean == pytest.approx(raw[:, j].mean())
        assert stat.sd == pytest.approx(raw[:, j].std(ddof=1))
    for pair in stats.pairs:
        plus = raw[:, [i.id for i in items].index(pair.plus)]
        minus = raw[:, [i.id for i in items].index(pair.minus)]
        assert pair.r == pytest.approx(np.corrcoef(plus, minus)[0, 1], abs=1e-12)


def test_only_complete_responses_count_per_dimension(bank: Bank) -> None:
    """A person missing one statement of a dimension is left out there, not elsewhere."""
    people = simulate(bank, 40, seed=4)
    first, second = bank.dimension_ids[:2]
    dropped = next(i for i in bank.form_items_of("full", first) if isinstance(i, LikertItem)).id
    gappy = [
        p.model_copy(update={"responses": {k: v for k, v in p.responses.items() if k != dropped}})
        if index < 12
        else p
        for index, p in enumerate(people)
    ]
    by_id = {d.dimension: d for d in item_statistics(gappy).sections[0].dimensions}
    assert by_id[first].n == 28
    assert by_id[first].too_few is True
    assert by_id[second].n == 40
    assert by_id[second].too_few is False


@pytest.mark.parametrize(("count", "too_few"), [(29, True), (30, False)])
def test_too_few_boundary(bank: Bank, count: int, too_few: bool) -> None:
    """Below MIN_RESPONSES_FOR_STATS complete responses the statistics carry too_few."""
    assert MIN_RESPONSES_FOR_STATS == 30
    report = item_statistics(simulate(bank, count, seed=5))
    for dimension in report.sections[0].dimensions:
        assert dimension.n == count
        assert dimension.too_few is too_few
        assert dimension.alpha is not None


def test_few_responses_are_computed_but_marked_and_flags_tentative(bank: Bank) -> None:
    """With 12 responses alpha is still computed, too_few is set and every flag is tentative."""
    noise = noise_candidate(bank)
    report = item_statistics(simulate(bank, 12, seed=6, noise_items=frozenset({noise.id})))
    dimensions = report.sections[0].dimensions
    assert all(d.too_few and d.n == 12 and d.alpha is not None for d in dimensions)
    assert all(flag.tentative for flag in report.flags)


def test_fewer_than_three_responses_give_none_never_nan(bank: Bank) -> None:
    """With two respondents every statistic is None, and the JSON holds no NaN."""
    report = item_statistics(simulate(bank, 2, seed=7))
    for dimension in report.sections[0].dimensions:
        assert dimension.n == 2
        assert (dimension.alpha, dimension.alpha_ci) == (None, None)
        assert all(s.item_total_r is None for s in dimension.items)
        assert all(p.r is None for p in dimension.pairs)
        assert dimension.flags == ()
    json.dumps(report.model_dump(mode="json"), allow_nan=False)


def test_zero_variance_gives_none_never_nan(bank: Bank) -> None:
    """Identical answers from everyone leave alpha and correlations undefined: None, no flag."""
    responses: dict[str, int | str] = {
        item.id: 3 if isinstance(item, LikertItem) else "a" for item in bank.form_items("full")
    }
    same = [Answers(bank_version=1, form="full", responses=responses)] * 10
    report = item_statistics(same)
    for dimension in report.sections[0].dimensions:
        assert dimension.n == 10
        assert dimension.alpha is None
        assert all(s.item_total_r is None and s.sd == 0.0 for s in dimension.items)
        assert all(s.mean == 3.0 for s in dimension.items)
        assert all(p.r is None for p in dimension.pairs)
    assert report.flags == ()
    json.dumps(report.model_dump(mode="json"), allow_nan=False)


def test_reversed_twins_answered_alike_and_a_weak_scale_are_flagged(bank: Bank) -> None:
    """Twins that correlate positively, and a scale of pure noise, are flagged with reasons."""
    pair = bank.pairs[0]
    dimension_id = str(bank.item(pair.plus).dimension)
    likert = {i.id for i in bank.form_items_of("full", dimension_id) if isinstance(i, LikertItem)}
    people = simulate(bank, 200, seed=8, noise_items=frozenset(likert))
    dimension = next(
        d for d in item_statistics(people).sections[0].dimensions if d.dimension == dimension_id
    )
    kinds = {(f.kind, f.subject) for f in dimension.flags}
    assert ("low_alpha", dimension_id) in kinds
    assert dimension.alpha is not None
    assert dimension.alpha < MIN_ALPHA
    twin = next(p for p in dimension.pairs if (p.plus, p.minus) == (pair.plus, pair.minus))
    assert twin.r is not None
    assert abs(twin.r) < 0.2
    assert ("twin_not_opposed", f"{pair.plus}/{pair.minus}") in kinds
    alike = [
        p.model_copy(update={"responses": {**p.responses, pair.minus: p.responses[pair.plus]}})
        for p in simulate(bank, 100, seed=9)
    ]
    copied = next(
        d for d in item_statistics(alike).sections[0].dimensions if d.dimension == dimension_id
    )
    twin_flags = [f for f in copied.flags if f.kind == "twin_not_opposed"]
    assert [f.subject for f in twin_flags] == [f"{pair.plus}/{pair.minus}"]
    assert twin_flags[0].value == pytest.approx(1.0)
    assert twin_flags[0].threshold == MAX_TWIN_R
    assert "−0,20" in twin_flags[0].reason("de")


def test_forms_are_analysed_separately(bank: Bank) -> None:
    """Short-form and full-form respondents form two sections with their own statements."""
    report = item_statistics(
        simulate(bank, 5, seed=10, form="full") + simulate(bank, 7, seed=11, form="short")
    )
    assert [(s.form, s.people) for s in report.sections] == [("short", 7), ("full", 5)]
    short_items = {item.id for item in bank.form_items("short") if isinstance(item, LikertItem)}
    assert {stat.item for d in report.sections[0].dimensions for stat in d.items} == short_items


def test_format_stat_reads_naturally() -> None:
    """German uses a decimal comma, both a real minus sign; None reads 'not computable'."""
    assert format_stat(-0.2, "de") == "−0,20"
    assert format_stat(0.8123, "en") == "0.81"
    assert format_stat(None, "de") == "nicht berechenbar"
    assert format_stat(None, "en") == "not computable"
