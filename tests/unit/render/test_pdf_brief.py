"""Issue 22, point 1: page 1 of the result PDF holds the one-screen summary, read with
pdftotext (poppler-utils) as a person's PDF reader would extract it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assessment.bank.load import available_versions, load_bank
from assessment.codes.share import decode_code
from assessment.engine.result import build_result
from assessment.i18n import Language, Viewer
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from tests.loadclient import share_codes

LINK = "http://localhost:8501/?r=CODE"
PDFTOTEXT = shutil.which("pdftotext")


def _words(text: str) -> str:
    """Return text without whitespace, hyphenation aside (line breaks differ by layout)."""
    return "".join(text.split())


def _page_text(document: bytes, tmp_path: Path, page: int) -> str:
    path = tmp_path / "result.pdf"
    path.write_bytes(document)
    done = subprocess.run(
        [PDFTOTEXT or "pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", path, "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return done.stdout


CASES = [
    (version, form, lang, viewer)
    for version in available_versions()
    for form, lang, viewer in (("short", "de", "self"), ("full", "en", "other"))
]


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize(
    ("version", "form", "lang", "viewer"), CASES, ids=[f"v{c[0]}-{c[1]}-{c[3]}" for c in CASES]
)
def test_page_one_holds_the_one_screen_summary(
    version: int, form: str, lang: Language, viewer: Viewer, tmp_path: Path
) -> None:
    """A typical result (tests/loadclient.py share codes) on every bank: page 1 holds the
    verdict, what it rests on, the strongest demands, every urgent step with its first action
    and every way on; page 2 none of the summary's headings."""
    short, full = share_codes(2, version=version)
    answers = decode_code(short if form == "short" else full).answers
    bank = load_bank(version)
    result = build_result(answers, bank)
    brief = summarize(result, bank, lang, viewer).brief
    assert brief is not None
    document = build_pdf(result, bank, lang, LINK, viewer=viewer)
    first = _words(_page_text(document, tmp_path, 1))
    texts = [brief.verdict, brief.rests_on, brief.steps_heading, brief.where_heading]
    texts += [f"{d.name}: {d.text}" for d in (*brief.strongest, *brief.steps)]
    texts += [entry.text for entry in brief.where]
    if brief.no_steps:
        texts.append(brief.no_steps)
    missing = [text for text in texts if _words(text) not in first]
    assert missing == []
    assert brief.where[-1].key == "career"
    second = _words(_page_text(document, tmp_path, 2))
    assert _words(brief.where_heading) not in second


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize(
    ("version", "form", "lang", "viewer"), CASES, ids=[f"v{c[0]}-{c[1]}-{c[3]}" for c in CASES]
)
def test_page_one_gives_the_count_once(
    version: int, form: str, lang: Language, viewer: Viewer, tmp_path: Path
) -> None:
    """UX pass 3, m-10: "0 von 12 Anforderungen erfüllt, 7 an der Grenze" stands once on page 1
    (the one-screen summary's first line), not again before the overall text."""
    short, full = share_codes(2, version=version)
    answers = decode_code(short if form == "short" else full).answers
    bank = load_bank(version)
    result = build_result(answers, bank)
    summary = summarize(result, bank, lang, viewer)
    first = _words(_page_text(build_pdf(result, bank, lang, LINK, viewer=viewer), tmp_path, 1))
    assert summary.brief is not None
    start = first.index(_words(summary.brief.rests_on))  # the count, under the verdict
    end = first.index(_words(summary.overall_text), start)
    assert first[start:end].count(_words(summary.met_text)) == 1, "not again before the overall"
