"""The working-conditions block of bank v3 (issue 21): models, validation and check-bank refusals.

Each refusal test breaks one rule in a copy of bank v3 and asserts that read_bank (what
`check-bank` runs) refuses it, naming the file and the entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assessment.bank.load import PREFERENCES_FILE, load_bank, quotes_missing_from_article, read_bank
from assessment.bank.models import (
    PREFERENCE_TOPICS,
    SETTING_IDS,
    ConditionSource,
    PreferenceItem,
    SettingCondition,
)
from assessment.bank.rules import RULES
from assessment.errors import BankError
from tests.bankcopy import TomlData, copy_bank, edit_toml

V3 = load_bank(3)


def test_only_rules_with_preferences_ask_the_block() -> None:
    """Rules 3 switch the block on by name; rules 1 and 2 (banks v1, v2) have none."""
    assert RULES[3].preferences
    assert not RULES[1].preferences
    assert not RULES[2].preferences
    assert load_bank(1).preferences is None
    assert load_bank(2).preferences is None
    assert V3.preferences is not None


def test_block_has_ten_to_fifteen_items_covering_every_topic() -> None:
    """10–15 items, one id each, every topic of the issue asked at least once."""
    block = V3.preferences
    assert block is not None
    assert 10 <= len(block.items) <= 15
    assert {item.topic for item in block.items} == set(PREFERENCE_TOPICS)
    for item in block.items:
        for lang in ("de", "en"):
            assert len(item.text(lang)) <= 160, item.id


def test_every_setting_describes_every_item_with_source_or_reading() -> None:
    """Each setting has one condition per item; each names a source or is labelled a reading."""
    block = V3.preferences
    assert block is not None
    assert len(block.conditions) == len(SETTING_IDS) * len(block.items)
    for setting in SETTING_IDS:
        for item in block.items:
            condition = block.condition(setting, item.id)
            assert (condition.source is None) == condition.reading, (setting, item.id)
    # Both kinds occur: the bank does not hide its readings nor invent sources for everything.
    assert any(c.reading for c in block.conditions)
    assert any(c.source is not None for c in block.conditions)


def test_article_quotes_of_conditions_stand_in_the_article() -> None:
    """Every article source quotes the article word for word (check-bank checks it)."""
    block = V3.preferences
    assert block is not None
    quotes = [c.source.quote for c in block.conditions if c.source and c.source.quote]
    assert quotes
    assert quotes_missing_from_article(V3) == ()


def test_a_condition_needs_a_source_or_the_reading_label() -> None:
    """The model refuses a condition with neither, and one with both."""
    base = {"setting": "public", "item": "pref_x", "presence": "typical"}
    text = {"de": "Satz.", "en": "Sentence."}
    with pytest.raises(ValidationError, match="names its source or is labelled"):
        SettingCondition.model_validate({**base, "text": text})
    source = {"kind": "law", "title": "GO NRW", "section": "§ 62"}
    with pytest.raises(ValidationError, match="not labelled as a reading"):
        SettingCondition.model_validate({**base, "text": text, "source": source, "reading": True})
    assert SettingCondition.model_validate({**base, "text": text, "reading": True}).reading


def test_an_article_source_quotes_and_others_name_a_title() -> None:
    """An article source needs its quote; a law or agreement needs its title and no quote."""
    with pytest.raises(ValidationError, match="quotes the article"):
        ConditionSource(kind="article", section="Der Alltag")
    with pytest.raises(ValidationError, match="names its title"):
        ConditionSource(kind="law", section="§ 62")
    with pytest.raises(ValidationError, match="only an article source"):
        ConditionSource(kind="law", section="§ 62", title="GO NRW", quote="ein Zitat")
    cited = ConditionSource(kind="agreement", section="§ 16", title="TVöD").cite()
    assert cited == "TVöD, § 16"


def test_item_ids_carry_the_prefix_and_no_dimension() -> None:
    """Preference items never belong to a demand."""
    with pytest.raises(ValidationError):
        PreferenceItem.model_validate({"id": "pay", "topic": "pay", "text": {"de": "a", "en": "b"}})
    block = V3.preferences
    assert block is not None
    assert all(item.dimension is None for item in block.items)


def _drop_source(data: TomlData) -> None:
    condition = data["conditions"][0]
    condition.pop("source", None)
    condition.pop("reading", None)


def test_check_bank_refuses_a_condition_without_source_or_label(tmp_path: Path) -> None:
    """read_bank names the file and the setting.item of a condition with neither."""
    folder = copy_bank(tmp_path, 3)
    edit_toml(folder / PREFERENCES_FILE, _drop_source)
    with pytest.raises(BankError) as raised:
        read_bank(folder)
    assert raised.value.path.name == PREFERENCES_FILE
    assert raised.value.entry == "public.pref_pay_tariff"
    assert "without a named source" in raised.value.problem


def test_check_bank_refuses_a_missing_condition(tmp_path: Path) -> None:
    """Every setting describes every item: a missing one is named."""
    folder = copy_bank(tmp_path, 3)
    edit_toml(folder / PREFERENCES_FILE, lambda data: data["conditions"].pop())
    with pytest.raises(BankError, match=r"no condition for industry\.pref_ot"):
        read_bank(folder)


def test_check_bank_refuses_an_article_quote_not_in_the_article(tmp_path: Path) -> None:
    """A condition's article quote that the article does not contain fails the quote check."""
    folder = copy_bank(tmp_path, 3)

    def misquote(data: TomlData) -> None:
        for condition in data["conditions"]:
            if condition.get("source", {}).get("kind") == "article":
                condition["source"]["quote"] = "Duisburg ist ein digitaler Hotspot"
                return

    edit_toml(folder / PREFERENCES_FILE, misquote)
    bank = read_bank(folder)
    assert quotes_missing_from_article(bank) == ("Duisburg ist ein digitaler Hotspot",)


