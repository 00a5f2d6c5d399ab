"""The app driven through Streamlit's AppTest: start page, questionnaire, result, links, errors.

These run the bank v1 path (a questions folder holding only v1), which v1 progress and share
links still take; tests/ui/test_app_v2.py drives the bank v2 questionnaire that new users get.
"""

from __future__ import annotations

import base64
import zlib

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FormId, ProfileId
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import decode_code, encode_progress_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.errors import CodeError
from assessment.i18n import Language
from assessment.messages import msg
from assessment.ui import state
from tests.ui.conftest import (
    answer_page,
    complete,
    headings,
    item_keys,
    new_app,
    page_count,
    start,
    strong,
    texts,
    weak,
)

pytestmark = pytest.mark.usefixtures("slow_clock", "v1_questions_only")


def test_start_page_explains_the_check() -> None:
    """The start page says what the check is and is not, who it is for, how long it takes."""
    at = new_app()
    bank = load_bank(1)
    shown = texts(at)
    assert not at.exception
    assert at.title[0].value == "Selbstcheck IT-Leitung Duisburg"
    assert "Eine Selbsteinschätzung:" in shown
    assert "Kein Einstellungstest:" in shown
    assert "Menschen am Berufsanfang, beim Wechsel aus einem anderen Fach" in shown
    for form in bank.forms.values():
        assert f"{form.name('de')}: {len(form.items)} Fragen, etwa {form.minutes} Minuten" in shown
    assert "Auf dem Server wird nichts gespeichert." in shown
    assert "steht nie in der Adresse oder im Teilen-Link" in shown
    assert list(at.radio(key="start_profile").options) == [
        "Öffentliche Verwaltung",
        "Mittelstand",
        "Industrie & Logistik (Hafen)",
        "noch offen – alle vergleichen",
    ]
    assert at.radio(key="start_background").options == [
        "Einstieg (Studium, Ausbildung, erste Berufsjahre)",
        "Wechsel aus einem anderen Fach",
        "Erfahrung in der IT-Leitung",
    ]
    assert at.radio(key="start_background").value is None
    assert not at.error
    assert PROGRESS_PARAM not in at.query_params
    assert not item_keys(at)


def test_start_page_in_english() -> None:
    """?lang=en shows the start page in English."""
    at = new_app(lang="en")
    assert at.title[0].value == "Self-check: IT leadership in Duisburg"
    assert "Not a hiring test:" in texts(at)
    assert "Kein Einstellungstest" not in texts(at)


def test_start_needs_a_background() -> None:
    """Starting without a background stays on the start page and says what is missing."""
    at = new_app()
    at.button(key="start_button").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Bitte wählen Sie Ihren Hintergrund")
    assert PROGRESS_PARAM not in at.query_params
    assert not item_keys(at)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("form", ["short", "full"])
def test_completing_a_form_shows_the_result(form: FormId, lang: Language) -> None:
    """Every form can be completed in both languages and ends on the result page."""
    bank = load_bank(1)
    at = start(new_app(lang=lang), form=form)
    pages = page_count(form)
    assert len(item_keys(at)) == len(state.pages_of(1, form)[0])
    at = complete(at)
    assert not at.exception
    heading = {"de": "Ihr Ergebnis", "en": "Your result"}[lang]
    assert at.title[0].value == heading
    assert not item_keys(at)
    shown = texts(at)
    for dimension in bank.dimensions:
        assert dimension.name(lang) in shown
    assert (
        msg(
            "overall.answered",
            lang,
            answered=len(bank.forms[form].items),
            total=len(bank.forms[form].items),
        )
        in shown
    )
    decoded = decode_code(at.query_params[PROGRESS_PARAM])
    assert decoded.page == pages
    assert len(decoded.answers.responses) == len(bank.forms[form].items)
    assert at.code[0].value.startswith(f"?{SHARE_PARAM}=")


def _progress(at: object) -> str:
    """Return the progress bar's text of the page shown."""
    from streamlit.testing.v1 import AppTest

    assert isinstance(at, AppTest)
    bars = at.get("progress")
    assert len(bars) == 1
    return str(bars[0].proto.text)


