"""Rules 4's consistency notice on the traps on every surface that shows quality notices: the
result page's summary (to the person and about them), the text and CLI output, the JSON and the
PDF — in German and English, quoting a trap the person answered the look-good way, recommending
the Fremdbild, and saying why the verdict is provisional (never as a note on response quality)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from assessment.bank.models import LikertItem
from assessment.cli import run
from assessment.engine.result import Result, build_result
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.export import result_json
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.unit.engine.test_look_good_v4 import BANK, answers_of, lenient, looking_good

FREMDBILD = {"de": "Fremdbild", "en": "colleagues"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def result() -> Result:
    found = build_result(answers_of(looking_good), BANK)
    assert [flag.kind for flag in found.quality] == ["look_good_answers"]
    return found


def _quoted(result: Result, lang: Language) -> str:
    item = BANK.item(result.quality[0].where[0])
    assert isinstance(item, LikertItem)
    assert item.wording == "trap"
    return item.text(lang)


def _opening(lang: Language, viewer: Viewer) -> str:
    """The notice's own words up to the quoted statement."""
    template = msg(
        "other.rules4.look_good.notice" if viewer == "other" else "rules4.look_good.notice",
        lang,
        statement="\0",
        basis="",
    )
    return template.split("\0")[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewer", ["self", "other"])
def test_the_summary_says_it_in_its_own_words(
    result: Result, lang: Language, viewer: Viewer
) -> None:
    summary = summarize(result, BANK, lang, viewer)
    notice = summary.consistency or ""
    assert notice.startswith(_opening(lang, viewer))
    assert _quoted(result, lang) in notice
    assert FREMDBILD[lang] in notice
    # Not the rules-3 words (the self view is not at the ceiling) and not a quality notice.
    assert voiced("views.consistency", lang, viewer, basis="")[:40] not in notice
    assert not summary.quality_notices
    assert voiced("rules4.look_good.tentative_text", lang, viewer) in summary.overall_text
    if viewer == "other":
        assert "Ihre " not in notice
        assert "your " not in notice.lower().replace("your self", "")


def test_no_notice_for_a_lenient_honest_person() -> None:
    honest = build_result(answers_of(lenient), BANK)
    for lang in LANGUAGES:
        assert summarize(honest, BANK, lang).consistency is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_cli_and_json_carry_it(
    result: Result, lang: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = _flat(summarize(result, BANK, lang).consistency or "")
    assert _flat(_opening(lang, "self")) in _flat(render_text(result, BANK, lang))
    path = tmp_path / "answers.json"
    path.write_text(result.answers.model_dump_json(), encoding="utf-8")
    assert run(["--lang", lang, "score", str(path)]) == 0
    assert notice[:120] in _flat(capsys.readouterr().out)
    data = json.loads(result_json(result))
    assert data["self_based"] is True
    flag = data["quality"][0]
    assert flag["kind"] == "look_good_answers"
    assert flag["where"][0] == result.quality[0].where[0]
    assert Result.model_validate_json(result_json(result)) == result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_carries_it(result: Result, lang: Language) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(build_pdf(result, BANK, lang, "https://example.org/?r=x")))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    openings = [_flat(_opening(lang, viewer))[:50] for viewer in ("self", "other")]
    assert any(opening in text for opening in openings), openings
