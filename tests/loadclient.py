"""A load client that speaks Streamlit's own websocket protocol, as the browser frontend does.

It connects to `ws://HOST:PORT/_stcore/stream` with the subprotocol `streamlit`, sends
`BackMsg.rerun_script` (a `ClientState` with the query string, the page and the widget states),
and reads `ForwardMsg`s until `script_finished`. Widgets are found in the deltas of a run by
their user key (the suffix of Streamlit's element id) or their label. Like the frontend it keeps
the query string that the app writes (`page_info_changed`) and sends it with the next rerun.

Use as a library (`StreamlitSession`, `StreamlitServer`, `run_load`) or from the command line:
    .venv/bin/python -m tests.loadclient --script app.py --people 20 [--complete]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

STREAM_PATH = "_stcore/stream"
HEALTH_PATH = "_stcore/health"
SUBPROTOCOL = Subprotocol("streamlit")
# Streamlit's generated element ids look like "$$ID-<hash>-<user key or None>".
ID_PREFIX = "$$ID-"
INTERACTION_TIMEOUT_SECONDS = 30.0
ROOT = Path(__file__).resolve().parent.parent
# Widget kinds whose value is the label of the chosen option (a string).
_STRING_OPTION_KINDS = frozenset({"radio", "selectbox"})

WidgetValue = bool | int | float | str | Sequence[str]


class LoadClientError(Exception):
    """An interaction did not end as a person would expect (timeout, exception, missing widget)."""


@dataclass(frozen=True)
class Widget:
    """A widget as the last script run rendered it."""

    id: str
    kind: str
    label: str
    key: str | None
    options: tuple[str, ...] = ()
    form_id: str = ""
    disabled: bool = False
    # The st.fragment the widget was drawn in ("" outside any): a change reruns only that
    # fragment, as a browser asks.
    fragment_id: str = ""


@dataclass
class Run:
    """What one script run sent: widgets, element kinds, texts, errors, and how long it took."""

    seconds: float = 0.0
    status: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    elements: Counter[str] = field(default_factory=Counter)
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    messages: int = 0
    bytes: int = 0
    # Download buttons whose file is built on request: user key -> Streamlit's deferred file id.
    deferred_files: dict[str, str] = field(default_factory=dict)

    def find(self, key: str | None = None, label: str | None = None) -> Widget:
        """Return the widget with this user key (or this label); raise LoadClientError if none."""
        for widget in self.widgets.values():
            if (key is not None and widget.key == key) or (
                label is not None and widget.label == label
            ):
                return widget
        raise LoadClientError(f"no widget with key={key!r} label={label!r}")

    def keyed(self, prefix: str) -> list[Widget]:
        """Return the widgets whose user key starts with prefix, in page order."""
        return [w for w in self.widgets.values() if w.key is not None and w.key.startswith(prefix)]


def _user_key(element_id: str) -> str | None:
    if not element_id.startswith(ID_PREFIX):
        return None
    parts = element_id[len(ID_PREFIX) :].split("-", 1)
    key = parts[1] if len(parts) == 2 else ""
    return None if key in ("", "None") else key


def _widget_of(element: Element) -> Widget | None:
    """Return the widget an element describes, or None for a display element."""
    kind = element.WhichOneof("type")
    if kind is None:
        return None
    inner: Any = getattr(element, kind)
    element_id = getattr(inner, "id", "")
    if not isinstance(element_id, str) or not element_id.startswith(ID_PREFIX):
        return None
    raw_options = getattr(inner, "options", ())
    options = tuple(o if isinstance(o, str) else str(getattr(o, "content", o)) for o in raw_options)
    return Widget(
        id=element_id,
        kind=kind,
        label=str(getattr(inner, "label", "")),
        key=_user_key(element_id),
        options=options,
        form_id=str(getattr(inner, "form_id", "")),
        disabled=bool(getattr(inner, "disabled", False)),
    )


def _text_of(element: Element) -> str | None:
    kind = element.WhichOneof("type")
    if kind in ("markdown", "heading", "alert"):
        return str(getattr(element, kind).body)
    return None


def widget_state(widget: Widget, value: WidgetValue) -> WidgetState:
    """Return the WidgetState the frontend would send for value on widget."""
    state = WidgetState(id=widget.id)
    if widget.kind in _STRING_OPTION_KINDS:
        if isinstance(value, int) and not isinstance(value, bool):
            value = widget.options[value]
        state.string_value = str(value)
    elif widget.kind == "button_group":
        if isinstance(value, bool | int | float):
            raise LoadClientError(f"cannot set a button_group widget to {value!r}")
        chosen = [value] if isinstance(value, str) else list(value)
        state.string_array_value.data.extend(chosen)
    elif widget.kind in ("checkbox", "toggle"):
        state.bool_value = bool(value)
    elif widget.kind == "number_input" and isinstance(value, int | float):
        state.double_value = float(value)
    elif widget.kind in ("text_input", "text_area") and isinstance(value, str):
        state.string_value = value
    else:
        raise LoadClientError(f"cannot set a {widget.kind} widget to {value!r}")
    return state


def ws_url(base_url: str) -> str:
    """Return the stream address for an app address such as http://127.0.0.1:8501/."""
    base = base_url.rstrip("/")
    if base.startswith("https://"):
        base = "wss://" + base[len("https://") :]
    elif base.startswith("http://"):
        base = "ws://" + base[len("http://") :]
    return f"{base}/{STREAM_PATH}"


