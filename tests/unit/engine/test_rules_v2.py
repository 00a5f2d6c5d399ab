"""The honest-verdict rules (bank v2 on), on a small v2-style fixture bank, with boundaries."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.bank.load import load_bank, read_bank
from assessment.bank.models import (
    UNSURE,
    Bank,
    LikertItem,
    Scenario,
    Target,
    TradeoffItem,
    ValidityItem,
)
from assessment.codes.share import decode_code, encode_code
from assessment.engine import matching, quality, scoring
from assessment.engine.answers import Answers, check_answers
from assessment.engine.matching import band_v2, clearly_better, compare_profiles, overall_level_v2
from assessment.engine.quality import agreed_opposites_threshold, check_quality
from assessment.engine.result import build_result
from assessment.engine.scoring import DimensionScore, score_answers, standard_error
from assessment.errors import AnswersError, BankError
from assessment.render.summary import summarize
from tests.bankcopy import TomlData, edit_toml
from tests.strategies import FIXTURE_ROOT, v2_answers

SEEDED_PEOPLE = 2_000


@pytest.fixture(scope="module")
def fixture_bank() -> Bank:
    """The v2-style fixture bank (not the real v2 content)."""
    return load_bank(2, FIXTURE_ROOT)


def _answers(bank: Bank, responses: dict[str, int | str], **extra: object) -> Answers:
    return Answers(bank_version=2, form="full", responses=responses, **extra)  # type: ignore[arg-type]


def _pattern(
    bank: Bank, statement: int, tradeoff: int = 3, virtue: int = 1
) -> dict[str, int | str]:
    """Every statement answered `statement` (keyed as given), trade-offs and virtues fixed,
    and each scenario's second option."""
    responses: dict[str, int | str] = {}
    for item in bank.form_items("full"):
        if isinstance(item, Scenario):
            responses[item.id] = "b"
        elif isinstance(item, TradeoffItem):
            responses[item.id] = tradeoff
        elif isinstance(item, ValidityItem):
            responses[item.id] = virtue
        else:
            responses[item.id] = statement
    return responses


def _score(bank: Bank, answers: Answers, dimension: str) -> DimensionScore:
    return next(s for s in score_answers(answers, bank) if s.dimension == dimension)


# --- can't judge yet ---------------------------------------------------------------------


def test_unsure_is_refused_where_the_statement_does_not_offer_it(fixture_bank: Bank) -> None:
    """Only statements that presume experience take "na"; others refuse it by name."""
    with pytest.raises(AnswersError) as caught:
        check_answers(_answers(fixture_bank, {"alpha_l1": UNSURE}), fixture_bank)
    assert caught.value.key == "answers.unsure_not_offered"
    assert "alpha_l1" in caught.value.message("en")
    check_answers(_answers(fixture_bank, {"alpha_l5": UNSURE}), fixture_bank)


@given(v2_answers(), st.data())
def test_property_unsure_never_changes_a_score_or_raises_a_flag(
    given_answers: Answers, data: st.DataObject
) -> None:
    """Adding "can't judge yet" on an unanswered statement changes no score, no uncertainty
    and no quality flag."""
    bank = load_bank(2, FIXTURE_ROOT)
    open_items = [
        item.id
        for item in bank.form_items(given_answers.form)
        if getattr(item, "presumes", None) and item.id not in given_answers.responses
    ]
    if not open_items:
        return
    chosen = data.draw(st.lists(st.sampled_from(open_items), min_size=1, unique=True))
    more = given_answers.model_copy(
        update={"responses": {**given_answers.responses, **dict.fromkeys(chosen, UNSURE)}}
    )
    before, after = score_answers(given_answers, bank), score_answers(more, bank)
    assert [(s.score, s.uncertainty, s.axis) for s in before] == [
        (s.score, s.uncertainty, s.axis) for s in after
    ]
    assert check_quality(more, bank) == check_quality(given_answers, bank)


