"""A rules-4 fixture bank for the frequency scale and the wording check: bank v3 copied as a new
version with `rules = 4`, its twelve "In den letzten zwölf Monaten" statements asked how often
(`scale = "frequency"`, as the v3 review proposes) and a third of its statements marked
`wording` with a note. Independent of questions/v4, which another helper writes."""

from __future__ import annotations

import shutil
from pathlib import Path

from assessment.bank.load import ARTICLE_FILE, QUESTIONS_DIR
from tests.bankcopy import TomlData, copy_bank, edit_toml

# The v3 statements that ask whether something happened in the last twelve months.
FREQUENCY_IDS: tuple[str, ...] = (
    "budget_l4",
    "communication_l3",
    "courage_l3",
    "crisis_l3",
    "foundation_l3",
    "leadership_l1",
    "learning_l3",
    "learning_l5",
    "legacy_l5",
    "motivation_l5",
    "resilience_l3",
    "security_l3",
)
# One frequency statement without `presumes` (its "no occasion" is offered all the same), in
# the short form; and one that presumes a team, in both forms.
PLAIN_FREQUENCY = "learning_l3"
TEAM_FREQUENCY = "leadership_l1"
# The fixture's version: one above every released bank, so it is the newest in its folder.
FIXTURE_VERSION = 9
# Marked `wording` (a third of 60 statements: 20), each with a note.
WORDING_IDS: tuple[str, ...] = (
    "crisis_l4",
    "crisis_l5",
    "security_l5",
    "security_l4",
    "legacy_l2",
    "legacy_l3",
    "legacy_l4",
    "budget_l5",
    "budget_l3",
    "pragmatism_l3",
    "pragmatism_l5",
    "learning_l2",
    "learning_l4",
    "leadership_l2",
    "resilience_l1",
    "resilience_l5",
    "communication_l4",
    "courage_l4",
    "motivation_l4",
    "foundation_l4",
)


def frequency_bank(root: Path, version: int = FIXTURE_VERSION) -> Path:
    """Write banks v1–v3 as released and the fixture bank as `version` under root (with the
    article); return the fixture's folder."""
    for released in (1, 2, 3):
        copy_bank(root, version=released)
    shutil.copy(QUESTIONS_DIR / ARTICLE_FILE, root / ARTICLE_FILE)
    folder = copy_bank(root, version=3, as_version=version)
    edit_toml(folder / "bank.toml", lambda data: data.update(rules=4))

    def mark(data: TomlData) -> None:
        for item in data.get("likert", []):
            if item["id"] in FREQUENCY_IDS:
                item["scale"] = "frequency"
            if item["id"] in WORDING_IDS:
                item["wording"] = "trap" if item["keying"] == "minus" else "balanced"
                item["wording_note"] = "Both answers are given by honest people (fixture)."

    for path in sorted((folder / "items").glob("*.toml")):
        if not path.name.endswith("_evidence.toml"):
            edit_toml(path, mark)
    return folder
