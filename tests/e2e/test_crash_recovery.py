"""A server that crashes under an open tab: the tab reconnects by itself and loses no click.

The server is killed with SIGKILL and started again on its port; the browser is never reloaded.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.cluster import APP, ROOT, progress_in
from tests.e2e.journey import (
    ITEM_SELECTOR,
    TIMEOUT_MS,
    answer_page,
    click_after_reconnect,
    half_done,
    item_ids,
    next_page,
    query,
)
from tests.loadclient import StreamlitServer

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture
def own_server() -> Iterator[list[StreamlitServer]]:
    """A server of our own (a list, so that the test can replace it with its restart)."""
    servers = [StreamlitServer(APP, cwd=ROOT).start()]
    yield servers
    for server in servers:
        server.stop()


def test_a_click_after_a_crash_and_restart_reaches_the_url(
    browser: Browser, own_server: list[StreamlitServer]
) -> None:
    """kill -9, restart on the same port, no reload: the next click is in the URL's code."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(own_server[0].url)
        item_id = half_done(page)
        before = progress_in(query(page))
        process = own_server[0].process
        assert process is not None
        process.kill()
        process.wait(timeout=10)
        own_server[0].process = None
        expect(page.get_by_test_id("stStatusWidget")).to_be_visible()  # the tab noticed
        own_server.append(StreamlitServer(APP, port=own_server[0].port, cwd=ROOT).start())
        click_after_reconnect(page, item_id)
        after = progress_in(query(page))
        assert after == {**before, item_id: after[item_id]}
        second_page = item_ids(page)
        answer_page(page)  # the rest of the page; "Weiter" then finds nothing missing
        next_page(page)
        expect(page.locator(ITEM_SELECTOR).first).to_be_visible()
        assert set(second_page) <= set(progress_in(query(page)))
    finally:
        context.close()