def test_check_bank_refuses_the_block_where_rules_have_none(tmp_path: Path) -> None:
    """A preferences file in a bank whose rules do not ask it is refused, not ignored."""
    folder = copy_bank(tmp_path, 2)
    (folder / PREFERENCES_FILE).write_bytes(
        (copy_bank(tmp_path, 3) / PREFERENCES_FILE).read_bytes()
    )
    with pytest.raises(BankError, match="no preferences block"):
        read_bank(folder)


def test_check_bank_requires_the_block_where_rules_ask_it(tmp_path: Path) -> None:
    """Rules with preferences and no preferences file: refused by name."""
    folder = copy_bank(tmp_path, 3)
    (folder / PREFERENCES_FILE).unlink()
    with pytest.raises(BankError, match="ask for the preferences block"):
        read_bank(folder)


def test_preference_items_stay_out_of_the_forms_and_time_counts_them() -> None:
    """The block is its own page in both forms: not in forms.toml, but counted in the
    questions and minutes the start page announces."""
    block = V3.preferences
    assert block is not None
    for form in ("short", "full"):
        assert not set(V3.forms[form].items) & {item.id for item in block.items}
        assert V3.form_question_count(form) == len(V3.forms[form].items) + len(block.items)
        assert V3.form_minutes(form) == V3.forms[form].minutes + block.minutes
    v2 = load_bank(2)
    assert v2.form_minutes("short") == v2.forms["short"].minutes


def test_practitioner_review_must_fixes_hold() -> None:
    """The head of IT's review (REVIEW.md, "Arbeitsbedingungen", must fix #1, #2, #12, #13, #22,
    #30, #31): idiomatic label, the KRITIS item and conditions for the NIS-2 regime in force since
    December 2025, the TVöD and GO NRW citations, port IT team size."""
    block = V3.preferences
    assert block is not None
    # 1: "reiben" needs "sich an etwas reiben".
    assert block.labels.chafe.de == "Daran würde ich mich reiben"
    assert block.labels.chafe.en == "That would grate on me"
    assert "daran reiben" in block.intro.de
    assert "grate on you" in block.intro.en
    # 2: the item names the BSI Act and NIS-2, not only KRITIS.
    kritis = next(item for item in block.items if item.id == "pref_kritis")
    assert "BSI-Gesetz (NIS-2" in kritis.text("de")
    assert "NIS2" in kritis.text("en")
    # 22, 31: no condition rests on the pre-NIS-2 ordinance; the Mittelstand is no longer "rare".
    for condition in block.conditions:
        assert condition.source is None or "KritisV" not in (condition.source.title or ""), (
            condition.setting,
            condition.item,
        )
    assert block.condition("mittelstand", "pref_kritis").presence == "varies"
    assert "NIS-2" in block.condition("industry", "pref_kritis").text("de")
    # 12: step on hiring is § 16 Abs. 2/2a; Abs. 5 lets a municipality pay more.
    pay = block.condition("public", "pref_pay_negotiate").source
    assert pay is not None
    assert "§ 16 Abs. 2, 2a und 5" in pay.section
    # 13: GO NRW §§ 78–80 and § 82 (no new projects without an adopted budget).
    budget = block.condition("public", "pref_pace_budget")
    assert budget.source is not None
    assert budget.source.section.startswith("§§ 78–80")
    assert "§ 82" in budget.source.section
    assert "dürfen neue Vorhaben nicht beginnen" in budget.text("de")
    # 30: port IT is not a shift team; team size varies.
    team = block.condition("industry", "pref_team_small")
    assert team.presence == "varies"
    assert "Schicht" not in team.text("de")
