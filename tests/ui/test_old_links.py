"""Old links keep working: when the next bank version ships (here a v3 made from v2 with one
statement reworded and one removed), v1 and v2 links still decode and show exactly their own
result, while new questionnaires use the newest version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.bank.load import (
    ARTICLE_FILE,
    QUESTIONS_DIR,
    QUESTIONS_ENV,
    available_versions,
    latest_version,
    load_bank,
)
from assessment.bank.models import LikertItem
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.result import build_result
from assessment.render.summary import summarize
from assessment.ui import state
from assessment.ui.text import plain
from tests.bankcopy import TomlData, copy_bank, edit_toml
from tests.personas import MODERNIZER, persona_answers, random_answers
from tests.ui.conftest import item_keys, new_app, start

REWORDED = "crisis_l2"
NEW_WORDING = "Bei einem Ausfall am Morgen bleibe ich bis zum Abend handlungsfähig."


def _removable(root: Path) -> str:
    """Return a plus-keyed statement of bank v2 that is in no pair and not in the short form."""
    bank = load_bank(2, root)
    paired = {p.plus for p in bank.pairs} | {p.minus for p in bank.pairs}
    return next(
        item.id
        for item in bank.likert
        if item.keying == "plus"
        and item.id not in paired
        and item.id not in bank.forms["short"].items
        and item.id != REWORDED
    )


@pytest.fixture
def three_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A questions folder with v1 and v2 as released and a v3 that rewords one item, drops one."""
    root = tmp_path / "questions"
    copy_bank(root, version=1)
    copy_bank(root, version=2)
    shutil.copy(QUESTIONS_DIR / ARTICLE_FILE, root / ARTICLE_FILE)
    removed = _removable(root)
    v3 = copy_bank(root, version=2, as_version=3)

    def reword(data: TomlData) -> None:
        for item in data["likert"]:
            if item["id"] == REWORDED:
                item["text"]["de"] = NEW_WORDING

    def drop(data: TomlData) -> None:
        data["likert"] = [item for item in data["likert"] if item["id"] != removed]

    def drop_from_forms(data: TomlData) -> None:
        for form in data["forms"]:
            form["items"] = [item for item in form["items"] if item != removed]

    edit_toml(v3 / "items" / "crisis.toml", reword)
    edit_toml(v3 / "items" / f"{removed.split('_')[0]}.toml", drop)
    edit_toml(v3 / "forms.toml", drop_from_forms)
    monkeypatch.setenv(QUESTIONS_ENV, str(root))
    return root


def test_v3_differs_as_intended(three_versions: Path) -> None:
    """v3 is the newest version, rewords one statement and lacks another."""
    assert available_versions() == (1, 2, 3)
    assert latest_version() == 3
    v2, v3 = load_bank(2), load_bank(3)
    old, new = v2.item(REWORDED), v3.item(REWORDED)
    assert isinstance(old, LikertItem)
    assert isinstance(new, LikertItem)
    assert new.text.de == NEW_WORDING
    assert old.text.de != NEW_WORDING
    assert len(v3.likert) == len(v2.likert) - 1
    assert len(v3.forms["full"].items) == len(v2.forms["full"].items) - 1


def test_v1_code_decodes_to_the_same_v1_result(three_versions: Path) -> None:
    """A v1 code, made before v2 and v3 existed, decodes against v1 and scores as before."""
    released = load_bank(1, QUESTIONS_DIR)
    answers = persona_answers(MODERNIZER, profile="mittelstand")
    code = encode_share_code(answers)  # made with the released v1
    decoded = decode_code(code)
    assert decoded.answers == answers
    assert decoded.answers.bank_version == 1
    before = build_result(answers, released)
    after = build_result(decoded.answers, load_bank(1))
    assert after == before
    assert summarize(after, load_bank(1), "de") == summarize(before, released, "de")


def test_v2_code_decodes_to_the_same_v2_result(three_versions: Path) -> None:
    """A v2 code keeps its answers, background and result after v3 ships."""
    released = load_bank(2, QUESTIONS_DIR)
    answers = random_answers(released, 1, seed=12, form="full")[0].model_copy(
        update={"background": "starter", "profile": "industry"}
    )
    code = encode_share_code(answers)
    decoded = decode_code(code)
    assert decoded.answers == answers
    after = build_result(decoded.answers, load_bank(2))
    assert after == build_result(answers, released)
    assert summarize(after, load_bank(2), "en") == summarize(after, released, "en")


@pytest.mark.parametrize("version", [1, 2])
def test_old_link_shows_its_own_result_in_the_app(three_versions: Path, version: int) -> None:
    """The app shows a v1 or v2 link's result with that version's texts, although v3 is newest."""
    bank = load_bank(version)
    answers = (
        persona_answers(MODERNIZER, form="full", profile="industry")
        if version == 1
        else random_answers(bank, 1, seed=3, form="full")[0]
    )
    # A shared link speaks about the person, not to the reader.
    summary = summarize(build_result(answers, bank), bank, "de", viewer="other")
    at = new_app(r=encode_share_code(answers))
    assert not at.exception
    assert at.title[0].value == "Geteiltes Ergebnis"
    assert plain(summary.headline) in [s.value for s in at.header]
    shown = " ".join(m.value for m in at.markdown)
    for card in summary.cards:
        assert plain(card.verdict) in shown
    assert f"Fragenkatalog Version {version}" in " ".join(c.value for c in at.caption)


def test_new_questionnaire_uses_the_newest_version(three_versions: Path) -> None:
    """Someone starting now gets v3's wording."""
    at = start(new_app(), form="full", profile="mittelstand")
    assert not at.exception
    keys = set(item_keys(at))
    for _ in range(20):
        if f"item_{REWORDED}" in keys:
            break
        for key in item_keys(at):
            item = load_bank(3).item(state.item_of_key(key))
            at.radio(key=key).set_value("a" if hasattr(item, "options") else 3)
        at.run()
        at.button(key="nav_next").click().run()
        keys = set(item_keys(at))
    labels = {r.key: r.label for r in at.radio if r.key}
    assert NEW_WORDING in labels[f"item_{REWORDED}"]
