"""Rules 4's agreement check on every surface that shows quality notices (ux5 pass, finding 3):
the summary (to the person and about them), text, CLI, JSON, PDF and the methodology page, in
German and English — and never beside the scatter notice's "as random answers would" or the
unlikely virtues' "together with the wide spread" wording."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from assessment.bank.load import load_bank
from assessment.cli import run
from assessment.engine import quality
from assessment.engine.result import Result, build_result
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.export import result_json
from assessment.render.methodology import methodology
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.unit.engine.test_agreement_v4 import BANK, same_answer

OPENING = {
    ("self", "de"): "Sie haben fast allen Aussagen zugestimmt",
    ("self", "en"): "You agreed with almost all statements",
    ("other", "de"): "Die Person hat fast allen Aussagen zugestimmt",
    ("other", "en"): "This person agreed with almost all statements",
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def yes_sayer() -> Result:
    found = build_result(same_answer(5), BANK)
    kinds = [flag.kind for flag in found.quality]
    assert "agreed_all" in kinds
    assert "unlikely_virtues" in kinds
    assert "scatter" not in kinds
    return found


def _random_words(lang: Language, viewer: Viewer) -> tuple[str, ...]:
    """The words that call answers random or careless: the scatter notice and the unlikely
    virtues' scattered wording."""
    return (
        _flat(voiced("quality.scatter", lang, viewer))[:60],
        _flat(voiced("quality.unlikely_virtues_scattered", lang, viewer, count=1)).split(". ")[1],
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewer", ["self", "other"])
def test_the_summary_says_it_and_not_random(
    yes_sayer: Result, lang: Language, viewer: Viewer
) -> None:
    notices = summarize(yes_sayer, BANK, lang, viewer).quality_notices
    joined = _flat(" ".join(notices))
    assert OPENING[viewer, lang] in joined
    assert ("vorläufig" if lang == "de" else "provisional") in joined
    for words in _random_words(lang, viewer):
        assert words not in joined
    # the unlikely virtues keep their plain wording ("a very favourable picture")
    plain = _flat(voiced("quality.unlikely_virtues", lang, viewer, count=1))[:40]
    assert plain in joined


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_nay_sayer_reads_the_mirror(lang: Language) -> None:
    result = build_result(same_answer(1), BANK)
    joined = _flat(" ".join(summarize(result, BANK, lang).quality_notices))
    assert _flat(msg("quality.rejected_all", lang, count=1))[:30] in joined
    assert _random_words(lang, "self")[0] not in joined


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_cli_json_and_pdf_carry_it(
    yes_sayer: Result, lang: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    opening = OPENING["self", lang]
    text = _flat(render_text(yes_sayer, BANK, lang))
    assert opening in text
    assert _random_words(lang, "self")[0] not in text
    path = tmp_path / "answers.json"
    path.write_text(yes_sayer.answers.model_dump_json(), encoding="utf-8")
    assert run(["--lang", lang, "score", str(path)]) == 0
    assert opening in _flat(capsys.readouterr().out)
    data = json.loads(result_json(yes_sayer))
    assert "agreed_all" in [flag["kind"] for flag in data["quality"]]
    assert data["tentative"] is True
    assert Result.model_validate_json(result_json(yes_sayer)) == yes_sayer
    reader = PdfReader(io.BytesIO(build_pdf(yes_sayer, BANK, lang, "https://example.org/?r=x")))
    pdf = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert opening[:30] in pdf


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_methodology_page_names_the_check_and_its_threshold(lang: Language) -> None:
    page = _flat(str(methodology(BANK, lang)))
    share = f"{round(quality.AGREEMENT_SHARE * 100)}{' %' if lang == 'de' else '%'}"
    assert share in page
    assert _flat(msg("rules4.agreement.honest", lang)) in page
    older = _flat(str(methodology(load_bank(3), lang)))
    assert _flat(msg("rules4.agreement.honest", lang)) not in older
