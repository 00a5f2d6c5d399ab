"""The methodology page's DIN 33430 documentation points (issue 20): each rule the page states
equals the constant the code acts on; every source the bank names is listed; nothing is called a
norm or a percentile; the faking figures' placeholder is visibly marked."""

from __future__ import annotations

import re

import pytest

from assessment.bank.load import load_bank, quotes_missing_from_article
from assessment.bank.models import SCENARIO_SCORE_MAX, KnowledgeItem, LikertItem, Scenario
from assessment.bank.versions import available_versions
from assessment.engine import matching, quality
from assessment.i18n import Language
from assessment.render import din
from assessment.render.methodology import CITED_SOURCES, Section, citation, methodology

HEADINGS = {
    "de": (
        "Wie die Anforderungen entstanden sind",
        "Wie die Zielbereiche und Grenzen festgelegt sind",
        "Wie die Bewertungen der Situationen und Wissensfragen festgelegt sind",
        "Wie leicht sich die Antworten schönen lassen",
        "Fairness: Einstieg und Erfahrung, Deutsch und Englisch",
        "Was für eine Überprüfung nötig wäre",
    ),
    "en": (
        "How the requirements were derived",
        "How the target ranges and limits were set",
        "How the ratings of situations and knowledge questions were set",
        "How easily the answers can be faked",
        "Fairness: starters and experienced people, German and English",
        "What an evaluation would need",
    ),
}
DECIMAL = {"de": ",", "en": "."}


def _sections(lang: Language) -> dict[str, Section]:
    return {s.heading: s for s in methodology(load_bank(3), lang)}


def _text(section: Section) -> str:
    return " ".join(section.paragraphs)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_v3_page_has_every_din_point_and_v2_none(lang: Language) -> None:
    sections = _sections(lang)
    for heading in HEADINGS[lang]:
        assert heading in sections
    v2 = {s.heading for s in methodology(load_bank(2), lang)}
    assert not v2 & set(HEADINGS[lang])


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_stated_rule_is_the_code_constant(lang: Language) -> None:
    """Every number the DIN sections state, read back from the text, equals its constant."""
    bank = load_bank(3)
    heads = HEADINGS[lang]
    sections = _sections(lang)
    derivation = _text(sections[heads[0]])
    cutoffs = _text(sections[heads[1]])
    keys = _text(sections[heads[2]])
    fairness = _text(sections[heads[4]])
    full = bank.form_items("full")
    z = f"{bank.rules.borderline_z:.2f}".replace(".", DECIMAL[lang])
    assert bank.rules.borderline_z == matching.COMPARISON_Z
    assert f"± {z} " in cutoffs
    firm = re.search(r"(?:weniger als|fewer than) (\d+) ", cutoffs)
    assert firm is not None
    assert int(firm.group(1)) == bank.rules.min_firm_answers
    weight = re.search(r"(?:von 1 bis|from 1 to) (\d+)", cutoffs)
    assert weight is not None
    assert int(weight.group(1)) == matching.CRITICAL_WEIGHT
    assert max(t.weight for p in bank.profiles.values() for t in p.targets.values()) == int(
        weight.group(1)
    )
    numbers = [int(n) for n in re.findall(r"\b(\d+) (?:Situationen|situations)", keys)]
    assert numbers == [sum(isinstance(i, Scenario) for i in full)]
    knowledge = [int(n) for n in re.findall(r"\b(\d+) (?:Wissensfragen|knowledge)", keys)]
    assert knowledge == [sum(isinstance(i, KnowledgeItem) for i in full)]
    assert f"0 {'bis' if lang == 'de' else 'to'} {SCENARIO_SCORE_MAX}" in keys
    demands = re.search(r"(?:Die|The) (\d+) (?:Anforderungen|requirements)", derivation)
    assert demands is not None
    assert int(demands.group(1)) == len(bank.dimensions)
    differences = re.search(r"\((\d+) (?:solche|such)", derivation)
    assert differences is not None
    assert int(differences.group(1)) == din.supported_differences(bank)
    presuming = re.search(r"(\d+) (?:von|of) (\d+) (?:Aussagen|statements)", fairness)
    assert presuming is not None
    statements = [i for i in full if isinstance(i, LikertItem)]
    assert int(presuming.group(1)) == sum(i.presumes is not None for i in statements)
    assert int(presuming.group(2)) == len(statements)


def test_the_floors_paragraph_lists_exactly_the_banks_floors() -> None:
    """Each floor named on the page is a Target.floor of the bank (engine3); none if none."""
    bank = load_bank(3)
    cutoffs = _text(_sections("de")[HEADINGS["de"][1]])
    found = din.floors(bank)
    if not found:
        assert "legt diese Version noch nicht fest" in cutoffs
    for pid, dimension_id, floor in found:
        name = bank.dimension(dimension_id).name("de")
        assert f"{name} mindestens {floor} ({bank.profiles[pid].name('de')})" in cutoffs  # type: ignore[index]


