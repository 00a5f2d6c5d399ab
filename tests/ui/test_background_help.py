"""UX pass #19 and #14 (issue 22): the start page's help on the background says what each of the
four backgrounds changes (it explained only the starter's case), and English reads naturally
where it asks for colleagues' views."""

from __future__ import annotations

import re

import pytest

from assessment.i18n import Language
from assessment.messages import load_catalogue, msg
from tests.ui.conftest import new_app, start_key

BACKGROUNDS = ("starter", "changer", "specialist", "experienced")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_background_help_names_what_each_background_changes(lang: Language) -> None:
    at = new_app(lang=lang)
    assert not at.exception
    help_text = str(at.radio(key=start_key(at, "start_background")).help)
    bullets = [line for line in help_text.splitlines() if line.startswith("- **")]
    assert len(bullets) == len(BACKGROUNDS)
    for background, bullet in zip(BACKGROUNDS, bullets, strict=True):
        label = msg(f"ui.start.bg_{background}", lang)
        short = label.split(" (")[0]  # "Einstieg (Studium, …)" is "Einstieg" in running text
        assert bullet.startswith(f"- **{short}**"), (background, bullet)
        assert re.search(r"Schritte|steps", bullet)
    salary = "Gehalt" if lang == "de" else "salary"
    assert all(salary in bullet for bullet in bullets)


def test_no_english_text_asks_for_a_colleagues_view() -> None:
    """ "a colleagues' view" mixes a singular article with a plural: "ask colleagues for their
    view" (the methodology page said "recommends a colleagues' view")."""
    found = [
        key
        for key, texts in load_catalogue().items()
        if re.search(r"\ba colleagues'", str(texts.get("en", "")))
    ]
    assert found == []