def test_too_few_scorable_answers_because_of_unsure_make_an_area_to_gain_experience(
    fixture_bank: Bank,
) -> None:
    """delta: 4 of its 6 statements presume a team; answering them "na" leaves 3 of 7 scorable,
    below half: an area to gain experience, not "below" and not missing data."""
    responses = _pattern(fixture_bank, 4)
    for item_id in ("delta_l3", "delta_l4", "delta_l5", "delta_l6"):
        responses[item_id] = UNSURE
    answers = _answers(fixture_bank, responses, background="starter")
    delta = _score(fixture_bank, answers, "delta")
    assert (delta.score, delta.status, delta.unsure, delta.answered, delta.total) == (
        None,
        "experience",
        4,
        7,
        7,
    )
    result = build_result(answers, fixture_bank)
    match = next(m for m in result.match.dimensions if m.dimension == "delta")
    assert match.band == "experience"
    assert result.match.experience == ("delta",)
    summary = summarize(result, fixture_bank, "de")
    card = next(c for c in summary.cards if c.dimension == "delta")
    assert card.band_label == "Erfahrungsfeld"
    assert card.next_steps == ("Einstiegsschritt delta 1.", "Einstiegsschritt delta 2.")
    assert "kein Defizit" in card.verdict


def test_one_unsure_fewer_and_the_dimension_is_scored(fixture_bank: Bank) -> None:
    """Boundary: with three "na" answers, 4 of 7 are scorable (≥ half) and delta is scored."""
    responses = _pattern(fixture_bank, 4)
    for item_id in ("delta_l3", "delta_l4", "delta_l5"):
        responses[item_id] = UNSURE
    delta = _score(fixture_bank, _answers(fixture_bank, responses), "delta")
    assert delta.status == "scored"
    assert delta.score is not None


def test_unanswered_is_missing_data_not_an_area_to_gain_experience(fixture_bank: Bank) -> None:
    """Leaving a dimension's items out is "missing"; only "na" answers make an experience area."""
    responses = {k: v for k, v in _pattern(fixture_bank, 4).items() if not k.startswith("delta")}
    delta = _score(fixture_bank, _answers(fixture_bank, responses), "delta")
    assert (delta.score, delta.status) == (None, "missing")


@pytest.mark.parametrize(
    ("background", "heading", "first_step"),
    [
        ("starter", "Erfahrungsfelder", "Einstiegsschritt alpha 1."),
        ("experienced", "Entwicklungsfelder", "Erfahrenenschritt alpha 1."),
        ("changer", "Entwicklungsfelder", "Allgemeiner Schritt alpha 1."),
    ],
)
def test_feedback_follows_the_background(
    fixture_bank: Bank, background: str, heading: str, first_step: str
) -> None:
    """Below the band, starters see areas to gain experience with entry steps, others
    development areas with their background's steps (the general ones where it has none)."""
    responses = _pattern(fixture_bank, 4)
    for item in fixture_bank.form_items_of("full", "alpha"):
        if isinstance(item, LikertItem):
            responses[item.id] = 1 if item.keying == "plus" else 5
        elif isinstance(item, Scenario):
            responses[item.id] = "c"  # scored 0
    answers = _answers(fixture_bank, responses, background=background)
    summary = summarize(build_result(answers, fixture_bank), fixture_bank, "de")
    group = next(g for g in summary.groups if "alpha" in g.dimensions)
    assert group.heading == heading
    card = next(c for c in summary.cards if c.dimension == "alpha")
    assert card.next_steps[0] == first_step


# --- uncertainty and borderline ------------------------------------------------------------


def test_standard_error_uses_the_spread_but_at_least_the_assumed_one() -> None:
    """SE = max(SD, 1 scale point) / √n, in points; identical answers are not exact."""
    assert standard_error([4.0] * 4) == 13  # 1.0 / √4 × 25 = 12.5, rounded half up
    values = [1.0, 5.0, 1.0, 5.0]
    spread = math.sqrt(sum((v - 3) ** 2 for v in values) / 3)
    assert standard_error(values) == math.floor(spread / 2 * 25 + 0.5)


