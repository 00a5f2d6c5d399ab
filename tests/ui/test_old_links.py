"""Old links keep working: after bank v2 ships (one item reworded, one removed), v1 links still
decode and show exactly the v1 result, while new questionnaires use v2."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.bank import QUESTIONS_ENV, available_versions, latest_version, load_bank
from assessment.models import LikertItem
from assessment.result import build_result
from assessment.sharecode import decode_code, encode_share_code
from assessment.summary import summarize
from assessment.ui.text import plain
from tests.bankcopy import TomlData, copy_bank, edit_toml
from tests.personas import MODERNIZER, persona_answers
from tests.ui.conftest import item_keys, new_app, start

REWORDED = "crisis_l2"
NEW_WORDING = "Bei einem Ausfall am Morgen bleibe ich bis zum Abend handlungsfähig."


def _removable(root: Path) -> str:
    """Return a plus-keyed statement of bank v1 that is in no pair and not in the short form."""
    bank = load_bank(1, root)
    paired = {p.plus for p in bank.pairs} | {p.minus for p in bank.pairs}
    return next(
        item.id
        for item in bank.likert
        if item.keying == "plus"
        and item.id not in paired
        and item.id not in bank.forms["short"].items
        and item.dimension == "budget"
    )


@pytest.fixture
def two_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A questions folder with v1 as released and a v2 that rewords one item and drops one."""
    root = tmp_path / "questions"
    copy_bank(root)
    removed = _removable(root)
    v2 = copy_bank(root, version=1, as_version=2)

    def reword(data: TomlData) -> None:
        for item in data["likert"]:
            if item["id"] == REWORDED:
                item["text"]["de"] = NEW_WORDING

    def drop(data: TomlData) -> None:
        data["likert"] = [item for item in data["likert"] if item["id"] != removed]

    def drop_from_forms(data: TomlData) -> None:
        for form in data["forms"]:
            form["items"] = [item for item in form["items"] if item != removed]

    edit_toml(v2 / "items" / "crisis.toml", reword)
    edit_toml(v2 / "items" / "budget.toml", drop)
    edit_toml(v2 / "forms.toml", drop_from_forms)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    return root


def test_v2_differs_as_intended(two_versions: Path) -> None:
    """v2 is the newest version, rewords one statement and lacks another."""
    assert available_versions() == (1, 2)
    assert latest_version() == 2
    v1, v2 = load_bank(1), load_bank(2)
    old, new = v1.item(REWORDED), v2.item(REWORDED)
    assert isinstance(old, LikertItem)
    assert isinstance(new, LikertItem)
    assert new.text.de == NEW_WORDING
    assert old.text.de != NEW_WORDING
    assert len(v2.likert) == len(v1.likert) - 1
    assert len(v2.forms["full"].items) == len(v1.forms["full"].items) - 1


def test_v1_code_decodes_to_the_same_v1_result(two_versions: Path) -> None:
    """A v1 code, made before v2 existed, decodes against v1 and scores exactly as before."""
    released = load_bank(1, Path(__file__).resolve().parents[2] / "questions")
    answers = persona_answers(MODERNIZER, profile="mittelstand")
    code = encode_share_code(answers)  # made with the released v1
    decoded = decode_code(code)
    assert decoded.answers == answers
    assert decoded.answers.bank_version == 1
    before = build_result(answers, released)
    after = build_result(decoded.answers, load_bank(1))
    assert after == before
    assert summarize(after, load_bank(1), "de") == summarize(before, released, "de")


def test_v1_link_shows_the_v1_result_in_the_app(two_versions: Path) -> None:
    """The app shows a v1 link's result with v1's numbers and texts, although v2 is newest."""
    answers = persona_answers(MODERNIZER, form="full", profile="industry")
    summary = summarize(build_result(answers, load_bank(1)), load_bank(1), "de")
    at = new_app(r=encode_share_code(answers))
    assert not at.exception
    assert at.title[0].value == "Geteiltes Ergebnis"
    assert at.header[0].value == plain(summary.headline)
    shown = " ".join(m.value for m in at.markdown)
    for card in summary.cards:
        assert plain(card.verdict) in shown
    assert "Fragenkatalog Version 1" in " ".join(c.value for c in at.caption)


def test_new_questionnaire_uses_v2(two_versions: Path) -> None:
    """Someone starting now gets v2's wording, and the removed statement is gone."""
    at = start(new_app(), form="full", profile="mittelstand")
    assert not at.exception
    keys = set(item_keys(at))
    for _ in range(12):
        if f"item_{REWORDED}" in keys:
            break
        for key in item_keys(at):
            item = load_bank(2).item(key.removeprefix("item_"))
            at.radio(key=key).set_value(3 if isinstance(item, LikertItem) else "a")
        at.run()
        at.button(key="nav_next").click().run()
        keys = set(item_keys(at))
    labels = {r.key: r.label for r in at.radio if r.key}
    assert NEW_WORDING in labels[f"item_{REWORDED}"]
