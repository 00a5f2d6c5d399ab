"""One person's code from before and from after the extra questions, both pasted into the group
view (UX pass 3, m-7): the later code counts, the earlier line is named as its earlier version."""

from __future__ import annotations

from assessment.bank.load import load_bank
from assessment.bank.models import LikertItem
from assessment.codes.share import encode_progress_code, encode_share_code
from assessment.engine.answers import Answers, extra_candidates
from assessment.group.overview import (
    EARLIER_VERSION,
    MAX_VERSIONS_COMPARED,
    parse_codes,
    score_group,
)
from assessment.group.pdf import build_group_pdf
from assessment.group.text import earlier_notes, group_json, render_group_text
from assessment.messages import msg
from tests.banks import answer_sets
from tests.unit.group.test_group_pdf_preferences import DAY, _text

V3 = load_bank(3)
EXTRA = extra_candidates(V3, "short")


def short_answers() -> Answers:
    """A finished short form of bank v3 (the first such sample set)."""
    return next(
        s.answers
        for s in answer_sets(3)
        if s.answers.form == "short" and "half" not in s.name and s.answers.background
    )


def with_extra(answers: Answers, count: int, value: int = 4) -> Answers:
    """Return the answers plus the first count extra statements answered with value."""
    extra = {item.id: value for item in EXTRA if isinstance(item, LikertItem)}
    chosen = dict(list(extra.items())[:count])
    return answers.model_copy(update={"responses": {**answers.responses, **chosen}})


BEFORE = short_answers()
AFTER = with_extra(BEFORE, 3)


def test_the_later_code_counts_and_the_earlier_line_is_named_whatever_the_order() -> None:
    """Before first or after first: one person, the longer code, and the shorter line skipped
    with the number of the line that counts."""
    for lines, skipped, counted in (
        ([encode_share_code(BEFORE), encode_share_code(AFTER)], 1, 2),
        ([encode_share_code(AFTER), encode_share_code(BEFORE)], 2, 1),
    ):
        found, invalid = parse_codes("\n".join(lines))
        assert found == [AFTER]
        assert [(i.line, i.key, dict(i.params)) for i in invalid] == [
            (skipped, EARLIER_VERSION, {"line": counted})
        ]
        assert earlier_notes(invalid, "de") == [
            f"Zeile {skipped} ist eine frühere Fassung von Zeile {counted} (dieselben Antworten,"
            " dort um weitere Fragen ergänzt) und zählt nicht extra."
        ]


def test_a_chain_counts_the_longest_and_other_people_stay() -> None:
    """Three versions of one person (0, 3 and 6 extra answers) count once, as the longest; a
    code whose extra answers differ is another person."""
    longest = with_extra(BEFORE, 6)
    other_value = with_extra(BEFORE, 3, value=2)
    lines = [BEFORE, AFTER, longest, other_value]
    found, invalid = parse_codes("\n".join(encode_share_code(a) for a in lines))
    assert found == [longest, other_value]
    assert [(i.line, dict(i.params)["line"]) for i in invalid] == [(1, 3), (2, 3)]
    assert score_group(found).people == 2


def test_another_setting_or_background_is_another_person() -> None:
    """The later code must have the earlier one's setting and background as well."""
    other_background = next(b for b in V3.backgrounds if b != BEFORE.background)
    for change in ({"profile": "industry"}, {"background": other_background}):
        later = AFTER.model_copy(update=change)
        found, invalid = parse_codes(f"{encode_share_code(BEFORE)}\n{encode_share_code(later)}")
        assert (found, invalid) == ([BEFORE, later], [])


def test_groups_without_extra_answers_and_exact_duplicates_keep_their_rules() -> None:
    """Codes without extra answers are never earlier versions of each other (a progress link of
    half the answers is still its own line); the same code twice stays a duplicate."""
    half = BEFORE.model_copy(
        update={"responses": dict(list(BEFORE.responses.items())[: len(BEFORE.responses) // 2])}
    )
    text = "\n".join(
        [encode_progress_code(half, 2), encode_share_code(BEFORE), encode_share_code(BEFORE)]
    )
    found, invalid = parse_codes(text)
    assert found == [half, BEFORE]
    assert [i.key for i in invalid] == ["group.duplicate"]


def test_the_text_json_and_pdf_exports_say_which_line_counts() -> None:
    """The command line's text and JSON and the PDF name the pair, in either language."""
    found, invalid = parse_codes(f"{encode_share_code(BEFORE)}\n{encode_share_code(AFTER)}")
    group = score_group(found)
    for lang in ("de", "en"):
        note = msg("ux5.group.earlier_note", lang, line=1, later=2)
        assert note in " ".join(render_group_text(group, invalid, None, lang).split())
        notes = earlier_notes(invalid, lang)
        assert note in _text(build_group_pdf(group, 1, lang, today=DAY, notes=notes), lang)
    assert group_json(group, invalid, None, "en")["earlier_versions"] == [{"line": 1, "counted": 2}]


def test_more_codes_with_the_same_own_answers_than_one_person_has_versions_are_not_compared() -> (
    None
):
    """Up to MAX_VERSIONS_COMPARED codes with the same own answers are compared as versions; a
    crowd of them is no person's, and each counts (no cost of their square)."""
    likert = sum(isinstance(item, LikertItem) for item in EXTRA)
    crowd = [
        with_extra(BEFORE, count, value) for count in range(1, likert + 1) for value in range(1, 6)
    ]
    assert len(crowd) >= MAX_VERSIONS_COMPARED
    found, invalid = parse_codes("\n".join(encode_share_code(a) for a in [BEFORE, *crowd]))
    assert (len(found), invalid) == (len(crowd) + 1, [])
    # Fewer: compared, and each value's chain (1, 2 … 10 extra answers) counts as its longest.
    few = crowd[:50]
    found, invalid = parse_codes("\n".join(encode_share_code(a) for a in [BEFORE, *few]))
    assert found == [a for a in few if len(a.responses) == max(len(b.responses) for b in few)]
    assert len(found) == 5