@pytest.mark.parametrize(
    ("score", "error", "band"),
    [
        (60, 9, "borderline"),  # on the edge
        (51, 9, "borderline"),  # edge exactly one SE above
        (50, 9, "below"),  # one point further
        (69, 9, "borderline"),
        (70, 9, "within"),
    ],
)
def test_a_band_edge_within_the_uncertainty_is_borderline(
    score: int, error: int, band: str
) -> None:
    """Boundaries of "an der Grenze": |score − low| ≤ SE."""
    target = Target(low=60, high=100, weight=2, rationale={"de": "x", "en": "x"})  # type: ignore[arg-type]
    given = DimensionScore(
        dimension="alpha", score=score, answered=7, total=7, uncertainty=error, status="scored"
    )
    assert band_v2(given, target)[0] == band


def test_borderline_reads_an_der_grenze_with_its_uncertainty(fixture_bank: Bank) -> None:
    """A borderline card says so in words and names the uncertainty, never a gap in points."""
    responses = _pattern(fixture_bank, 4)
    answers = _answers(fixture_bank, responses)
    result = build_result(answers, fixture_bank)
    summary = summarize(result, fixture_bank, "de")
    texts = " ".join(c.verdict for c in summary.cards)
    assert "Punkte unter" not in texts
    for card in summary.cards:
        if card.band == "borderline":
            assert card.band_label == "an der Grenze"
            assert f"± {card.uncertainty}" in card.verdict


# --- trade-offs, validity, quality -----------------------------------------------------------


def test_tradeoffs_never_enter_the_level_and_are_oriented_by_high(fixture_bank: Bank) -> None:
    """Moving every trade-off from pole a to pole b changes no level score; the axis follows
    `high` (t1 has pole b as text b, t2 as text a), so answering 5 on both is the middle."""
    low = _answers(fixture_bank, _pattern(fixture_bank, 4, tradeoff=1))
    high = _answers(fixture_bank, _pattern(fixture_bank, 4, tradeoff=5))
    assert [s.score for s in score_answers(low, fixture_bank)] == [
        s.score for s in score_answers(high, fixture_bank)
    ]
    assert {s.axis for s in score_answers(high, fixture_bank)} == {50}
    responses = _pattern(fixture_bank, 4)
    responses.update({"alpha_t1": 5, "alpha_t2": 1})
    assert _score(fixture_bank, _answers(fixture_bank, responses), "alpha").axis == 100


@pytest.mark.parametrize(("fully", "flagged"), [(2, False), (3, True)])
def test_unlikely_virtues_fully_endorsed_by_most_raise_a_notice(
    fixture_bank: Bank, fully: int, flagged: bool
) -> None:
    """Boundary: "trifft voll zu" on 3 of 5 virtues fires, 2 of 5 do not; "eher" never counts."""
    responses = _pattern(fixture_bank, 4, virtue=4)
    for number in range(1, fully + 1):
        responses[f"virtue_{number}"] = 5
    kinds = [f.kind for f in check_quality(_answers(fixture_bank, responses), fixture_bank)]
    assert ("unlikely_virtues" in kinds) is flagged


def test_virtues_never_enter_a_score(fixture_bank: Bank) -> None:
    """Validity statements change no dimension score."""
    a = score_answers(_answers(fixture_bank, _pattern(fixture_bank, 4, virtue=1)), fixture_bank)
    b = score_answers(_answers(fixture_bank, _pattern(fixture_bank, 4, virtue=5)), fixture_bank)
    assert a == b


def test_only_pairs_agreed_on_both_sides_count(fixture_bank: Bank) -> None:
    """Rejecting both twins never counts; agreeing with both does, from 4 pairs (full form)."""
    rejected = _pattern(fixture_bank, 1)
    kinds = [f.kind for f in check_quality(_answers(fixture_bank, rejected), fixture_bank)]
    assert "agreed_opposites" not in kinds
    mixed = _pattern(fixture_bank, 2)
    pairs = fixture_bank.pairs
    for pair in pairs[:3]:
        mixed[pair.plus] = mixed[pair.minus] = 4
    flags = check_quality(_answers(fixture_bank, mixed), fixture_bank)
    assert "agreed_opposites" not in [f.kind for f in flags]
    mixed[pairs[3].plus] = mixed[pairs[3].minus] = 5
    flag = next(
        f
        for f in check_quality(_answers(fixture_bank, mixed), fixture_bank)
        if f.kind == "agreed_opposites"
    )
    assert flag.count == 4