class StreamlitSession:
    """One browser tab: a websocket to the app and the widget states the tab would hold."""

    def __init__(self, base_url: str, timeout: float = INTERACTION_TIMEOUT_SECONDS) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout = timeout
        self.query_string = ""
        self.page_name = ""
        self.page_script_hash = ""
        self.last = Run()
        self.session_id = ""
        self._values: dict[str, WidgetState] = {}
        self._ws: ClientConnection | None = None
        self._requests = 0

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def open(self, query_string: str = "", page_name: str = "") -> Run:
        """Load the app (connect, then the first rerun) as a browser does for a URL."""
        started = time.perf_counter()
        self.query_string, self.page_name, self.page_script_hash = query_string, page_name, ""
        self._values.clear()
        await self._connect()
        run = await self._rerun({}, None)
        run.seconds = time.perf_counter() - started
        return run

    async def reconnect(self, values: Mapping[str, WidgetValue]) -> Run:
        """Reconnect after a cut socket without a reload, as Streamlit's frontend does: a new
        websocket whose first rerun carries the tab's widget states (and the new values)."""
        await self.close()
        await self._connect()
        return await self._rerun(values, None)

    async def _connect(self) -> None:
        async with asyncio.timeout(self.timeout):
            self._ws = await connect(
                ws_url(self.base_url),
                subprotocols=[SUBPROTOCOL],
                max_size=None,
                proxy=None,
                open_timeout=self.timeout,
            )

    async def set(self, values: Mapping[str, WidgetValue]) -> Run:
        """Change widgets (by user key) and rerun, as one click on a radio does."""
        return await self._rerun(values, None)

    async def click(self, key: str) -> Run:
        """Click the button with this user key (a one-shot trigger) and rerun."""
        return await self._rerun({}, key)

    async def press_files(self, key: str, count: int = 1) -> list[str]:
        """Press a download button whose file is built on request count times at once without
        waiting for the answers (a tab that may go away at once); return the request ids."""
        if self._ws is None:
            raise LoadClientError("the session is not open")
        ids = []
        for _ in range(count):
            self._requests += 1
            message = BackMsg()
            request = message.backend_operation_request
            request.request_id = f"load-{self._requests}"
            request.session_id = self.session_id
            request.deferred_file.file_id = self.last.deferred_files[key]
            ids.append(request.request_id)
            await self._ws.send(message.SerializeToString())
        return ids

    async def request_files(self, key: str, count: int = 1) -> list[tuple[str, str]]:
        """Press a download button whose file is built on request (by user key) count times at
        once, as the frontend does per press; return (the file's address, error message) per
        press, in order, one of the two empty."""
        ids = await self.press_files(key, count)
        assert self._ws is not None
        answers: dict[str, tuple[str, str]] = {}
        async with asyncio.timeout(self.timeout):
            while len(answers) < count:
                data = await self._ws.recv()
                msg = ForwardMsg()
                msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
                if msg.WhichOneof("type") == "backend_operation_response":
                    response = msg.backend_operation_response
                    answers[response.request_id] = (
                        response.deferred_file.url,
                        response.error_msg,
                    )
        return [answers[i] for i in ids]

    async def close(self) -> None:
        """Close the websocket (the tab goes away)."""
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
            self._ws = None

    def _client_state(self, values: Mapping[str, WidgetValue], trigger: str | None) -> ClientState:
        for key, value in values.items():
            widget = self.last.find(key=key)
            self._values[widget.id] = widget_state(widget, value)
        states = [s for wid, s in self._values.items() if wid in self.last.widgets]
        changed = [self.last.find(key=key) for key in values]
        if trigger is not None:
            button = self.last.find(key=trigger)
            if button.disabled:
                raise LoadClientError(f"button {trigger!r} is disabled")
            states.append(WidgetState(id=button.id, trigger_value=True))
            changed.append(button)
        # As the frontend: a change of widgets inside one fragment reruns that fragment only
        # (with every widget's state); anything else, the whole page.
        fragments = {widget.fragment_id for widget in changed}
        state = ClientState(
            query_string=self.query_string,
            page_script_hash=self.page_script_hash,
            page_name=self.page_name,
            fragment_id=fragments.pop() if len(fragments) == 1 else "",
        )
        state.widget_states.widgets.extend(states)
        state.context_info.timezone = "Europe/Berlin"
        state.context_info.locale = "de-DE"
        state.context_info.url = self.base_url + (
            f"?{self.query_string}" if self.query_string else ""
        )
        return state

    async def _rerun(self, values: Mapping[str, WidgetValue], trigger: str | None) -> Run:
        if self._ws is None:
            raise LoadClientError("the session is not open")
        message = BackMsg()
        message.rerun_script.CopyFrom(self._client_state(values, trigger))
        started = time.perf_counter()
        async with asyncio.timeout(self.timeout):
            await self._ws.send(message.SerializeToString())
            run = await self._read_run()
        run.seconds = time.perf_counter() - started
        self.last = run
        self._values = {k: v for k, v in self._values.items() if k in run.widgets}
        if run.exceptions:
            raise LoadClientError(f"the script raised: {run.exceptions[0][:200]}")
        if run.status not in ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"):
            raise LoadClientError(f"the script finished with {run.status}")
        return run

    async def _read_run(self) -> Run:
        """Read ForwardMsgs until the requested run (and any st.rerun it caused) finishes."""
        assert self._ws is not None
        run, started = Run(), False
        while True:
            data = await self._ws.recv()
            raw = data if isinstance(data, bytes) else data.encode()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            run.messages += 1
            run.bytes += len(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                # Every script run starts with new_session; a rerun starts the page afresh, a
                # fragment's run only the fragment (the other widgets stay as drawn).
                started = True
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                fragments = set(msg.metadata.run.fragment_ids)
                run.widgets = (
                    {i: w for i, w in self.last.widgets.items() if w.fragment_id not in fragments}
                    if fragments
                    else {}
                )
                run.deferred_files.clear()
                run.elements.clear()
                run.texts.clear()
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "delta" and started:
                self._take_delta(msg, run)
            elif kind == "script_finished" and started:
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    started = False  # st.rerun / st.switch_page: wait for the run that follows
                    continue
                run.status = status
                return run

    @staticmethod
    def _take_delta(msg: ForwardMsg, run: Run) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            run.elements["block"] += 1
            return
        element = delta.new_element
        kind = element.WhichOneof("type") or "empty"
        run.elements[kind] += 1
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        text = _text_of(element)
        if text is not None:
            run.texts.append(text)
        widget = _widget_of(element)
        if widget is not None:
            widget = replace(widget, fragment_id=delta.fragment_id)
            run.widgets[widget.id] = widget
            if kind == "download_button" and element.download_button.deferred_file_id:
                run.deferred_files[widget.key or widget.id] = (
                    element.download_button.deferred_file_id
                )


# --------------------------------------------------------------------------------------------
# Servers


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def health_ok(base_url: str, timeout: float = 1.0) -> bool:
    """Return True when the server's /_stcore/health answers 200 ok."""
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + "/" + HEALTH_PATH, timeout=timeout) as r:
            return bool(r.status == 200)
    except OSError:
        return False


