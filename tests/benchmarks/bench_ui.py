"""UI benchmark: the script cost of one rerun of each page of app.py, beside its bare twin.

Measured with streamlit.testing.v1.AppTest (no server, no network): the median CPU time of this
process (all threads: AppTest and the script thread) over REPEAT reruns of the start page, a
questionnaire page (the full form's first page, 8 statements) and a shared result (?r=), each
beside the plain Streamlit page in tests/benchmarks/bare/ with the same number and kind of
elements. The pages are rerun in turn, round after round, so that a busy machine slows all of
them alike; CPU time rather than wall time keeps other processes out of the figure. AppTest adds
a few ms of its own to both sides.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.benchmarks.common import Row
from tests.loadclient import share_codes

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE = Path(__file__).resolve().parent / "bare"
REPEAT = 25
TIMEOUT = 60.0


def median_rerun_ms(pages: dict[str, AppTest], repeat: int = REPEAT) -> dict[str, float]:
    """Return the median CPU ms of a rerun of each page, rerunning the pages in turn."""
    times: dict[str, list[float]] = {name: [] for name in pages}
    for at in pages.values():
        at.run()  # warm: the first rerun on a page may fill caches
    for _ in range(repeat):
        for name, at in pages.items():
            started = time.process_time()
            at.run()
            times[name].append(time.process_time() - started)
    for name, at in pages.items():
        if at.exception:
            raise RuntimeError(f"{name} raised: {at.exception[0].message}")
    return {name: statistics.median(values) * 1e3 for name, values in times.items()}


def app_start() -> AppTest:
    """Return an AppTest of app.py on its start page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    return at


def app_questionnaire() -> AppTest:
    """Return an AppTest of app.py on the first page of the full form."""
    at = app_start()
    at.radio(key="start_form").set_value("full")
    at.radio(key="start_background").set_value("starter")
    at.button(key="start_button").click().run()
    if len(at.radio) != 8:
        raise RuntimeError(f"expected 8 statements on the first page, got {len(at.radio)}")
    return at


def app_result(code: str) -> AppTest:
    """Return an AppTest of app.py showing the shared result of a code."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["r"] = code
    at.run()
    return at


def bare(name: str) -> AppTest:
    """Return an AppTest of a bare page."""
    at = AppTest.from_file(str(BARE / f"bare_{name}.py"), default_timeout=TIMEOUT)
    at.run()
    return at


def run() -> list[Row]:
    """Return the rerun figures (or one row saying why they could not be measured)."""
    if not APP.exists():
        return [Row("rerun cost of app.py: skipped, app.py missing", float("nan"), "ms")]
    try:
        code = share_codes(2)[1]  # a full-form result
        pages = {
            "start": app_start(),
            "questionnaire": app_questionnaire(),
            "result": app_result(code),
            "bare start": bare("start"),
            "bare questionnaire": bare("questionnaire"),
            "bare result": bare("result"),
        }
        ms = median_rerun_ms(pages)
    except (RuntimeError, KeyError, ValueError, AssertionError) as error:
        return [Row(f"rerun cost of app.py: skipped ({error})", float("nan"), "ms")]
    start, questionnaire, result = ms["start"], ms["questionnaire"], ms["result"]
    bare_start, bare_questionnaire = ms["bare start"], ms["bare questionnaire"]
    bare_result = ms["bare result"]
    return [
        Row("rerun start page (AppTest, CPU)", start, "ms", "bare start page", bare_start),
        Row(
            "rerun questionnaire page (8 radios)",
            questionnaire,
            "ms",
            "bare questionnaire page",
            bare_questionnaire,
            "≤ 1.3× bare",
        ),
        Row("rerun shared result page", result, "ms", "bare result page", bare_result),
        Row(
            "rerun shared result page",
            result,
            "ms",
            "app questionnaire page",
            questionnaire,
            "≤ 3× questionnaire",
        ),
    ]
