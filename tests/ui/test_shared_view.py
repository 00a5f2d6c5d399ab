"""Issue 15, point 2 and issue 18, point 5: a shared link shows the person's result about them,
never to the reader as if they were the person; the person gets back to their own result."""

from __future__ import annotations

import re
from html import unescape

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import Item, KnowledgeItem, LikertItem, Scenario, TradeoffItem
from assessment.bank.versions import latest_version
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.summary import summarize
from assessment.ui.result import BACK_TO_OWN_KEY, SHARED_PDF_KEY, TAKE_CHECK_KEY
from tests.personas import random_answers
from tests.ui.conftest import complete, new_app, start, texts, weak
from tests.unit.render.test_viewer import addressed, edge_answers, quoted_texts

pytestmark = pytest.mark.usefixtures("slow_clock")


def _low(item: Item) -> int | str:
    """Answers low on every demand of bank v2 and newer (no unlikely virtue, middle of each
    trade-off, a wrong answer to every knowledge item)."""
    if isinstance(item, LikertItem):
        return 2 if item.keying == "plus" else 4
    if isinstance(item, KnowledgeItem):
        return weak(item)
    if isinstance(item, Scenario):
        return min(item.options, key=lambda option: option.score).id
    return 3 if isinstance(item, TradeoffItem) else 1


def _shared(lang: Language, profile: str = "duisburg") -> tuple[str, str]:
    """Return the visible texts of one's own result and of the same result opened as a link."""
    own = complete(start(new_app(lang=lang), profile=profile), _low)  # type: ignore[arg-type]
    code = own.code[0].value.split(f"{SHARE_PARAM}=")[1]
    shared = new_app(r=code, lang=lang)
    assert not shared.exception
    return texts(own), texts(shared)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shared_page_speaks_about_the_person(lang: Language) -> None:
    """Chart heading, caption, headline and verdicts name the person; the own page keeps "Ihr"."""
    own, shared = _shared(lang)
    for key in ("ui.result.chart_heading", "ui.result.chart_caption_v2"):
        assert msg(key, lang) in own
        assert msg(key, lang) not in shared
        assert msg(f"other.{key}", lang) in shared
    forbidden = {
        "de": ("Ihr Profil", "Ihr Wert", "Ihre Wahl", "Ihren Antworten", "Ihrer Werte"),
        "en": ("Your profile", "Your score", "your choice", "Based on your answers", "your scores"),
    }[lang]
    assert [phrase for phrase in forbidden if phrase in shared] == []
    assert any(phrase in own for phrase in forbidden)
    assert ("der Person" if lang == "de" else "this person") in shared
    assert msg("comparison.rule", lang) in own
    assert msg("comparison.rule", lang) in shared


def test_shared_page_offers_the_pdf_about_the_person() -> None:
    """The shared view offers a PDF download (built only when clicked); no JSON, no salary."""
    own = complete(start(new_app(), salary=5000))
    shared = new_app(r=own.code[0].value.split(f"{SHARE_PARAM}=")[1])
    buttons = shared.get("download_button")
    assert [b.proto.label for b in buttons] == [msg("ui.share.pdf", "de")]
    assert SHARED_PDF_KEY in buttons[0].proto.id
    assert "5.000" not in texts(shared)


def test_english_page_shows_the_german_quote_with_a_marked_rendering() -> None:
    """The English result keeps the article's German words and adds "(our translation: …)";
    the German page shows the words alone (new answers use the newest bank, so its rendering)."""
    english = complete(start(new_app(lang="en"), profile="public"), _low)
    german = complete(start(new_app(), profile="public"), _low)
    shown = [m.value.replace("\\", "") for m in english.markdown]
    anchors_en = [line for line in shown if "(our translation: “" in line]
    assert len(anchors_en) >= 9
    anchor = load_bank(latest_version()).dimension("crisis").anchor
    assert anchor.quote == "erprobte Nerven im Krisenfall"
    assert anchor.quote_en is not None
    assert anchor.quote in texts(english)
    assert f"(our translation: “{anchor.quote_en}”)" in "\n".join(shown)
    assert anchor.quote in texts(german)
    assert "Übersetzung" not in texts(german)


# --- issue 18, point 5: every text of the shared page, for both banks and many answers ---------


