"""UX pass of issue 22 on the group page (M4, M4b, m11): bank v3's table of requirements has a
"Vorläufig" column and each of its rows – grid and phone rows – adds up to the group; the page
says that "erfüllt" means a firm verdict, and, beside the setting box, that every result is
placed anew for the chosen setting."""

from __future__ import annotations

import html
import re

import pytest

from assessment.bank.load import load_bank
from assessment.codes.share import encode_share_code
from assessment.group.overview import parse_codes, score_group
from assessment.i18n import Language
from assessment.messages import msg
from tests.personas import random_answers
from tests.ui.conftest import texts
from tests.ui.test_group_page import frame, group_app, paste

CODES = tuple(
    encode_share_code(person)
    for person in random_answers(load_bank(3), 5, seed=5, answered_share=0.6)
)
COUNT_COLUMNS = (
    "ui.group.col_meets",
    "ui.group.col_below",
    "ui.group.col_borderline",
    "ui.group.col_experience",
    "ux.group_counts.col_provisional",
    "ui.group.col_unscored",
)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_row_of_requirements_adds_up_to_the_group(lang: Language) -> None:
    at = paste(group_app(lang=lang), CODES)
    assert not at.exception
    answers, _ = parse_codes("\n".join(CODES))
    (section,) = score_group(answers, "duisburg").versions
    assert sum(d.provisional for d in section.dimensions) > 0
    demands = frame(at, msg("ui.group.col_target", lang))
    columns = [msg(key, lang) for key in COUNT_COLUMNS]
    assert (demands[columns].sum(axis=1) == len(CODES)).all()
    provisional = msg("ux.group_counts.col_provisional", lang)
    assert list(demands[provisional]) == [d.provisional for d in section.dimensions]
    # The phone's stacked rows carry the same column.
    bodies = [str(element.proto.body) for element in at.get("html")]
    target = html.escape(msg("ui.group.col_target", lang))
    (rows,) = [b for b in bodies if 'class="stacked-rows"' in b and f"{target}:" in b]
    assert len(re.findall(r"<li>", rows)) == len(section.dimensions)
    assert rows.count(f"{html.escape(provisional)}:</span>") == len(section.dimensions)
    shown = texts(at)
    assert msg("ux.group_counts.firm", lang) in shown


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_setting_box_says_results_are_placed_anew(lang: Language) -> None:
    at = group_app(lang=lang).run()
    assert not at.exception
    assert msg("ux.group_counts.setting_note", lang) in texts(at)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_met_is_defined_once(lang: Language) -> None:
    """UX pass 3: "„Erfüllt“ zählt die Personen, deren Ergebnis … lautet" followed by "Erfüllt
    heißt fest: …" were two definitions; the firm one stays, with what "not scorable" means."""
    at = paste(group_app(lang=lang), CODES)
    assert not at.exception
    shown = texts(at)
    assert shown.count(msg("ux.group_counts.firm", lang)) == 1
    assert msg("ui.group.demands_caption", lang) not in shown
    assert msg("ux3.group.unscored", lang) in shown
