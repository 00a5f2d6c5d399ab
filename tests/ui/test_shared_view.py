"""Issue 15, point 2: a shared link shows the person's result about them, not to the reader."""

from __future__ import annotations

import pytest

from assessment.i18n import Language
from assessment.links import SHARE_PARAM
from assessment.messages import msg
from assessment.models import Item, LikertItem, Scenario, TradeoffItem
from assessment.ui.result import SHARED_PDF_KEY
from tests.ui.conftest import complete, new_app, start, texts

pytestmark = pytest.mark.usefixtures("slow_clock")


def _low(item: Item) -> int | str:
    """Answers low on every demand of bank v2 (no unlikely virtue, middle of each trade-off)."""
    if isinstance(item, LikertItem):
        return 2 if item.keying == "plus" else 4
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
        "en": ("Your profile", "Your score", "your choice", "By your answers", "your scores"),
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
    the German page shows the words alone."""
    english = complete(start(new_app(lang="en"), profile="public"), _low)
    german = complete(start(new_app(), profile="public"), _low)
    shown = [m.value.replace("\\", "") for m in english.markdown]
    anchors_en = [line for line in shown if "(our translation: “" in line]
    assert len(anchors_en) >= 9
    assert "erprobte Nerven im Krisenfall" in texts(english)
    assert "tested nerves in a crisis" in texts(english)
    assert "erprobte Nerven im Krisenfall" in texts(german)
    assert "Übersetzung" not in texts(german)