def shown(at: AppTest) -> list[str]:
    """Return every text of the page as its reader meets it: Markdown, headings, captions,
    alerts, the charts' tables (HTML without scripts and styles) and the labels of buttons,
    downloads, expanders and toggles."""
    html = (
        unescape(
            re.sub(r"<[^>]+>", "\n", re.sub(r"<(script|style)\b.*?</\1>", "", e.value, flags=re.S))
        )
        for e in at.html
    )
    labels = [
        *(b.label for b in at.button),
        *(b.proto.label for b in at.get("download_button")),
        *(e.label for e in at.expander),
        *(e.label for e in at.toggle),
    ]
    return [line for part in (texts(at), *html, *labels) for line in str(part).split("\n") if line]


def reader_texts(lang: Language) -> tuple[str, ...]:
    """The shared page's texts that rightly speak to its reader as the reader (someone shared
    the result with them; they may take the check themselves)."""
    keys = ("ui.result.shared_intro", "ui.result.shared_intro_v2", "ui.result.take_check")
    return tuple(msg(key, lang) for key in keys)


def _patterns(version: int) -> list[Answers]:
    """A few answer patterns of a bank: random ones of both forms and the extremes."""
    bank = load_bank(version)
    edges = edge_answers(bank)
    # bank v2: all high as a starter, all low as a changer, "can't judge" as an experienced person
    return [*random_answers(bank, 2, seed=18), *(edges[::4] if version == 2 else edges)]


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_shared_page_never_addresses_the_reader_as_the_person(version: int, lang: Language) -> None:
    """The shared page of either bank, for several answer patterns, has no "Sie/Ihr"/"you" but
    in what it says to the reader and in the texts it quotes as written to the person (next
    steps, scenario review) under a label that says so; it asks nobody to invite colleagues."""
    bank = load_bank(version)
    for answers in _patterns(version):
        code = encode_share_code(answers)
        at = new_app(r=code, lang=lang)
        assert not at.exception
        summary = summarize(build_result(answers, bank), bank, lang, "other")
        allowed = (*quoted_texts(summary), *reader_texts(lang))
        lines = shown(at)
        assert [(line, words) for line in lines if (words := addressed(line, lang, allowed))] == []
        if any(card.next_steps for card in summary.cards):
            assert msg("other.ui.result.next_steps_label", lang) in lines
        if summary.scenarios:
            assert msg("other.ui.result.scenarios_intro", lang) in lines
        assert msg("ui.peer.ask_heading", lang) not in [h.value for h in at.header]
        assert not at.text_input
        assert not at.text_area
        assert [b.key for b in at.button] == [TAKE_CHECK_KEY]


def test_own_page_still_speaks_to_the_person_and_asks_colleagues() -> None:
    """The person's own result keeps "Ihr Profil" and the invitation (the control case)."""
    own = complete(start(new_app(), profile="public"), _low)
    assert msg("ui.peer.ask_heading", "de") in [h.value for h in own.header]
    assert addressed(texts(own), "de")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_owner_on_the_shared_view_goes_back_to_their_own_result(lang: Language) -> None:
    """The person who made the result, opening its shared view in the same session, is told it
    is their own result as others see it, and "Zum eigenen Ergebnis" brings back their result
    page with its progress code – not the view that says someone shared it with them."""
    at = complete(start(new_app(lang=lang), profile="public", salary=5000), _low)
    own_title = msg("ui.result.heading", lang)
    assert own_title in [e.value for e in at.title]
    code = at.code[0].value.split(f"{SHARE_PARAM}=")[1]
    at.query_params.clear()
    at.query_params[SHARE_PARAM] = code
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert msg("ui.result.shared_own_intro", lang) in texts(at)
    assert msg("ui.result.shared_intro_v2", lang) not in texts(at)
    assert TAKE_CHECK_KEY not in [b.key for b in at.button]
    at.button(key=BACK_TO_OWN_KEY).click().run()
    assert not at.exception
    assert own_title in [e.value for e in at.title]
    assert PROGRESS_PARAM in at.query_params
    assert SHARE_PARAM not in at.query_params
    assert {"de": "5.000", "en": "5,000"}[lang] in texts(at)  # salary: the owner's session only


def test_someone_else_on_the_shared_view_is_offered_the_check_not_the_owners_result() -> None:
    """A new session (a mentor) sees "Jemand hat dieses Ergebnis mit Ihnen geteilt" and
    "Selbst den Check machen", never a way into the owner's result."""
    own = complete(start(new_app(), profile="public"), _low)
    code = own.code[0].value.split(f"{SHARE_PARAM}=")[1]
    shared = new_app(r=code)
    assert msg("ui.result.shared_intro_v2", "de") in texts(shared)
    assert [b.key for b in shared.button] == [TAKE_CHECK_KEY]
