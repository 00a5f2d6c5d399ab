"""The setting fit in words on every surface (issue 21): sources on every point, honest verdicts,
bands said to be identical where they are, the same text in the CLI, JSON, PDF and methodology;
four personas (municipal-minded, hands-on Mittelstand, on-call-ready port, no preference)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import SETTING_IDS, ProfileId
from assessment.cli import run
from assessment.engine.answers import Answers
from assessment.engine.fit import identical_bands, named_shares
from assessment.engine.result import Result, build_result
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.export import result_json
from assessment.render.fit import (
    RANDOM_NAMED,
    SIMULATION_DRAWS,
    SIMULATION_SEED,
    FitView,
    fit_lines,
    fit_view,
)
from assessment.render.methodology import methodology
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from tests.unit.engine.test_fit import ACCEPT, CHAFE, ITEM_IDS, WANT

V3 = load_bank(3)

# Persona answers, written as a person would answer, not derived from the bank's presences.
MUNICIPAL = {
    "pref_pay_tariff": WANT,
    "pref_pay_negotiate": CHAFE,
    "pref_pace_fast": ACCEPT,
    "pref_pace_budget": ACCEPT,
    "pref_dienstweg": ACCEPT,
    "pref_codetermination": WANT,
    "pref_procurement": ACCEPT,
    "pref_team_small": ACCEPT,
    "pref_hands_on": ACCEPT,
    "pref_oncall": CHAFE,
    "pref_citizens": WANT,
    "pref_production": ACCEPT,
    "pref_kritis": ACCEPT,
    "pref_ot": CHAFE,
}
HANDS_ON_MITTELSTAND = {
    **dict.fromkeys(ITEM_IDS, ACCEPT),
    "pref_pay_negotiate": WANT,
    "pref_pace_fast": WANT,
    "pref_pace_budget": CHAFE,
    "pref_dienstweg": CHAFE,
    "pref_procurement": CHAFE,
    "pref_team_small": WANT,
    "pref_hands_on": WANT,
}
ONCALL_PORT = {
    **dict.fromkeys(ITEM_IDS, ACCEPT),
    "pref_pay_negotiate": WANT,
    "pref_team_small": CHAFE,
    "pref_oncall": WANT,
    "pref_production": WANT,
    "pref_kritis": WANT,
    "pref_ot": WANT,
}
NO_PREFERENCE = dict.fromkeys(ITEM_IDS, ACCEPT)


def _result(responses: dict[str, int], profile: ProfileId = "duisburg") -> Result:
    answers = Answers(bank_version=3, form="short", profile=profile, responses=dict(responses))
    return build_result(answers, V3)


def _view(responses: dict[str, int], lang: Language = "de", **kw: str) -> FitView:
    view = summarize(_result(responses, **kw), V3, lang).fit  # type: ignore[arg-type]
    assert view is not None
    return view


@pytest.mark.parametrize(
    ("persona", "setting"),
    [(MUNICIPAL, "public"), (HANDS_ON_MITTELSTAND, "mittelstand"), (ONCALL_PORT, "industry")],
)
def test_persona_with_clear_wishes_gets_their_setting_named(
    persona: dict[str, int], setting: ProfileId
) -> None:
    """Starting "noch offen", a person with clear wishes is told which setting fits, and its
    preview comes first with the mark 'passt am besten'."""
    result = _result(persona)
    assert result.fit is not None
    assert result.fit.best == setting
    view = _view(persona)
    name = V3.profiles[setting].name("de")
    assert view.verdict.startswith(
        f"Ihre Wünsche an die Arbeitsbedingungen passen am besten zu: {name}."
    )
    assert view.previews[0].setting == setting
    assert view.previews[0].title == f"{name} (passt am besten)"


def test_municipal_person_sees_tvoed_and_citizens_with_sources() -> None:
    """The municipal-minded person finds the collective agreement, co-determination (each with
    its named source) and citizens' services (the check's reading) in public administration and
    would chafe at on-call duty in port logistics."""
    view = _view(MUNICIPAL)
    public = next(p for p in view.previews if p.setting == "public")
    matches = next(g for g in public.groups if g.kind == "match")
    by_item = {point.item_id: point for point in matches.points}
    assert set(by_item) >= {"pref_pay_tariff", "pref_citizens", "pref_codetermination"}
    assert by_item["pref_pay_tariff"].source.startswith("Quelle: Tarifvertrag für den öffentlichen")
    assert by_item["pref_codetermination"].source.startswith(
        "Quelle: Landespersonalvertretungsgesetz NRW (LPVG NRW), § 72 Abs. 3"
    )
    # The OZG says services are to be offered online, not that outages stop them: a reading.
    assert by_item["pref_citizens"].source == msg("fit.reading", "de")
    industry = next(p for p in view.previews if p.setting == "industry")
    chafe = next(g for g in industry.groups if g.kind == "chafe")
    assert {p.item_id for p in chafe.points} == {"pref_oncall", "pref_ot", "pref_pay_negotiate"}
    assert chafe.heading == "Daran würden Sie sich reiben, und dort ist es üblich"


def test_person_without_preference_hears_no_clear_preference() -> None:
    """Living with everything: 'Keine klare Präferenz', no setting marked, nothing implied."""
    view = _view(NO_PREFERENCE)
    assert view.verdict.startswith("Keine klare Präferenz:")
    assert all(not preview.best for preview in view.previews)
    assert all(preview.groups == () for preview in view.previews)
    assert all(preview.empty == msg("fit.nothing", "de") for preview in view.previews)
    assert not any("passt am besten" in line for line in fit_lines(view))


def test_every_point_names_its_source_or_is_labelled_a_reading() -> None:
    """Wherever a point is shown, a condition with a source says 'Quelle: …' and a reading says
    so, in both languages; no point goes without one."""
    block = V3.preferences
    assert block is not None
    wants_all = dict.fromkeys(ITEM_IDS, WANT)
    for lang in ("de", "en"):
        view = _view(wants_all, lang)
        for preview in view.previews:
            points = [p for g in preview.groups for p in g.points]
            assert len(points) == len(ITEM_IDS)
            for point in points:
                condition = block.condition(preview.setting, point.item_id)
                if condition.reading:
                    assert point.source == msg("fit.reading", lang)
                else:
                    assert point.source.startswith(("Quelle: ", "Source: "))


def test_bands_sentence_says_only_what_the_profiles_hold() -> None:
    """Every demand the sentence calls identical has identical bands in the three settings, and
    each demand that differs is named as differing."""
    same, differs = identical_bands(V3)
    text = _view(NO_PREFERENCE).bands
    for dimension_id in same:
        assert V3.dimension(dimension_id).name("de") in text.split("Verschieden sind")[0]
    for dimension_id in differs:
        assert V3.dimension(dimension_id).name("de") in text.split("Verschieden sind")[1]


def test_shared_view_speaks_about_the_person() -> None:
    """For someone the result was shared with, the texts speak about the person."""
    view = fit_view(_result(MUNICIPAL, "public"), V3, "de", "other")
    assert view is not None
    assert view.heading == "Welches Umfeld passt zu den Wünschen der Person?"
    assert view.verdict.startswith("Die Wünsche der Person")
    assert (
        view.previews[0].title
        == "Öffentliche Verwaltung (passt am besten; Wahl der Person auf der Startseite)"
    )


def test_banks_without_the_block_show_no_fit() -> None:
    """A v2 result's summary has no fit section."""
    v2 = load_bank(2)
    result = build_result(Answers(bank_version=2, form="short"), v2)
    assert result.fit is None
    assert summarize(result, v2, "de").fit is None


