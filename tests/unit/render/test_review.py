"""The review of situations and knowledge questions after the result (issue 22, point 7): each
is numbered within its kind as on the question page, and names its topic and how the person's
own choice rates, on the page's text model and in the text report and the PDF alike."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, FormId, KnowledgeItem, Scenario
from assessment.bank.pagination import numbers_within_kind, paginate
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.i18n import Language, Viewer
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.banks import RELEASED

NEWEST = max(RELEASED)
FORMS: tuple[FormId, ...] = ("short", "full")


def _answers(version: int, form: FormId, lang: Language = "de") -> Answers:
    """Every item answered: scenarios cycle through their options, knowledge questions through
    right, wrong and "can't say" (so every rating and verdict occurs)."""
    bank = load_bank(version)
    responses: dict[str, int | str] = {}
    for index, item in enumerate(bank.form_items(form)):
        if isinstance(item, Scenario):
            responses[item.id] = item.options[index % len(item.options)].id
        elif isinstance(item, KnowledgeItem):
            wrong = next(o.id for o in item.options if o.id != item.key)
            responses[item.id] = (item.key, wrong, UNSURE)[index % 3]
        else:
            responses[item.id] = 3
    return Answers(
        bank_version=version,
        form=form,
        profile="public",
        language=lang,
        background="changer" if bank.rules.has_background else None,
        responses=responses,
    )


@pytest.mark.parametrize("version", RELEASED)
@pytest.mark.parametrize("form", FORMS)
def test_numbers_count_each_kind_in_page_order(version: int, form: FormId) -> None:
    """Situations and knowledge questions are numbered 1..n within their kind, in the order
    the pages show them, and each carries the total of its kind."""
    bank = load_bank(version)
    numbers = numbers_within_kind(bank, form)
    shown = [item for page in paginate(bank, form) for item in page]
    for kind in (Scenario, KnowledgeItem):
        of_kind = [item for item in shown if isinstance(item, kind)]
        assert [numbers[item.id] for item in of_kind] == [
            (n, len(of_kind)) for n in range(1, len(of_kind) + 1)
        ]
    assert set(numbers) == {i.id for i in shown if isinstance(i, Scenario | KnowledgeItem)}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("lang", "viewer"), [("de", "self"), ("en", "self"), ("de", "other")])
def test_scenario_review_names_number_topic_and_the_choices_rating(
    form: FormId, lang: Language, viewer: Viewer
) -> None:
    bank = load_bank(NEWEST)
    answers = _answers(NEWEST, form, lang)
    summary = summarize(build_result(answers, bank), bank, lang, viewer)
    scenarios = [i for i in bank.form_items(form) if isinstance(i, Scenario)]
    assert len(summary.scenarios) == len(scenarios)
    words = {
        ("de", "self"): ("Situation {n} von {total}", "Ihre Wahl: {o} – {r} ({s} von 3)"),
        ("en", "self"): ("Situation {n} of {total}", "your choice: {o} – {r} ({s} of 3)"),
        ("de", "other"): ("Situation {n} von {total}", "Wahl der Person: {o} – {r} ({s} von 3)"),
    }[lang, viewer]
    ratings = {
        "de": ("nicht vertretbar", "wenig vertretbar", "vertretbar", "gut vertretbar"),
        "en": ("not defensible", "hardly defensible", "defensible", "sound"),
    }[lang]
    for number, (review, item) in enumerate(zip(summary.scenarios, scenarios, strict=True), 1):
        chosen = next(o for o in item.options if o.id == answers.responses[item.id])
        expected = " · ".join(
            (
                words[0].format(n=number, total=len(scenarios)),
                bank.dimension(item.dimension).name(lang),
                words[1].format(o=chosen.id, r=ratings[chosen.score], s=chosen.score),
            )
        )
        assert review.label == expected
    assert {r.label.rsplit("(", 1)[1] for r in summary.scenarios} >= (
        {"0 von 3)", "3 von 3)"} if lang == "de" else {"0 of 3)", "3 of 3)"}
    )


@pytest.mark.parametrize(("lang", "viewer"), [("de", "self"), ("en", "other")])
def test_knowledge_review_names_number_topic_and_whether_the_answer_was_right(
    lang: Language, viewer: Viewer
) -> None:
    bank = load_bank(NEWEST)
    if not bank.rules.views_apart:
        pytest.skip("the newest bank has no knowledge questions")
    answers = _answers(NEWEST, "full", lang)
    summary = summarize(build_result(answers, bank), bank, lang, viewer)
    items = [i for i in bank.form_items("full") if isinstance(i, KnowledgeItem)]
    verdicts = {
        ("de", "self"): {"right": "Ihre Antwort: richtig", "wrong": "Ihre Antwort: falsch"},
        ("en", "other"): {
            "right": "this person's answer: correct",
            "wrong": "this person's answer: incorrect",
        },
    }[lang, viewer]
    head = "Wissensfrage" if lang == "de" else "Knowledge question"
    of = "von" if lang == "de" else "of"
    seen = set()
    for number, (review, item) in enumerate(zip(summary.knowledge, items, strict=True), 1):
        given = answers.responses[item.id]
        prefix = f"{head} {number} {of} {len(items)} · {bank.dimension(item.dimension).name(lang)}"
        assert review.label.startswith(prefix + " · ")
        verdict = "unsure" if given == UNSURE else "right" if given == item.key else "wrong"
        seen.add(verdict)
        if verdict != "unsure":
            assert review.label == f"{prefix} · {verdicts[verdict]}"
        else:
            assert "Kann ich nicht sagen" in review.label or "can't say" in review.label
    assert seen == {"right", "wrong", "unsure"}


def test_the_text_report_uses_the_same_labels() -> None:
    bank = load_bank(NEWEST)
    answers = _answers(NEWEST, "full")
    result = build_result(answers, bank)
    summary = summarize(result, bank, "de")
    report = render_text(result, bank, "de")
    labels = [r.label for r in summary.scenarios] + [r.label for r in summary.knowledge]
    assert labels
    for label in labels:
        assert label in report
