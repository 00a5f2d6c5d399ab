"""Issue 22, the UX pass on the result surfaces (AppTest): the settings side by side when the
setting was left open, the change after extra questions said once, the extra-questions offer
compact and after the summary, and a shared result's steps read as the person's."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.extra import offer_extra
from assessment.engine.result import build_result
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.extra import extra_notes
from assessment.render.summary import summarize
from assessment.ui import extra, state
from assessment.ui.start import covers_other_settings
from assessment.ui.text import plain, t
from tests.banks import _preferences, answer_sets
from tests.ui.conftest import new_app, sections, texts
from tests.ui.test_extra_questions import V3, _answer_offered, _at_result, _honest
from tests.ui.test_result_summary import _order, _own
from tests.unit.render.test_brief import _result

pytestmark = pytest.mark.usefixtures("slow_clock")
NEWEST = 3


@pytest.mark.parametrize("level", [2, 4])
def test_compare_all_shows_the_settings_in_the_summary_and_their_section(level: int) -> None:
    """ "noch offen – alle vergleichen": before the first section the summary names every setting
    (one line when all three read the same) and points to the comparison, which is there even
    when its rows are identical."""
    at, summary = _own(NEWEST, level, "duisburg")
    brief = summary.brief
    assert brief is not None
    assert brief.settings
    order = _order(at)
    first_section = next(i for i, (kind, _) in enumerate(order) if kind == "expander")
    before = "\n".join(text for _, text in order[:first_section])
    assert msg("brief.settings.heading", "de") in before
    assert all(line.replace("\\", "") in before for line in brief.settings)
    assert msg("brief.settings.more", "de") in before
    assert msg("ui.result.comparison_heading", "de") in sections(at)


def _alerts(at: AppTest) -> list[str]:
    return [str(e.value).replace("\\", "") for e in (*at.success, *at.info, *at.warning)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_change_note_is_said_once_and_not_as_a_quality_note(lang: Language) -> None:
    """After the extra questions the note "N zusätzliche Antworten … Was sich dadurch geändert
    hat" stands once, right after the summary and before any note on response quality – on the
    own page (saying the answers are included) and on the shared page."""
    answers, full = _honest()
    at = _answer_offered(_at_result(answers, lang), full)
    at.button(key=extra.DONE_KEY).click().run()
    assert not at.exception
    coded = decode_code(at.query_params[PROGRESS_PARAM]).answers
    expected = build_result(coded, V3)
    (note,) = extra_notes(expected, V3, lang)
    flat = plain(note).replace("\\", "")
    assert sum(text.count(flat) for text in _alerts(at)) == 1
    assert not any(flat in str(w.value).replace("\\", "") for w in at.warning)
    [box] = [s for s in at.success if flat in str(s.value).replace("\\", "")]
    assert t("extra.ui.updated", lang) in str(box.value)
    order = _order(at)
    where = next(i for i, e in enumerate(order) if msg("brief.where_heading", lang) in e[1])
    noted = next(i for i, e in enumerate(order) if flat in e[1])
    assert noted > where
    quality = [i for i, e in enumerate(order) if e[1] == t("ui.result.quality_heading", lang)]
    assert all(noted < i for i in quality)
    links = [c.value for c in at.code if c.value.startswith(f"?{SHARE_PARAM}=")]
    viewer = new_app(r=links[0].removeprefix(f"?{SHARE_PARAM}="), lang=lang)
    assert sum(text.count(flat) for text in _alerts(viewer)) == 1
    assert not any(flat in str(w.value).replace("\\", "") for w in viewer.warning)


def test_the_offer_follows_the_summary_without_naming_the_demands_again() -> None:
    """The offer of extra questions comes after the summary's "Wie es weitergeht" (which names
    the demands) and is compact: its text names no demand, only how many questions and minutes."""
    answers, _ = _honest()
    at = _at_result(answers)
    offer = offer_extra(answers, V3, build_result(answers, V3).match)
    order = _order(at)
    where = next(i for i, e in enumerate(order) if msg("brief.where_heading", "de") in e[1])
    heading = next(i for i, e in enumerate(order) if e[1] == t("extra.ui.offer_heading", "de"))
    assert heading > where
    box = order[heading + 1][1]
    items = sum(len(ids) for ids in offer.values())
    assert box.startswith(f"{items} ")
    assert not [d for d in offer if V3.dimension(d).name("de") in box]
    assert t("ui.result.heading", "de") == at.title[0].value
    assert order.index(("header", at.header[0].value)) < where


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_shared_result_presents_the_steps_as_the_persons(lang: Language) -> None:
    """?r=: the steps keep their wording (addressed to the person, from the question bank), so
    their heading says they are the steps the check suggests to the person, addressed to them –
    on the page and in the model every surface reads."""
    bank, result = _result(NEWEST, 2, form="short", profile="industry")
    at = new_app(r=encode_share_code(result.answers), lang=lang)
    assert not at.exception
    summary = summarize(result, bank, lang, "other")
    assert summary.brief is not None
    assert summary.brief.steps
    heading = msg("other.brief.steps.heading", lang)
    assert summary.brief.steps_heading == heading
    order = _order(at)
    first_section = next(i for i, (kind, _) in enumerate(order) if kind == "expander")
    before = "\n".join(text for _, text in order[:first_section])
    assert heading in before
    assert f"**{msg('brief.steps.heading', lang)}**" not in before
    own = summarize(result, bank, lang, "self").brief
    assert own is not None
    assert own.steps_heading == msg("brief.steps.heading", lang)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_result_page_does_not_send_the_person_to_the_result_page(lang: Language) -> None:
    """UX pass: "mit dem Einladungslink auf der Ergebnisseite" was said on the result page. On
    one's own result (with the consistency notice, which recommends colleagues) no text points
    to "the result page"; the invitation is named by its section, which the page has."""
    answer_set = next(s for s in answer_sets(3) if "selfabove" in s.name)
    answers = answer_set.answers.model_copy(
        update={"responses": _preferences(V3) | dict(answer_set.answers.responses)}
    )
    at = _at_result(answers, lang)
    shown = texts(at).replace("\\", "")
    assert msg("views.consistency_heading", lang) in shown
    page = {"de": "Ergebnisseite", "en": "result page"}[lang]
    assert [line for line in shown.splitlines() if page in line] == []
    assert msg("ui.peer.ask_heading", lang) in [str(h.value) for h in at.header]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_start_page_says_the_forms_ask_about_every_setting(lang: Language) -> None:
    """UX pass: a Mittelstand person met TVöD and OZG questions in the full form unwarned. The
    start page says so under the choice of form; the example it gives is true of the bank."""
    at = new_app(lang=lang)
    assert not at.exception
    note = msg("start.forms.all_settings", lang)
    assert note in [str(c.value) for c in at.caption]
    bank = load_bank(at.session_state[state.FLOW_KEY].bank_version)
    assert covers_other_settings(bank)
    public = [
        str(item.model_dump())
        for item in bank.form_items("full")
        if getattr(item, "setting", None) == "public"
    ]
    assert any("TVöD" in text for text in public)
    assert any("OZG" in text for text in public)
    assert not covers_other_settings(load_bank(1))
