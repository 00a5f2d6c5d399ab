"""Scale-out on one machine: replicas behind nginx, and people who survive a replica's death.

`Cluster` starts N `streamlit run app.py` replicas on loopback ports (same cookie secret, allowed
hosts from the environment, as a deployment sets them) and nginx in front of them with sticky
sessions. `run_fault` drives simulated people (the websocket client of tests/loadclient.py)
through the questionnaire while one replica is killed and restarted, and counts what was lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs

import psutil

from assessment.bank.load import load_bank
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui.state import pages_of
from tests.loadclient import (
    LoadClientError,
    Run,
    StreamlitServer,
    StreamlitSession,
    free_port,
)

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")
STICKY_COOKIE = "selbstcheck_replica"
COOKIE_SECRET = "scale-out-test-secret-shared-by-every-replica"  # noqa: S105 - a test value
ALLOWED_HOSTS = "127.0.0.1 localhost"
START_KEYS = {"background": "start_background", "start": "start_button", "next": "nav_next"}
ITEM_PREFIX = "item_"

# The deployment's configuration, used as it is; only its two includes are written per run, and
# its two log files are moved into the run's folder (the one change, checked in site_text).
NGINX_SITE = ROOT / "deploy" / "nginx.conf"
REPLICAS_INCLUDE = "selbstcheck/replicas.conf"
LISTEN_INCLUDE = "selbstcheck/listen.conf"
SHIPPED_LOGS = {
    "/var/log/nginx/selbstcheck.access.log": "selbstcheck-access.log",
    "/var/log/nginx/selbstcheck.error.log": "selbstcheck-error.log",
}

NGINX_MAIN = """\
{user}worker_processes 1;
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def nginx_binary() -> str | None:
    """Return the nginx executable, or None when nginx is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((path for path in NGINX_CANDIDATES if Path(path).is_file()), None)


def nginx_includes(
    listen: str, upstreams: list[str], tls: tuple[Path, Path] | None = None
) -> dict[str, str]:
    """Return the two files that deploy/nginx.conf includes, for replicas at upstreams (and with
    TLS, a certificate and its key, as deploy/README.md shows)."""
    servers = "".join(f"server {address} max_fails=1 fail_timeout=2s;\n" for address in upstreams)
    if tls is None:
        return {REPLICAS_INCLUDE: servers, LISTEN_INCLUDE: f"listen {listen};\nserver_name _;\n"}
    certificate, key = tls
    listen_tls = (
        f"listen {listen} ssl;\nserver_name _;\n"
        f"ssl_certificate {certificate};\nssl_certificate_key {key};\n"
    )
    return {REPLICAS_INCLUDE: servers, LISTEN_INCLUDE: listen_tls}


def site_text(prefix: Path) -> str:
    """Return deploy/nginx.conf with its log files in prefix; every other byte is unchanged."""
    text = NGINX_SITE.read_text(encoding="utf-8")
    for shipped, name in SHIPPED_LOGS.items():
        if text.count(f" {shipped} ") != 1:
            raise RuntimeError(f"deploy/nginx.conf names {shipped} not exactly once")
        text = text.replace(f" {shipped} ", f" {prefix / name} ")
    return text


def log_entries(path: Path) -> list[Mapping[str, str]]:
    """Return the entries of an access log in deploy/nginx.conf's JSON format, oldest first."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    """Wait until something accepts TCP connections on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.02)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class Nginx:
    """nginx in the foreground with its configuration, pid and logs in a private folder."""

    def __init__(
        self,
        prefix: Path,
        upstreams: list[str],
        port: int | None = None,
        tls: tuple[Path, Path] | None = None,
    ) -> None:
        self.prefix = prefix
        self.port = port or free_port()
        self.upstreams = upstreams
        self.tls = tls
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The address people use."""
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}/"

    def write_config(self) -> Path:
        """Write nginx.conf into the prefix folder and return its path."""
        self.prefix.mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        includes = nginx_includes(f"127.0.0.1:{self.port}", self.upstreams, self.tls)
        for name, content in includes.items():
            (self.prefix / name).parent.mkdir(parents=True, exist_ok=True)
            (self.prefix / name).write_text(content, encoding="utf-8")
        site = self.prefix / "selbstcheck.conf"
        site.write_text(site_text(self.prefix), encoding="utf-8")
        text = NGINX_MAIN.format(user=user, prefix=self.prefix, site=site)
        path = self.prefix / "nginx.conf"
        path.write_text(text, encoding="utf-8")
        return path

    def start(self) -> Self:
        """Check the configuration, start nginx and wait for its port."""
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed")
        config = self.write_config()
        base = [binary, "-p", str(self.prefix), "-e", str(self.prefix / "error.log")]
        base += ["-c", str(config)]
        subprocess.run([*base, "-t", "-q"], check=True, capture_output=True, timeout=30)
        self.process = subprocess.Popen(
            [*base, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(self.prefix / "stderr.log").open("wb"),
        )
        wait_for_port(self.port)
        return self

    def log(self) -> str:
        """Return nginx's error log."""
        path = self.prefix / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    @property
    def access_log(self) -> Path:
        """The site's access log (deploy/nginx.conf's format)."""
        return self.prefix / SHIPPED_LOGS["/var/log/nginx/selbstcheck.access.log"]

    @property
    def logs(self) -> tuple[Path, ...]:
        """Every file nginx logs into: the site's two and the main configuration's two."""
        names = (*SHIPPED_LOGS.values(), "access.log", "error.log")
        return tuple(self.prefix / name for name in names)

    def stop(self) -> None:
        """Stop nginx (QUIT, then kill)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


@contextlib.contextmanager
def deployment_environment() -> Iterator[None]:
    """Set the cookie secret and allowed hosts in the environment, as a deployment does."""
    names = ("STREAMLIT_SERVER_COOKIE_SECRET", "STREAMLIT_SERVER_ALLOWED_HOSTS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ["STREAMLIT_SERVER_COOKIE_SECRET"] = COOKIE_SECRET
    os.environ["STREAMLIT_SERVER_ALLOWED_HOSTS"] = ALLOWED_HOSTS
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class Cluster:
    """Replicas of the app behind nginx; replicas can be killed and restarted on their port."""

    def __init__(self, prefix: Path, replicas: int = 2) -> None:
        self.prefix = prefix
        self.replicas = [StreamlitServer(APP, cwd=ROOT) for _ in range(replicas)]
        self.nginx = Nginx(prefix / "nginx", [f"127.0.0.1:{r.port}" for r in self.replicas])

    @property
    def url(self) -> str:
        """The address behind nginx."""
        return self.nginx.url

    def start(self) -> Self:
        """Start every replica (in parallel), then nginx."""
        with deployment_environment(), ThreadPoolExecutor(len(self.replicas)) as pool:
            list(pool.map(StreamlitServer.start, self.replicas))
        self.nginx.start()
        return self

    def index_of(self, address: str) -> int:
        """Return which replica an upstream address (`127.0.0.1:PORT`) is."""
        port = int(address.rsplit(":", 1)[1])
        return next(i for i, r in enumerate(self.replicas) if r.port == port)

    def busiest(self) -> int:
        """Return the index of the running replica with the most open client connections."""

        def connections(index: int) -> int:
            replica = self.replicas[index]
            if replica.process is None:
                return -1
            tcp = psutil.Process(replica.process.pid).net_connections(kind="tcp")
            return sum(
                c.status == psutil.CONN_ESTABLISHED and c.laddr.port == replica.port for c in tcp
            )

        return max(range(len(self.replicas)), key=connections)

    def kill(self, index: int) -> None:
        """Kill a replica with SIGKILL, as a crash or an OOM kill would."""
        process = self.replicas[index].process
        assert process is not None
        process.kill()
        process.wait(timeout=10)
        self.replicas[index].process = None

    def restart(self, index: int) -> float:
        """Start a killed replica again on its port; return the seconds until it is healthy."""
        old = self.replicas[index]
        with deployment_environment():
            fresh = StreamlitServer(APP, port=old.port, cwd=ROOT).start()
        self.replicas[index] = fresh
        return fresh.startup_seconds

    def stop(self) -> None:
        """Stop nginx and every replica."""
        self.nginx.stop()
        for replica in self.replicas:
            replica.stop()

    def __enter__(self) -> Self:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# People who lose their replica


def progress_in(query_string: str) -> dict[str, int | str]:
    """Return the answers that the progress code in a query string holds ({} without one)."""
    values = parse_qs(query_string).get(PROGRESS_PARAM)
    if not values:
        return {}
    return dict(decode_code(values[0]).answers.responses)


def page_in(query_string: str) -> int:
    """Return the page that the progress code in a query string names (-1 without one)."""
    values = parse_qs(query_string).get(PROGRESS_PARAM)
    return decode_code(values[0]).page if values else -1


@dataclass
class FaultReport:
    """What the people experienced around a replica's death."""

    people: int
    finished: int = 0
    answers_given: int = 0
    lost_answers: int = 0
    cut_sockets: int = 0
    other_errors: list[str] = field(default_factory=list)
    reloads: int = 0
    reconnects: int = 0
    kill_at: float = 0.0
    restart_seconds: float = 0.0
    recovered_at: dict[int, float] = field(default_factory=dict)
    wall_seconds: float = 0.0

    @property
    def people_cut_off(self) -> int:
        """How many different people had a socket cut (and reloaded) after the kill."""
        return len(self.recovered_at)

    @property
    def seconds_until_all_served(self) -> float:
        """Seconds from the kill until the last person whose socket was cut was served again."""
        if not self.recovered_at:
            return 0.0
        return max(self.recovered_at.values()) - self.kill_at


