"""What a first start page does not need is not imported with the page (issue 24): neither the
other views nor pydantic, the bank's models, the codes or the questionnaire."""

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
# Imported on first use, or by the preload after the first start page (assessment.ui.preload):
# pydantic and what is built on it, the validated bank, the codes, the operator file.
WITHOUT_PYDANTIC = (
    "pydantic",
    "pydantic_core",
    "assessment.bank.models",
    "assessment.bank.load",
    "assessment.bank.rules",
    "assessment.codes.share",
    "assessment.engine.answers",
    "assessment.engine.salary",
    "assessment.operate.operator",
    "assessment.ui.questionnaire",
)


def _imported_by(module: str) -> set[str]:
    """Return the modules a fresh interpreter holds after importing module."""
    code = f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_importing_the_page_leaves_the_other_views_unimported() -> None:
    """`import assessment.ui.main` (what app.py does on the first page) imports none of them."""
    imported = _imported_by("assessment.ui.main")
    assert "assessment.ui.start" in imported
    assert "assessment.bank.digest" in imported
    assert sorted(imported & set(LAZY)) == []


def test_importing_the_page_imports_no_pydantic() -> None:
    """Nor pydantic, the bank's models, the codes or the questionnaire (issue 24: the views'
    import at most 1.2× `import streamlit`)."""
    imported = _imported_by("assessment.ui.main")
    assert sorted(imported & set(WITHOUT_PYDANTIC)) == []
    assert "streamlit" in imported


def test_the_scoring_core_still_imports_what_it_uses() -> None:
    """The deferral is the views' alone: the scoring core imports the bank and the codes."""
    imported = _imported_by("assessment.engine.result, assessment.codes.share")
    assert {"pydantic", "assessment.bank.load", "assessment.codes.share"} <= imported
    assert "streamlit" not in imported


def test_deferred_models_rebuild_under_a_lock() -> None:
    """The models build their validators on first use (`defer_build=True`), which sessions do in
    parallel threads. Safe only because pydantic (since 2.14, pinned) rebuilds a model under a
    lock; before it, a second thread could validate with the empty base class's validator
    (pydantic PR 13438). Fails loudly if an upgrade or downgrade of pydantic loses the lock."""
    import pydantic.main

    from assessment.bank.models import Bank

    assert hasattr(pydantic.main, "_rebuild_lock")
    assert Bank.model_config.get("defer_build") is True
