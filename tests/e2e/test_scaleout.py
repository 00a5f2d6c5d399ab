"""Scale-out: two replicas behind nginx; a replica dies and nobody loses an answer.

Needs nginx; outside CI the module is skipped without it, under CI=true it must run.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psutil
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from assessment.bank.load import load_bank
from assessment.operate.facts import LOG_FIELDS
from tests.cluster import (
    NGINX_SITE,
    Cluster,
    Nginx,
    log_entries,
    nginx_binary,
    page_in,
    progress_in,
    run_fault,
)
from tests.e2e.journey import (
    TIMEOUT_MS,
    answer_page,
    click_after_reconnect,
    finish,
    half_done,
    in_thread,
    item_ids,
    next_page,
    query,
    share_link,
    start,
    wait_until,
)
from tests.e2e.test_framing import frame_it, framing_origin
from tests.unit.operate.test_deploy import FULL_CSP

SHORT_FORM_ITEMS = load_bank().form_question_count("short")  # the newest bank's, all pages

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
__all__ = ["framing_origin"]  # a fixture of this module too


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


def _pages_served(cluster: Cluster) -> list[str]:
    """Return the replica of every page request (GET /) in nginx's access log, oldest first."""
    entries = log_entries(cluster.nginx.access_log)
    return [e["replica"] for e in entries if e["method"] == "GET" and e["path"] == "/"]


def _replica_of_next_page(cluster: Cluster, before: int) -> int:
    """Return which replica served the first page request after `before` logged ones (the
    log, not a header: nginx tells a client nothing about its replicas)."""
    wait_until(lambda: len(_pages_served(cluster)) > before, "the page request in the log")
    address = _pages_served(cluster)[before]
    return cluster.index_of(address.split(",")[-1].strip())


def _watch_csp(context: BrowserContext) -> list[str]:
    """Return a list that collects every CSP violation in the context's pages (across reloads)."""
    violations: list[str] = []

    def report(violation: str) -> None:
        violations.append(violation)

    context.expose_function("__cspViolation", report)
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


