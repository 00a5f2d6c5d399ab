"""Tests for assessment/bank/digest.py: the start page's digest of a bank equals the bank."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.bank import digest
from assessment.bank.load import QUESTIONS_DIR, QUESTIONS_ENV, available_versions, load_bank


@pytest.mark.parametrize("version", available_versions(QUESTIONS_DIR))
def test_every_bank_has_a_stored_digest_equal_to_the_validated_bank(version: int) -> None:
    """digests.json holds each bank version's digest exactly as built from the validated bank
    (after a new version: `python -m assessment.bank.digest`)."""
    assert digest.stored_digests()[version] == digest.digest_of(load_bank(version))


def test_the_stored_digests_are_written_as_built(tmp_path: Path) -> None:
    """The file is what write_digests writes: no hand edit, no missing or extra version."""
    written = tmp_path / "digests.json"
    digest.write_digests(written)
    assert written.read_text(encoding="utf-8") == digest.DIGESTS_PATH.read_text(encoding="utf-8")


def test_the_newest_digest_is_the_stored_one() -> None:
    """Without another questions folder, the start page reads the stored digest of the newest
    bank (the same object every time: read once per process)."""
    newest = max(available_versions(QUESTIONS_DIR))
    assert digest.newest_digest() is digest.stored_digests()[newest]
    assert digest.newest_digest().version == newest


def test_another_questions_folder_gets_its_digest_from_its_bank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder named by SELBSTCHECK_QUESTIONS_DIR may hold other banks under the same numbers:
    its newest bank's digest is built from that bank, never taken from the stored file."""
    root = tmp_path / "questions"
    root.mkdir()
    (root / "v1").symlink_to(QUESTIONS_DIR / "v1", target_is_directory=True)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    shown = digest.newest_digest()
    assert shown.version == 1
    assert shown == digest.digest_of(load_bank(1, root))
    assert shown is not digest.stored_digests()[1]


def test_the_digest_says_what_the_start_page_shows() -> None:
    """Bank v3: four backgrounds, the specialist's help, forms with the working conditions
    counted (86 questions in the short form), situations set in one setting."""
    shown = digest.stored_digests()[3]
    bank = load_bank(3)
    assert shown.backgrounds == ("starter", "changer", "specialist", "experienced")
    assert shown.has_background
    assert shown.specialist_background
    assert shown.forms["short"].questions == len(bank.forms["short"].items) + len(
        bank.asked_preferences()
    )
    assert shown.forms["short"].name("de") == "Kurzform"
    assert shown.forms["short"].name("en") == "Short form"
    assert shown.setting_name("public", "de") == bank.profiles["public"].name("de")
    assert shown.covers_other_settings
    assert not digest.stored_digests()[1].has_background
