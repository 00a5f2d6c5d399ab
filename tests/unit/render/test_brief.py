"""The one-screen summary (render/brief.py, issue 22): what it picks from a result and what it
leaves out, on every released bank and for both readers."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    TradeoffItem,
)
from assessment.engine.answers import Answers
from assessment.engine.extra import offer_extra, unfirm_demands
from assessment.engine.result import Result, build_result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.brief import MAX_STEPS, MAX_STRONGEST, comparison_differs
from assessment.render.summary import Summary, summarize
from assessment.render.views import with_peers
from tests import simulate
from tests.banks import RELEASED, on_scale


def _answer(item: Item, level: int, lean: int = 3) -> int | str:
    """Statements at level (1-5, keyed), the scenario option of that rank, knowledge right from
    level 4 on, trade-offs at lean (towards pole b from 4 on), no unlikely virtue."""
    if isinstance(item, Scenario):
        ranked = sorted(item.options, key=lambda option: option.score)
        return ranked[min(len(ranked) - 1, (level - 1) * len(ranked) // 5)].id
    if isinstance(item, KnowledgeItem):
        wrong = next(option.id for option in item.options if option.id != item.key)
        return item.key if level >= 4 else wrong
    if isinstance(item, TradeoffItem):
        return lean if item.high == "b" else 6 - lean  # towards the axis's pole b
    if isinstance(item, LikertItem):
        answer = on_scale(item, level if item.keying == "plus" else 6 - level)
        assert answer is not None
        return answer
    return 1


def _result(
    version: int,
    level: int,
    form: FormId = "full",
    profile: ProfileId = "mittelstand",
    lean: int = 3,
    levels: dict[str, int] | None = None,
) -> tuple[Bank, Result]:
    """A result of statements at level (per dimension where levels says otherwise)."""
    bank = load_bank(version)
    responses = {
        item.id: _answer(item, (levels or {}).get(getattr(item, "dimension", ""), level), lean)
        for item in bank.form_items(form)
    }
    answers = Answers(
        bank_version=version,
        form=form,
        profile=profile,
        background="changer" if bank.rules.has_background else None,
        responses=responses,
    )
    return bank, build_result(answers, bank)


def _summary(bank: Bank, result: Result, viewer: Viewer = "self") -> Summary:
    summary = summarize(result, bank, "de", viewer)
    assert summary.brief is not None
    return summary


@pytest.mark.parametrize("version", RELEASED)
def test_strongest_are_met_demands_heaviest_first_then_widest_margin(version: int) -> None:
    """Up to three met demands; none left out weighs more or (at equal weight) clears its band's
    lower end by more than the last one picked; each names its band and score."""
    every_other = load_bank(version).dimension_ids[::2]
    bank, result = _result(version, 4, levels=dict.fromkeys(every_other, 5))
    summary = _summary(bank, result)
    picked = summary.brief.strongest if summary.brief else ()
    matches = {m.dimension: m for m in result.match.dimensions}
    met = [m for m in result.match.dimensions if m.met]
    assert len(picked) == min(MAX_STRONGEST, len(met)) > 0

    def rank(dimension: str) -> tuple[int, int]:
        match = matches[dimension]
        return (match.weight, (match.score or 0) - match.low)

    ranks = [rank(d.dimension) for d in picked]
    assert ranks == sorted(ranks, reverse=True)
    assert all(matches[d.dimension].met for d in picked)
    chosen = {d.dimension for d in picked}
    assert all(rank(m.dimension) <= ranks[-1] for m in met if m.dimension not in chosen)
    cards = {card.dimension: card for card in summary.cards}
    for demand in picked:
        card = cards[demand.dimension]
        assert demand.name == card.name
        assert card.band_label in demand.text
        assert card.score_text in demand.text


@pytest.mark.parametrize("version", RELEASED)
def test_nothing_met_names_no_strength(version: int) -> None:
    """Weak answers meet no demand: the summary names no strongest demand at all."""
    bank, result = _result(version, 1)
    summary = _summary(bank, result)
    assert not any(m.met for m in result.match.dimensions)
    assert summary.brief is not None
    assert summary.brief.strongest == ()


@pytest.mark.parametrize("version", RELEASED)
def test_urgent_steps_are_the_first_step_of_the_most_urgent_cards(version: int) -> None:
    """Weak answers: the first MAX_STEPS cards with steps, in the result's order of urgency,
    each with its first step as the first action; no "no steps" sentence."""
    bank, result = _result(version, 1)
    summary = _summary(bank, result)
    assert summary.brief is not None
    with_steps = [card for card in summary.cards if card.next_steps]
    assert len(with_steps) > MAX_STEPS
    assert [(d.dimension, d.name, d.text) for d in summary.brief.steps] == [
        (card.dimension, card.name, card.next_steps[0]) for card in with_steps[:MAX_STEPS]
    ]
    assert summary.brief.no_steps is None


def test_without_open_demands_the_summary_says_so_instead_of_steps() -> None:
    """Strong answers leave nothing open: no steps, and the sentence that says why."""
    bank, result = _result(RELEASED[-1], 5, lean=3)
    summary = _summary(bank, result)
    assert summary.brief is not None
    if any(card.next_steps for card in summary.cards):
        pytest.skip("the strongest answers leave a demand open on this bank")
    assert summary.brief.steps == ()
    assert summary.brief.no_steps == voiced("pdf.what_now_no_steps", "de", "self")


@pytest.mark.parametrize("version", RELEASED)
def test_where_next_after_the_short_form_leads_with_the_full_form(version: int) -> None:
    """Short form: the full form comes first, naming the demands at the border where there are
    any; the full form never offers itself; a career service is always the last way on."""
    bank, short = _result(version, 3, form="short")
    where = _summary(bank, short).brief.where  # type: ignore[union-attr]
    assert where[0].key == "full_form"
    border = [bank.dimension(d).name("de") for d in short.match.borderline]
    if border:
        assert all(name in where[0].text for name in border)
    assert where[-1].key == "career"
    assert "Berufsberatung im Erwerbsleben" in where[-1].text
    assert "IHK" in where[-1].text
    bank, full = _result(version, 3, form="full")
    assert "full_form" not in [e.key for e in _summary(bank, full).brief.where]  # type: ignore[union-attr]


def test_a_borderline_result_names_its_border_demands_in_the_full_form_entry() -> None:
    """Middling short-form answers on the newest bank put demands at the border; the full form
    entry names every one of them (and, where some are provisional, says so)."""
    bank, result = _result(RELEASED[-1], 3, form="short")
    assert result.match.borderline, "middling answers should reach a band edge"
    [entry] = [e for e in _summary(bank, result).brief.where if e.key == "full_form"]  # type: ignore[union-attr]
    unfirm = unfirm_demands(result.match)
    names = ", ".join(bank.dimension(d).name("de") for d in unfirm)
    key = "brief.where_full_form_border"
    if set(unfirm) != set(result.match.borderline):
        key = "brief.unfirm.full_form"
    assert entry.text == voiced(key, "de", "self", names=names)


@pytest.mark.parametrize("version", RELEASED)
def test_colleagues_are_offered_where_the_bank_asks_them_and_not_once_they_answered(
    version: int,
) -> None:
    """A bank with a colleague questionnaire offers a Fremdbild; v1 (none) does not; once the
    colleagues' view is part of the result, the entry goes."""
    bank, result = _result(version, 3)
    summary = _summary(bank, result)
    keys = [e.key for e in summary.brief.where]  # type: ignore[union-attr]
    assert ("peers" in keys) == bool(bank.peer)
    if not bank.rules.views_apart:
        return

    class Row:
        def __init__(self, dimension: str) -> None:
            self.dimension, self.peers = dimension, 4
            self.low, self.median, self.high = 50, 60, 70

    class Mirror:
        def __init__(self, dimensions: list[Row]) -> None:
            self.enough, self.dimensions = True, dimensions

    joined = with_peers(summary, Mirror([Row(d) for d in bank.dimension_ids]))
    assert "peers" not in [e.key for e in joined.brief.where]  # type: ignore[union-attr]
    assert [e.key for e in joined.brief.where] == [k for k in keys if k != "peers"]  # type: ignore[union-attr]


