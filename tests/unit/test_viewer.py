"""Issue 15, point 2: a shared result is worded about the person, never to the reader."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import get_args

import pytest
from pypdf import PdfReader

from assessment.bank import load_bank
from assessment.group import parse_codes, score_group
from assessment.group_pdf import build_group_pdf
from assessment.i18n import LANGUAGES, Language
from assessment.matching import AxisFit, Band, Level
from assessment.messages import OTHER_VOICE, load_catalogue, msg, placeholders, voiced
from assessment.models import Bank
from assessment.pdf import build_pdf
from assessment.quality import FlagKind
from assessment.result import Result, build_result
from assessment.sharecode import encode_share_code
from assessment.summary import Summary, summarize
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers, random_answers

DAY = dt.date(2026, 12, 3)
LINK = "http://localhost:8501/?r=CODE"
# Addressing the reader: formal German "Sie/Ihr…" (a sentence may start with "Sie" = "they"),
# English "you".
SECOND_PERSON: dict[Language, re.Pattern[str]] = {
    "de": re.compile(r"(?<![.:!?] )\bSie\b|\b(Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b"),
    "en": re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE),
}
# The one third-person text that rightly speaks to the reader: whom they may pass the link to.
ADDRESSES_THE_READER = {"other.pdf.link_note"}


def _other_keys() -> list[str]:
    return [key for key in load_catalogue() if key.startswith(f"{OTHER_VOICE}.")]


def test_every_third_person_text_mirrors_a_text_for_the_person() -> None:
    """Each "other." text replaces an existing text and fills the same placeholders."""
    catalogue = load_catalogue()
    keys = _other_keys()
    assert len(keys) > 50
    for key in keys:
        own = key.removeprefix(f"{OTHER_VOICE}.")
        assert own in catalogue, key
        for lang in LANGUAGES:
            assert placeholders(catalogue[key][lang]) == placeholders(catalogue[own][lang]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_third_person_texts_never_address_the_reader_as_the_person(lang: Language) -> None:
    """No third-person text says "Sie/Ihr" or "you/your" (the link note asks the reader)."""
    found = [
        (key, match.group())
        for key in _other_keys()
        if key not in ADDRESSES_THE_READER
        if (match := SECOND_PERSON[lang].search(load_catalogue()[key][lang]))
    ]
    assert found == []


def test_every_machine_value_has_its_third_person_text() -> None:
    """Every level, verdict band, axis fit and quality flag the rules produce can be voiced."""
    keys = set(load_catalogue())
    for level in get_args(Level):
        assert f"other.level.{level}_headline" in keys
        assert f"other.v2.level_{level}_text" in keys
    for level in ("strong", "partial", "gaps", "insufficient"):
        assert f"other.level.{level}_text" in keys
    for band in set(get_args(Band)) - {"unknown"}:
        assert f"other.v2.verdict_{band}" in keys
    for fit in get_args(AxisFit):
        assert f"other.v2.axis_fit_{fit}" in keys
    for kind in get_args(FlagKind):
        assert f"other.quality.{kind}" in keys


def _message_texts(summary: Summary) -> list[str]:
    """Return the summary's texts that come from the catalogue (not the bank's own prose)."""
    texts = [
        summary.headline,
        summary.met_text,
        summary.overall_text,
        summary.caveat,
        summary.comparison_text,
        summary.axes_intro or "",
        *summary.quality_notices,
        *summary.salary_lines,
        *(group.intro or "" for group in summary.groups),
    ]
    for card in summary.cards:
        texts += [card.verdict, card.band_label, card.score_text, card.strength or ""]
        # The axis text ends with the setting's rationale (bank prose); its first sentence is ours.
        texts.append((card.axis_text or "").split(". ")[0])
    return texts


def _results(bank: Bank) -> list[Result]:
    people = random_answers(bank, 30, seed=15)
    if bank.version == 1:
        people += [persona_answers(t) for t in (FIREFIGHTER, MODERNIZER, TECHNICIAN)]
    return [build_result(answers, bank) for answers in people]


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_shared_summary_speaks_about_the_person(version: int, lang: Language) -> None:
    """For many answer patterns of both banks, every catalogue text of the shared summary is
    in the third person, while the person's own summary still speaks to them."""
    bank = load_bank(version)
    own_headlines = []
    for result in _results(bank):
        other = summarize(result, bank, lang, "other")
        assert other.viewer == "other"
        assert [t for t in _message_texts(other) if SECOND_PERSON[lang].search(t)] == []
        own = summarize(result, bank, lang)
        assert own == summarize(result, bank, lang, "self")
        own_headlines.append(own.headline)
    assert any(SECOND_PERSON[lang].search(headline) for headline in own_headlines)


def test_shared_summary_never_shows_the_salary_or_the_strength_addressed_to_the_person() -> None:
    """Someone else never sees a salary check, nor the bank's "Sie bewahren …" strength texts."""
    bank = load_bank(2)
    answers = random_answers(bank, 1, seed=3)[0].model_copy(update={"background": "experienced"})
    result = build_result(answers, bank, "experienced", 6000)
    assert summarize(result, bank, "de").salary_lines
    other = summarize(result, bank, "de", "other")
    assert other.salary_lines == ()
    assert all(card.strength is None for card in other.cards)
    assert any(card.strength for card in summarize(result, bank, "de").cards)


def test_voiced_picks_the_reader_once() -> None:
    """The same key gives the person's text or the third-person text, by the viewer alone."""
    own = voiced("level.gaps_headline", "de", "self", profile="Mittelstand")
    other = voiced("level.gaps_headline", "de", "other", profile="Mittelstand")
    assert own == msg("level.gaps_headline", "de", profile="Mittelstand")
    assert other == (
        "Zwischen dem Profil der Person und den Anforderungen im Umfeld „Mittelstand“ "
        "gibt es deutliche Lücken."
    )
    with pytest.raises(KeyError):
        voiced("overall.met", "de", "other", met=1, scored=2)


def _text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("version", [1, 2])
def test_pdf_of_a_shared_link_speaks_about_the_person(version: int) -> None:
    """The PDF offered on a shared result says "Das Profil der Person", never "Ihr Profil"."""
    bank = load_bank(version)
    result = _results(bank)[0]
    own = _text(build_pdf(result, bank, "de", LINK, today=DAY))
    other = _text(build_pdf(result, bank, "de", LINK, today=DAY, viewer="other"))
    assert msg("pdf.chart", "de") in own
    assert msg("other.pdf.chart", "de") in other
    for phrase in ("Ihr Profil", "Ihre Antworten", "Ihr Wert", "Ihrer Werte", "Ihre Stärke"):
        assert phrase not in other, phrase
    assert "Antworten der Person" in other


def test_group_pdf_speaks_to_nobody_as_the_person() -> None:
    """The group PDF is about the group: no text in it addresses a reader as one of them."""
    bank = load_bank(2)
    codes = [encode_share_code(answers) for answers in random_answers(bank, 5, seed=9)]
    answers, invalid = parse_codes("\n".join(codes))
    assert not invalid
    for lang in LANGUAGES:
        text = _text(build_group_pdf(score_group(answers, "public"), 0, lang, today=DAY))
        assert SECOND_PERSON[lang].findall(text) == []