def test_person_continues_on_the_other_replica(browser: Browser, cluster: Cluster) -> None:
    """Half the questionnaire on one replica; it is killed; a reload continues on the other."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    violations = _watch_csp(context)
    page = context.new_page()
    logged = len(_pages_served(cluster))
    response = page.goto(cluster.url)
    assert response is not None
    assert "x-replica" not in response.headers  # no internal address reaches a client
    serving = _replica_of_next_page(cluster, logged)
    try:
        start(page)
        answer_page(page)
        next_page(page)
        answer_page(page)
        next_page(page)
        before = progress_in(query(page))
        page_before = page_in(query(page))
        assert len(before) >= 14
        logged = len(_pages_served(cluster))
        context.request.get(cluster.url)
        # sticky: same browser, same replica
        assert _replica_of_next_page(cluster, logged) == serving

        cluster.kill(serving)
        page.reload()
        expect(page.locator(f".st-key-item_{item_ids(page)[0]}")).to_be_visible()
        assert progress_in(query(page)) == before
        assert page_in(query(page)) == page_before
        logged = len(_pages_served(cluster))
        context.request.get(cluster.url)
        assert _replica_of_next_page(cluster, logged) != serving

        finish(page)
        assert len(progress_in(query(page))) == SHORT_FORM_ITEMS
        link = share_link(page)
        assert urlsplit(link).netloc == urlsplit(cluster.url).netloc
        (cluster.prefix / "share-link.txt").write_text(link, encoding="utf-8")
        # The full CSP of deploy/nginx.conf blocks nothing the app needs on the whole journey.
        assert violations == []
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
    assert report.answers_given >= 10 * SHORT_FORM_ITEMS
    assert report.restart_seconds > 0


def test_ten_people_lose_nothing_when_their_tabs_reconnect_without_reload(
    cluster: Cluster,
) -> None:
    """The same without a reload: each cut tab reconnects by itself and resends the click it
    was making with its widget states; every such click must reach the URL (0 lost)."""
    report = in_thread(run_fault(cluster, people=10, budget_seconds=120, reload=False))
    assert report.other_errors == []
    assert report.finished == 10
    assert report.lost_answers == 0
    assert report.cut_sockets >= 1
    assert report.reconnects >= 1  # at least one cut came during an answer, not a page change
    assert report.reconnects + report.reloads == report.cut_sockets


def _stream_connections(cluster: Cluster, index: int) -> int:
    """Return the established client connections of a replica (nginx's upstream sockets)."""
    replica = cluster.replicas[index]
    assert replica.process is not None
    return sum(
        c.status == psutil.CONN_ESTABLISHED and c.laddr.port == replica.port
        for c in psutil.Process(replica.process.pid).net_connections(kind="tcp")
    )


def test_a_click_after_failover_without_reload_reaches_the_url(
    browser: Browser, cluster: Cluster
) -> None:
    """The serving replica dies; the tab reconnects through nginx by itself; the click counts."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    logged = len(_pages_served(cluster))
    page.goto(cluster.url)
    serving = _replica_of_next_page(cluster, logged)
    other = 1 - serving
    try:
        item_id = half_done(page)
        before = progress_in(query(page))
        connections = _stream_connections(cluster, other)
        cluster.kill(serving)
        wait_until(lambda: _stream_connections(cluster, other) > connections, "a reconnect")
        click_after_reconnect(page, item_id)
        after = progress_in(query(page))
        assert after == {**before, item_id: after[item_id]}
    finally:
        context.close()
        if cluster.replicas[serving].process is None:
            cluster.restart(serving)


def _request(cluster: Cluster, method: str, path: str, body: bytes = b"", **headers: str) -> Any:
    """Send one request through nginx; return the response (status, headers, body read)."""
    connection = http.client.HTTPConnection("127.0.0.1", cluster.nginx.port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def test_nginx_sends_the_security_headers_and_hides_internals(cluster: Cluster) -> None:
    """Every answer forbids framing and sniffing; metrics and other internals are not passed."""
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/_stcore/metrics"):
        response = _request(cluster, "GET", path)
        assert response.getheader("X-Frame-Options") == "DENY", path
        assert response.getheader("Content-Security-Policy") == FULL_CSP, path
        assert response.getheader("Server") == "nginx", path  # no version
        assert response.getheader("X-Replica") is None, path
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
        assert response.getheader("Referrer-Policy") == "no-referrer", path
    assert _request(cluster, "GET", "/").status == 200
    assert _request(cluster, "GET", "/_stcore/health").status == 200
    assert _request(cluster, "GET", "/_stcore/host-config").status == 200
    for path in (
        "/_stcore/metrics",
        "/_stcore/script-health-check",
        "/_stcore/agent/openapi.json",
        "/_stcore/bidi-components/x",
    ):
        assert _request(cluster, "GET", path).status == 404, path
    for replica in cluster.replicas:  # the replicas themselves refuse it too (the launcher)
        assert _request_direct(replica.port, "/_stcore/metrics") == 404


def _request_direct(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_the_frontend_still_loads_through_nginx(browser: Browser, cluster: Cluster) -> None:
    """With Streamlit's internals denied, the start page renders and its websocket works."""
    context = browser.new_context(locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(cluster.url)
        expect(page.get_by_role("button", name="Check starten")).to_be_visible()
    finally:
        context.close()


def test_uploads_are_bounded_in_size_and_rate(cluster: Cluster) -> None:
    """A body over 1.1 MB is refused by nginx (413); a flood of upload PUTs is cut off (429)."""
    path = "/_stcore/upload_file/invented-session/invented-file"
    assert _request(cluster, "PUT", path, b"x" * 1_200_000).status == 413
    statuses = [_request(cluster, "PUT", path, b"x" * 100).status for _ in range(40)]
    assert 429 in statuses
    assert statuses.index(429) <= 21  # the burst of 20 (and one in the rate), then refused


def test_websocket_opens_are_rate_limited(cluster: Cluster) -> None:
    """More websocket opens from one address than the burst allows are refused (429)."""
    statuses = [
        _request(
            cluster,
            "GET",
            "/_stcore/stream",
            Host="not-allowed.example",  # the replica refuses it, so no session is made
            Connection="Upgrade",
            Upgrade="websocket",
        ).status
        for _ in range(130)
    ]
    assert 429 in statuses


def test_the_deployment_configuration_bounds_uploads_and_websockets() -> None:
    """deploy/nginx.conf sets size, rate and connection limits on upload and stream."""
    text = NGINX_SITE.read_text(encoding="utf-8")
    blocks = dict(re.findall(r"location (?:= )?(/_stcore/[a-z_/]+) \{(.*?)\n    \}", text, re.S))
    assert "client_max_body_size" in blocks["/_stcore/upload_file/"]
    for location in ("/_stcore/upload_file/", "/_stcore/stream"):
        assert "limit_req zone=" in blocks[location], location
        assert "limit_conn " in blocks[location], location


def test_the_app_behind_nginx_refuses_to_be_framed(
    browser: Browser, framing_origin: str, cluster: Cluster
) -> None:
    """Through deploy/nginx.conf the app does not render in a frame; the parent gets nothing."""
    assert frame_it(browser, framing_origin, cluster.url) == (False, [])


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """Return a certificate and key for 127.0.0.1 made with openssl (skip without openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    certificate, key = folder / "cert.pem", folder / "key.pem"
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=x"]
    subprocess.run(
        [openssl, *request, "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return certificate, key


def test_behind_tls_the_cookie_is_secure_and_https_is_required(
    cluster: Cluster, tmp_path: Path
) -> None:
    """deploy/nginx.conf with `listen … ssl` (as deploy/README.md shows): the sticky cookie is
    Secure, HttpOnly and SameSite, HSTS is sent; over plain HTTP neither Secure nor HSTS."""
    upstreams = [f"127.0.0.1:{replica.port}" for replica in cluster.replicas]
    nginx = Nginx(tmp_path / "tls", upstreams, tls=_self_signed(tmp_path)).start()
    try:
        unverified = ssl.create_default_context()
        unverified.check_hostname = False
        unverified.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(
            "127.0.0.1", nginx.port, timeout=30, context=unverified
        )
        try:
            connection.request("GET", "/")
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        assert response.status == 200
        cookie = [part.strip() for part in response.getheader("Set-Cookie", "").split(";")]
        assert {"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} <= set(cookie)
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
        assert response.getheader("Server") == "nginx"
    finally:
        nginx.stop()
    plain = _request(cluster, "GET", "/")
    assert "Secure" not in plain.getheader("Set-Cookie", "")
    assert "HttpOnly" in plain.getheader("Set-Cookie", "")
    assert plain.getheader("Strict-Transport-Security") is None


def _codes_in(query: str) -> list[str]:
    """Return every parameter value of a query string that is longer than a language tag."""
    return [v for values in parse_qs(query).values() for v in values if len(v) > 8]


def test_the_logs_hold_no_code_after_journeys_and_failovers(cluster: Cluster) -> None:
    """After every test above (journeys, failovers, ten people twice, a share link), nginx's logs
    hold no code and no query string: the site's access log has exactly the documented fields,
    its paths end before `?`; the main configuration's default log got nothing of this site."""
    link_file = cluster.prefix / "share-link.txt"
    if not link_file.exists():
        pytest.skip("the journey test did not produce a share link")
    # One more visit with every kind of code in its address.
    share = urlsplit(link_file.read_text(encoding="utf-8")).query
    codes = _codes_in(share)
    assert codes
    invitation = "view=invite&i=Erika-Mustermann-token&peers=CODE1,CODE2&p=" + codes[0]
    for address in (share, invitation):
        assert _request(cluster, "GET", f"/?{address}").status == 200
    entries = log_entries(cluster.nginx.access_log)
    assert len(entries) > 100  # the whole module went through this log
    keys = [key for key, _ in LOG_FIELDS]
    assert all(list(entry) == keys for entry in entries)
    assert all("?" not in entry["path"] for entry in entries)
    assert {entry["client"] for entry in entries} == {"127.0.0.0"}
    paths = {entry["path"] for entry in entries}
    assert {"/", "/_stcore/stream"} <= paths
    for log in cluster.nginx.logs:
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        for secret in (*codes, "Erika-Mustermann", "CODE1", "peers=", "?"):
            assert secret not in text, (log.name, secret)
    default_log = cluster.nginx.prefix / "access.log"
    assert not default_log.exists() or default_log.stat().st_size == 0