@pytest.mark.parametrize(
    ("in_form", "in_full", "threshold"),
    [(12, 12, 4), (6, 12, 2), (9, 12, 3), (2, 12, 2), (1, 12, None), (0, 12, None)],
)
def test_agreed_opposites_threshold_scales_with_the_form(
    in_form: int, in_full: int, threshold: int | None
) -> None:
    """4 of the full form's pairs; shorter forms proportionally, never below 2."""
    assert agreed_opposites_threshold(in_form, in_full) == threshold


def test_agreed_opposites_wording_is_neutral() -> None:
    """The notice says what happened without calling it a contradiction or a lie."""
    from assessment.messages import msg

    text = msg("quality.agreed_opposites", "de", count=4)
    assert text.startswith("Einige gegensätzliche Aussagen haben Sie beide bejaht")
    assert "widersprüchlich" not in text


# --- level, comparison ---------------------------------------------------------------------


def test_a_critical_demand_below_caps_the_level(fixture_bank: Bank) -> None:
    """alpha (weight 3) clearly below, everything else met: at most "passt teilweise"."""
    responses = _pattern(fixture_bank, 5)
    for item in fixture_bank.form_items("full"):
        if isinstance(item, LikertItem):
            responses[item.id] = 5 if item.keying == "plus" else 1
        if isinstance(item, Scenario):
            responses[item.id] = "b"  # scored 3
    for item in fixture_bank.form_items_of("full", "alpha"):
        if isinstance(item, LikertItem):
            responses[item.id] = 1 if item.keying == "plus" else 5
        elif isinstance(item, Scenario):
            responses[item.id] = "c"
    result = build_result(_answers(fixture_bank, responses), fixture_bank)
    match = result.match
    assert [m.band for m in match.dimensions if m.dimension == "alpha"] == ["below"]
    assert (match.level, match.capped) == ("partial", True)
    assert "Stärken an anderer Stelle" in summarize(result, fixture_bank, "de").overall_text


def test_overall_level_boundaries() -> None:
    """Share met ≥ 0.8 strong, ≥ 0.5 partial; borderline counts half; experience is left out."""

    def m(band: matching.Band, weight: int = 1) -> matching.DimensionMatch:
        return matching.DimensionMatch(
            dimension="x",
            score=50,
            low=50,
            high=100,
            weight=weight,
            band=band,
            gap=0,
        )

    assert overall_level_v2((m("within"),) * 4 + (m("below"),)) == ("strong", False)
    assert overall_level_v2((m("within"),) * 3 + (m("below"),) * 2) == ("partial", False)
    assert overall_level_v2((m("within"),) * 2 + (m("borderline"),) * 2 + (m("below"),)) == (
        "partial",
        False,
    )
    assert overall_level_v2((m("within"),) * 2 + (m("below"),) * 3) == ("gaps", False)
    assert overall_level_v2((m("experience"),) * 3 + (m("within"),) * 2) == ("experience", False)
    assert overall_level_v2((m("within"),) * 13 + (m("below", 3),)) == ("partial", True)
    assert overall_level_v2((m("within"),) * 13 + (m("below", 2),)) == ("strong", False)
    assert overall_level_v2((m("within"),) + (m("below", 3),) * 2) == ("gaps", False)


def test_quality_notice_makes_everything_tentative_and_names_no_best_fit(
    fixture_bank: Bank,
) -> None:
    """With any notice: no best fit, a tentative headline and comparison text."""
    responses = _pattern(fixture_bank, 5, virtue=5)
    result = build_result(_answers(fixture_bank, responses), fixture_bank)
    assert result.quality
    assert result.tentative
    assert result.comparison.best is None
    summary = summarize(result, fixture_bank, "de")
    assert summary.headline.startswith("Vorläufig: ")
    assert "nennen wir kein am besten passendes Umfeld" in summary.comparison_text


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["a", "b", "c", "d"]))
def test_property_a_uniform_pattern_never_names_a_best_fit(value: int, option: str) -> None:
    """The same answer everywhere never yields a named better-fitting setting."""
    bank = load_bank(2, FIXTURE_ROOT)
    responses: dict[str, int | str] = {
        item.id: option if isinstance(item, Scenario) else value for item in bank.form_items("full")
    }
    result = build_result(_answers(bank, responses), bank)
    assert result.comparison.best is None