def test_progress_shows_page_and_answered_count() -> None:
    """The progress bar names the page and how many questions are answered."""
    at = start(new_app())
    total = len(load_bank(1).forms["short"].items)
    assert _progress(at) == f"Seite 1 von {page_count('short')} · 0 von {total} Fragen beantwortet"
    at = answer_page(at, strong, skip=2)
    answered = len(item_keys(at)) - 2
    assert _progress(at) == (
        f"Seite 1 von {page_count('short')} · {answered} von {total} Fragen beantwortet"
    )


def test_incomplete_page_is_refused_naming_the_missing_items() -> None:
    """Weiter on an incomplete page stays there and lists exactly the unanswered items."""
    bank = load_bank(1)
    at = answer_page(start(new_app()), strong, skip=2)
    keys = item_keys(at)
    at.button(key="nav_next").click().run()
    assert not at.exception
    assert item_keys(at) == keys
    assert _progress(at).startswith("Seite 1 von")
    message = at.error[0].value.replace("\\", "")
    assert message.startswith("Auf dieser Seite fehlen noch Antworten:")
    for number, key in enumerate(keys, start=1):
        item = bank.item(state.item_of_key(key))
        line = f"Frage {number}: „{item.text('de')[:40]}"  # type: ignore[union-attr]
        assert (line in message) == (number > len(keys) - 2)
    # Answering the rest and going on clears the message.
    at = answer_page(at, strong)
    at.button(key="nav_next").click().run()
    assert not at.error
    assert _progress(at).startswith("Seite 2 von")


def test_back_and_next_keep_answers() -> None:
    """Going back shows the earlier answers; going forward again shows the later ones."""
    at = answer_page(start(new_app()), strong)
    first = {key: at.radio(key=key).value for key in item_keys(at)}
    at.button(key="nav_next").click().run()
    at = answer_page(at, weak, skip=1)
    second = {key: at.radio(key=key).value for key in item_keys(at)}
    at.button(key="nav_back").click().run()
    assert {key: at.radio(key=key).value for key in item_keys(at)} == first
    at.button(key="nav_next").click().run()
    assert {key: at.radio(key=key).value for key in item_keys(at)} == second
    assert list(second.values())[-1] is None
    assert at.button(key="nav_back").disabled is False


def test_first_page_has_no_way_back() -> None:
    """On the first page Zurück is disabled."""
    at = start(new_app())
    assert at.button(key="nav_back").disabled is True


def test_likert_items_offer_the_five_anchors_without_preselection() -> None:
    """Statements are horizontal radios with the bank's five anchors and nothing chosen."""
    bank = load_bank(1)
    at = start(new_app())
    for key in item_keys(at):
        radio = at.radio(key=key)
        assert radio.options == [label("de") for label in bank.likert_labels]
        assert radio.horizontal is True
        assert radio.value is None


def _expected_band(profile: ProfileId, dimension: str, score: int) -> str:
    target = load_bank(1).profiles[profile].targets[dimension]
    if score < target.low:
        return "below"
    return "above" if score > target.high else "within"


@pytest.mark.parametrize(("persona", "score"), [(strong, 100), (weak, 0)], ids=["strong", "weak"])
def test_persona_gets_the_expected_bands(persona: object, score: int) -> None:
    """All-best answers score 100 everywhere, all-worst 0; bands follow the setting's targets."""
    bank = load_bank(1)
    at = complete(start(new_app(), profile="public"), persona)  # type: ignore[arg-type]
    shown = texts(at)
    for dimension in bank.dimensions:
        band = _expected_band("public", dimension.id, score)
        line = msg(
            "ui.result.card_score",
            "de",
            symbol=msg(f"ui.symbol.{band}", "de"),
            score=msg("score.value", "de", score=score),
            band=msg(f"band.{band}", "de"),
        )
        assert line in shown, dimension.id
    shown_headings = headings(at)
    if score == 0:
        assert "Entwicklungsfelder" in shown_headings
        assert "Stärken" not in shown_headings
        assert "Nächste Schritte" in shown
    else:
        assert "Stärken" in shown_headings
        assert "Entwicklungsfelder" not in shown_headings
        assert "Nächste Schritte" not in shown
    assert not at.warning  # a calm, consistent persona raises no quality notice


