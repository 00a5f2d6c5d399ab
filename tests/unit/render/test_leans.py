"""Trade-offs give value (issue 21.3), the words: every contrast sentence is true of the person's
situational choices, a clear lean carries its cost and three setting paragraphs, axes without a
clear lean share one line, a preferred range appears only with its support, and the page, CLI,
JSON, PDF (pdftotext) and methodology all say it."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    SETTING_IDS,
    AxisTarget,
    Bank,
    FormId,
    Pole,
    Scenario,
    Support,
    Text,
)
from assessment.engine.leans import AxisLean
from assessment.engine.result import Result, build_result
from assessment.i18n import Language, Viewer
from assessment.messages import msg
from assessment.render import methodology as method
from assessment.render.export import result_json
from assessment.render.leans import contrast_text, count_word, lean_section
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text, section_headings
from tests.unit.engine.test_leans import answers_of, toward

POLES = ("Schnell entscheiden", "Erst die Lage klären")
POLES_EN = ("Decide fast", "Establish the facts first")


def lean(pole: Pole | None, a: int, b: int, neither: int) -> AxisLean:
    return AxisLean(
        dimension="crisis",
        position=0 if pole == "a" else 100 if pole == "b" else 50,
        uncertainty=10,
        pole=pole,
        situations=a + b + neither,
        chose_a=a,
        chose_b=b,
        chose_neither=neither,
    )


# (chose a, chose b, neither) -> the German sentence for a lean to pole a ("Schnell entscheiden").
GERMAN = {
    (1, 0, 0): "Sie sagen „Schnell entscheiden“ und haben in der Situation dazu auch so gehandelt.",
    (2, 0, 0): "Sie sagen „Schnell entscheiden“ und haben in beiden Situationen dazu so gehandelt.",
    (3, 0, 0): "Sie sagen „Schnell entscheiden“ und haben in allen drei Situationen dazu so"
    " gehandelt.",
    (0, 1, 0): "Sie sagen „Schnell entscheiden“, haben in der Situation dazu aber „Erst die Lage"
    " klären“ gewählt.",
    (0, 2, 0): "Sie sagen „Schnell entscheiden“, haben aber in beiden Situationen dazu „Erst die"
    " Lage klären“ gewählt.",
    (0, 4, 0): "Sie sagen „Schnell entscheiden“, haben aber in allen vier Situationen dazu „Erst"
    " die Lage klären“ gewählt.",
    (0, 0, 1): "Sie sagen „Schnell entscheiden“; in der Situation dazu haben Sie eine Möglichkeit"
    " gewählt, die keiner der beiden Arbeitsweisen folgt.",
    (0, 0, 2): "Sie sagen „Schnell entscheiden“; in beiden Situationen dazu haben Sie"
    " Möglichkeiten gewählt, die keiner der beiden Arbeitsweisen folgen.",
    (0, 0, 3): "Sie sagen „Schnell entscheiden“; in allen drei Situationen dazu haben Sie"
    " Möglichkeiten gewählt, die keiner der beiden Arbeitsweisen folgen.",
    (1, 1, 0): "Sie sagen „Schnell entscheiden“; von den zwei Situationen dazu haben Sie in einer"
    " so gehandelt und in einer „Erst die Lage klären“ gewählt.",
    (2, 1, 0): "Sie sagen „Schnell entscheiden“; von den drei Situationen dazu haben Sie in zwei"
    " so gehandelt und in einer „Erst die Lage klären“ gewählt.",
    (1, 0, 1): "Sie sagen „Schnell entscheiden“; von den zwei Situationen dazu haben Sie in einer"
    " so gehandelt und in einer keine der beiden Arbeitsweisen gewählt.",
    (0, 1, 2): "Sie sagen „Schnell entscheiden“; von den drei Situationen dazu haben Sie in einer"
    " „Erst die Lage klären“ gewählt und in zwei keine der beiden Arbeitsweisen gewählt.",
    (1, 1, 1): "Sie sagen „Schnell entscheiden“; von den drei Situationen dazu haben Sie in einer"
    " so gehandelt, in einer „Erst die Lage klären“ gewählt und in einer keine der beiden"
    " Arbeitsweisen gewählt.",
}


@pytest.mark.parametrize(("counts", "sentence"), GERMAN.items())
def test_every_german_contrast_variant(counts: tuple[int, int, int], sentence: str) -> None:
    """Each variant says exactly the counts: all alike, all the other pole, all neither, or a
    mix naming every non-zero part in words."""
    assert contrast_text(lean("a", *counts), POLES, "de", "self") == sentence


def test_the_issue_example_reads_as_asked() -> None:
    """Lean to "Erst die Lage klären", one of two situations acted at once: the issue's
    sentence, with the poles as the bank names them."""
    text = contrast_text(lean("b", 1, 1, 0), POLES, "de", "self")
    assert text == (
        "Sie sagen „Erst die Lage klären“; von den zwei Situationen dazu haben Sie in einer so"
        " gehandelt und in einer „Schnell entscheiden“ gewählt."
    )
    both = contrast_text(lean("b", 0, 2, 0), POLES, "de", "self")
    assert both == (
        "Sie sagen „Erst die Lage klären“ und haben in beiden Situationen dazu so gehandelt."
    )


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        ((1, 0, 0), "You say “Decide fast” and acted that way in the related situation too."),
        (
            (0, 2, 0),
            "You say “Decide fast”, but in both related situations chose “Establish the facts"
            " first”.",
        ),
        (
            (0, 0, 3),
            "You say “Decide fast”; in all three related situations you chose options that"
            " match neither way of working.",
        ),
        (
            (1, 1, 1),
            "You say “Decide fast”; of the three related situations, you acted that way in"
            " one, chose “Establish the facts first” in one and chose neither way of working in"
            " one.",
        ),
    ],
)
def test_english_contrast_variants(counts: tuple[int, int, int], sentence: str) -> None:
    """English says the same counts."""
    assert contrast_text(lean("a", *counts), POLES_EN, "en", "self") == sentence


@pytest.mark.parametrize("lang", ["de", "en"])
def test_someone_else_reads_about_the_person(lang: Language) -> None:
    """A shared result speaks about the person in every variant, never to them."""
    poles = POLES if lang == "de" else POLES_EN
    for counts in GERMAN:
        text = contrast_text(lean("a", *counts), poles, lang, "other") or ""
        assert text.startswith("Die Person sagt" if lang == "de" else "This person says")
        assert not re.search(r"\b(Sie sagen|haben Sie|You say|you )\b", text)


def test_no_sentence_without_a_lean_or_a_situation() -> None:
    """No clear lean, or no situation with a pole answered: no contrast is claimed."""
    assert contrast_text(lean(None, 1, 1, 0), POLES, "de", "self") is None
    assert contrast_text(lean("a", 0, 0, 0), POLES, "de", "self") is None
    assert count_word(7, "de") == "7"
    assert count_word(1, "de") == "einer"


def _choose(scenario: Scenario, pole: Pole | None) -> str:
    """The first option of a pole (None: of no pole)."""
    return next(option.id for option in scenario.options if option.pole == pole)


@pytest.mark.parametrize("viewer", ["self", "other"])
def test_every_choice_pattern_of_real_answers_is_said_truly(viewer: Viewer) -> None:
    """For every pattern of pole choices in bank v3's crisis situations (full form, three
    situations: 27 patterns), the sentence on the result names exactly the counts in the
    answers: "so gehandelt" only with a same-pole choice, the other pole only when chosen."""
    bank = load_bank(3)
    scenarios = [i for i in bank.form_items_of("full", "crisis") if isinstance(i, Scenario)]
    tilt = toward(bank, "full", "b")
    seen = set()
    options: tuple[Pole | None, ...] = ("a", "b", None)
    for pattern in itertools.product(options, repeat=len(scenarios)):
        choices: dict[str, int | str] = {
            s.id: _choose(s, pole) for s, pole in zip(scenarios, pattern, strict=True)
        }
        answers = answers_of(bank, "full", {**tilt, **choices})
        result = build_result(answers, bank)
        section = lean_section(result, bank, "de", viewer)
        assert section is not None
        paragraph = next(p for p in section.leans if p.dimension == "crisis")
        same, other, neither = pattern.count("b"), pattern.count("a"), pattern.count(None)
        text = paragraph.contrast or ""
        n = len(scenarios)
        for count, phrase in (
            (same, "so gehandelt"),
            (other, "„Schnell entscheiden“ gewählt"),
            (neither, "keine"),
        ):
            assert (phrase in text) == (count > 0), (pattern, text)
            if 0 < count < n:
                assert f"in {count_word(count, 'de')} {phrase}" in text, (pattern, text)
        seen.add(text.split(";")[0].split(",")[0])
    assert len(seen) >= 1


def _leaning_result(form: FormId = "full", pole: Pole = "a", lang: Language = "de") -> Result:
    bank = load_bank(3)
    return build_result(answers_of(bank, form, toward(bank, form, pole)), bank)


def test_all_fully_a_shows_one_line_not_twelve() -> None:
    """All trade-offs "ganz A" on v3 (pole-balanced pairs): no clear lean, one line naming the
    twelve demands once, and none of the old per-axis lines; with no clear lean the section is
    left out of the text report, as of the page and the PDF (render/brief.shows_leans)."""
    bank = load_bank(3)
    result = build_result(answers_of(bank, "full"), bank)
    summary = summarize(result, bank, "de")
    section = summary.leans
    assert section is not None
    assert section.leans == ()
    assert section.none_clear == msg("leans.none_clear", "de")
    assert section.no_lean is not None
    for dimension in bank.dimensions:
        assert section.no_lean.count(dimension.name("de")) == 1
    assert all(card.axis_text is None for card in summary.cards)
    assert summary.axes_intro is None
    text = render_text(result, bank, "de")
    assert "keine bevorzugte Richtung" not in text
    assert text.count(section.no_lean[:40]) == 0


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("form", ["short", "full"])
def test_a_clear_lean_carries_cost_settings_and_no_preference(lang: Language, form: FormId) -> None:
    """Each clear lean shows its pole's cost and the three settings' paragraphs from the bank;
    with no preferred range anywhere, the page says once that the article names none."""
    bank = load_bank(3)
    result = _leaning_result(form)
    section = lean_section(result, bank, lang, "self")
    assert section is not None
    assert len(section.leans) == 12
    assert section.no_preference == msg("leans.no_preference_all", lang)
    assert section.no_preference.startswith(
        "Der Artikel nennt keinen bevorzugten Stil" if lang == "de" else "The article names no"
    )
    for paragraph in section.leans:
        texts = bank.leans_of(paragraph.dimension)
        assert texts is not None
        assert paragraph.cost == texts.a.cost(lang)
        assert [s.profile for s in paragraph.settings] == list(SETTING_IDS)
        for setting in paragraph.settings:
            text = texts.a.setting(setting.profile)
            assert text is not None
            assert setting.text == text(lang)
            assert setting.preference is None
        assert paragraph.preference is None
        assert paragraph.contrast is not None
    assert section.no_lean is None
    assert section.unanswered is None


def test_a_supported_range_is_named_with_its_source_and_others_say_none() -> None:
    """Where a setting prefers a range on the axis (with its support), that setting's paragraph
    names the range and the source; the other settings say the article names no preferred style."""
    bank = load_bank(3)
    support = Support(quote="sensible Daten (Stichwort: Hafentechnologie, Logistikprozesse)")
    target = AxisTarget(
        low=60, high=100, rationale=Text(de="Weil.", en="Because."), support=support
    )
    middle = target.model_copy(update={"low": 30, "high": 70})
    industry, public = bank.profiles["industry"], bank.profiles["public"]
    profiles = dict(bank.profiles) | {
        "industry": industry.model_copy(update={"axes": {"security": target}}),
        "public": public.model_copy(update={"axes": {"security": middle}}),
    }
    ranged = bank.model_copy(update={"profiles": profiles})
    result = build_result(answers_of(ranged, "full", toward(ranged, "full", "b")), ranged)
    section = lean_section(result, ranged, "de", "self")
    assert section is not None
    assert section.no_preference is None
    security = next(p for p in section.leans if p.dimension == "security")
    by_setting = {s.profile: s.preference for s in security.settings}
    assert by_setting["mittelstand"] == msg("leans.no_preference", "de")
    # a range across the middle names no pole
    assert by_setting["public"] is not None
    assert by_setting["public"].startswith("Bevorzugter Bereich dort: 30 bis 70 (keine der beiden")
    assert by_setting["industry"] is not None
    assert by_setting["industry"].startswith(
        "Bevorzugter Bereich dort: 60 bis 100 (eher „Erst absichern, dann freigeben“)."
    )
    assert "Hafentechnologie" in by_setting["industry"]
    crisis = next(p for p in section.leans if p.dimension == "crisis")
    assert crisis.preference == msg("leans.no_preference_any", "de")
    assert all(s.preference is None for s in crisis.settings)


def test_unanswered_axes_are_named_once() -> None:
    """Axes with no trade-off answered are listed in one line, not as a lean or a non-lean."""
    bank = load_bank(3)
    result = build_result(answers_of(bank, "short", tradeoff=None), bank)
    section = lean_section(result, bank, "de", "self")
    assert section is not None
    assert section.leans == ()
    assert section.no_lean is None
    assert section.none_clear is None  # nothing answered is no "no clear lean"
    assert section.unanswered is not None
    assert all(section.unanswered.count(d.name("de")) == 1 for d in bank.dimensions)


def test_banks_before_rules_3_have_no_lean_section(released_bank: Bank) -> None:
    """v1 and v2 keep their pages: no lean section."""
    if released_bank.rules.lean_texts:
        pytest.skip("a bank with lean texts")
    from tests.banks import answer_sets

    answer_set = answer_sets(released_bank.version)[0]
    result = build_result(answer_set.answers, released_bank)
    assert summarize(result, released_bank, "de").leans is None


def test_cli_text_and_json_carry_the_leans() -> None:
    """The CLI text prints the section under its heading in page order; the JSON carries each
    axis's position, lean and situational counts, and reads back."""
    bank = load_bank(3)
    result = _leaning_result()
    summary = summarize(result, bank, "de")
    assert summary.leans is not None
    headings = section_headings(summary)
    assert summary.leans.heading in headings
    assert headings.index(summary.leans.heading) > headings.index(msg("report.demands", "de"))
    text = " ".join(render_text(result, bank, "de").split())
    crisis = next(p for p in summary.leans.leans if p.dimension == "crisis")
    assert " ".join((crisis.contrast or "").split()) in text
    assert "Der Artikel nennt keinen bevorzugten Stil" in text
    data = json.loads(result_json(result))
    first = data["leans"][0]
    assert first["dimension"] == "crisis"
    assert first["pole"] == "a"
    assert first["situations"] == first["chose_a"] + first["chose_b"] + first["chose_neither"]
    assert Result.model_validate_json(result_json(result)).leans == result.leans


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize("viewer", ["self", "other"])
def test_pdf_text_carries_the_leans(tmp_path: Path, viewer: Viewer) -> None:
    """pdftotext finds the section's heading, a contrast sentence, a setting paragraph and the
    sentence that the article names no preferred style."""
    bank = load_bank(3)
    result = _leaning_result()
    section = lean_section(result, bank, "de", viewer)
    assert section is not None
    path = tmp_path / "result.pdf"
    path.write_bytes(build_pdf(result, bank, "de", "https://example.org/?r=x", viewer=viewer))
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(out.replace("-\n", "-").split())
    assert section.heading in flat
    assert "Der Artikel nennt keinen bevorzugten Stil" in flat
    paragraph = section.leans[0]
    assert " ".join((paragraph.contrast or "").split()) in flat
    assert paragraph.settings[2].text[:60] in flat
    assert ("Die Person sagt" in flat) is (viewer == "other")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_methodology_says_what_trade_offs_influence(lang: Language) -> None:
    """v3's methodology says exactly what trade-offs influence and what not, that no setting has
    a preferred range, and that the scatter check leaves them out; v2's keeps its own text."""
    v3 = " ".join(p for s in method.methodology(load_bank(3), lang) for p in s.paragraphs)
    assert msg("leans.method_ranges_none", lang) in v3
    sd = {"sd": "1,15" if lang == "de" else "1.15", "sd_value": 1.15}
    assert msg("leans.quality_scatter", lang, **sd) in v3
    assert msg("method.quality_scatter", lang, **sd) not in v3
    assert msg("method.quality_scatter", lang, **sd) in " ".join(
        p for s in method.methodology(load_bank(2), lang) for p in s.paragraphs
    )
    v2 = " ".join(p for s in method.methodology(load_bank(2), lang) for p in s.paragraphs)
    assert msg("method.axes", lang) in v2
    assert msg("leans.method_ranges_none", lang) not in v2
    assert "Streuung" in v2 or "Scatter" in v2


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("pole", ["a", "b"])
def test_the_shared_section_never_addresses_the_reader_as_the_person(
    lang: Language, pole: Pole
) -> None:
    """Every text of the section on a shared result is about the person: no "Sie/Ihr"/"you"."""
    from tests.unit.render.test_viewer import addressed

    bank = load_bank(3)
    for form in ("short", "full"):
        for result in (_leaning_result(form, pole), build_result(answers_of(bank, form), bank)):
            section = lean_section(result, bank, lang, "other")
            assert section is not None
            assert [(t, w) for t in section.lines() if (w := addressed(t, lang))] == []
            own = lean_section(result, bank, lang, "self")
            assert own is not None
            assert any(addressed(t, lang) for t in own.lines())