def _score_of(value: int, error: int) -> tuple[DimensionScore, ...]:
    return tuple(
        DimensionScore(
            dimension=d, score=value, answered=7, total=7, uncertainty=error, status="scored"
        )
        for d in ("alpha", "beta", "gamma", "delta")
    )


def test_a_setting_is_better_only_beyond_the_uncertainty(fixture_bank: Bank) -> None:
    """industry wants alpha ≥ 65, public alpha ≥ 60 (the rest alike but beta/delta): at 40 ± 5
    public is better for every score in the interval; at 58 ± 9 it is not sure."""
    public, industry = fixture_bank.profiles["public"], fixture_bank.profiles["industry"]
    low = _score_of(40, 5)
    assert clearly_better(low[:1], public, industry)
    assert not clearly_better(low[:1], industry, public)
    near = _score_of(63, 9)
    assert not clearly_better(near[:1], public, industry)


def test_no_clear_difference_names_what_differs(fixture_bank: Bank) -> None:
    """When no setting is clearly better, the comparison says so and lists the differences."""
    scores = _score_of(58, 12)
    comparison = compare_profiles(scores, fixture_bank)
    assert comparison.best is None
    assert set(comparison.differences) == {"alpha", "beta", "gamma", "delta"}


# --- simulations -----------------------------------------------------------------------------


def _random_person(bank: Bank, rng: random.Random) -> Answers:
    return _answers(
        bank,
        {
            item.id: rng.choice("abcd") if isinstance(item, Scenario) else rng.randint(1, 5)
            for item in bank.form_items("full")
        },
    )


def test_random_responders_get_a_notice_and_never_a_best_fit(fixture_bank: Bank) -> None:
    """2,000 seeded random responders: ≥ 95 % get a quality notice, none a best-fit sentence."""
    rng = random.Random(20261203)  # noqa: S311 - reproducible test data
    noticed = best = 0
    for _ in range(SEEDED_PEOPLE):
        result = build_result(_random_person(fixture_bank, rng), fixture_bank)
        noticed += bool(result.quality)
        best += result.comparison.best is not None
    assert noticed >= 0.95 * SEEDED_PEOPLE
    assert best == 0


def _honest_person(bank: Bank, rng: random.Random) -> Answers:
    """A consistent person: a latent level per dimension and a lean per axis, plus noise."""
    level = {d: rng.gauss(3.3, 0.8) for d in bank.dimension_ids}
    lean = {d: rng.gauss(3.0, 0.8) for d in bank.dimension_ids}
    responses: dict[str, int | str] = {}
    for item in bank.form_items("full"):
        if isinstance(item, Scenario):
            ranked = sorted(item.options, key=lambda option: option.score)
            index = round(level[item.dimension] - 1.5 + rng.gauss(0, 0.7))
            responses[item.id] = ranked[min(3, max(0, index))].id
            continue
        if isinstance(item, ValidityItem):
            value = 2 + rng.gauss(0, 0.8)
        elif isinstance(item, TradeoffItem):
            value = lean[item.dimension] + rng.gauss(0, 0.7)
            value = 6 - value if item.high == "a" else value
        else:
            assert isinstance(item, LikertItem)
            value = level[item.dimension] + rng.gauss(0, 0.7)
            value = 6 - value if item.keying == "minus" else value
        responses[item.id] = min(5, max(1, round(value)))
    return _answers(bank, responses)


def test_honest_consistent_responders_rarely_get_the_twin_notice(fixture_bank: Bank) -> None:
    """2,000 simulated honest responders (latent trait plus noise): ≤ 10 % twin-pair notice."""
    rng = random.Random(3301)  # noqa: S311 - reproducible test data
    flagged = sum(
        any(
            f.kind == "agreed_opposites"
            for f in check_quality(_honest_person(fixture_bank, rng), fixture_bank)
        )
        for _ in range(SEEDED_PEOPLE)
    )
    assert flagged <= 0.10 * SEEDED_PEOPLE


# --- codes -----------------------------------------------------------------------------------


