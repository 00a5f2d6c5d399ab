"""UX pass 3, M-A: where a requirement's verdict rests on the situations and the knowledge part,
the sentence says what was compared – the self-view against the mean of the views that count –
with both numbers, on the own page, the shared page, the text report and the PDF. It never says
the self-view "differs from them" beside a view that equals it (rules 3 unchanged: the verdict is
pinned in tests/unit/engine/test_pinned_v3.py)."""

from __future__ import annotations

import io
import re

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import Bank
from assessment.engine.result import Result, build_result
from assessment.engine.scoring import DimensionScore, ViewScore
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.messages import msg
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from assessment.render.views import basis_text
from tests.banks import RELEASED, answer_sets

V3 = [v for v in RELEASED if load_bank(v).rules.views_apart]
pytestmark = pytest.mark.skipif(not V3, reason="no bank with rules 3")


def _reviewed_case() -> DimensionScore:
    """The UX pass's Krisenfestigkeit: self 100, one situation 100, one knowledge item 0."""
    return DimensionScore(
        dimension="crisis",
        score=50,
        uncertainty=18,
        answered=5,
        total=5,
        basis="evidence",
        views=(
            ViewScore(view="self", score=100, uncertainty=18, answered=3, total=3),
            ViewScore(view="situation", score=100, uncertainty=25, answered=1, total=1),
            ViewScore(view="knowledge", score=0, uncertainty=25, answered=1, total=1),
        ),
    )


@pytest.mark.parametrize("viewer", ["self", "other"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sentence_names_the_mean_it_compared_with(lang: Language, viewer: Viewer) -> None:
    text = basis_text(_reviewed_case(), lang, viewer) or ""
    assert "(100)" in text
    assert "(50)" in text
    mean = {"de": "Mittel aus Situationen und Wissen (50)", "en": "situations and the knowledge"}
    assert mean[lang] in text
    assert "weicht davon" not in text
    assert "differs from them" not in text


def _evidence_sets() -> list[tuple[Bank, Result]]:
    found = []
    for version in V3:
        bank = load_bank(version)
        for answer_set in answer_sets(version):
            result = build_result(answer_set.answers, bank)
            if any(s.basis == "evidence" for s in result.scores):
                found.append((bank, result))
    return found


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_surface_gives_both_numbers(lang: Language) -> None:
    cases = _evidence_sets()
    assert cases, "no sample person whose verdict rests on the evidence"
    bank, result = cases[0]
    evidence = [s for s in result.scores if s.basis == "evidence"]
    own_page = summarize(result, bank, lang)
    shared = summarize(result, bank, lang, viewer="other")
    report = _flat(render_text(result, bank, lang))
    pdfs = {
        viewer: _pdf_text(build_pdf(result, bank, lang, "https://example.org/?r=x", viewer=viewer))
        for viewer in ("self", "other")
    }
    for score in evidence:
        own = next(v.score for v in score.views if v.view == "self")
        for summary in (own_page, shared):
            card = next(c for c in summary.cards if c.dimension == score.dimension)
            assert card.basis is not None
            assert f"({own})" in card.basis
            assert f"({score.score}" in card.basis
            assert _flat(card.basis)[:60] in pdfs[summary.viewer]
        own_card = next(c for c in own_page.cards if c.dimension == score.dimension)
        assert _flat(own_card.basis or "") in report
        if len(evidence) < sum(s.score is not None for s in result.scores):
            name = bank.dimension(score.dimension).name(lang)
            item = msg("ux3.basis.rests_item", lang, name=name, own=own, evidence=score.score)
            assert item in (own_page.rests_on or "")
