"""Bank v3's statements, trade-offs and unlikely virtues (issues 19.6, 20 and 21.4).

What the content must do for the rules to work: a career starter who answers "Kann ich (noch) nicht
einschätzen" wherever a statement presumes role experience leaves too few scorable statements in
every role demand (an Erfahrungsfeld), the review's worst v2 statements are gone, a third of the
statements do not show their desirable answer, the trade-off poles stay within good practice, and
the unlikely-virtues scale is long enough to count "trifft eher zu" on some of its statements.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import (
    FORM_IDS,
    UNSURE,
    Bank,
    FormId,
    LikertItem,
    TradeoffItem,
    ValidityItem,
)
from assessment.engine.answers import Answers
from assessment.engine.scoring import MIN_ANSWERED_SHARE, score_answers

# Demands whose statements anyone can answer from studies, training or any job: wanting the role
# and learning presume no role experience, so a starter's self-view is scored there.
ANSWERABLE_BY_ANYONE = frozenset({"learning", "motivation"})
# The v2 statements the outside review named as the worst (issue 19, point 6).
REVIEW_WORST = (
    "budget_l4",
    "leadership_l2",
    "crisis_l3",
    "security_l3",
    "foundation_l1",
    "foundation_l4",
    "legacy_l1",
    "legacy_l2",
    "pragmatism_l4",
    "pragmatism_l5",
    "motivation_l4",
    "motivation_l5",
)
WORDING_MARK = re.compile(r"^# wording: (frequency|balanced)\b", re.MULTILINE)


@pytest.fixture(scope="module")
def v3() -> Bank:
    return load_bank(3)


def _statements(bank: Bank, form: FormId, dimension: str) -> list[LikertItem]:
    return [i for i in bank.form_items_of(form, dimension) if isinstance(i, LikertItem)]


@pytest.mark.parametrize("form", FORM_IDS)
def test_every_role_demand_can_become_an_erfahrungsfeld(v3: Bank, form: FormId) -> None:
    """In every role demand more than half of the form's statements presume experience, so a
    literal starter's scorable statements stay below the share that rules 2/3 score."""
    for dimension in v3.dimension_ids:
        statements = _statements(v3, form, dimension)
        scorable = [s for s in statements if s.presumes is None]
        if dimension in ANSWERABLE_BY_ANYONE:
            assert len(scorable) == len(statements), dimension
            continue
        assert len(scorable) < MIN_ANSWERED_SHARE * len(statements), (
            f"{form}/{dimension}: {len(scorable)} of {len(statements)} statements presume nothing"
        )


def _literal_starter(bank: Bank, form: FormId) -> Answers:
    """A starter who answers every statement: "can't judge yet" where it presumes experience,
    the middle of the scale elsewhere."""
    responses: dict[str, int | str] = {
        item.id: UNSURE if item.presumes else 3
        for item in bank.form_items(form)
        if isinstance(item, LikertItem)
    }
    return Answers(
        bank_version=bank.version,
        form=form,
        background="starter",
        responses=responses,
    )


@pytest.mark.parametrize("form", FORM_IDS)
def test_a_literal_starters_self_view_is_an_erfahrungsfeld(v3: Bank, form: FormId) -> None:
    """Scored by the engine: the starter's statements leave every role demand without a
    self-view score (rules 2: status "experience"; rules 3: the self view has no score and
    counts the can't-judge answers), while learning and motivation are scored."""
    for score in score_answers(_literal_starter(v3, form), v3):
        views = getattr(score, "views", ())
        own = next((v for v in views if v.view == "self"), None)
        if score.dimension in ANSWERABLE_BY_ANYONE:
            assert score.unsure == 0, score.dimension
            assert (own.score if own else score.score) is not None, score.dimension
        elif own is not None:
            assert own.score is None, (form, score.dimension)
            assert own.unsure > 0, (form, score.dimension)
        else:
            assert score.status == "experience", (form, score.dimension)


def test_the_reviews_worst_statements_are_rewritten_or_dropped(v3: Bank) -> None:
    """No statement the review named survives with its v2 wording."""
    v2 = load_bank(2)
    kept = [
        item_id
        for item_id in REVIEW_WORST
        if v3.has_item(item_id)
        and isinstance(v3.item(item_id), LikertItem)
        and v3.item(item_id).text.de == v2.item(item_id).text.de  # type: ignore[union-attr]
    ]
    assert kept == []


