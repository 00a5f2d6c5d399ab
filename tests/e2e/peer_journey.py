"""Steps of the Fremdbild journey in a real browser: invite, answer as a colleague, compare."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from assessment.bank.load import load_bank
from assessment.messages import msg
from assessment.ui.peer import peer_pages, rating_values

FORM_BUTTON = "ui.peer.submit"


def invitation_link(page: Page, name: str) -> str:
    """Type the display name on the result page and return the invitation link shown."""
    link = page.get_by_test_id("stCode").filter(has_text="view=invite")
    expect(link).to_contain_text("view=invite")
    before = link.inner_text().strip()
    field = page.get_by_label(msg("ui.peer.name_label", "de"))
    field.fill(name)
    field.press("Enter")
    expect(link).not_to_have_text(before)
    text: str = link.inner_text().strip()
    return text


def answer_as_colleague(
    page: Page, link: str, offset: int, limit: int | None = None, version: int | None = None
) -> str:
    """Open an invitation, rate the statements (option offset, offset+1, … of each statement's
    own ratings, "Kann ich nicht beurteilen" included), return the code.

    `version`: the bank the invitation is for (default: the newest bank)."""
    page.goto(link)
    expect(page.get_by_role("heading", name=msg("ui.peer.invite_title", "de"))).to_be_visible()
    pages = peer_pages(load_bank(version), "short")
    number = 0
    for page_number, items in enumerate(pages):
        if page_number:
            page.get_by_role("button", name=msg("ui.quest.next", "de")).click()
            expected = f"Seite {page_number + 1} von {len(pages)} "
            expect(page.get_by_text(expected, exact=False)).to_be_visible()
        for item in items:
            if limit is not None and number >= limit:
                break
            container = page.locator(f".st-key-item_{item.id}")
            # Every option in turn: a frequency statement offers fewer than an agreement one.
            index = (offset + number) % len(rating_values(item))
            container.get_by_test_id("stRadioOption").nth(index).click()
            expect(container.get_by_role("radio").nth(index)).to_be_checked()
            number += 1
    page.get_by_role("button", name=msg(FORM_BUTTON, "de")).click()
    expect(page.get_by_role("heading", name=msg("ui.peer.thanks_title", "de"))).to_be_visible()
    code: str = page.get_by_test_id("stCode").inner_text().strip()
    return code


def compare(page: Page, codes: list[str]) -> None:
    """Paste peer codes on the result page and open the comparison."""
    page.get_by_label(msg("ui.peer.paste_label", "de")).fill("\n".join(codes))
    page.get_by_role("button", name=msg("ui.peer.compare_button", "de")).click()
    expect(page.get_by_role("heading", name=msg("peer.title", "de"), level=1)).to_be_visible()
