"""load_bank validates a bank once per process, also when two threads ask for it at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assessment.bank import load
from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import Bank


def test_two_threads_validate_a_bank_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preload after a first start page and that page's "Check starten" may ask for the
    newest bank together: the second waits for the first's bank instead of validating it too."""
    root = tmp_path / "questions"
    root.mkdir()
    (root / "v1").symlink_to(QUESTIONS_DIR / "v1", target_is_directory=True)
    read: list[Path] = []
    real_read = load.read_bank

    def slow_read(folder: Path) -> Bank:
        read.append(folder)
        time.sleep(0.2)
        return real_read(folder)

    monkeypatch.setattr(load, "read_bank", slow_read)
    banks: list[Bank] = []
    threads = [threading.Thread(target=lambda: banks.append(load_bank(1, root))) for _ in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert read == [root / "v1"]
    assert len(banks) == 2
    assert banks[0] is banks[1] is load_bank(1, root)


def test_a_missing_version_is_refused_every_time(tmp_path: Path) -> None:
    """An error is not cached as a bank: asking again raises again."""
    from assessment.errors import BankError

    for _ in (1, 2):
        with pytest.raises(BankError, match="no such bank version"):
            load_bank(9, tmp_path)
