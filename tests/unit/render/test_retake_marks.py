"""Retake marks in words: the own result, the shared page, the PDF and the CLI say how many
situations and knowledge questions were changed after the rationales were shown (rules 3)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import KnowledgeItem, Scenario
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.render.pdf.result import build_pdf
from assessment.render.retake import revised_counts, revised_marks, revised_note
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.banks import answer_sets

V3 = load_bank(3)
MARKS = {
    "de": "Nach Anzeige der Begründungen geändert: 3 Situationen, 2 Wissensfragen",
    "en": "Changed after the rationales were shown: 3 situations, 2 knowledge questions",
}


def _answers(situations: int = 3, knowledge: int = 2) -> Answers:
    base = next(s.answers for s in answer_sets(3) if s.answers.form == "full")
    items = V3.form_items("full")
    revised = [i.id for i in items if isinstance(i, Scenario)][:situations]
    revised += [i.id for i in items if isinstance(i, KnowledgeItem)][:knowledge]
    return Answers.model_validate({**base.model_dump(), "revised": revised})


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_marks_are_counted_by_kind_in_both_languages(lang: Language) -> None:
    """Three situations and two knowledge questions, counted apart, with plural forms."""
    answers = _answers()
    assert revised_counts(answers, V3) == (3, 2)
    assert revised_marks(answers, V3, lang) == MARKS[lang]
    single = revised_marks(_answers(0, 1), V3, lang)
    assert (
        single
        == {
            "de": "Nach Anzeige der Begründungen geändert: 1 Wissensfrage",
            "en": "Changed after the rationales were shown: 1 knowledge question",
        }[lang]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_own_and_shared_result_say_so_worded_for_the_reader(lang: Language) -> None:
    """The person reads "Sie"/"you", the shared page "die Person"/"this person"; the result and
    the share code carry the marks."""
    answers = _answers()
    result = build_result(decode_code(encode_share_code(answers)).answers, V3)
    assert result.revised == answers.revised
    own = summarize(result, V3, lang)
    other = summarize(result, V3, lang, viewer="other")
    own_note = next(n for n in own.quality_notices if n.startswith(MARKS[lang]))
    other_note = next(n for n in other.quality_notices if n.startswith(MARKS[lang]))
    assert ("haben Sie" if lang == "de" else "You changed") in own_note
    assert ("die Person" if lang == "de" else "This person") in other_note
    assert revised_note(result, V3, lang, "other") == other_note


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_and_command_line_say_so(lang: Language) -> None:
    """The PDF (own and shared) and the readable CLI result carry the same sentence."""
    result = build_result(_answers(), V3)
    for viewer in ("self", "other"):
        document = build_pdf(result, V3, lang, "https://selbstcheck.example/?r=x", viewer=viewer)
        reader = PdfReader(io.BytesIO(document))
        assert MARKS[lang] in _flat(" ".join(page.extract_text() for page in reader.pages))
    assert MARKS[lang] in _flat(render_text(result, V3, lang))


def test_no_marks_no_note_and_released_banks_never() -> None:
    """Answers without marks get no retake notice; v1 and v2 results never do."""
    result = build_result(_answers(0, 0), V3)
    assert revised_note(result, V3, "de") is None
    assert not any("Begründungen" in n for n in summarize(result, V3, "de").quality_notices)
    for version in (1, 2):
        bank = load_bank(version)
        released = build_result(answer_sets(version)[0].answers, bank)
        assert revised_note(released, bank, "de") is None


@pytest.mark.parametrize("viewer", ["self", "other"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_marks_claim_only_what_is_known(lang: Language, viewer: str) -> None:
    """UX pass m16: the product knows the result with its rationales was shown, not whether
    they were read; no retake text (note, marks, group column, hint) claims reading."""
    note = revised_note(build_result(_answers(), V3), V3, lang, viewer)  # type: ignore[arg-type]
    assert note is not None
    texts = [note, *(msg(key, lang) for key in RETAKE_KEYS)]
    for text in texts:
        lowered = text.lower()
        for claim in ("gelesen hatten", "gelesen hatte", "einsicht", "after reading"):
            assert claim not in lowered, text
    shown = {"de": "angezeigt worden war", "en": "had been shown"}[lang]
    assert shown in note


RETAKE_KEYS = (
    "retake.marks",
    "retake.edit_marks",
    "retake.link_contains",
    "group.csv_revised",
    "group.revised_people",
)