def _keys(run: Run) -> set[str]:
    return {w.key for w in run.widgets.values() if w.key is not None}


@dataclass
class FaultyPerson:
    """A person who answers the short form item by item; on a cut socket they reload the URL,
    or (reload=False) their tab reconnects by itself and the answer they were giving is sent
    again with the tab's widget states, as Streamlit's frontend does."""

    index: int
    base_url: str
    rng: random.Random
    report: FaultReport
    clock_zero: float
    query_string: str = ""
    reload: bool = True

    def _resumed(
        self, tab: StreamlitSession, acknowledged: dict[str, int | str]
    ) -> dict[str, int | str]:
        """Count the acknowledged answers the resumed URL lacks; note when the person is back."""
        restored = progress_in(tab.query_string)
        self.report.lost_answers += sum(
            1 for item, given in acknowledged.items() if restored.get(item) != given
        )
        self.query_string = tab.query_string
        if self.report.kill_at:
            self.report.recovered_at[self.index] = time.perf_counter() - self.clock_zero
        return restored

    async def _reconnect(self, tab: StreamlitSession, key: str, value: int) -> Run:
        """Reconnect without a reload until a replica answers; the answer must reach the URL."""
        acknowledged = progress_in(self.query_string)
        for _attempt in range(100):
            try:
                run = await tab.reconnect({key: value})
            except LoadClientError:
                raise
            except Exception:
                await asyncio.sleep(0.1)
                continue
            self.report.reconnects += 1
            restored = self._resumed(tab, acknowledged)
            if key.removeprefix(ITEM_PREFIX) not in restored:
                self.report.lost_answers += 1  # the click after the reconnect went nowhere
            return run
        raise LoadClientError("no replica answered within 100 attempts")

    async def _reopen(self, tab: StreamlitSession) -> Run:
        """Reload the last URL (with its progress code) until a replica answers it."""
        acknowledged = progress_in(self.query_string)
        for _attempt in range(100):
            await tab.close()
            try:
                run = await tab.open(self.query_string)
            except LoadClientError:
                raise
            except Exception:
                await asyncio.sleep(0.1)
                continue
            self.report.reloads += 1
            self._resumed(tab, acknowledged)
            return run
        raise LoadClientError("no replica answered within 100 attempts")

    async def _do(self, tab: StreamlitSession, action: str, key: str, value: int = 0) -> Run:
        """One interaction; a cut socket is counted, then the person reloads and tries again."""
        for _attempt in range(3):
            try:
                if action == "open":
                    run = await tab.open(self.query_string)
                elif action == "click":
                    run = await tab.click(key)
                else:
                    run = await tab.set({key: value})
            except LoadClientError:
                raise
            except Exception:
                self.report.cut_sockets += 1
                if not self.reload and action == "set":
                    return await self._reconnect(tab, key, value)
                run = await self._reopen(tab)
                if action == "open" or key not in _keys(run):
                    return run  # the reload shows where the person is now
                continue
            self.query_string = tab.query_string
            return run
        raise LoadClientError(f"{action} {key} failed three times")

    async def visit(self) -> None:
        """Start, answer every page of the short form, finish; then check the URL's answers."""
        tab = StreamlitSession(self.base_url)
        try:
            run = await self._do(tab, "open", "")
            if START_KEYS["start"] in _keys(run):
                run = await self._do(tab, "set", START_KEYS["background"], 1)
                run = await self._do(tab, "click", START_KEYS["start"])
            for _page in range(40):
                items = [w.key for w in run.keyed(ITEM_PREFIX) if w.key is not None]
                if not items:
                    break
                done = progress_in(self.query_string)
                for key in items:
                    if key.removeprefix(ITEM_PREFIX) in done or key not in _keys(run):
                        continue
                    widget = run.find(key=key)
                    run = await self._do(tab, "set", key, self.rng.randrange(len(widget.options)))
                    self.report.answers_given += 1
                if START_KEYS["next"] in _keys(run):
                    run = await self._do(tab, "click", START_KEYS["next"])
            final = decode_code(parse_qs(self.query_string)[PROGRESS_PARAM][0])
            pages = pages_of(final.answers.bank_version, final.answers.form)
            if final.page != len(pages) or len(final.answers.responses) != sum(map(len, pages)):
                raise LoadClientError(f"did not finish: page {final.page} of {len(pages)}")
            self.report.finished += 1
        finally:
            await tab.close()


