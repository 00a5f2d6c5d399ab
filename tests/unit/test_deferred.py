"""Tests for assessment/deferred.py: modules imported on first use, one thread at a time."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from assessment import deferred
from assessment.deferred import DeferredModule

ROOT = Path(__file__).resolve().parents[2]


def test_a_deferred_module_is_imported_on_its_first_look_up() -> None:
    """Declaring it imports nothing; the first attribute looked up imports the real module."""
    code = (
        "import sys\n"
        "from assessment.deferred import DeferredModule\n"
        "share = DeferredModule('assessment.codes.share')\n"
        "print('assessment.codes.share' in sys.modules, 'pydantic' in sys.modules)\n"
        "limit = share.MAX_CODE_LENGTH\n"
        "print('assessment.codes.share' in sys.modules, limit)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[:2] == ["False False", "True 200"]


def test_a_deferred_module_gives_the_real_module_s_objects() -> None:
    """Functions and classes are the module's own (isinstance and except work with them)."""
    from assessment.codes import share

    proxy = DeferredModule("assessment.codes.share")
    assert proxy.decode_code is share.decode_code
    assert proxy.DecodedCode is share.DecodedCode
    assert "imported" in repr(proxy)


def test_imports_wait_for_the_import_lock() -> None:
    """A first look-up waits while another thread imports under the lock (no thread sees a
    half-imported module), and the lock is re-entrant for imports within imports."""
    proxy = DeferredModule("json")
    seen: list[object] = []
    with deferred.IMPORT_LOCK:
        reader = threading.Thread(target=lambda: seen.append(proxy.dumps))
        reader.start()
        reader.join(0.2)
        assert reader.is_alive()  # waits for the lock
        deferred.import_serially("json")  # re-entrant: the holder may import
    reader.join(5)
    import json

    assert seen == [json.dumps]
