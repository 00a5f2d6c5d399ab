"""UX pass 5, findings 1, 2 and 5: rules 4's combination in plain words under the verdict (on the
page, the shared page, the text report and the PDF alike), the exact rule on the methodology
page after a plain version of it, and the knowledge questions' intro and card honest about what
"Kann ich nicht sagen" and a single question do. (The plain sentence's claims are checked
against the engine in test_reading.py.)"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, KnowledgeItem, LikertItem, Scenario, TradeoffItem
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.messages import msg
from assessment.render.methodology import methodology
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from assessment.render.views import scored_in_view
from tests.banks import RELEASED

RULES_4 = tuple(v for v in RELEASED if load_bank(v).rules.per_view_disagreement)
RULES_3 = tuple(
    v
    for v in RELEASED
    if load_bank(v).rules.views_apart and not load_bank(v).rules.per_view_disagreement
)
KNOWLEDGE = tuple(v for v in RELEASED if load_bank(v).rules.knowledge_part)


def _answers(version: int, unsure_knowledge: bool = True) -> Answers:
    """A short form answered in the middle, every knowledge question "Kann ich nicht sagen"."""
    bank = load_bank(version)
    responses: dict[str, int | str] = {}
    for item in bank.form_items("short"):
        if isinstance(item, KnowledgeItem):
            responses[item.id] = UNSURE if unsure_knowledge else item.key
        elif isinstance(item, Scenario):
            responses[item.id] = item.options[0].id
        elif isinstance(item, LikertItem | TradeoffItem):
            responses[item.id] = 4
        else:
            responses[item.id] = 1
    return Answers(
        bank_version=version,
        form="short",
        profile="mittelstand",
        background="starter",
        responses=responses,
    )


def test_the_banks_are_there() -> None:
    assert RULES_4, "no released bank has rules 4"
    assert RULES_3, "no released bank has rules 3"


@pytest.mark.parametrize("version", RULES_4)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_rules_4_reading_is_short_plain_and_points_to_the_exact_rule(
    version: int, lang: Language
) -> None:
    """Finding 1: no formula under the verdict – no "95", no weight cap, no "Standardfehler" –
    two plain sentences and where the exact rule is; the same for the person and for someone
    they shared it with (it says "das Selbstbild", never "Sie"), in the text report too."""
    bank = load_bank(version)
    result = build_result(_answers(version), bank)
    readings = []
    viewers: tuple[Viewer, ...] = ("self", "other")
    for viewer in viewers:
        summary = summarize(result, bank, lang, viewer)
        assert summary.brief is not None
        assert summary.brief.reading is not None
        readings.append(summary.brief.reading)
    plain = msg("reading4.reading", lang)
    for reading in readings:
        assert reading.startswith(plain)
    assert readings[0] == readings[1]
    for word in ("95", "3)", "Standardfehler", "standard error", "gewichtet", "weighted", "Mittel"):
        assert word not in plain
    for word in (" Sie ", "Ihr", " you", "your"):
        assert word not in plain
    assert msg("method.title", lang) in plain
    assert len(plain.split()) <= 75
    assert plain in " ".join(render_text(result, bank, lang).split())


@pytest.mark.parametrize("version", RULES_4)
def test_the_pdf_carries_the_plain_reading_not_the_rule(version: int) -> None:
    bank = load_bank(version)
    result = build_result(_answers(version), bank)
    reader = PdfReader(io.BytesIO(build_pdf(result, bank, "de", "https://example.org/?r=x")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Das Selbstbild wiegt nie mehr als Situationen oder Wissen" in text
    assert "gewichtet nach ihren Antworten (höchstens" not in text


@pytest.mark.parametrize("version", RULES_3)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_rules_3_keep_their_sentence(version: int, lang: Language) -> None:
    bank = load_bank(version)
    summary = summarize(build_result(_answers(version), bank), bank, lang)
    assert summary.brief is not None
    assert summary.brief.reading is not None
    assert msg("reading4.reading", lang) not in summary.brief.reading
    assert "95" in summary.brief.reading


@pytest.mark.parametrize("version", RELEASED)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_method_page_puts_plain_words_before_the_exact_rule(
    version: int, lang: Language
) -> None:
    """Finding 5: on rules 4 the plain version comes right before the exact paragraph, which
    stays as it is; other rules have neither."""
    bank = load_bank(version)
    paragraphs = [p for section in methodology(bank, lang) for p in section.paragraphs]
    plain = msg("reading4.method_plain", lang)
    if version not in RULES_4:
        assert plain not in paragraphs
        return
    at = paragraphs.index(plain)
    rule = paragraphs[at + 1]
    assert rule.startswith(("Der Wert der Anforderung, nach dem", "The requirement's score, which"))
    assert "1,96" in rule or "1.96" in rule


@pytest.mark.parametrize("version", KNOWLEDGE)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lone_cant_say_is_named_on_its_card(version: int, lang: Language) -> None:
    """Finding 2: where a knowledge view rests on one question answered "Kann ich nicht sagen",
    the card says both: one question, and that it counts as not known."""
    bank = load_bank(version)
    result = build_result(_answers(version), bank)
    summary = summarize(result, bank, lang)
    one = msg("ux.single.one_question", lang)
    unsure = msg("ux.single.unsure_knowledge", lang, count=1)
    lone = 0
    for score in result.scores:
        view = score.view("knowledge")
        if view is None or view.score is None or scored_in_view(view) != 1 or not view.unsure:
            continue
        card = next(c for c in summary.cards if c.dimension == score.dimension)
        cell = next(c for c in card.views if c.view == "knowledge")
        assert one in cell.detail, cell.detail
        assert unsure in cell.detail, cell.detail
        lone += 1
    assert lone, "no knowledge view on a single question answered “Kann ich nicht sagen”"
