"""What the start page shows of a bank (forms, settings, backgrounds) as plain data.

The released banks' digests are stored in digests.json beside this module, so that the first
start page of a fresh process imports neither pydantic nor the bank's models and validates no
bank (issue 24). Each is built from the validated bank (`digest_of`); tests/unit/bank/
test_digest.py checks that every stored digest equals it. A bank without a stored one (a new
version, or questions from SELBSTCHECK_QUESTIONS_DIR) gets its digest from the validated bank.
After adding a bank version: `python -m assessment.bank.digest` writes digests.json anew.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assessment.bank.choices import FORM_IDS, SETTING_IDS, Experience, FormId, ProfileId
from assessment.bank.versions import QUESTIONS_DIR, available_versions, latest_version, resolve_root
from assessment.deferred import DeferredModule
from assessment.i18n import Language

if TYPE_CHECKING:
    from assessment.bank import load as bank_load
    from assessment.bank.models import Bank
else:  # only for a bank without a stored digest (assessment.deferred)
    bank_load = DeferredModule("assessment.bank.load")

DIGESTS_PATH = Path(__file__).with_name("digests.json")


@dataclass(frozen=True)
class FormDigest:
    """A form as the start page names it: its name, how many questions, how many minutes."""

    name_de: str
    name_en: str
    questions: int
    minutes: int

    def name(self, language: Language) -> str:
        return self.name_de if language == "de" else self.name_en


@dataclass(frozen=True)
class StartDigest:
    """What the start page shows of one bank version."""

    version: int
    forms: dict[FormId, FormDigest]
    # The concrete settings' names, German and English ("duisburg" is "noch offen" on the page).
    settings: dict[ProfileId, tuple[str, str]]
    # The backgrounds offered (none before rules 2), and what the background's help says.
    backgrounds: tuple[Experience, ...]
    has_background: bool
    specialist_background: bool
    # The forms ask situations or knowledge questions set in one particular setting.
    covers_other_settings: bool

    def setting_name(self, profile: ProfileId, language: Language) -> str:
        german, english = self.settings[profile]
        return german if language == "de" else english


def covers_other_settings(bank: Bank) -> bool:
    """Return whether the bank's forms ask situations or knowledge questions set in one
    particular setting (so that a person who chose another one meets them)."""
    return any(
        getattr(item, "setting", None) not in (None, "general")
        for form in bank.forms
        for item in bank.form_items(form)
    )


def digest_of(bank: Bank) -> StartDigest:
    """Return the start page's digest of a validated bank."""
    return StartDigest(
        version=bank.version,
        forms={
            form: FormDigest(
                name_de=bank.forms[form].name("de"),
                name_en=bank.forms[form].name("en"),
                questions=bank.form_question_count(form),
                minutes=bank.form_minutes(form),
            )
            for form in FORM_IDS
        },
        settings={
            setting: (bank.profiles[setting].name("de"), bank.profiles[setting].name("en"))
            for setting in SETTING_IDS
        },
        backgrounds=bank.backgrounds,
        has_background=bank.rules.has_background,
        specialist_background=bank.rules.specialist_background,
        covers_other_settings=covers_other_settings(bank),
    )


def newest_digest() -> StartDigest:
    """Return the digest of the newest bank: the stored one, else built from the validated bank."""
    version = latest_version()
    if resolve_root() == QUESTIONS_DIR:
        stored = stored_digests().get(version)
        if stored is not None:
            return stored
    return digest_of(bank_load.load_bank(version))


@cache
def stored_digests() -> dict[int, StartDigest]:
    """Return the digests stored in digests.json, by bank version (read once per process)."""
    raw: dict[str, dict[str, Any]] = json.loads(DIGESTS_PATH.read_text(encoding="utf-8"))
    return {int(version): _from_json(entry) for version, entry in raw.items()}


def _from_json(entry: dict[str, Any]) -> StartDigest:
    return StartDigest(
        version=entry["version"],
        forms={form: FormDigest(**entry["forms"][form]) for form in FORM_IDS},
        settings={setting: tuple(entry["settings"][setting]) for setting in SETTING_IDS},
        backgrounds=tuple(entry["backgrounds"]),
        has_background=entry["has_background"],
        specialist_background=entry["specialist_background"],
        covers_other_settings=entry["covers_other_settings"],
    )


def write_digests(path: Path = DIGESTS_PATH) -> None:
    """Write the digests of every bank version under questions/ (from the validated banks)."""
    digests = {
        str(version): asdict(digest_of(bank_load.load_bank(version, QUESTIONS_DIR)))
        for version in available_versions(QUESTIONS_DIR)
    }
    path.write_text(json.dumps(digests, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_digests()
