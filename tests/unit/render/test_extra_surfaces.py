"""A result with extra answers (rules 3) on every surface: the summary's notes, the PDF, the
JSON and `selbstcheck score` say how many extra answers it includes and which demands changed;
without extra answers none of them says anything about it."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.cli import run
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.extra import EXTRA_PER_DEMAND, offer_extra
from assessment.engine.result import Result, build_result
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.export import result_json
from assessment.render.extra import change_lines, extra_notes
from assessment.render.methodology import methodology
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests import simulate

V3 = load_bank(3)
SEED = 2026
LINK = "http://localhost:8501/?r=x"


def _answers(index: int = 1) -> tuple[Answers, Answers]:
    """A simulated person's short-form answers, and the same with the offered extra ones."""
    person = simulate.draw_person(V3, SEED, index)
    answers = simulate.respond("honest", person, V3, "short", SEED)
    offer = offer_extra(answers, V3, build_result(answers, V3).match)
    full = simulate.honest_responses(person, V3, "full", simulate._rng(SEED, "extra", index))
    extra = {i: full[i] for ids in offer.values() for i in ids}
    return answers, answers.model_copy(update={"responses": {**answers.responses, **extra}})


@pytest.fixture(scope="module")
def results() -> tuple[Result, Result]:
    plain, extended = _answers()
    return build_result(plain, V3), build_result(extended, V3)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_notes_name_the_count_and_every_changed_demand(
    results: tuple[Result, Result], lang: Language
) -> None:
    """One note: "N zusätzliche Antworten", then each changed demand with before and after."""
    plain, extended = results
    assert extended.extra_changes
    (note,) = extra_notes(extended, V3, lang)
    assert note.startswith(msg("extra.answers", lang, count=len(extended.extra)))
    lines = change_lines(extended, V3, lang)
    assert lines
    for line in lines:
        assert line in note
    # Named by the result's own section headings (UX pass m4): each changed demand's "jetzt"
    # is the heading of the section its card stands under; no band word such as "unter dem
    # Zielbereich" that no section is called.
    sections = {
        d: group.heading for group in summarize(extended, V3, lang).groups for d in group.dimensions
    }
    named = 0
    for change in extended.extra_changes:
        name = V3.dimension(change.dimension).name(lang)
        said = next((x for x in lines if x.startswith(f"{name}:")), None)
        if said is None:  # the same section before and after (within to above): not named
            continue
        named += 1
        assert said.endswith(f"{sections[change.dimension]}{'“' if lang == 'de' else '”'}")
    assert named == len(lines)
    assert msg("v2.band_below", lang) not in note
    # Said once, under the summary: not a note on response quality (UX pass).
    assert summarize(extended, V3, lang).extra_note == note
    assert note not in summarize(extended, V3, lang).quality_notices
    assert extra_notes(plain, V3, lang) == ()
    assert summarize(plain, V3, lang).extra_note is None


def test_the_pdf_says_it_on_both_viewers(results: tuple[Result, Result]) -> None:
    """The PDF (own and shared) carries the note word for word, once, on page 1 before the
    notes on response quality (UX pass: it appeared twice, once among them)."""
    _, extended = results
    (note,) = extra_notes(extended, V3, "de")
    for viewer in ("self", "other"):
        document = build_pdf(extended, V3, "de", LINK, viewer=viewer)
        reader = PdfReader(io.BytesIO(document))
        text = _flat(" ".join(page.extract_text() for page in reader.pages))
        assert text.count(_flat(note)) == 1
        first = _flat(reader.pages[0].extract_text())
        assert _flat(note) in first
        quality = _flat(msg("report.quality", "de"))
        if quality in first:
            assert first.index(_flat(note)) < first.index(quality)


def test_the_json_lists_the_extra_answers_and_the_changes(results: tuple[Result, Result]) -> None:
    """The JSON export holds the extra items, the changed bands and the level before them, and
    reads back as the same result."""
    _, extended = results
    data = json.loads(result_json(extended))
    assert data["extra"] == list(extended.extra)
    assert data["extra_changes"] == [c.model_dump() for c in extended.extra_changes]
    assert data["level_before_extra"] == extended.level_before_extra
    assert Result.model_validate_json(result_json(extended)).extra == extended.extra


def test_the_command_line_scores_a_code_with_extra_answers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`selbstcheck score --code` prints the updated result with the note; --json the fields."""
    _, extended = _answers()
    code = encode_share_code(extended)
    assert run(["score", "--code", code]) == 0
    out = _flat(capsys.readouterr().out)
    (note,) = extra_notes(build_result(extended, V3), V3, "de")
    assert out.count(_flat(note)) == 1
    assert run(["score", "--json", "--code", code]) == 0
    assert json.loads(capsys.readouterr().out)["extra"] == list(build_result(extended, V3).extra)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_methodology_page_states_the_rule_for_banks_that_offer_extra_questions(
    lang: Language,
) -> None:
    """Bank v3's methodology names the extra questions with their number per demand; bank v2's
    does not mention them."""
    expected = msg("extra.method", lang, per_demand=EXTRA_PER_DEMAND)
    v3 = [p for s in methodology(V3, lang) for p in s.paragraphs]
    v2 = [p for s in methodology(load_bank(2), lang) for p in s.paragraphs]
    assert expected in v3
    assert f" {EXTRA_PER_DEMAND} " in expected
    assert expected not in v2


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_counts_name_the_extra_questions_beside_the_forms_own(
    results: tuple[Result, Result], lang: Language
) -> None:
    """Usability verify pass n3: the count of answered questions is the form's (as the
    questionnaire counts them), with the extra questions named beside it – the same sentence on
    the page's summary, in the PDF and in the text report; without extra answers, no word of
    them."""
    plain, extended = results
    extra = len(extended.extra)
    form = len(V3.forms["short"].items)
    assert plain.answered == form
    said = summarize(extended, V3, lang).answered_text
    assert said == msg("minors22.count.with_extra", lang, answered=form, total=form, extra=extra)
    assert str(extended.total) not in said.split()
    text = render_text(extended, V3, lang)
    assert said in text
    reader = PdfReader(io.BytesIO(build_pdf(extended, V3, lang, LINK)))
    assert said in _flat(" ".join(page.extract_text() for page in reader.pages))
    assert summarize(plain, V3, lang).answered_text == msg(
        "overall.answered", lang, answered=form, total=form
    )
