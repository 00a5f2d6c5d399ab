"""Scale-out: two replicas behind nginx; a replica dies and nobody loses an answer.

Needs nginx; outside CI the module is skipped without it, under CI=true it must run.
"""

from __future__ import annotations

import http.client
import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.cluster import Cluster, nginx_binary, page_in, progress_in, run_fault
from tests.e2e.journey import (
    TIMEOUT_MS,
    answer_page,
    finish,
    in_thread,
    item_ids,
    next_page,
    query,
    share_link,
    start,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two replicas of the app and nginx in front of them, for the whole module."""
    if nginx_binary() is None:
        reason = "nginx is not installed (apt-get install nginx-light)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; under CI=true the scale-out tests must run")
        pytest.skip(reason)
    with Cluster(tmp_path_factory.mktemp("cluster")) as running:
        yield running


def _replica_of(response_headers: dict[str, str], cluster: Cluster) -> int:
    return cluster.index_of(response_headers["x-replica"].split(",")[-1].strip())


def test_person_continues_on_the_other_replica(browser: Browser, cluster: Cluster) -> None:
    """Half the questionnaire on one replica; it is killed; a reload continues on the other."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    response = page.goto(cluster.url)
    assert response is not None
    serving = _replica_of(response.headers, cluster)
    try:
        start(page)
        answer_page(page)
        next_page(page)
        answer_page(page)
        next_page(page)
        before = progress_in(query(page))
        page_before = page_in(query(page))
        assert len(before) >= 14
        again = context.request.get(cluster.url)
        assert _replica_of(again.headers, cluster) == serving  # sticky: same browser, same replica

        cluster.kill(serving)
        page.reload()
        expect(page.locator(f".st-key-item_{item_ids(page)[0]}")).to_be_visible()
        assert progress_in(query(page)) == before
        assert page_in(query(page)) == page_before
        after = context.request.get(cluster.url)
        assert _replica_of(after.headers, cluster) != serving

        finish(page)
        assert len(progress_in(query(page))) == 27
        link = share_link(page)
        assert urlsplit(link).netloc == urlsplit(cluster.url).netloc
        (cluster.prefix / "share-link.txt").write_text(link, encoding="utf-8")
    finally:
        context.close()
        if cluster.replicas[serving].process is None:
            cluster.restart(serving)


def test_share_link_opens_on_either_replica(browser: Browser, cluster: Cluster) -> None:
    """The share link from the previous test shows the same result on each replica directly."""
    link_file = cluster.prefix / "share-link.txt"
    if not link_file.exists():
        pytest.skip("the journey test did not produce a share link")
    code_query = urlsplit(link_file.read_text(encoding="utf-8")).query
    headlines = []
    for replica in cluster.replicas:
        context = browser.new_context(locale="de-DE")
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            page.goto(f"{replica.url}?{code_query}")
            expect(page.get_by_role("heading", name="Geteiltes Ergebnis")).to_be_visible()
            headlines.append(page.get_by_role("heading", level=2).first.inner_text())
        finally:
            context.close()
    assert len(set(headlines)) == 1
    assert headlines[0]


def _upgrade_status(port: int, host: str) -> int:
    """Return the status of a websocket upgrade to a replica under a given Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/_stcore/stream", skip_host=True)
        for name, value in {
            "Host": host,
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Protocol": "streamlit",
        }.items():
            connection.putheader(name, value)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_allowed_hosts_from_the_environment_are_enforced(cluster: Cluster) -> None:
    """Replicas started with STREAMLIT_SERVER_ALLOWED_HOSTS refuse a websocket for another host."""
    port = cluster.replicas[0].port
    assert _upgrade_status(port, f"127.0.0.1:{port}") == 101
    assert _upgrade_status(port, "evil.example") != 101


def test_ten_people_lose_nothing_when_a_replica_dies(cluster: Cluster) -> None:
    """10 people answer via nginx while the busiest replica is killed and restarted: 0 lost."""
    report = in_thread(run_fault(cluster, people=10, budget_seconds=120))
    assert report.other_errors == []
    assert report.finished == 10
    assert report.lost_answers == 0
    assert report.cut_sockets >= 1  # the kill did cut someone off
    assert report.reloads == report.cut_sockets  # every cut socket was followed by a reload
    assert report.answers_given >= 10 * 27
    assert report.restart_seconds > 0