async def run_fault(
    cluster: Cluster,
    people: int,
    kill_after: float = 0.35,
    seed: int = 6,
    budget_seconds: float = 240.0,
    reload: bool = True,
) -> FaultReport:
    """Drive people through nginx; when kill_after of the answers are given, kill the replica
    that serves the most people (sticky hashing can split a small crowd unevenly) and restart it."""
    report = FaultReport(people=people)
    zero = time.perf_counter()
    crowd = [
        FaultyPerson(
            i,
            cluster.url,
            random.Random(seed * 1_000 + i),  # noqa: S311
            report,
            zero,
            reload=reload,
        )
        for i in range(people)
    ]
    expected = people * len(load_bank().forms["short"].items)  # the newest bank's short form

    async def killer() -> None:
        while report.answers_given < kill_after * expected:
            await asyncio.sleep(0.02)
        report.kill_at = time.perf_counter() - zero
        victim = cluster.busiest()
        cluster.kill(victim)
        report.restart_seconds = await asyncio.to_thread(cluster.restart, victim)

    async def one(person: FaultyPerson) -> None:
        await asyncio.sleep(0.02 * person.index)
        try:
            await person.visit()
        except Exception as error:
            report.other_errors.append(f"person {person.index}: {type(error).__name__}: {error}")

    kill_task = asyncio.create_task(killer())
    try:
        async with asyncio.timeout(budget_seconds):
            await asyncio.gather(*(one(p) for p in crowd))
            await kill_task
    except TimeoutError:
        report.other_errors.append(f"the run exceeded its budget of {budget_seconds} s")
        kill_task.cancel()
    report.wall_seconds = time.perf_counter() - zero
    return report