def test_extra_questions_named_where_offered_and_only_to_the_person() -> None:
    """A short-form result with demands that are not firm names the extra questions right after
    the full form, with exactly the demands they are offered for (engine/extra.offer_extra); a
    shared result does not offer them; a result without such demands gets no entry."""
    bank, border = _result(3, 3, form="short")
    offer = offer_extra(border.answers, bank, border.match)
    assert offer
    where = _summary(bank, border).brief.where  # type: ignore[union-attr]
    assert [e.key for e in where][:2] == ["full_form", "extra"]
    names = ", ".join(bank.dimension(d).name("de") for d in offer)
    if set(offer) == set(unfirm_demands(border.match)):  # named in the full form's entry
        assert names in where[0].text
        assert where[1].text == msg("brief.unfirm.extra_same", "de")
    else:
        assert where[1].text == voiced("brief.where_extra", "de", "self", names=names)
    other = _summary(bank, border, "other").brief
    assert other is not None
    assert "extra" not in [e.key for e in other.where]
    for version in RELEASED:
        bank, result = _result(version, 1, form="full")
        assert "extra" not in [e.key for e in _summary(bank, result).brief.where]  # type: ignore[union-attr]


@pytest.mark.parametrize("version", RELEASED)
def test_someone_else_reads_it_about_the_person(version: int) -> None:
    """A shared result's summary speaks about the person: no "Sie/Ihr" in any of its texts."""
    bank, result = _result(version, 2, form="short")
    brief = _summary(bank, result, "other").brief
    assert brief is not None
    texts = [brief.heading, brief.rests_on, brief.strongest_heading, brief.no_steps or ""]
    texts += [entry.text for entry in brief.where]
    own = [t for t in texts if any(w in t.split() for w in ("Sie", "Ihr", "Ihre", "Ihren"))]
    assert own == []


