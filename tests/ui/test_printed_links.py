"""Issue 23, point 2, on every PDF: a link printed into a PDF is made from codes on the
configured address (or Streamlit's own), never from the address a browser reports."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.codes.links import PEERS_PARAM, SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.peer.codes import invitation_id
from assessment.peer.compare import summarize_codes
from assessment.peer.summary import encode_summary
from assessment.ui import result, shared
from tests.ui.conftest import APP
from tests.unit.peer.test_peer import own_answers, peer_code

HOSTILE = "http://evil.example/" + "a" * 8_000


def _pdf_text(download: shared.Download) -> str:
    document = download.build()
    assert isinstance(document, bytes)
    pages = PdfReader(io.BytesIO(document)).pages
    return "".join("".join(page.extract_text().split()) for page in pages)


def _comparison(monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, str, str, list[shared.Download]]:
    """Open the comparison of the person's share code with a summary code (whose PDF prints
    its link) while the browser reports an 8,000-character address."""
    captured: list[shared.Download] = []
    monkeypatch.setattr(shared, "download_row", lambda downloads: captured.extend(downloads))
    monkeypatch.setattr(shared, "base_url", lambda: HOSTILE)
    answers = own_answers()
    ours = invitation_id(answers)
    codes = [peer_code(v, invitation=ours) for v in (1, 3, 5)]
    summary, _ = summarize_codes(codes, load_bank(answers.bank_version), answers.form, ours)
    assert summary is not None
    share, summary_code = encode_share_code(answers), encode_summary(summary)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params[SHARE_PARAM] = share
    at.query_params[PEERS_PARAM] = summary_code
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    return at, share, summary_code, captured


def test_comparison_pdf_prints_the_codes_on_the_server_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No configured address: the comparison PDF prints the codes on Streamlit's own address;
    the browser's 8,000-character address reaches only the link shown on the page."""
    monkeypatch.delenv(shared.PUBLIC_URL_VARIABLE, raising=False)
    at, share, summary_code, captured = _comparison(monkeypatch)
    [pdf, _json] = captured
    text = _pdf_text(pdf)
    assert f"http://localhost:8501/?r={share}&peers={summary_code}" in text
    assert "evil.example" not in text
    assert any(code.value.startswith(HOSTILE) for code in at.code)


def test_comparison_pdf_and_page_use_the_configured_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SELBSTCHECK_PUBLIC_URL set: the PDF prints the codes on it."""
    monkeypatch.setenv(shared.PUBLIC_URL_VARIABLE, "https://selbstcheck.example.org/")
    _, share, summary_code, captured = _comparison(monkeypatch)
    [pdf, _json] = captured
    text = _pdf_text(pdf)
    assert f"https://selbstcheck.example.org/?r={share}&peers={summary_code}" in text
    assert "evil.example" not in text


@pytest.mark.usefixtures("slow_clock")
def test_own_result_pdf_prints_the_code_on_the_server_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The own result's PDF, with its share and method links, is made from the code on the
    server's address while the browser reports an 8,000-character one."""
    from tests.ui.conftest import new_app, start
    from tests.ui.test_app_v2 import complete_v2

    monkeypatch.delenv(shared.PUBLIC_URL_VARIABLE, raising=False)
    captured: list[shared.Download] = []
    monkeypatch.setattr(shared, "download_row", lambda downloads: captured.extend(downloads))
    monkeypatch.setattr(shared, "base_url", lambda: HOSTILE)
    at = complete_v2(start(new_app(lang="en")))
    assert not at.exception
    [pdf] = [download for download in captured if download.key == result.PDF_KEY]
    text = _pdf_text(pdf)
    assert "http://localhost:8501/?r=" in text
    assert "http://localhost:8501/?view=method" in text
    assert "evil.example" not in text