def test_fast_clicking_raises_the_speed_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Page timings reach the speed check: pages answered in no time get the session's own
    hint – not a quality notice of the result (UX pass 3, m-1)."""
    monkeypatch.setattr(state, "clock", lambda: 0.0)
    at = complete(start(new_app()))
    hints = [i.value.replace("\\", "") for i in at.info]
    assert any(f"Auf {page_count('short')} Seiten" in n for n in hints)
    assert not any("zu schnell" in w.value for w in at.warning)


def test_salary_stays_out_of_the_url_but_reaches_the_check() -> None:
    """The expected salary appears in the salary check and nowhere in the URL or share code."""
    at = complete(start(new_app(), background="experienced", salary=6100))
    shown = texts(at)
    assert "Gehalts-Abgleich" in headings(at)
    assert "Ihre Erwartung von 6.100\u00a0€ liegt in dieser Spanne." in shown
    url = "&".join(f"{k}={v}" for k, v in at.query_params.items())
    assert "6100" not in url
    assert at.query_params["bg"] == "experienced"
    share = at.code[0].value
    assert "6100" not in share
    assert "bg" not in share


def test_setting_left_open_leads_with_the_comparison() -> None:
    """With "noch offen" the comparison comes before the chart; otherwise after the cards."""
    open_at = complete(start(new_app(), profile="duisburg"))
    open_headings = headings(open_at)
    assert open_headings.index("Vergleich der Umfelder") < open_headings.index(
        "Ihr Profil auf einen Blick"
    )
    assert "Das Umfeld wurde offen gelassen" in texts(open_at)
    chosen_at = complete(start(new_app(), profile="industry"))
    chosen_headings = headings(chosen_at)
    assert chosen_headings.index("Vergleich der Umfelder") > chosen_headings.index(
        "Ihr Profil auf einen Blick"
    )
    assert "Das Umfeld wurde offen gelassen" not in texts(chosen_at)
    # One stacked block per setting (issue 22: no table to cut on a phone).
    rows = [m.value for m in chosen_at.markdown if m.value.startswith("**") and " · " in m.value]
    assert len(rows) == 3


def test_progress_code_resumes_on_its_page_with_its_answers() -> None:
    """?p= opens the questionnaire on the code's page, with every answer in place."""
    bank = load_bank(1)
    pages = state.pages_of(1, "short")
    responses = {item.id: strong(item) for item in pages[0]}
    answers = Answers(bank_version=1, form="short", profile="mittelstand", responses=responses)
    at = new_app(p=encode_progress_code(answers, 1))
    assert not at.exception
    assert _progress(at).startswith(f"Seite 2 von {len(pages)}")
    assert "Willkommen zurück" in texts(at)
    assert item_keys(at) == [state.item_key(item.id) for item in pages[1]]
    at.button(key="nav_back").click().run()
    assert {k: at.radio(key=k).value for k in item_keys(at)} == {
        state.item_key(item_id): value for item_id, value in responses.items()
    }
    assert bank.forms["short"].name("de") == at.title[0].value


def test_progress_code_cannot_skip_unanswered_pages() -> None:
    """A code naming a later page than its answers allow resumes at the first open page."""
    answers = Answers(bank_version=1, form="short", responses={})
    at = new_app(p=encode_progress_code(answers, 3))
    assert _progress(at).startswith("Seite 1 von")


def test_a_reload_resumes_where_the_url_says() -> None:
    """A fresh session opened with the URL of a running one shows the same page and answers."""
    at = answer_page(start(new_app()), strong)
    at.button(key="nav_next").click().run()
    at = answer_page(at, weak, skip=2)
    shown = {k: at.radio(key=k).value for k in item_keys(at)}
    reloaded = new_app(**at.query_params)
    assert _progress(reloaded) == _progress(at)
    assert {k: reloaded.radio(key=k).value for k in item_keys(reloaded)} == shown