@pytest.mark.parametrize("version", RELEASED)
def test_verdict_and_what_it_rests_on(version: int) -> None:
    """The verdict is the headline; it rests on the three views from rules 3 on, and on the
    number of demands met before (v1 and v2 have no views)."""
    bank, result = _result(version, 3)
    summary = _summary(bank, result)
    assert summary.brief is not None
    assert summary.brief.verdict == summary.headline
    if bank.rules.views_apart:
        # The combined count the verdict uses comes first, then what each view says.
        combined = msg("brief.combined", "de", met=summary.met_text)
        assert summary.rests_on is not None
        assert summary.brief.rests_on == f"{combined} {summary.rests_on}"
        for view in ("self", "situation", "knowledge"):
            assert msg(f"views.rests_{view}", "de", met=0, scored=0).split("0")[0] in (
                summary.brief.rests_on
            )
    else:
        assert summary.rests_on is None
        assert summary.brief.rests_on == voiced(
            "brief.rests_met", "de", "self", met=summary.met_text
        )


@pytest.mark.parametrize("version", [v for v in RELEASED if load_bank(v).rules.honest_verdicts])
def test_axes_without_a_lean_on_either_side_are_left_out(version: int) -> None:
    """Trade-offs answered in the middle, for a setting without preferred ranges there: no axis
    has anything to say; answered at a pole, every answered axis does."""
    bank = load_bank(version)
    profile: ProfileId = "mittelstand"
    open_axes = [
        d.id
        for d in bank.dimensions
        if d.axis is not None and d.id not in bank.profiles[profile].axes
    ]
    bank, middle = _result(version, 3, profile=profile, lean=3)
    telling = _summary(bank, middle).brief.telling_axes  # type: ignore[union-attr]
    assert open_axes
    assert not set(open_axes) & set(telling)
    bank, pole = _result(version, 3, profile=profile, lean=5)
    telling = _summary(bank, pole).brief.telling_axes  # type: ignore[union-attr]
    answered = {a.dimension for a in pole.match.axes if a.position is not None}
    assert set(telling) == answered