def test_a_third_of_the_statements_hide_their_desirable_answer(v3: Bank) -> None:
    """At least a third of the statements are marked as behaviour frequency or balanced wording,
    and every frequency statement says its period."""
    marked: dict[str, str] = {}
    for path in sorted((QUESTIONS_DIR / "v3" / "items").glob("*.toml")):
        if path.stem.endswith("_evidence"):
            continue
        text = path.read_text(encoding="utf-8")
        for match in WORDING_MARK.finditer(text):
            found = re.search(r'^id = "(\w+)"', text[match.end() :], re.MULTILINE)
            assert found is not None
            marked[found.group(1)] = match.group(1)
    assert all(isinstance(v3.item(i), LikertItem) for i in marked)
    assert len(marked) * 3 >= len(v3.likert), f"{len(marked)} of {len(v3.likert)} marked"
    for item_id, kind in marked.items():
        if kind == "frequency":
            item = v3.item(item_id)
            assert isinstance(item, LikertItem)
            assert re.search(r"In den letzten zwölf Monaten|bisherigen", item.text.de), item_id


@pytest.mark.parametrize("form", FORM_IDS)
def test_forms_balance_keying_and_keep_twins_apart(v3: Bank, form: FormId) -> None:
    """Every demand holds both keyings in each form; the short form is balanced overall and
    never asks both halves of a twin pair."""
    statements = [i for i in v3.form_items(form) if isinstance(i, LikertItem)]
    for dimension in v3.dimension_ids:
        keys = {s.keying for s in statements if s.dimension == dimension}
        assert keys == {"plus", "minus"}, (form, dimension)
    if form == "short":
        keying = Counter(s.keying for s in statements)
        assert keying["plus"] == keying["minus"]
        ids = {s.id for s in statements}
        assert [p for p in v3.pairs if p.plus in ids and p.minus in ids] == []
        per_dimension = Counter(s.dimension for s in statements)
        assert set(per_dimension.values()) == {3}


def test_short_form_has_one_tradeoff_per_demand_and_four_virtues(v3: Bank) -> None:
    items = v3.form_items("short")
    tradeoffs = Counter(i.dimension for i in items if isinstance(i, TradeoffItem))
    assert tradeoffs == Counter(dict.fromkeys(v3.dimension_ids, 1))
    assert sum(isinstance(i, ValidityItem) for i in items) == 4
    full = set(v3.index.form_item_ids["full"])
    assert full >= {s.id for s in v3.likert} | {t.id for t in v3.tradeoffs}
    assert full >= {v.id for v in v3.virtues}


def test_unlikely_virtues_are_enough_and_some_count_a_lean(v3: Bank) -> None:
    """At least the rules' number of virtues; some count "trifft eher zu", not all."""
    assert len(v3.virtues) >= v3.rules.min_validity_items >= 8
    leaning = [v for v in v3.virtues if v.counts_lean]
    assert 0 < len(leaning) < len(v3.virtues)
    short = [i for i in v3.form_items("short") if isinstance(i, ValidityItem)]
    assert any(v.counts_lean for v in short)
    assert not all(v.counts_lean for v in short)


def test_security_tradeoff_poles_stay_within_good_practice(v3: Bank) -> None:
    """security_t1 never releases a tool with personal data before it is secured; security_t2
    never grants permanent remote access to port equipment before its review (issue 21)."""
    t1, t2 = v3.item("security_t1"), v3.item("security_t2")
    assert isinstance(t1, TradeoffItem)
    assert isinstance(t2, TradeoffItem)
    for pole in (t1.a, t1.b):
        assert "ohne personenbezogene Daten" in pole.de
        assert "no personal data" in pole.en
    for pole in (t2.a, t2.b):
        assert "Ende der Prüfung" in pole.de
        assert "until the review is finished" in pole.en
    assert "begleitete" in t2.b.de
    assert "supervised" in t2.b.en


def test_german_statements_are_short_and_gender_fair(v3: Bank) -> None:
    """One idea, at most 130 characters (German); never the slash form "Kolleg/innen"."""
    texts = [s.text.de for s in v3.likert] + [v.text.de for v in v3.virtues]
    texts += [t.a.de for t in v3.tradeoffs] + [t.b.de for t in v3.tradeoffs]
    assert [t for t in texts if "/innen" in t or "*innen" in t] == []
    assert [s.id for s in v3.likert if len(s.text.de) > 130] == []


def test_peer_texts_speak_of_the_person(v3: Bank) -> None:
    """Every statement's and trade-off's peer text is in the third person ("die Person")."""
    for item in v3.likert:
        assert item.peer is not None
        assert "Person" in item.peer.de, item.id
        assert "person" in item.peer.en, item.id
    for tradeoff in v3.tradeoffs:
        assert tradeoff.peer is not None
        for pole in (tradeoff.peer.a, tradeoff.peer.b):
            assert "Person" in pole.de, tradeoff.id
            assert "person" in pole.en, tradeoff.id
