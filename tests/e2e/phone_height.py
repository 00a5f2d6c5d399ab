"""How long the result page is on a phone (390 x 844): the figures of issue 22.

`python -m tests.e2e.phone_height` starts the app, opens a typical short-form and full-form
result of the newest bank (tests/loadclient.py share_codes(): the shared view `?r=` and the
person's own view `?p=`) and prints the height of the page with its sections collapsed.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect, sync_playwright

from assessment.codes.share import decode_code, encode_progress_code
from assessment.ui.state import pages_of
from tests.e2e.journey import PHONE
from tests.loadclient import share_codes

IDLE = (
    "() => !document.querySelector('[data-stale=\"true\"]')"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
)
# The page scrolls inside stMain; its content's height is the page's length.
HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


def typical_codes() -> dict[str, str]:
    """Return the query of each typical result: short and full form, shared and own."""
    short, full = share_codes(2)
    own = {}
    for name, code in (("short", short), ("full", full)):
        answers = decode_code(code).answers
        done = len(pages_of(answers.bank_version, answers.form))
        own[name] = encode_progress_code(answers, done)
    return {
        "shared short": f"r={short}",
        "shared full": f"r={full}",
        "own short": f"p={own['short']}",
        "own full": f"p={own['full']}",
    }


def page_height(page: Page, url: str) -> int:
    """Open url at phone width and return the page's height in px once the run is done."""
    page.goto(url)
    expect(page.get_by_test_id("stDownloadButton").first).to_be_visible()
    page.wait_for_function(IDLE)
    page.wait_for_timeout(500)  # the chart's last layout pass
    return int(page.evaluate(HEIGHT))


def main() -> None:  # pragma: no cover - a measuring tool, run by hand
    from pathlib import Path

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, running_app

    artifacts = Path("test-artifacts")
    artifacts.mkdir(exist_ok=True)
    with running_app(artifacts) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE, locale="de-DE")
        for name, query in typical_codes().items():
            height = page_height(page, f"{server}/?{query}&lang=de")
            print(f"{name:13} {height:6} px  {height / PHONE['height']:5.1f} screens")
        browser.close()


if __name__ == "__main__":  # pragma: no cover
    main()
