"""What "Check starten" needs, made ready in the background while the first start page is read.

The start page needs neither pydantic nor a validated bank (issue 24), but the questionnaire does:
without this, the first "Check starten" of a process would import them and validate the newest
bank (a few hundred milliseconds). After the first start page, one thread per process does it in
steps, each once no script run has been running for IDLE_SECONDS, so that it does not compete
with a page being drawn (as assessment.operate.warmup does for the PDF path).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from assessment.bank.versions import latest_version
from assessment.deferred import import_serially
from assessment.operate.warmup import SCHEDULER, WarmUpScheduler
from assessment.ui import state

THREAD_NAME = "selbstcheck-preload"
# Quiet time before each step: the first page has been handed over, the person reads it.
IDLE_SECONDS = 0.25
_LOG = logging.getLogger(__name__)
_LOCK = threading.Lock()
_started: threading.Thread | None = None


def import_questionnaire() -> None:
    """Import the questionnaire view, and with it pydantic, the bank's models and the codes."""
    import_serially("assessment.ui.questionnaire")


def load_newest_bank() -> None:
    """Validate the newest bank and paginate its forms (each cached per process)."""
    version = latest_version()
    for form in ("short", "full"):
        state.pages_of(version, form)


def preload_steps() -> tuple[Callable[[], object], ...]:
    """Return the steps in order (looked up when called, so tests can replace them)."""
    return (import_questionnaire, load_newest_bank)


def run_steps(
    steps: tuple[Callable[[], object], ...],
    scheduler: WarmUpScheduler = SCHEDULER,
    idle_seconds: float = IDLE_SECONDS,
    pause: Callable[[float], object] = time.sleep,
) -> None:
    """Run each step once no script run has been running for idle_seconds (the thread's body).
    A failed step ends the preload: the first "Check starten" then does the work itself."""
    for step in steps:
        while (wait := idle_seconds - scheduler.quiet_seconds()) > 0:
            pause(wait)
        try:
            step()
        except Exception:
            _LOG.warning("preloading the questionnaire failed", exc_info=True)
            return


def start_preload() -> threading.Thread | None:
    """Start the preload once per process; return its thread (None once it has been started)."""
    global _started
    with _LOCK:
        if _started is not None:
            return None
        _started = threading.Thread(
            target=run_steps, args=(preload_steps(),), name=THREAD_NAME, daemon=True
        )
    _started.start()
    return _started