class StreamlitServer:
    """A `streamlit run SCRIPT` on a free loopback port, started and stopped by us.

    It starts through assessment.ui.launcher, as `make run` and the deployment do, so the server
    has the same fixes (TCP_NODELAY) for the app and for the bare baseline pages.
    """

    def __init__(
        self,
        script: str | Path,
        port: int | None = None,
        options: Mapping[str, str] | None = None,
        cwd: Path = ROOT,
        startup_timeout: float = 60.0,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        self.script = Path(script)
        self.environment = dict(environment or {})
        self.port = port or free_port()
        self.options = dict(options or {})
        self.cwd = cwd
        self.startup_timeout = startup_timeout
        self.startup_seconds = math.nan
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server

    @property
    def url(self) -> str:
        """The app's address."""
        return f"http://127.0.0.1:{self.port}/"

    def command(self) -> list[str]:
        """Return the command line that starts the server."""
        options = {
            "server.port": str(self.port),
            "server.address": "127.0.0.1",
            "server.headless": "true",
            "browser.gatherUsageStats": "false",
            **self.options,
        }
        flags = [part for name, value in options.items() for part in (f"--{name}", value)]
        return [sys.executable, "-m", "assessment.ui.launcher", "run", str(self.script), *flags]

    def start(self) -> Self:
        """Start the server and wait until /_stcore/health answers; record the start-up time."""
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        env.update(self.environment)
        started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command(), cwd=self.cwd, stdout=self._log, stderr=subprocess.STDOUT, env=env
        )
        deadline = started + self.startup_timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log()}")
            if health_ok(self.url, timeout=0.5):
                self.startup_seconds = time.perf_counter() - started
                return self
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"streamlit did not answer within {self.startup_timeout} s")

    def rss(self) -> int:
        """Return the server process's resident memory in bytes."""
        import psutil

        assert self.process is not None
        value: int = psutil.Process(self.process.pid).memory_info().rss
        return value

    def log(self) -> str:
        """Return what the server printed so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def stop(self) -> None:
        """Stop the server (terminate, then kill after 10 s)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        self._log.close()


