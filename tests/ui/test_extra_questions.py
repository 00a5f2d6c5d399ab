"""Targeted extra questions on the result page (rules 3, short form): offered only when demands
are borderline or provisional, answered on a few pages with the questionnaire's widgets (a way
back to the result at the top keeps every answer), and the result updated with a sentence saying
what changed — on the own page, the share link and in both languages."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import KnowledgeItem, Scenario
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import decode_code, encode_progress_code
from assessment.engine.answers import Answers, extra_answered
from assessment.engine.extra import offer_extra, unfirm_demands
from assessment.engine.result import Result, build_result
from assessment.i18n import Language
from assessment.render.extra import change_lines, extra_notes
from assessment.ui import extra, result, state
from assessment.ui.text import plain, t
from tests import simulate
from tests.banks import _preferences, answer_sets
from tests.ui.conftest import item_keys, new_app, strong, texts

V3 = load_bank(3)
SEED = 2026


def _honest() -> tuple[Answers, dict[str, int | str]]:
    """A simulated honest person's short-form answers with borderline demands, and what the
    same person answers to every item of the full form."""
    person = simulate.draw_person(V3, SEED, 0)
    answers = simulate.respond("honest", person, V3, "short", SEED)
    full = simulate.honest_responses(person, V3, "full", simulate._rng(SEED, "extra", 0))
    # The working-conditions page is part of the questionnaire: answered, as a person would.
    answers = answers.model_copy(update={"responses": _preferences(V3) | dict(answers.responses)})
    return answers, full


def _at_result(answers: Answers, lang: Language = "de") -> AppTest:
    """Open the result of finished answers from a progress code (as a reload would)."""
    pages = state.pages_of(answers.bank_version, answers.form)
    # The working-conditions page is part of the questionnaire: answered, as a person would.
    own = _preferences(load_bank(answers.bank_version))
    answers = answers.model_copy(update={"responses": own | dict(answers.responses)})
    at = new_app(p=encode_progress_code(answers, len(pages)), lang=lang)
    assert not at.exception
    assert at.title[0].value == t("ui.result.heading", lang)
    return at


def _offered(at: AppTest) -> bool:
    return any(b.key == extra.OPEN_KEY for b in at.button)


def _next(at: AppTest) -> bool:
    """Turn to the next page of the extra questions; False on the last page."""
    if not any(b.key == extra.NEXT_KEY for b in at.button):
        return False
    at.button(key=extra.NEXT_KEY).click().run()
    assert not at.exception
    return True


def _answer_offered(at: AppTest, full: dict[str, int | str]) -> AppTest:
    """Open the extra questions and answer every one of them as the person would, page by
    page; end on the last page."""
    at.button(key=extra.OPEN_KEY).click().run()
    assert not at.exception
    while True:
        for key in item_keys(at):
            at.radio(key=key).set_value(full[state.item_of_key(key)])
        at.run()
        if not _next(at):
            return at


@pytest.mark.parametrize("lang", ["de", "en"])
def test_borderline_demands_get_an_offer_naming_them(lang: Language) -> None:
    """A short-form result with borderline or provisional demands offers extra questions for
    exactly those demands, named, with the number of questions."""
    answers, _ = _honest()
    at = _at_result(answers, lang)
    match = build_result(answers, V3).match
    offer = offer_extra(answers, V3, match)
    assert set(offer) == set(unfirm_demands(match))
    assert _offered(at)
    text = texts(at)
    assert t("extra.ui.offer_heading", lang) in [s.value for s in at.subheader]
    for demand in offer:
        assert plain(V3.dimension(demand).name(lang)).replace("\\", "") in text
    items = sum(len(ids) for ids in offer.values())
    assert f"{items} " in text


def test_no_offer_without_borderline_demands_on_the_full_form_or_in_bank_v2() -> None:
    """Firm results, the full form and a v2 short form with borderline demands offer nothing."""
    firm = Answers(
        bank_version=3,
        form="short",
        profile="duisburg",
        background="experienced",
        responses={i.id: strong(i) for i in V3.form_items("short")},
    )
    assert not unfirm_demands(build_result(firm, V3).match)
    assert not _offered(_at_result(firm))
    full = simulate.respond("honest", simulate.draw_person(V3, SEED, 0), V3, "full", SEED)
    assert unfirm_demands(build_result(full, V3).match)
    assert not _offered(_at_result(full))
    v2 = load_bank(2)
    unclear = next(
        s.answers
        for s in answer_sets(2)
        if s.answers.form == "short" and unfirm_demands(build_result(s.answers, v2).match)
    )
    assert not _offered(_at_result(unclear))


def test_the_extra_page_asks_exactly_the_offered_items_with_the_questionnaires_widgets() -> None:
    """Pages of at most PAGE_ITEMS: a heading per demand, every offered item once as a radio
    (none answered yet), a progress line naming the page, a way back at the top and the button
    that updates the result on the last page; no questionnaire navigation."""
    answers, _ = _honest()
    at = _at_result(answers)
    at.button(key=extra.OPEN_KEY).click().run()
    offer = offer_extra(answers, V3, build_result(answers, V3).match)
    offered = [i for ids in offer.values() for i in ids]
    pages = len(extra.extra_pages([V3.index.items[i] for i in offered]))
    assert pages > 1, "the premise: more extra questions than fit one page"
    shown: list[str] = []
    headings: list[str] = []
    for page in range(1, pages + 1):
        keys = item_keys(at)
        assert 0 < len(keys) <= extra.PAGE_ITEMS
        assert all(at.radio(key=k).value is None for k in keys)
        shown += [state.item_of_key(k) for k in keys]
        headings += [s.value for s in at.subheader]
        assert at.title[0].value == t("extra.ui.page_heading", "de")
        progress = t(
            "ux.extra.progress", "de", page=page, pages=pages, answered=0, total=len(offered)
        )
        assert at.get("progress")[0].proto.text == progress
        assert any(b.key == extra.BACK_KEY for b in at.button)
        assert any(b.key == extra.DONE_KEY for b in at.button) == (page == pages)
        assert not [b for b in at.button if b.key in ("nav_next", "nav_back")]
        _next(at)
    assert shown == offered
    for demand in offer:
        name = plain(V3.dimension(demand).name("de"))
        assert t("extra.ui.demand_heading", "de", name=name) in headings


@pytest.mark.parametrize("lang", ["de", "en"])
def test_answering_updates_the_result_and_says_what_changed(lang: Language) -> None:
    """The extra answers go into the code at once; back on the result, the result is that of all
    answers, and the page says how many were added and which demands changed band."""
    answers, full = _honest()
    at = _answer_offered(_at_result(answers, lang), full)
    coded = decode_code(at.query_params[PROGRESS_PARAM]).answers
    added = extra_answered(coded, V3)
    assert added
    offer = offer_extra(answers, V3, build_result(answers, V3).match)
    assert set(added) == {i for ids in offer.values() for i in ids}
    at.button(key=extra.DONE_KEY).click().run()
    assert not at.exception
    assert at.title[0].value == t("ui.result.heading", lang)
    expected = build_result(coded, V3)
    shown: Result = at.session_state[result.OWN_RESULT_KEY][1]
    assert shown.extra == added
    assert shown.match == expected.match
    assert expected.extra_changes, "the premise: this person's extra answers change a band"
    success = [s.value for s in at.success]
    assert len(success) == 1
    assert t("extra.ui.updated", lang) in success[0]
    (note,) = extra_notes(expected, V3, lang)
    assert plain(note) in success[0]
    (sentence, *_) = change_lines(expected, V3, lang)  # by the section headings (UX pass m4)
    assert plain(sentence) in success[0]


def test_the_change_sentence_reads_naturally_in_german() -> None:
    """ "Führung: vorher unter „An der Grenze“, jetzt unter „Stärken“" — the result's
    section headings (UX pass m4)."""
    assert (
        t("ux.sections.change", "de", dimension="Führung", before="An der Grenze", after="Stärken")
        == "Führung: vorher unter „An der Grenze“, jetzt unter „Stärken“"
    )
    assert (
        t(
            "ux.sections.change",
            "en",
            dimension="Leadership",
            before="Borderline",
            after="Strengths",
        )
        == "Leadership: before under “Borderline”, now under “Strengths”"
    )


def test_leaving_without_answering_says_the_result_is_unchanged() -> None:
    """Back without an answer: nothing added, the result says so and stays the same."""
    answers, _ = _honest()
    at = _at_result(answers)
    at.button(key=extra.OPEN_KEY).click().run()
    at.button(key=extra.BACK_KEY).click().run()
    assert not at.exception
    assert [i.value for i in at.info if i.value == t("extra.ui.none_answered", "de")]
    assert not at.success
    assert decode_code(at.query_params[PROGRESS_PARAM]).answers.responses == answers.responses


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_reload_on_the_extra_page_stays_on_it_with_its_answers_and_page(lang: Language) -> None:
    """The URL holds every extra answer given and the extra page shown (usability pass m7): a
    reload opens the same page, its answers checked and counted as before; back on the result
    they count as well."""
    answers, full = _honest()
    at = _at_result(answers, lang)
    at.button(key=extra.OPEN_KEY).click().run()
    assert _next(at)
    keys = item_keys(at)[:3]
    for key in keys:
        at.radio(key=key).set_value(full[state.item_of_key(key)]).run()
    offered = [
        i for ids in offer_extra(answers, V3, build_result(answers, V3).match).values() for i in ids
    ]
    pages = len(extra.extra_pages([V3.index.items[i] for i in offered]))
    progress = at.get("progress")[0].proto.text
    assert progress == t(
        "ux.extra.progress", lang, page=2, pages=pages, answered=3, total=len(offered)
    )
    reloaded = new_app(**dict(at.query_params))
    assert not reloaded.exception
    assert reloaded.title[0].value == t("extra.ui.page_heading", lang)
    assert reloaded.get("progress")[0].proto.text == progress
    assert item_keys(reloaded)[:3] == keys
    for key in keys:
        assert reloaded.radio(key=key).value == full[state.item_of_key(key)]
    coded = decode_code(reloaded.query_params[PROGRESS_PARAM]).answers
    assert reloaded.session_state[state.FLOW_KEY].responses == dict(coded.responses)
    assert len(extra_answered(coded, V3)) == 3
    reloaded.button(key=extra.BACK_KEY).click().run()
    assert reloaded.title[0].value == t("ui.result.heading", lang)
    assert state.EXTRA_PARAM not in reloaded.query_params
    shown: Result = reloaded.session_state[result.OWN_RESULT_KEY][1]
    assert len(shown.extra) == 3


def test_an_unreadable_extra_page_address_shows_the_result() -> None:
    """An edited or cut EXTRA_PARAM closes the extra page and leaves the URL."""
    answers, _ = _honest()
    at = _at_result(answers)
    at.button(key=extra.OPEN_KEY).click().run()
    params = dict(at.query_params)
    assert state.EXTRA_PARAM in params
    for broken in ("0.0.99999", "x", "0.0.1-1"):
        reloaded = new_app(**{**params, state.EXTRA_PARAM: broken})
        assert not reloaded.exception
        assert reloaded.title[0].value == t("ui.result.heading", "de")
        assert state.EXTRA_PARAM not in reloaded.query_params


def test_the_share_link_shows_the_updated_result_and_the_extra_answers() -> None:
    """The share link carries the extra answers; the shared page says how many there are."""
    answers, full = _honest()
    at = _answer_offered(_at_result(answers), full)
    at.button(key=extra.DONE_KEY).click().run()
    links = [c.value for c in at.code if c.value.startswith(f"?{SHARE_PARAM}=")]
    code = links[0].removeprefix(f"?{SHARE_PARAM}=")
    shared_answers = decode_code(code).answers
    assert extra_answered(shared_answers, V3)
    viewer = new_app(r=code)
    assert not viewer.exception
    expected = build_result(shared_answers, V3)
    (note,) = extra_notes(expected, V3, "de")
    assert plain(note).replace("\\", "") in texts(viewer)


def test_the_extra_page_numbers_its_situations_among_themselves() -> None:
    """UX pass: "Situation 12 von 37" on a page of a few extra questions confused; the page
    numbers its situations and knowledge questions among those it asks."""
    answers, _ = _honest()
    items = [
        V3.index.items[i]
        for ids in offer_extra(answers, V3, build_result(answers, V3).match).values()
        for i in ids
    ]
    numbers = extra.numbers_on_page(items)
    for kind in (Scenario, KnowledgeItem):
        of_kind = [item for item in items if isinstance(item, kind)]
        assert [numbers[item.id] for item in of_kind] == [
            (n, len(of_kind)) for n in range(1, len(of_kind) + 1)
        ]
    assert any(isinstance(item, Scenario) for item in items)


def test_back_at_the_top_keeps_the_answers_given_and_pages_keep_theirs() -> None:
    """UX pass #10: the page has a way back to the result that loses nothing. Answers on page 1,
    on to page 2 and back: page 1 shows them; "Zurück zum Ergebnis" from page 2 lands on the
    result, which counts them; a new offer opens on its first page."""
    answers, full = _honest()
    at = _at_result(answers)
    at.button(key=extra.OPEN_KEY).click().run()
    first = item_keys(at)
    for key in first:
        at.radio(key=key).set_value(full[state.item_of_key(key)])
    at.run()
    assert _next(at)
    assert not set(item_keys(at)) & set(first)
    at.button(key=extra.PREVIOUS_KEY).click().run()
    assert item_keys(at) == first
    assert [at.radio(key=k).value for k in first] == [full[state.item_of_key(k)] for k in first]
    _next(at)
    at.button(key=extra.BACK_KEY).click().run()
    assert not at.exception
    assert at.title[0].value == t("ui.result.heading", "de")
    coded = decode_code(at.query_params[PROGRESS_PARAM]).answers
    assert set(extra_answered(coded, V3)) == {state.item_of_key(k) for k in first}
    assert [s.value for s in at.success if t("extra.ui.updated", "de") in s.value]
    shown: Result = at.session_state[result.OWN_RESULT_KEY][1]
    assert shown.extra == extra_answered(coded, V3)
    if _offered(at):  # borderline demands left: the next round starts on its first page
        at.button(key=extra.OPEN_KEY).click().run()
        assert at.button(key=extra.PREVIOUS_KEY).disabled


@pytest.mark.parametrize("lang", ["de", "en"])
def test_earlier_extra_answers_can_be_seen_and_changed_again(lang: Language) -> None:
    """Usability verify pass n2: after a round of extra questions the result offers the extra
    answers given so far, on the extra page with their answers checked (also after a reload on
    it); a changed answer goes into the result, and leaving without a change claims no new
    answers."""
    answers, full = _honest()
    at = _at_result(answers, lang)
    at.button(key=extra.OPEN_KEY).click().run()
    first = item_keys(at)[:3]
    for key in first:
        at.radio(key=key).set_value(full[state.item_of_key(key)])
    at.run()
    at.button(key=extra.BACK_KEY).click().run()
    given = {state.item_of_key(k): full[state.item_of_key(k)] for k in first}
    review = at.button(key=extra.REVIEW_KEY)
    assert review.label == t("minors22.extra.review_button", lang, count=3)
    review.click().run()
    assert not at.exception
    assert at.title[0].value == t("extra.ui.page_heading", lang)
    assert t("minors22.extra.review_intro", lang) in texts(at)
    reloaded = new_app(**dict(at.query_params))
    assert not reloaded.exception
    assert {state.item_of_key(k): reloaded.radio(key=k).value for k in item_keys(reloaded)} == given
    assert t("minors22.extra.review_intro", lang) in texts(reloaded)
    reloaded.button(key=extra.BACK_KEY).click().run()
    assert not [i for i in reloaded.info if i.value == t("extra.ui.none_answered", lang)]
    reloaded.button(key=extra.REVIEW_KEY).click().run()
    key = item_keys(reloaded)[0]
    other = next(v for v in reloaded.radio(key=key).options if v != reloaded.radio(key=key).value)
    reloaded.radio(key=key).set_value(other).run()
    reloaded.button(key=extra.BACK_KEY).click().run()
    coded = decode_code(reloaded.query_params[PROGRESS_PARAM]).answers
    assert len(extra_answered(coded, V3)) == 3
    assert coded.responses[state.item_of_key(key)] != given[state.item_of_key(key)]
    shown: Result = reloaded.session_state[result.OWN_RESULT_KEY][1]
    assert shown.answers.responses == coded.responses


def test_the_questionnaire_and_the_result_count_the_extra_questions_alike() -> None:
    """Usability verify pass n3 ("86 von 86" on the questionnaire beside "99 von 99" on the
    result): both count the form's questions and name the extra ones beside them."""
    answers, full = _honest()
    at = _at_result(answers)
    _answer_offered(at, full).button(key=extra.DONE_KEY).click().run()
    shown: Result = at.session_state[result.OWN_RESULT_KEY][1]
    extras = len(shown.extra)
    assert extras > 0
    form = len(V3.forms["short"].items)
    conditions = len(V3.asked_preferences())
    said = t(
        "minors22.count.with_conditions_and_extra",
        "de",
        answered=form,
        total=form,
        count=conditions,
        extra=extras,
    )
    assert said in texts(at)
    at.button(key=result.EDIT_KEY).click().run()
    assert not at.exception
    pages = len(state.pages_of(3, "short"))
    assert at.get("progress")[0].proto.text == t(
        "minors22.count.progress_extra",
        "de",
        page=pages,
        pages=pages,
        answered=form + conditions,
        total=form + conditions,
        extra=extras,
    )


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_extra_page_names_its_situations_extra(lang: Language) -> None:
    """UX pass 3, m-8: "Situation 1 von 12" on the extra page collided with the questionnaire's
    own "Situation 1 von 12" (another situation); the extra page says "Zusatzsituation 1 von n"
    and "Zusätzliche Wissensfrage 1 von n"."""
    answers, _ = _honest()
    at = _at_result(answers)
    if lang == "en":
        at.segmented_control(key="lang_switch").set_value("en").run()
    at.button(key=extra.OPEN_KEY).click().run()
    assert not at.exception
    shown = texts(at)
    pattern = {"de": r"Zusatzsituation 1 von (\d+)", "en": r"Extra situation 1 of (\d+)"}[lang]
    assert re.search(pattern, shown)
    assert {"de": "Situation 1 von", "en": "Situation 1 of"}[lang] not in shown