@pytest.mark.parametrize("version", RELEASED)
def test_a_comparison_of_identical_rows_is_marked_empty(version: int) -> None:
    """comparison_differs is false exactly when every setting's row reads the same."""
    bank, result = _result(version, 3)
    summary = _summary(bank, result)
    rows = {(line.met_text, line.level_label, line.gaps) for line in summary.comparison}
    assert comparison_differs(summary) == (len(rows) > 1)
    same = summary.comparison[0]
    copies = tuple(same.model_copy(update={"best": False}) for _ in summary.comparison)
    assert not comparison_differs(summary.model_copy(update={"comparison": copies}))


@pytest.mark.parametrize("index", range(4))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_full_form_and_the_extra_questions_name_the_same_demands(
    index: int, lang: Language
) -> None:
    """UX pass: "Langform … an der Grenze (9)" beside "Zusatzfragen … an der Grenze (12)", 3 of
    them provisional. Both ways on name the same demands – those at the border or provisional –
    once, and say "vorläufig" where some are; the extra questions' entry does not repeat them."""
    bank = load_bank(3)
    person = simulate.draw_person(bank, 2026, index)
    answers = simulate.respond("honest", person, bank, "short", 2026)
    result = build_result(answers, bank)
    summary = summarize(result, bank, lang)
    assert summary.brief is not None
    where = {entry.key: entry.text for entry in summary.brief.where}
    unfirm = unfirm_demands(result.match)
    offer = offer_extra(answers, bank, result.match)
    named = [d for d in bank.dimension_ids if bank.dimension(d).name(lang) in where["full_form"]]
    assert set(named) == set(unfirm)
    if set(unfirm) - set(result.match.borderline):
        assert msg("v2.band_provisional", lang) in where["full_form"]
    assert set(offer) == set(unfirm)
    assert not [d for d in offer if bank.dimension(d).name(lang) in where["extra"]]


# Banks v2 and v3 carry the step that refers on; bank v4 rewrote it to stand alone (below).
@pytest.mark.parametrize("version", [v for v in RELEASED if 2 <= v <= 3])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_first_step_that_points_to_the_next_one_stands_alone(
    version: int, lang: Language
) -> None:
    """UX pass: a starter's first security step ends "für sie passt die nächste Übung besser"
    (released bank text); the summary shows only first steps, so there it is followed by the
    exercise it means – the card's second step – and no step of the summary points elsewhere."""
    bank = load_bank(version)
    levels = dict.fromkeys(bank.dimension_ids, 5) | {"security": 1}
    responses = {
        item.id: _answer(item, levels.get(getattr(item, "dimension", ""), 5))
        for item in bank.form_items("full")
    }
    answers = Answers(
        bank_version=version,
        form="full",
        profile="mittelstand",
        background="starter",
        responses=responses,
    )
    summary = summarize(build_result(answers, bank), bank, lang)
    assert summary.brief is not None
    card = next(c for c in summary.cards if c.dimension == "security")
    refers = msg("brief.steps.refers_on", lang)
    assert refers in card.next_steps[0], "the premise: the bank's first step refers on"
    [step] = [d for d in summary.brief.steps if d.dimension == "security"]
    assert (
        step.text
        == f"{card.next_steps[0]} {msg('brief.steps.then', lang, step=card.next_steps[1])}"
    )
    for other in summary.brief.steps:
        if refers in other.text:
            assert msg("brief.steps.then", lang, step="")[:8] in other.text


@pytest.mark.parametrize("version", [v for v in RELEASED if v >= 4])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_from_bank_4_no_next_step_points_to_another(version: int, lang: Language) -> None:
    """Bank v4 (questions/drafts/v4/NOTES.md): no next step of any background refers to "the
    next exercise"; each stands alone, so the summary need not add the step it means."""
    bank = load_bank(version)
    refers = msg("brief.steps.refers_on", lang)
    steps = [
        getattr(step, lang)
        for dimension in bank.dimensions
        for background in ("starter", "changer", "specialist", "experienced")
        for step in dimension.steps_for(background)
    ]
    assert steps
    assert [step for step in steps if refers in step] == []