def test_the_anchors_the_page_calls_word_for_word_are() -> None:
    assert quotes_missing_from_article(load_bank(3)) == ()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_source_list_is_complete(lang: Language) -> None:
    """The article, every source cited in the texts (Deutschlandfunk, BSI, BetrVG, LPVG NRW,
    GO/KomHVO NRW, DSGVO, BSIG, FITKO, e-CF …), every knowledge item's source from the bank and
    the stations' TVöD sources."""
    bank = load_bank(3)
    sources = next(s for s in methodology(bank, lang) if s.heading in ("Quellen", "Sources"))
    listed = sources.paragraphs
    for key in ("dlf", "bsi", "betrvg", "lpvg", "go", "dsgvo", "bsig", "fitko", "ecf"):
        assert key in dict(CITED_SOURCES)
    text = " ".join(listed)
    for needle in ("Deutschlandfunk", "BetrVG", "LPVG NRW", "KomHVO", "DSGVO", "BSIG", "FITKO"):
        assert needle in text
    assert "e-CF" in text
    for item in bank.knowledge:
        # (in English with "and" between references and English quotation marks; minors22)
        assert citation(item.source.cite(), lang) in listed, item.id
    assert bank.path is not None
    assert bank.path.public is not None
    for step in bank.path.public.steps:
        if step.source is not None:
            assert citation(step.source, lang) in listed


# A norm in the test sense (Normwerte, norm sample). Neither "normal" ("den normalen Alltag")
# nor "Normenreihe" (a series of technical standards, IEC 62443, the source of a knowledge
# item) claims one.
NORM = re.compile(r"norm(?!al|enreihe)|perzentil|prozentr|percentile", re.IGNORECASE)
# A sentence may name norms or percentiles only to deny them or to say what they would need.
DENIAL = re.compile(r"\b(kein|keine|weder|bräuchte|no|nor|neither|would need)\b", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_norm_or_percentile_is_claimed(lang: Language) -> None:
    text = " ".join(p for s in methodology(load_bank(3), lang) for p in s.paragraphs)
    sentences = re.split(r"(?<=[.:;])\s+", text)
    naming = [s for s in sentences if NORM.search(s)]
    assert naming
    for sentence in naming:
        assert DENIAL.search(sentence), sentence
    evaluation = _text(_sections(lang)[HEADINGS[lang][5]])
    assert NORM.search(evaluation)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_bands_and_keys_are_labelled_as_editorial_and_uncalibrated(lang: Language) -> None:
    sections = _sections(lang)
    cutoffs = _text(sections[HEADINGS[lang][1]])
    keys = _text(sections[HEADINGS[lang][2]])
    if lang == "de":
        assert "„festgelegt nach dem Artikel“: redaktionelle Entscheidungen" in cutoffs
        assert "nicht empirisch kalibriert" in keys
        assert "Zwei Durchsichten" in keys
    else:
        assert "editorial choices" in cutoffs
        assert "not empirically calibrated" in keys


@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_interval_is_stated_when_borderline_and_comparison_agree(lang: Language) -> None:
    """Rules 3 use 1.96 SE for both: the page no longer explains two intervals (v2 still does)."""
    two = "Zwei Unsicherheitsbereiche" if lang == "de" else "Two"
    v3 = " ".join(p for s in methodology(load_bank(3), lang) for p in s.paragraphs)
    v2 = " ".join(p for s in methodology(load_bank(2), lang) for p in s.paragraphs)
    assert "± 1 " not in v3
    if lang == "de":
        assert two not in v3
        assert two in v2


def _faking_paragraph(version: int, lang: Language) -> str:
    heading = HEADINGS[lang][3]
    faking = next(s for s in methodology(load_bank(version), lang) if s.heading == heading)
    figures = [p for p in faking.paragraphs if "Quellcode" in p or "source code" in p]
    assert len(figures) == 1
    return figures[0]


@pytest.mark.parametrize("version", sorted(din.SIMULATED))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_faking_figures_only_at_the_thresholds_they_were_measured_at(
    version: int, lang: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bank's page shows its own simulation's figures while the notice's thresholds in the
    code are the ones they were measured at; otherwise the page says, in capitals, that they are
    still open."""
    for name, value in din.SIMULATED_AT[version].items():
        monkeypatch.setattr(quality, name, value, raising=False)
    figures = _faking_paragraph(version, lang)
    short, full = din.SIMULATED[version]["moderate"]

    def shown(value: float) -> str:
        return f"{value:g}".replace(".", DECIMAL[lang])

    sign = " %" if lang == "de" else "%"  # English writes 95%, German 95 %
    assert f"{shown(short)}{sign} / {shown(full)}{sign}" in figures
    measured_at = din.SIMULATED_AT[version]
    # The threshold the figures belong to: the traps' gap where rules 4 measured it, else the
    # self view's ceiling.
    threshold = measured_at.get("LOOK_GOOD_GAP", measured_at["SELF_CEILING"])
    assert f"{threshold} " in figures
    assert "PLATZHALTER" not in figures
    assert "PLACEHOLDER" not in figures
    for name, value in measured_at.items():
        monkeypatch.setattr(quality, name, value + 1, raising=False)
        marked = _faking_paragraph(version, lang)
        assert marked.startswith("[PLATZHALTER" if lang == "de" else "[PLACEHOLDER"), name
        monkeypatch.setattr(quality, name, value, raising=False)


def test_a_bank_cites_its_own_figures_or_none() -> None:
    """A result of bank v3 keeps citing v3's figures whatever later banks measure; every
    released bank with a methodology page either has figures of its own or the placeholder,
    never another bank's."""
    for version in available_versions():
        if version < 3:
            continue
        text = _faking_paragraph(version, "de")
        if not din.simulation_applies(version):
            assert text.startswith("[PLATZHALTER")
            continue
        for other in din.SIMULATED:
            short, full = din.SIMULATED[other]["moderate"]
            pair = f"{short:g} % / {full:g} %".replace(".", ",")
            if din.SIMULATED[other] != din.SIMULATED[version]:
                assert (pair in text) == (other == version), (version, other)
