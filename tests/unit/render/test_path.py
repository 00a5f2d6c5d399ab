"""Stationen bis zur IT-Leitung on every surface (issue 20): starters and changers see the whole
path pointed at their open demands, everyone else a short paragraph; banks v1/v2 show none."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import PROFILE_IDS, Experience, ProfileId
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result
from assessment.i18n import Language
from assessment.render.path import (
    OPEN_BANDS,
    best_station,
    career_path,
    open_demands,
    path_text,
)
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text
from tests.banks import _answers

HEADING = {"de": "Stationen bis zur IT-Leitung", "en": "Career stages on the way to head of IT"}
READING = {"de": "(Einschätzung dieses Selbstchecks)", "en": "(this self-check's estimate)"}


def _result(
    version: int,
    persona: str = "middling",
    background: Experience = "starter",
    profile: ProfileId = "public",
    form: str = "full",
) -> Result:
    bank = load_bank(version)
    answers: Answers = _answers(bank, persona, form, profile, background)  # type: ignore[arg-type]
    return build_result(answers, bank)


def _pdf_text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("background", ["starter", "changer"])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_starters_and_changers_see_every_station(background: Experience, lang: Language) -> None:
    bank = load_bank(3)
    result = _result(3, "weak", background)
    view = career_path(result, bank, lang)
    assert view is not None
    assert not view.short
    assert view.heading == HEADING[lang]
    assert ("selten eine Einstiegsstelle" if lang == "de" else "rarely an entry job") in view.intro
    assert [s.id for s in view.stations] == [s.id for s in bank.path.stations]  # type: ignore[union-attr]
    for station in view.stations[:-1]:
        assert station.span.endswith(READING[lang])
    assert view.total is not None
    assert view.total.endswith(READING[lang])


def test_each_station_names_the_open_demands_it_builds_weakest_first() -> None:
    """focus = the station's demands that are open for this person, in the weakness order."""
    bank = load_bank(3)
    result = _result(3, "middling", "changer")
    open_ids = open_demands(result, bank)
    bands = {m.dimension: m.band for m in result.match.dimensions}
    assert open_ids
    assert all(bands[d] in OPEN_BANDS for d in open_ids)
    assert all(bands[d] not in OPEN_BANDS for d in bank.dimension_ids if d not in open_ids)
    view = career_path(result, bank, "de")
    assert view is not None
    names = {bank.dimension(d).name("de"): d for d in bank.dimension_ids}
    for station, data in zip(view.stations, bank.path.stations, strict=True):  # type: ignore[union-attr]
        expected = [bank.dimension(d).name("de") for d in open_ids if d in data.builds]
        assert list(station.focus) == expected
        assert all(names[n] in open_ids for n in station.focus)


def test_the_next_station_builds_the_most_of_what_is_open() -> None:
    bank = load_bank(3)
    assert bank.path is not None
    # Only the technical foundation is open: the administrator station builds it.
    assert best_station(bank.path, ("foundation",)).id == "admin"  # type: ignore[union-attr]
    # Only leadership: the team lead (the role itself is never the next station).
    assert best_station(bank.path, ("leadership",)).id == "team"  # type: ignore[union-attr]
    assert best_station(bank.path, ("budget",)).id == "project"  # type: ignore[union-attr]
    assert best_station(bank.path, ()) is None


def test_a_person_with_nothing_open_gets_no_next_station() -> None:
    bank = load_bank(3)
    result = _result(3, "strong", "changer")
    if open_demands(result, bank):
        pytest.skip("the strong persona leaves a demand open")
    view = career_path(result, bank, "de")
    assert view is not None
    assert view.next_text is None
    assert all(not station.focus for station in view.stations)


@pytest.mark.parametrize("profile", PROFILE_IDS)
def test_the_grade_path_shows_for_public_administration_and_the_open_setting(
    profile: ProfileId,
) -> None:
    bank = load_bank(3)
    view = career_path(_result(3, "weak", "starter", profile), bank, "de")
    assert view is not None
    if profile in ("public", "duisburg"):
        assert view.public_heading is not None
        assert any("(Quelle: TVöD (VKA) § 16 Abs. 3)" in step for step in view.public_steps)
        assert all("Quelle:" in s or s.endswith(READING["de"]) for s in view.public_steps)
    else:
        assert view.public_heading is None
        assert view.public_steps == ()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_experienced_people_see_the_short_paragraph(lang: Language) -> None:
    bank = load_bank(3)
    view = career_path(_result(3, "middling", "experienced"), bank, lang)
    assert view is not None
    assert view.short
    assert view.stations == ()
    assert " → ".join(s.short(lang) for s in bank.path.stations) in view.intro  # type: ignore[union-attr]
    assert ("Einschätzung dieses Selbstchecks" if lang == "de" else "estimate") in view.intro


def test_banks_v1_and_v2_show_no_path() -> None:
    for version in (1, 2):
        bank = load_bank(version)
        background: Experience = "starter"
        result = _result(version, "weak", background) if version == 2 else None
        if result is None:
            continue
        assert career_path(result, bank, "de") is None
        assert summarize(result, bank, "de").path is None
        assert HEADING["de"] not in render_text(result, bank, "de")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cli_text_and_pdf_print_the_stations(lang: Language) -> None:
    bank = load_bank(3)
    result = _result(3, "weak", "starter", "public", "short")
    view = career_path(result, bank, lang)
    assert view is not None
    text = render_text(result, bank, lang)
    assert f"{HEADING[lang]}\n{'=' * len(HEADING[lang])}" in text
    flat = " ".join(text.split())
    for line in path_text(view, lang, "self"):
        assert " ".join(line.split()) in flat
    pdf = _pdf_text(build_pdf(result, bank, lang, "https://example.org/?r=x"))
    assert HEADING[lang] in pdf
    for station in view.stations:
        assert " ".join(station.what.split())[:40] in pdf


def test_someone_else_reading_a_shared_result_is_not_addressed() -> None:
    bank = load_bank(3)
    result = _result(3, "weak", "changer")
    view = career_path(result, bank, "de", viewer="other")
    assert view is not None
    lines = " ".join(path_text(view, "de", "other"))
    assert "Ihnen" not in lines
    assert "für Sie" not in lines
    assert "der Person" in lines