# --------------------------------------------------------------------------------------------
# People


@dataclass(frozen=True)
class Flow:
    """The widget keys a person uses; the app and the bare page share them."""

    # (user key, option index) of each radio chosen on the start page, one click each.
    start_choices: tuple[tuple[str, int], ...] = (("start_background", 0),)
    start_key: str = "start_button"
    item_prefix: str = "item_"
    next_key: str = "nav_next"
    share_param: str = "r"
    result_key: str = "take_check"
    # Questionnaire pages to answer, each followed by Weiter: 1 = the first page only; None =
    # every page of the form, to the person's own result (which shows own_result_key).
    pages: int | None = 1
    own_result_key: str = "result_restart"  # assessment.ui.result.RESTART_KEY
    # Then open a shared result (?r=) in a new tab, the questionnaire's tab closed.
    shared_result: bool = True


# A person who completes the form (every page, every page kind of the newest bank: statements,
# trade-offs, situations, knowledge questions with "can't say", working conditions) and stays on
# the own result; no shared result after it.
COMPLETE = Flow(pages=None, shared_result=False)
# Weiter at most this often before a complete walk counts as stuck (bank v3's full form: 36 pages).
MAX_PAGES = 100
FINISH = "finish → own result"


@dataclass
class Timing:
    """One interaction's latency (send → script_finished) and whether it ended as expected."""

    name: str
    seconds: float
    ok: bool
    started: float = 0.0  # time.perf_counter() when the interaction began


@dataclass
class LoadReport:
    """What N people experienced, and the server's memory around it."""

    people: int
    timings: list[Timing] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    rss_before: int = 0
    rss_after: int = 0

    def seconds(self, name: str | None = None) -> list[float]:
        """Return the latencies of the successful interactions (of one name, or all)."""
        return [t.seconds for t in self.timings if t.ok and (name is None or t.name == name)]

    def quantile(self, q: float, name: str | None = None) -> float:
        """Return the q-quantile latency in seconds (nan when nothing was measured)."""
        values = sorted(self.seconds(name))
        if not values:
            return math.nan
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]

    @property
    def interactions(self) -> int:
        """The number of successful interactions."""
        return len(self.seconds())

    @property
    def throughput(self) -> float:
        """Successful interactions per second of wall time."""
        return self.interactions / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def rss_per_person(self) -> float:
        """Server memory growth per person in bytes."""
        return (self.rss_after - self.rss_before) / self.people if self.people else 0.0

    @property
    def names(self) -> list[str]:
        """The interaction names in first-seen order."""
        return list(dict.fromkeys(t.name for t in self.timings))


