"""What a fresh process loads for the start page, and what it warms afterwards."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assessment.operate import warmup
from tests.ui.conftest import new_app

ROOT = Path(__file__).resolve().parents[2]
# Heavy libraries that the start page does not need: the group view's tables, the charts, the PDF.
NOT_FOR_THE_START_PAGE = ("pandas", "altair", "fpdf", "vl_convert", "pingouin")


def test_start_page_imports_no_heavy_library() -> None:
    """A fresh process that imports the app's views and runs the start page loads none of them."""
    script = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        f"print(sorted(m for m in {NOT_FOR_THE_START_PAGE!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_group_view_still_renders_its_tables() -> None:
    """The group view imports what it needs when it is opened."""
    at = new_app(view="group")
    assert not at.exception
    assert at.title[0].value == "Gruppenauswertung"


def test_first_page_leaves_the_warm_up_for_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Served through the launcher, the first page starts no warm-up: it would compete with the
    person's first clicks (issue 24); a result page schedules it (tests/unit/operate)."""
    scheduler = warmup.WarmUpScheduler()
    monkeypatch.setattr(warmup, "SCHEDULER", scheduler)
    monkeypatch.setattr(warmup, "_started", None)
    monkeypatch.setattr(warmup, "warm_pdf_path", lambda: b"")
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    at = new_app()
    assert not at.exception
    assert scheduler.phase == "not wanted"
    assert scheduler.thread is None
    assert warmup._started is None
    assert warmup.THREAD_NAME not in {thread.name for thread in threading.enumerate()}


def test_no_warm_up_in_tests_and_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the launcher not even a result page starts background work."""
    from assessment.codes.links import SHARE_PARAM
    from assessment.codes.share import encode_share_code

    scheduler = warmup.WarmUpScheduler()
    monkeypatch.setattr(warmup, "SCHEDULER", scheduler)
    monkeypatch.setattr(warmup, "_started", None)
    monkeypatch.delenv(warmup.WARM_UP_VARIABLE, raising=False)
    new_app()
    new_app(**{SHARE_PARAM: encode_share_code(warmup.sample_answers())})
    assert scheduler.phase == "not wanted"
    assert scheduler.thread is None
    assert warmup._started is None
