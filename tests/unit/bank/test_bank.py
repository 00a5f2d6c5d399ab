"""The released bank's content rules, and the loader's refusals for broken bank files."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from assessment.bank.load import (
    MIN_LIKERT_PER_DIMENSION,
    MIN_REVERSED_PER_DIMENSION,
    available_versions,
    load_bank,
    read_bank,
)
from assessment.bank.models import PROFILE_IDS, Bank, LikertItem, Scenario
from assessment.errors import BankError
from tests.bankcopy import TomlData, copy_bank, edit_toml

ARTICLE = Path(__file__).resolve().parents[3] / "questions" / "article-it-leiter-duisburg.txt"
BRIEF_DIMENSIONS = {"crisis", "communication", "budget", "legacy"}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_v1_is_released_and_loads(bank: Bank) -> None:
    """Version 1 is present and validates."""
    assert 1 in available_versions()
    assert bank.version == 1


def test_bank_is_loaded_once_per_process() -> None:
    """load_bank returns the same object every time (validated once)."""
    assert load_bank(1) is load_bank(1)


def test_dimensions_cover_the_brief_and_more(bank: Bank) -> None:
    """The four dimensions of the brief are there, plus further demands of the article."""
    ids = set(bank.dimension_ids)
    assert ids >= BRIEF_DIMENSIONS
    assert len(ids) >= 8


def test_every_anchor_quote_stands_in_the_article(bank: Bank) -> None:
    """Anchor quotes are verbatim phrases of the article, so the result cites what is there."""
    article = _normalise(ARTICLE.read_text(encoding="utf-8"))
    quotes = [d.anchor.quote for d in bank.dimensions]
    quotes += [p.anchor.quote for p in bank.profiles.values()]
    quotes += [bank.salary.entry.quote, bank.salary.experienced.quote]
    missing = [q for q in quotes if _normalise(q) not in article]
    assert missing == []


def test_each_dimension_has_enough_balanced_items_and_a_scenario(bank: Bank) -> None:
    """Every dimension has ≥ 6 statements, ≥ 2 of them reversed, and ≥ 1 scenario."""
    for dimension in bank.dimension_ids:
        own = [item for item in bank.likert if item.dimension == dimension]
        assert len(own) >= MIN_LIKERT_PER_DIMENSION, dimension
        assert sum(i.keying == "minus" for i in own) >= MIN_REVERSED_PER_DIMENSION, dimension
        assert any(s.dimension == dimension for s in bank.scenarios), dimension


def test_scenarios_have_four_scored_options_with_a_best_and_a_worst(bank: Bank) -> None:
    """Each scenario offers four options whose scores span 0 to 3."""
    for scenario in bank.scenarios:
        scores = sorted(option.score for option in scenario.options)
        assert len(scores) == 4
        assert scores[0] == 0
        assert scores[-1] == 3


def test_twins_are_opposite_keyed_in_one_dimension(bank: Bank) -> None:
    """Each declared pair joins a plus and a minus statement of the same dimension."""
    assert len(bank.pairs) >= len(bank.dimensions)
    for pair in bank.pairs:
        plus, minus = bank.item(pair.plus), bank.item(pair.minus)
        assert isinstance(plus, LikertItem)
        assert isinstance(minus, LikertItem)
        assert (plus.keying, minus.keying) == ("plus", "minus")
        assert plus.dimension == minus.dimension


def test_forms_are_subsets_with_three_statements_per_dimension_in_short(bank: Bank) -> None:
    """The short form asks ≥ 3 statements per dimension and is part of the full form."""
    short, full = bank.forms["short"], bank.forms["full"]
    assert set(short.items) < set(full.items)
    counts = Counter(
        bank.item(i).dimension for i in short.items if isinstance(bank.item(i), LikertItem)
    )
    assert all(counts[d] >= 3 for d in bank.dimension_ids)
    assert short.minutes < full.minutes <= 15
    assert set(full.items) == {i.id for i in bank.likert} | {s.id for s in bank.scenarios}


def test_profiles_target_every_dimension(bank: Bank) -> None:
    """All four profiles exist and give every dimension a band and a weight."""
    assert set(bank.profiles) == set(PROFILE_IDS)
    for profile in bank.profiles.values():
        assert set(profile.targets) == set(bank.dimension_ids)


def test_profiles_differ(bank: Bank) -> None:
    """The settings ask different things, so that a comparison can say something."""
    signatures = {
        pid: tuple((t.low, t.high, t.weight) for t in p.targets.values())
        for pid, p in bank.profiles.items()
    }
    assert len(set(signatures.values())) == len(signatures)


def test_texts_are_short_statements(bank: Bank) -> None:
    """Statements are short enough to read at a glance, in both languages."""
    for item in bank.likert:
        assert len(item.text.de) <= 140, item.id
        assert len(item.text.en) <= 140, item.id


# --- refusals -------------------------------------------------------------------------------


def _first(data: TomlData, key: str) -> TomlData:
    entry: TomlData = data[key][0]
    return entry


def _break(path: str, change: Callable[[TomlData], object]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        edit_toml(folder / path, change)

    return apply


REFUSALS = [
    pytest.param(
        _break("items/crisis.toml", lambda d: d.update(dimension="patience")),
        "crisis.toml",
        "unknown dimension",
        id="unknown-dimension",
    ),
    pytest.param(
        _break("items/crisis.toml", lambda d: d["likert"].append(dict(d["likert"][0]))),
        "crisis.toml",
        "crisis_l1: duplicate id",
        id="duplicate-id",
    ),
    pytest.param(
        _break("items/budget.toml", lambda d: _first(d, "likert")["text"].pop("en")),
        "budget.toml",
        "budget_l1: missing translation 'en'",
        id="missing-translation",
    ),
    pytest.param(
        _break("dimensions.toml", lambda d: _first(d, "dimensions")["name"].pop("de")),
        "dimensions.toml",
        "crisis: missing translation 'de'",
        id="missing-translation-dimension",
    ),
    pytest.param(
        _break("items/legacy.toml", lambda d: d.update(likert=d["likert"][:5], pairs=[])),
        "legacy.toml",
        "legacy: too few Likert items (5, at least 6)",
        id="too-few-items",
    ),
    pytest.param(
        _break(
            "items/security.toml",
            lambda d: [item.update(keying="plus") for item in d["likert"]] and d.update(pairs=[]),
        ),
        "security.toml",
        "security: unbalanced keying",
        id="unbalanced-keying",
    ),
    pytest.param(
        _break(
            "items/crisis.toml",
            lambda d: _first(d, "scenarios")["options"][1].pop("score"),
        ),
        "crisis.toml",
        "crisis_s1: missing field options.1.score",
        id="scenario-without-score",
    ),
    pytest.param(
        _break("profiles.toml", lambda d: _first(d, "profiles")["targets"].pop("legacy")),
        "profiles.toml",
        "duisburg: no target for dimension legacy",
        id="profile-misses-dimension",
    ),
    pytest.param(
        _break("forms.toml", lambda d: _first(d, "forms")["items"].append("ghost_l1")),
        "forms.toml",
        "ghost_l1: form short names an unknown item",
        id="form-unknown-item",
    ),
    pytest.param(
        _break("items/crisis.toml", lambda d: _first(d, "likert").update(keyng="minus")),
        "crisis.toml",
        "crisis_l1: unknown field keyng",
        id="misspelt-key",
    ),
    pytest.param(
        _break("items/crisis.toml", lambda d: _first(d, "pairs").update(plus="crisis_zz")),
        "crisis.toml",
        "crisis_zz: pair names an unknown Likert item",
        id="pair-unknown-item",
    ),
    pytest.param(
        _break(
            "profiles.toml",
            lambda d: _first(d, "profiles")["targets"]["crisis"].update(low=90, high=40),
        ),
        "profiles.toml",
        "duisburg: targets.crisis: Value error, low must be below high",
        id="band-upside-down",
    ),
]


@pytest.mark.parametrize(("damage", "file_name", "message"), REFUSALS)
def test_broken_bank_is_refused_naming_file_and_entry(
    tmp_path: Path, damage: Callable[[Path], None], file_name: str, message: str
) -> None:
    """A broken bank file is refused with a message naming the file and the offending entry."""
    folder = copy_bank(tmp_path)
    damage(folder)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert str(caught.value).startswith(f"{file_name}: ")
    assert message in str(caught.value)


def test_bank_version_must_match_its_folder(tmp_path: Path) -> None:
    """A bank whose version number disagrees with its folder name is refused."""
    folder = copy_bank(tmp_path)
    edit_toml(folder / "bank.toml", lambda d: d.update(version=3))
    with pytest.raises(BankError, match=r"bank\.toml: version: must be 1"):
        read_bank(folder)


def test_copied_bank_as_new_version_loads(tmp_path: Path) -> None:
    """A second version beside the first loads under its own number."""
    copy_bank(tmp_path, as_version=2)
    copy_bank(tmp_path)
    assert available_versions(tmp_path) == (1, 2)
    assert load_bank(2, tmp_path).version == 2
    assert load_bank(None, tmp_path).version == 2


def test_unknown_version_is_refused(tmp_path: Path) -> None:
    """Asking for a version that is not there names it."""
    with pytest.raises(BankError, match="v9: no such bank version"):
        load_bank(9, tmp_path)


def test_item_lookup_covers_statements_and_scenarios(bank: Bank) -> None:
    """Every item of every form can be looked up and belongs to a known dimension."""
    for form in bank.forms.values():
        for item_id in form.items:
            item = bank.item(item_id)
            assert isinstance(item, LikertItem | Scenario)
            assert item.dimension in bank.dimension_ids