@dataclass
class Person:
    """One simulated person: the start page, questionnaire pages as the flow says (the first, or
    all of them to the own result), then (if the flow says so) a shared result in a new tab."""

    base_url: str
    share_code: str
    rng: random.Random
    think: tuple[float, float] = (0.0, 0.0)
    flow: Flow = field(default_factory=Flow)
    timings: list[Timing] = field(default_factory=list)
    session: StreamlitSession | None = None
    # The questionnaire tab's query string when it was left (with the progress code ?p=).
    query_string: str = ""
    pages_answered: int = 0
    # Each answered page's radios, by their number of options (the bare twin must match).
    layout: list[tuple[int, ...]] = field(default_factory=list)

    async def _pause(self) -> None:
        low, high = self.think
        if high > 0:
            await asyncio.sleep(self.rng.uniform(low, high))

    async def _timed(self, name: str, action: Awaitable[Run]) -> Run:
        started = time.perf_counter()
        try:
            run = await action
        except BaseException:
            self.timings.append(Timing(name, time.perf_counter() - started, False, started))
            raise
        self.timings.append(Timing(name, run.seconds, True, started))
        return run

    async def visit(self) -> None:
        """Walk the flow; raise LoadClientError where the app does not answer as expected."""
        flow = self.flow
        tab = StreamlitSession(self.base_url)
        self.session = tab
        try:
            await self._timed("open start page", tab.open())
            for key, index in flow.start_choices:
                await self._pause()
                await self._timed("choose (radio)", tab.set({key: index}))
            await self._pause()
            run = await self._timed("start questionnaire", tab.click(flow.start_key))
            if not run.keyed(flow.item_prefix):
                raise LoadClientError("the start button did not open the questionnaire")
            run = await self._questionnaire(tab, run)
            self.query_string = tab.query_string
            if flow.pages is None:
                run.find(key=flow.own_result_key)  # the own result, not another page
        finally:
            if flow.shared_result:
                await tab.close()
        if not flow.shared_result:
            return  # the tab stays open on the own result, as a reader's does
        await self._pause()
        shared = StreamlitSession(self.base_url)
        self.session = shared
        run = await self._timed(
            "open shared result", shared.open(f"{flow.share_param}={self.share_code}")
        )
        run.find(key=flow.result_key)

    async def _questionnaire(self, tab: StreamlitSession, run: Run) -> Run:
        """Answer every radio of a page (a random option: any of a page's options is an answer,
        "can't say" too), click Weiter; as many pages as the flow says. Return the last run."""
        flow = self.flow
        limit = MAX_PAGES if flow.pages is None else flow.pages
        while self.pages_answered < limit:
            items = run.keyed(flow.item_prefix)
            if not items:
                if flow.pages is None:
                    return run  # past the last page
                raise LoadClientError(f"no questionnaire page after {self.pages_answered} pages")
            self.layout.append(tuple(len(item.options) for item in items))
            for item in items:
                await self._pause()
                choice = self.rng.randrange(len(item.options))
                await self._timed("answer item (radio)", tab.set({item.key or "": choice}))
            await self._pause()
            after = await self._timed("next page", tab.click(flow.next_key))
            if {w.key for w in after.keyed(flow.item_prefix)} & {w.key for w in items}:
                raise LoadClientError(f"Weiter did not leave page {self.pages_answered + 1}")
            if not after.keyed(flow.item_prefix):
                self.timings[-1].name = FINISH  # the last page's Weiter: the result is built
            self.pages_answered += 1
            run = after
        if flow.pages is None and run.keyed(flow.item_prefix):
            raise LoadClientError(f"still in the questionnaire after {MAX_PAGES} pages")
        return run


def share_codes(count: int, seed: int = 2026, version: int | None = None) -> list[str]:
    """Return count share codes of random complete answers (short form, then full, in turn) to
    the newest bank, or to bank `version`."""
    from assessment.bank.load import latest_version, load_bank
    from assessment.bank.models import FormId
    from assessment.codes.share import encode_share_code
    from tests.personas import random_answers

    bank = load_bank(latest_version() if version is None else version)
    codes = []
    for index in range(count):
        form: FormId = "short" if index % 2 == 0 else "full"
        [answers] = random_answers(bank, 1, seed + index, answered_share=1.0, form=form)
        codes.append(encode_share_code(answers.model_copy(update={"profile": "duisburg"})))
    return codes