def test_finished_questionnaire_reloads_on_the_result() -> None:
    """The result page's URL reopens the result (without the salary, which never left)."""
    at = complete(start(new_app(), salary=4500))
    reloaded = new_app(**at.query_params)
    assert reloaded.title[0].value == "Ihr Ergebnis"
    assert [h.value for h in reloaded.header][:1] == [at.header[0].value]
    assert "Ihre Erwartung" not in texts(reloaded)
    assert "Ihre Erwartung von 4.500\u00a0€" in texts(at)


def test_shared_link_shows_the_same_result_read_only() -> None:
    """?r= shows the same result about the person (third person), counts and cards, headed as
    shared, with no salary; the only download is the PDF."""
    own = complete(start(new_app(), profile="mittelstand", salary=5000), weak)
    code = own.code[0].value.removeprefix(f"?{SHARE_PARAM}=")
    at = new_app(r=code)
    assert not at.exception
    assert at.title[0].value == "Geteiltes Ergebnis"
    own_text, shared_text = texts(own), texts(at)
    assert own.header[0].value.startswith("Zwischen Ihrem Profil und den Anforderungen")
    assert at.header[0].value.startswith("Zwischen dem Profil der Person und den Anforderungen")
    for card_line in [m.value for m in own.markdown if "von 100" in m.value]:
        assert card_line in shared_text
    assert own.info[0].value.replace("\\", "") == msg("caveat", "de")
    assert at.info[0].value.replace("\\", "") == msg("other.caveat", "de")
    assert "Gehalts-Abgleich" not in headings(at)
    assert "5.000" not in shared_text
    assert "5.000" in own_text
    assert "Ergebnis teilen" not in headings(at)
    assert [b.proto.label for b in at.get("download_button")] == [msg("ui.share.pdf", "de")]
    assert not item_keys(at)
    at.button(key="take_check").click().run()
    assert at.title[0].value == "Selbstcheck IT-Leitung Duisburg"
    assert SHARE_PARAM not in at.query_params
    assert at.button(key="start_button")


def test_shared_link_opens_in_its_language_and_switches_keeping_the_code() -> None:
    """A link made in English opens in English; the switch changes language, not the code."""
    own = complete(start(new_app(lang="en")))
    code = own.code[0].value.removeprefix(f"?{SHARE_PARAM}=")
    at = new_app(r=code)
    assert at.title[0].value == "Shared result"
    at.segmented_control(key="lang_switch").set_value("de").run()
    assert at.title[0].value == "Geteiltes Ergebnis"
    assert at.query_params[SHARE_PARAM] == code
    assert at.query_params["lang"] == "de"


def test_language_switch_keeps_answers_and_page() -> None:
    """Switching the language mid-questionnaire keeps page and answers and updates the URL."""
    bank = load_bank(1)
    at = answer_page(start(new_app()), strong)
    at.button(key="nav_next").click().run()
    at = answer_page(at, weak, skip=3)
    before = {state.item_of_key(k): at.radio(key=k).value for k in item_keys(at)}
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert {state.item_of_key(k): at.radio(key=k).value for k in item_keys(at)} == before
    assert _progress(at).startswith(f"Page 2 of {page_count('short')}")
    assert at.radio(key=item_keys(at)[0]).options == [label("en") for label in bank.likert_labels]
    assert at.query_params["lang"] == "en"
    decoded = decode_code(at.query_params[PROGRESS_PARAM])
    assert decoded.answers.language == "en"
    assert decoded.page == 1
    assert (
        dict(decoded.answers.responses).items()
        >= {k: v for k, v in before.items() if v is not None}.items()
    )


def _unknown_version_code() -> str:
    body = bytes([1, 99, 0, 0, 0])
    return base64.urlsafe_b64encode(body + zlib.crc32(body).to_bytes(4, "big")).decode().rstrip("=")


