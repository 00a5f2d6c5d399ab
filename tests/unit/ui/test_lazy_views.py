"""The views a first start page does not need are not imported with the page (issue 24)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Imported on first use only: the result and peer views, their summaries and codes, the methodology.
LAZY = (
    "assessment.ui.result",
    "assessment.ui.peer",
    "assessment.ui.method",
    "assessment.ui.group",
    "assessment.render.summary",
    "assessment.render.methodology",
    "assessment.peer.codes",
    "assessment.peer.compare",
    "pandas",
    "altair",
    "fpdf",
)


def test_importing_the_page_leaves_the_other_views_unimported() -> None:
    """`import assessment.ui.main` (what app.py does on the first page) imports none of them."""
    code = "import json, sys; import assessment.ui.main; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "assessment.ui.start" in imported
    assert "assessment.ui.questionnaire" in imported
    assert sorted(imported & set(LAZY)) == []


def test_deferred_models_rebuild_under_a_lock() -> None:
    """The models build their validators on first use (`defer_build=True`), which sessions do in
    parallel threads. Safe only because pydantic (since 2.14, pinned) rebuilds a model under a
    lock; before it, a second thread could validate with the empty base class's validator
    (pydantic PR 13438). Fails loudly if an upgrade or downgrade of pydantic loses the lock."""
    import pydantic.main

    from assessment.bank.models import Bank

    assert hasattr(pydantic.main, "_rebuild_lock")
    assert Bank.model_config.get("defer_build") is True