async def run_load(
    base_url: str,
    people: int,
    codes: Sequence[str],
    think: tuple[float, float] = (0.0, 0.0),
    ramp_seconds: float = 0.0,
    rss: Callable[[], int] | None = None,
    seed: int = 1,
    flow: Flow | None = None,
    budget_seconds: float = 300.0,
) -> LoadReport:
    """Run people concurrently; each keeps its last tab open until all are done (for the RSS)."""
    report = LoadReport(people=people)
    report.rss_before = rss() if rss else 0
    crowd = [
        Person(
            base_url,
            codes[i % len(codes)],
            random.Random(seed * 100_003 + i),  # noqa: S311 - reproducible load, not cryptography
            think,
            flow or Flow(),
        )
        for i in range(people)
    ]

    async def one(index: int, person: Person) -> None:
        await asyncio.sleep(ramp_seconds * index / max(1, people))
        try:
            await person.visit()
        except (LoadClientError, OSError, TimeoutError) as error:
            report.errors.append(f"person {index}: {type(error).__name__}: {error}")
        except Exception as error:  # websockets' ConnectionClosed and friends
            report.errors.append(f"person {index}: {type(error).__name__}: {error}")

    started = time.perf_counter()
    try:
        async with asyncio.timeout(budget_seconds):
            await asyncio.gather(*(one(i, p) for i, p in enumerate(crowd)))
    except TimeoutError:
        report.errors.append(f"the run exceeded its budget of {budget_seconds} s")
    report.wall_seconds = time.perf_counter() - started
    report.timings = [t for p in crowd for t in p.timings]
    if rss:
        await asyncio.sleep(0.5)  # let the last runs' garbage go before measuring
        report.rss_after = rss()
    await asyncio.gather(*(p.session.close() for p in crowd if p.session is not None))
    return report


def describe(report: LoadReport) -> Iterator[str]:
    """Yield the lines of a plain-text summary of a load report."""
    yield (
        f"{report.people} people: {report.interactions} interactions in "
        f"{report.wall_seconds:.1f} s = {report.throughput:.1f}/s, errors {len(report.errors)}, "
        f"p50 {report.quantile(0.5) * 1e3:.0f} ms, p95 {report.quantile(0.95) * 1e3:.0f} ms, "
        f"RSS +{report.rss_per_person / 1e6:.2f} MB/person"
    )
    for name in report.names:
        yield (
            f"  {name:<22} n={len(report.seconds(name)):<5} "
            f"p50 {report.quantile(0.5, name) * 1e3:7.1f} ms  "
            f"p95 {report.quantile(0.95, name) * 1e3:7.1f} ms"
        )
    yield from (f"  error: {e}" for e in report.errors[:5])


def main(argv: Sequence[str] | None = None) -> None:
    """Start a server for a script (or use --url) and run people against it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--script", default="app.py")
    parser.add_argument("--url", help="use a running app instead of starting one")
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--think", type=float, nargs=2, default=(0.0, 0.0))
    parser.add_argument("--ramp", type=float, default=0.0)
    parser.add_argument(
        "--complete",
        action="store_true",
        help="every person completes the newest bank's short form (default: its first page, "
        "then a shared result)",
    )
    args = parser.parse_args(argv)
    codes = share_codes(20)
    flow = COMPLETE if args.complete else Flow()

    async def go(url: str, rss: Callable[[], int] | None) -> LoadReport:
        think = (float(args.think[0]), float(args.think[1]))
        return await run_load(url, args.people, codes, think, args.ramp, rss, flow=flow)

    if args.url:
        report = asyncio.run(go(args.url, None))
    else:
        with StreamlitServer(args.script) as server:
            print(f"started {args.script} in {server.startup_seconds:.2f} s on {server.url}")
            asyncio.run(run_load(server.url, 1, codes, flow=flow))  # warm up imports and caches
            report = asyncio.run(go(server.url, server.rss))
    for line in describe(report):
        print(line)


if __name__ == "__main__":
    main()
