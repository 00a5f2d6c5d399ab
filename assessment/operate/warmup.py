"""Warm the slow first use of the PDF path (fpdf2, Altair, vl-convert) in a background thread.

The first PDF in a process takes about a second longer than the next one: imports, the chart
renderer's start and the font tables. A served process does that work once, right after its first
page has been drawn, so that the first person who downloads a PDF does not wait for it.
"""

from __future__ import annotations

import logging
import os
import threading

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import LIKERT_MAX, LIKERT_MIN, SCENARIO_OPTION_IDS, Scenario
from assessment.engine.answers import Answers

# Set to "1" by assessment.ui.launcher (the way the app is served); tests and tools leave it unset.
WARM_UP_VARIABLE = "SELBSTCHECK_WARM_UP"
THREAD_NAME = "selbstcheck-warm-up"
_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_started: threading.Thread | None = None


def sample_answers() -> Answers:
    """Return a complete answer set of the newest bank's short form (middle answers, option a)."""
    bank = load_bank(latest_version())
    middle = (LIKERT_MIN + LIKERT_MAX) // 2
    responses: dict[str, int | str] = {
        item.id: SCENARIO_OPTION_IDS[0] if isinstance(item, Scenario) else middle
        for item in bank.form_items("short")
    }
    return Answers(
        bank_version=bank.version,
        form="short",
        profile="duisburg",
        language="de",
        responses=responses,
    )


def warm_pdf_path() -> bytes:
    """Build one PDF of a sample result and return it (the caches stay warm)."""
    from assessment.engine.result import build_result
    from assessment.render.pdf.result import build_pdf

    answers = sample_answers()
    bank = load_bank(answers.bank_version)
    return build_pdf(build_result(answers, bank), bank, "de", "")


def warm_up_enabled() -> bool:
    """Return whether this process should warm its slow paths (set by the launcher)."""
    return os.environ.get(WARM_UP_VARIABLE, "") == "1"


def start_warm_up() -> threading.Thread | None:
    """Start the warm-up thread once per process when enabled; return it (None when disabled)."""
    global _started
    if not warm_up_enabled():
        return None
    with _LOCK:
        if _started is None:
            _started = threading.Thread(target=_warm, name=THREAD_NAME, daemon=True)
            _started.start()
        return _started


def _warm() -> None:
    # A failed warm-up only means a slow first download, which reports its own error to the person.
    try:
        warm_pdf_path()
    except Exception:
        _LOG.warning("warming the PDF path failed", exc_info=True)