@given(v2_answers())
def test_property_v2_codes_round_trip_with_unsure_and_background(given_answers: Answers) -> None:
    """Format 2 codes carry "can't judge yet" answers and the background."""
    code = encode_code(given_answers, root=FIXTURE_ROOT)
    assert decode_code(code, FIXTURE_ROOT).answers == given_answers
    progress = encode_code(given_answers, "progress", 3, root=FIXTURE_ROOT)
    assert decode_code(progress, FIXTURE_ROOT).page == 3


def test_v1_answers_take_no_background() -> None:
    """A v1 answers file with a background is refused (v1 codes have no room for it)."""
    bank = load_bank(1)
    with pytest.raises(AnswersError) as caught:
        check_answers(
            Answers(bank_version=1, form="short", background="starter", responses={}), bank
        )
    assert caught.value.key == "answers.background_v1"


# --- bank checks -----------------------------------------------------------------------------


def _fixture_copy(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "v2"
    shutil.copytree(FIXTURE_ROOT / "v2", target)
    return target


def test_check_bank_refuses_options_of_very_different_length(tmp_path: Path) -> None:
    """Longest option > 1.25 × shortest (per language) is refused, naming the scenario."""
    folder = _fixture_copy(tmp_path)

    def lengthen(data: TomlData) -> None:
        option = data["scenarios"][0]["options"][0]
        option["text"]["en"] = option["text"]["en"] + " and then some more"

    edit_toml(folder / "items" / "beta.toml", lengthen)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert caught.value.entry == "beta_s1"
    assert "1.25" in caught.value.problem


def test_check_bank_refuses_a_bank_whose_best_option_is_mostly_the_longest(tmp_path: Path) -> None:
    """Best option strictly longest in more than a third of the scenarios: refused, named."""
    folder = _fixture_copy(tmp_path)

    def best_longest(data: TomlData) -> None:
        option = data["scenarios"][0]["options"][1]  # b is scored 3
        option["text"]["de"] = option["text"]["de"].replace("Option", "Optionen")

    for name in ("alpha", "beta"):
        edit_toml(folder / "items" / f"{name}.toml", best_longest)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert "alpha_s1, beta_s1" in caught.value.entry
    assert "2 of 4" in caught.value.problem


def test_check_bank_refuses_an_unsupported_setting_difference(tmp_path: Path) -> None:
    """A setting's band that differs from the general profile needs a quote or source."""
    folder = _fixture_copy(tmp_path)

    def unsupported(data: TomlData) -> None:
        profile = next(p for p in data["profiles"] if p["id"] == "mittelstand")
        profile["targets"]["delta"]["weight"] = 3

    edit_toml(folder / "profiles.toml", unsupported)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert caught.value.entry == "mittelstand.delta"
    assert "without support" in caught.value.problem


def test_check_bank_wants_the_unsure_label_when_statements_presume(tmp_path: Path) -> None:
    """A bank with presuming statements must name the "can't judge yet" answer."""
    folder = _fixture_copy(tmp_path)
    edit_toml(folder / "bank.toml", lambda data: data.pop("unsure_label"))
    with pytest.raises(BankError, match="unsure_label"):
        read_bank(folder)


def test_rules_constants_are_what_the_methodology_page_states() -> None:
    """The page is generated from these constants; pin them so a change is deliberate."""
    assert (scoring.ASSUMED_ITEM_SD, matching.COMPARISON_Z, matching.CRITICAL_WEIGHT) == (
        1.0,
        1.96,
        3,
    )
    assert (quality.SCATTER_MIN_SD, quality.VIRTUE_ENDORSED_FROM) == (1.15, 5)


def test_check_bank_refuses_a_bank_whose_best_option_is_mostly_the_shortest(
    tmp_path: Path,
) -> None:
    """Best option strictly shortest (per language) in more than a third: refused, named."""
    folder = _fixture_copy(tmp_path)

    def best_shortest(data: TomlData) -> None:
        option = data["scenarios"][0]["options"][1]  # b is scored 3
        option["text"]["en"] = option["text"]["en"].replace("Option b for", "Option b to")

    for name in ("alpha", "beta"):
        edit_toml(folder / "items" / f"{name}.toml", best_shortest)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert "alpha_s1, beta_s1" in caught.value.entry
    assert "shortest in 2 of 4" in caught.value.problem
