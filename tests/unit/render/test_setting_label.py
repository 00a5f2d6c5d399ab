"""UX pass m4: a person who chose "noch offen – alle vergleichen" is not told their setting was
"Allgemeines Duisburg-Profil": the head of the page, the PDF and the text report say it is open,
compared with all, and which profile the verdict is read against."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.engine.result import build_result
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.render.brief import setting_name
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.banks import RELEASED, answer_sets


@pytest.mark.parametrize("version", RELEASED)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_open_setting_is_named_open(version: int, lang: Language) -> None:
    bank = load_bank(version)
    for answer_set in answer_sets(version):
        result = build_result(answer_set.answers, bank)
        summary = summarize(result, bank, lang)
        name = setting_name(summary)
        profile = bank.profiles[result.answers.profile].name(lang)
        if result.answers.profile == "duisburg":
            assert name == msg("ux.setting.open", lang, profile=profile)
            assert name != profile
            assert " ".join(name.split()) in " ".join(render_text(result, bank, lang).split())
        else:
            assert name == profile


def test_the_pdf_head_names_an_open_setting_open() -> None:
    bank = load_bank(RELEASED[-1])
    answers = next(s.answers for s in answer_sets(bank.version) if s.answers.profile == "duisburg")
    result = build_result(answers, bank)
    document = build_pdf(result, bank, "de", "http://localhost:8501/?r=CODE")
    first = PdfReader(io.BytesIO(document)).pages[0].extract_text()
    assert "noch offen" in " ".join(first.split())
