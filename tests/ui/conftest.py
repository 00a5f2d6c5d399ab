"""Helpers for driving the app with AppTest: start, answer pages, personas, a slow clock."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    ProfileId,
    Scenario,
    ValidityItem,
    answer_values,
)
from assessment.i18n import Language, parse_language
from assessment.operate.operator import OPERATOR_FILE_ENV
from assessment.ui import state
from tests.ui.browser import browser_labels

__all__ = ["browser_labels"]  # an autouse fixture: every UI test sends labels as a browser

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
EXAMPLE_OPERATOR = ROOT / "deploy" / "operator.example.toml"
RUN_TIMEOUT = 60
Persona = Callable[[Item], int | str]


@pytest.fixture(autouse=True)
def operator_file(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the app as an operator would: with the example operator file (legal pages on)."""
    monkeypatch.setenv(OPERATOR_FILE_ENV, str(EXAMPLE_OPERATOR))
    return EXAMPLE_OPERATOR


def strong(item: Item) -> int | str:
    """Agree with every plus-keyed statement, reject every minus-keyed one, pick the best option
    (bank v2: the middle of every trade-off, no unlikely virtue; bank v3: every knowledge
    question right)."""
    if isinstance(item, LikertItem):
        # A frequency statement (rules 4) ends at 4, "more often".
        return max(answer_values(item)) if item.keying == "plus" else 1
    if isinstance(item, ValidityItem):
        return 1
    if isinstance(item, KnowledgeItem):
        return item.key
    if not isinstance(item, Scenario):
        return 3
    return max(item.options, key=lambda option: option.score).id


def weak(item: Item) -> int | str:
    """The mirror image of strong: the lowest possible score on every item."""
    if isinstance(item, LikertItem):
        return 1 if item.keying == "plus" else max(answer_values(item))
    if isinstance(item, KnowledgeItem):
        return next(option.id for option in item.options if option.id != item.key)
    if isinstance(item, PreferenceItem):
        return 3
    assert isinstance(item, Scenario)
    return min(item.options, key=lambda option: option.score).id


def new_app(**query: str) -> AppTest:
    """Return a fresh app run once with the given query parameters."""
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def start(
    at: AppTest,
    form: FormId = "short",
    profile: ProfileId = "public",
    background: Experience = "changer",
    salary: int | None = None,
) -> AppTest:
    """Make the start page's choices and press start."""
    at.radio(key=start_key(at, "start_form")).set_value(form)
    at.radio(key=start_key(at, "start_profile")).set_value(profile)
    at.radio(key=start_key(at, "start_background")).set_value(background)
    if salary is not None:
        at.text_input(key=start_key(at, "start_salary")).input(str(salary))
    at.run()
    return at.button(key="start_button").click().run()


def shown_language(at: AppTest) -> Language:
    """Return the language the app last drew in."""
    session = at.session_state
    return parse_language(session[state.LANG_KEY]) if state.LANG_KEY in session else "de"


def start_key(at: AppTest, base: str) -> str:
    """Return the key of a start page widget in the language shown (see state.widget_key)."""
    return state.widget_key(base, shown_language(at))


def item_keys(at: AppTest) -> list[str]:
    """Return the widget keys of the item radios on the page shown."""
    return [r.key for r in at.radio if r.key and r.key.startswith(state.ITEM_KEY_PREFIX)]


def answer_page(at: AppTest, persona: Persona, skip: int = 0) -> AppTest:
    """Answer every item on the page shown (but the last `skip`) the persona's way."""
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    keys = item_keys(at)
    for key in keys[: len(keys) - skip]:
        at.radio(key=key).set_value(persona(bank.item(state.item_of_key(key))))
    return at.run()


def complete(at: AppTest, persona: Persona = strong) -> AppTest:
    """Answer every page and press Weiter / Auswerten until the result shows."""
    for _ in range(100):
        if not item_keys(at):
            return at
        answer_page(at, persona)
        at.button(key="nav_next").click().run()
        assert not at.exception
    raise AssertionError("the questionnaire did not end")


def sections(at: AppTest) -> list[str]:
    """Return the labels of the sections to open (expanders) of the last run, in order, without
    the count a result's group of demands adds ("Stärken (5)" reads "Stärken")."""
    return [re.sub(r" \(\d+\)$", "", str(e.label).replace("\\", "")) for e in at.expander]


def headings(at: AppTest) -> list[str]:
    """Return the headings and then the section labels of the last run (issue 22: the result's
    sections are expanders whose label is their heading)."""
    return [*(str(h.value) for h in at.header), *sections(at)]


def texts(at: AppTest) -> str:
    """Return all visible text of the last run joined (Markdown, headings, section labels,
    alerts, captions)."""
    parts = [
        *(e.value for e in at.title),
        *(e.value for e in at.header),
        *(e.label for e in at.expander),
        *(e.value for e in at.markdown),
        *(e.value for e in at.caption),
        *(e.value for e in at.info),
        *(e.value for e in at.warning),
        *(e.value for e in at.error),
    ]
    return "\n".join(str(part).replace("\\", "") for part in parts)


def page_count(form: FormId) -> int:
    """Return the number of questionnaire pages of a form of bank v1."""
    return len(state.pages_of(1, form))


@pytest.fixture
def slow_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every page appear to take a minute, so the speed check stays quiet."""
    ticks = itertools.count(step=60.0)
    monkeypatch.setattr(state, "clock", lambda: next(ticks))
    return