def _edited(code: str) -> str:
    middle = len(code) // 2
    return code[:middle] + ("A" if code[middle] != "A" else "B") + code[middle + 1 :]


def _bad_codes() -> dict[str, str]:
    answers = Answers(bank_version=1, form="short", responses={})
    good = encode_share_code(answers)
    return {
        "truncated": good[:-5],
        "edited": _edited(good),
        "unknown_version": _unknown_version_code(),
        "random": "x7Qp-Zr_93kdLmn",
        "huge": "A" * 100_000,
        "markdown": "[klick](https://example.org/evil)",
        "empty": "",
    }


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("param", [SHARE_PARAM, PROGRESS_PARAM])
@pytest.mark.parametrize("case", list(_bad_codes()))
def test_bad_codes_explain_themselves(case: str, param: str, lang: Language) -> None:
    """Unreadable r/p parameters show the code's message in the user's language and a restart."""
    value = _bad_codes()[case]
    with pytest.raises(CodeError) as caught:
        decode_code(value)
    at = new_app(**{param: value, "lang": lang})
    assert not at.exception
    assert at.title[0].value == msg("ui.error.heading", lang)
    assert at.error[0].value.replace("\\", "") == caught.value.message(lang)
    assert "evil" not in texts(at)
    assert "klick" not in texts(at)
    assert not item_keys(at)
    at.button(key="error_restart").click().run()
    assert not at.exception
    assert param not in at.query_params
    assert at.button(key="start_button")


def test_change_answers_from_the_result() -> None:
    """ "Antworten ändern" reopens the last page with its answers; Auswerten returns."""
    at = complete(start(new_app()))
    headline = at.header[0].value
    at.button(key="result_edit").click().run()
    pages = page_count("short")
    assert _progress(at).startswith(f"Seite {pages} von {pages}")
    assert all(at.radio(key=key).value is not None for key in item_keys(at))
    at.button(key="nav_next").click().run()
    assert at.title[0].value == "Ihr Ergebnis"
    assert at.header[0].value == headline


def test_restart_from_the_result_forgets_everything() -> None:
    """ "Neu beginnen" returns to an empty start page and clears the URL's code."""
    at = complete(start(new_app(lang="en")))
    at.button(key="result_restart").click().run()
    assert at.title[0].value == "Self-check: IT leadership in Duisburg"
    assert PROGRESS_PARAM not in at.query_params
    assert at.query_params["lang"] == "en"
    at = start(at)
    assert _progress(at).startswith("Page 1 of")
    assert all(at.radio(key=key).value is None for key in item_keys(at))


def test_a_stale_url_in_a_rerun_does_not_undo_answers() -> None:
    """A click sent before the browser saw our last URL write keeps every answer.

    The browser sends its current address with each rerun; when two clicks overlap, that can
    be the address from before the previous answer. The session is newer and must win.
    """
    at = start(new_app())
    before_any = at.query_params[PROGRESS_PARAM]
    first, second = item_keys(at)[:2]
    at.radio(key=first).set_value(4).run()
    at.query_params[PROGRESS_PARAM] = before_any  # the stale echo
    at.radio(key=second).set_value(2).run()
    assert at.radio(key=first).value == 4
    assert at.radio(key=second).value == 2
    responses = decode_code(at.query_params[PROGRESS_PARAM]).answers.responses
    assert {state.item_key(k): v for k, v in responses.items()} == {first: 4, second: 2}


def test_back_button_follows_the_url() -> None:
    """A rerun with an earlier address and no click (the browser's back button) shows it."""
    at = answer_page(start(new_app()), strong)
    page_one = at.query_params[PROGRESS_PARAM]
    at.button(key="nav_next").click().run()
    assert _progress(at).startswith("Seite 2 von")
    at.query_params[PROGRESS_PARAM] = page_one
    at.run()
    assert _progress(at).startswith("Seite 1 von")
    assert all(at.radio(key=key).value is not None for key in item_keys(at))
    at.query_params.pop(PROGRESS_PARAM)
    at.run()
    assert at.button(key="start_button")
