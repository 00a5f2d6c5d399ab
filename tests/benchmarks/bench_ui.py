"""UI benchmark: the script cost of one rerun of each page of app.py, beside its bare twin.

Measured with streamlit.testing.v1.AppTest (no server, no network): the median CPU time of this
process (all threads: AppTest and the script thread) over REPEAT reruns of the start page, three
questionnaire pages of the newest bank's short form (bank v3: the first page, 8 statements; a
page of 3 situations; the working-conditions page, 14 radios; each opened from a progress code
with the pages before it answered) and a shared result of a full form (?r=), each beside the
plain Streamlit page in tests/benchmarks/bare/ with the same number and kind of elements
(tests/unit/test_bench_bare.py). The pages are rerun in turn, round after round, so that a busy
machine slows all of them alike; CPU time rather than wall time keeps other processes out of the
figure. AppTest adds a few ms of its own to both sides. BENCH_QUICK=1: 5 rounds, not 25.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import PreferenceItem, Scenario
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import encode_progress_code
from assessment.ui.state import pages_of
from tests.benchmarks.bare import bare_views
from tests.benchmarks.common import Row, effort
from tests.loadclient import share_codes
from tests.personas import random_answers

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
BARE = Path(__file__).resolve().parent / "bare"
REPEAT = effort(25, 5)
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
    """Return an AppTest of app.py on the first page of the short form (as a person starts)."""
    at = app_start()
    at.radio(key="start_background").set_value("starter")
    at.button(key="start_button").click().run()
    if len(at.radio) != 8:
        raise RuntimeError(f"expected 8 statements on the first page, got {len(at.radio)}")
    return at


def short_form_page(kind: type) -> int:
    """Return the index of the newest bank's first short-form page of a kind of question."""
    pages = pages_of(latest_version(), "short")
    return next(index for index, page in enumerate(pages) if isinstance(page[0], kind))


def app_page(page: int) -> AppTest:
    """Return an AppTest of app.py on a page of the newest bank's short form, opened from a
    progress code with every page before it answered and this page and the later ones not."""
    bank = load_bank(latest_version())
    [answers] = random_answers(bank, 1, seed=2026, answered_share=1.0, form="short")
    later = {item.id for items in pages_of(bank.version, "short")[page:] for item in items}
    kept = {k: v for k, v in answers.responses.items() if k not in later}
    code = encode_progress_code(answers.model_copy(update={"responses": kept}), page)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params[PROGRESS_PARAM] = code
    at.run()
    drawn = len(at.radio)
    if drawn != len(bare_views.SHORT_FORM[page][1]):
        raise RuntimeError(f"expected page {page + 1} of the short form, got {drawn} radios")
    return at


def bare_page(page: int) -> AppTest:
    """Return an AppTest of the bare questionnaire on a page of its short form."""
    at = AppTest.from_file(str(BARE / "bare_questionnaire.py"), default_timeout=TIMEOUT)
    at.session_state["page"] = page
    at.run()
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
        situations, preferences = short_form_page(Scenario), short_form_page(PreferenceItem)
        pages = {
            "start": app_start(),
            "questionnaire": app_questionnaire(),
            "situations": app_page(situations),
            "preferences": app_page(preferences),
            "result": app_result(code),
            "bare start": bare("start"),
            "bare questionnaire": bare("questionnaire"),
            "bare situations": bare_page(situations),
            "bare preferences": bare_page(preferences),
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
        Row(
            "rerun questionnaire page (3 situations)",
            ms["situations"],
            "ms",
            "bare page with 3 situations",
            ms["bare situations"],
        ),
        Row(
            "rerun working-conditions page (14 radios)",
            ms["preferences"],
            "ms",
            "bare page with 14 radios",
            ms["bare preferences"],
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