def test_json_and_cli_carry_the_fit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON export holds the fit (verdict, best, points); the CLI prints its section."""
    result = _result(ONCALL_PORT)
    data = json.loads(result_json(result))
    assert data["fit"]["verdict"] == "named"
    assert data["fit"]["best"] == "industry"
    assert Result.model_validate_json(result_json(result)).fit == result.fit
    path = tmp_path / "answers.json"
    path.write_text(result.answers.model_dump_json(), encoding="utf-8")
    assert run(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Welches Umfeld passt zu Ihren Wünschen?" in out
    assert "passen am besten zu: Industrie" in out
    assert run(["score", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["fit"]["best"] == "industry"


def test_pdf_carries_the_fit() -> None:
    """The PDF has the fit's heading, verdict and a source."""
    import io

    pdf = build_pdf(_result(MUNICIPAL), V3, "de", "https://selbstcheck.example/?r=x")
    text = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert "Welches Umfeld passt zu Ihren Wünschen?" in text
    assert "passen am besten zu: Öffentliche Verwaltung" in text
    assert "Landespersonalvertretungsgesetz" in text


def test_methodology_documents_the_rule_and_its_simulation() -> None:
    """The methodology page has the fit's section with the rule, and its simulation figures are
    what the seeded simulation gives today."""
    sections = {s.heading: s for s in methodology(V3, "de")}
    section = sections["Arbeitsbedingungen und welches Umfeld passt"]
    assert msg("fit.rule", "de") in section.paragraphs
    shares = named_shares(V3, SIMULATION_DRAWS, SIMULATION_SEED)
    assert shares == pytest.approx(RANDOM_NAMED)
    assert set(shares) == {*SETTING_IDS, "none"}
    assert "Arbeitsbedingungen und welches Umfeld passt" not in {
        s.heading for s in methodology(load_bank(2), "de")
    }
