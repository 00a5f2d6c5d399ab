"""Fremdbild in a real browser: one context takes the check, three colleagues answer from the
invitation link in contexts of their own, the first sees the comparison, downloads its PDF, and
the comparison's link opens in a fresh context."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from assessment.messages import msg
from assessment.peer.codes import decode_peer_code
from tests.e2e.journey import TIMEOUT_MS, download, finish, start
from tests.e2e.peer_journey import answer_as_colleague, compare, invitation_link

pytestmark = pytest.mark.e2e


def test_three_colleagues_and_the_comparison(browser: Browser, server: str) -> None:
    """Invite → three peer codes → comparison with chart → PDF → shared comparison link."""
    own = browser.new_context(accept_downloads=True, locale="de-DE")
    own.set_default_timeout(TIMEOUT_MS)
    page = own.new_page()
    page.goto(server)
    start(page)
    finish(page)
    expect(page.get_by_role("heading", name=msg("ui.peer.ask_heading", "de"))).to_be_visible()
    link = invitation_link(page, "Anna")
    assert "view=invite" in link
    # The name is in the address (nothing on the server): a reload keeps it and the same
    # invitation link (usability verify pass n1).
    page.wait_for_url(re.compile(r"[?&]name=Anna(&|$)"))
    page.reload()
    expect(page.get_by_test_id("stCode").filter(has_text="view=invite")).to_have_text(link)
    expect(page.get_by_label(msg("ui.peer.name_label", "de"))).to_have_value("Anna")

    codes = []
    for offset in range(3):
        colleague = browser.new_context(locale="de-DE")
        colleague.set_default_timeout(TIMEOUT_MS)
        other = colleague.new_page()
        codes.append(answer_as_colleague(other, link, offset))
        expect(other.get_by_text("Anna", exact=False).first).to_be_visible()
        colleague.close()
    assert len(set(codes)) == 3
    assert all(decode_peer_code(code).form == "short" for code in codes)

    compare(page, codes)
    expect(page.get_by_text("3 von 3 Rückmeldecodes verglichen.")).to_be_visible()
    expect(page.get_by_role("heading", name=msg("peer.differences_heading", "de"))).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
    pdf = download(page, "mirror_pdf")
    assert pdf.startswith(b"%PDF")
    first = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "Selbstbild und Fremdbild" in first
    assert "3 von 3" in first
    shared_link = page.get_by_test_id("stCode").filter(has_text="peers=").inner_text().strip()
    assert all(code in shared_link for code in codes)
    own.close()

    fresh = browser.new_context(locale="de-DE")
    fresh.set_default_timeout(TIMEOUT_MS)
    reopened = fresh.new_page()
    reopened.goto(shared_link)
    expect(reopened.get_by_role("heading", name=msg("peer.title", "de"), level=1)).to_be_visible()
    expect(reopened.get_by_text("3 von 3 Rückmeldecodes verglichen.")).to_be_visible()
    expect(reopened.get_by_test_id("stVegaLiteChart")).to_be_visible()
    fresh.close()
