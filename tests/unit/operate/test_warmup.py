"""Tests for assessment/operate/warmup.py: the PDF path warmed once per served process."""

from __future__ import annotations

import threading

import pytest

from assessment.bank.load import load_bank
from assessment.engine.answers import check_answers
from assessment.operate import warmup
from assessment.ui import launcher


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process in which no warm-up has been started yet."""
    monkeypatch.setattr(warmup, "_started", None)


def test_sample_answers_complete_the_short_form() -> None:
    """The sample is a valid, complete short-form answer set of the newest bank."""
    answers = warmup.sample_answers()
    bank = load_bank(answers.bank_version)
    check_answers(answers, bank)
    assert set(answers.responses) == {item.id for item in bank.form_items("short")}


def test_warm_pdf_path_builds_a_pdf() -> None:
    """Warming builds a real PDF, so every import and cache of a download is exercised."""
    assert warmup.warm_pdf_path().startswith(b"%PDF-")


@pytest.mark.usefixtures("fresh")
def test_no_warm_up_unless_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the launcher's variable (tests, tools) nothing is started."""
    monkeypatch.delenv(warmup.WARM_UP_VARIABLE, raising=False)
    assert warmup.start_warm_up() is None
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "0")
    assert warmup.start_warm_up() is None
    assert warmup.THREAD_NAME not in {thread.name for thread in threading.enumerate()}


@pytest.mark.usefixtures("fresh")
def test_warm_up_runs_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Enabled, the first call starts one daemon thread; later calls return the same one."""
    calls: list[str] = []

    def counted() -> bytes:
        calls.append("warm")
        return b""

    monkeypatch.setattr(warmup, "warm_pdf_path", counted)
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    first = warmup.start_warm_up()
    assert first is not None
    assert first.daemon
    assert warmup.start_warm_up() is first
    first.join(timeout=60)
    assert calls == ["warm"]


@pytest.mark.usefixtures("fresh")
def test_failed_warm_up_is_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A warm-up that fails is logged for the operator and ends its thread quietly."""

    def broken() -> bytes:
        raise OSError("no fonts")

    monkeypatch.setattr(warmup, "warm_pdf_path", broken)
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "1")
    thread = warmup.start_warm_up()
    assert thread is not None
    thread.join(timeout=60)
    assert "warming the PDF path failed" in caplog.text
    assert "no fonts" in caplog.text


def test_launcher_enables_warm_up_unless_the_operator_said_no(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The launcher turns the warm-up on, but keeps an operator's explicit 0."""
    monkeypatch.delenv(warmup.WARM_UP_VARIABLE, raising=False)
    launcher.enable_warm_up()
    assert warmup.warm_up_enabled()
    monkeypatch.setenv(warmup.WARM_UP_VARIABLE, "0")
    launcher.enable_warm_up()
    assert not warmup.warm_up_enabled()
