"""Response quality: straight-lining, contradicting twins, speeding — flags never change scores."""

from __future__ import annotations

from assessment.bank.models import Bank, LikertItem
from assessment.engine.answers import Answers, PageTiming
from assessment.engine.quality import (
    CONTRADICTIONS_MIN_PAIRS,
    LONG_STRING_MIN_RUN,
    MIN_SECONDS_PER_ITEM,
    check_quality,
    longest_run,
)
from assessment.engine.scoring import score_answers


def _statements(bank: Bank, form: str = "full") -> list[LikertItem]:
    return [i for i in bank.form_items(form) if isinstance(i, LikertItem)]  # type: ignore[arg-type]


def _varied(bank: Bank) -> dict[str, int | str]:
    """Answers that agree with plus and disagree with minus items, cycling values."""
    responses: dict[str, int | str] = {}
    for index, item in enumerate(_statements(bank)):
        responses[item.id] = (4, 5)[index % 2] if item.keying == "plus" else (2, 1)[index % 2]
    return responses


def test_longest_run() -> None:
    """The longest run of equal consecutive values."""
    assert longest_run([]) == 0
    assert longest_run([3]) == 1
    assert longest_run([1, 1, 2, 2, 2, 1]) == 3


def test_thoughtful_answers_raise_no_flag(bank: Bank) -> None:
    """Varied, consistent answers with normal timings are not flagged."""
    answers = Answers(
        bank_version=1,
        form="full",
        responses=_varied(bank),
        page_seconds=(PageTiming(items=8, seconds=60),),
    )
    assert check_quality(answers, bank) == ()


def test_long_string_at_its_threshold(bank: Bank) -> None:
    """A run of LONG_STRING_MIN_RUN equal answers is flagged, one fewer is not."""
    statements = _statements(bank)
    for run, flagged in ((LONG_STRING_MIN_RUN - 1, False), (LONG_STRING_MIN_RUN, True)):
        responses = _varied(bank)
        for item in statements[:run]:
            responses[item.id] = 3
        kinds = [
            f.kind
            for f in check_quality(Answers(bank_version=1, form="full", responses=responses), bank)
        ]
        assert ("long_string" in kinds) is flagged


def test_all_agree_is_flagged_twice(bank: Bank) -> None:
    """All "trifft voll zu" is straight-lining and contradicts every twin pair."""
    responses: dict[str, int | str] = {i.id: 5 for i in _statements(bank, "short")}
    flags = check_quality(Answers(bank_version=1, form="short", responses=responses), bank)
    by_kind = {f.kind: f for f in flags}
    assert by_kind["long_string"].count == len(responses)
    in_short = [p for p in bank.pairs if p.plus in responses and p.minus in responses]
    assert by_kind["contradictions"].count == len(in_short)


def test_contradictions_at_their_threshold(bank: Bank) -> None:
    """One contradicting pair is tolerated; CONTRADICTIONS_MIN_PAIRS are flagged."""
    for count, flagged in ((CONTRADICTIONS_MIN_PAIRS - 1, False), (CONTRADICTIONS_MIN_PAIRS, True)):
        responses = _varied(bank)
        for pair in bank.pairs[:count]:
            responses[pair.plus] = 2
            responses[pair.minus] = 2
        flags = check_quality(Answers(bank_version=1, form="full", responses=responses), bank)
        contradictions = [f for f in flags if f.kind == "contradictions"]
        assert bool(contradictions) is flagged
        if flagged:
            assert contradictions[0].where[0] == f"{bank.pairs[0].plus}/{bank.pairs[0].minus}"


def test_speeding_is_flagged_per_page(bank: Bank) -> None:
    """A page faster than two seconds per item is flagged with its number; exactly two is not."""
    timings = (
        PageTiming(items=8, seconds=8 * MIN_SECONDS_PER_ITEM),
        PageTiming(items=8, seconds=8 * MIN_SECONDS_PER_ITEM - 0.1),
    )
    answers = Answers(bank_version=1, form="full", responses=_varied(bank), page_seconds=timings)
    (flag,) = check_quality(answers, bank)
    assert flag.kind == "too_fast"
    assert flag.where == ("2",)


def test_speeding_names_the_real_page_when_pages_are_left_out(bank: Bank) -> None:
    """Timings carry their page number: with pages 1, 2 and 4 left out (nothing timed there),
    the too-fast page is named 5, not by its position 2; exactly two seconds per item on page 3
    is not flagged."""
    timings = (
        PageTiming(items=6, seconds=6 * MIN_SECONDS_PER_ITEM, page=3),
        PageTiming(items=6, seconds=6 * MIN_SECONDS_PER_ITEM - 0.01, page=5),
    )
    answers = Answers(bank_version=1, form="full", responses=_varied(bank), page_seconds=timings)
    (flag,) = check_quality(answers, bank)
    assert (flag.kind, flag.count, flag.where) == ("too_fast", 1, ("5",))


def test_flags_never_change_scores(bank: Bank) -> None:
    """The same answers score the same with and without speeding timings."""
    plain = Answers(bank_version=1, form="full", responses={i.id: 5 for i in _statements(bank)})
    timed = plain.model_copy(update={"page_seconds": (PageTiming(items=8, seconds=1),)})
    assert check_quality(timed, bank) != check_quality(plain, bank)
    assert score_answers(timed, bank) == score_answers(plain, bank)


def test_per_bank_plans_follow_the_bank_object() -> None:
    """The quality checks and the settings' differences are computed once per bank (issue 24);
    a bank loaded anew from other files gets its own, never the cached one of another bank."""
    import shutil
    import tempfile
    from pathlib import Path

    from assessment.bank.load import QUESTIONS_DIR, load_bank
    from assessment.engine.matching import demand_differences
    from assessment.engine.quality import check_quality
    from tests.personas import random_answers

    released = load_bank(2)
    people = random_answers(released, 30, seed=24, answered_share=0.9)
    before = [check_quality(person, released) for person in people]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(QUESTIONS_DIR, root, dirs_exist_ok=True)
        copy = load_bank(2, root)
        assert copy is not released
        assert [check_quality(person, copy) for person in people] == before
        assert demand_differences(copy) == demand_differences(released)
