"""Issue 20's wording defects on banks v1 and v2: each sentence checked against what it says.

The numbers stay pinned (test_pinned_v1, test_rules_v2); these tests hold the sentences true.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, Bank, LikertItem, Scenario
from assessment.cli import run
from assessment.codes.share import encode_share_code
from assessment.engine import matching, quality, scoring
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result
from assessment.engine.scoring import score_answers
from assessment.i18n import Language
from assessment.messages import load_catalogue, msg
from assessment.peer.compare import mirror_codes
from assessment.peer.text import describe_mirror
from assessment.render.methodology import bank_texts, experience_reach, methodology
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import common_gaps, distances_identical, summarize
from assessment.render.text import render_text, section_headings
from tests.personas import random_answers
from tests.unit.engine.test_personas_v2 import Persona, result_of
from tests.unit.peer.test_peer import own_answers, peer_code

V2 = load_bank(2)
LANGS: tuple[Language, ...] = ("de", "en")


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _even(level: int, form: str = "full") -> Result:
    return result_of(Persona(traits=dict.fromkeys(V2.dimension_ids, level)), form=form)


# -- 1. the Fremdbild verdicts ---------------------------------------------------------------


def _mirrors() -> list[tuple[str, str]]:
    """(difference, German verdict) of every row over a few self/peer combinations."""
    rows = []
    for seed in (1, 2, 3):
        for values in ((1, 1, 2), (5, 5, 4), (1, 5, 3)):
            mirror = mirror_codes(own_answers(seed=seed), [peer_code(v) for v in values])
            for viewer in ("self", "other"):
                text = describe_mirror(mirror, V2, "de", viewer)
                rows += [(r.dimension, r.verdict) for r in text.rows]
                rows += [("line", line) for line in text.differences]
    return rows


def test_fremdbild_verdicts_compare_two_complete_views_in_german() -> None:
    """ "Stronger" is always said of one view against the other in a full clause ("stärker, als
    Ihre Kolleginnen und Kollegen Sie sehen"), never with the invalid short form Kolleg/innen."""
    rows = _mirrors()
    stronger = [text for _, text in rows if "deutlich stärker" in text]
    assert stronger, "no combination produced a clear difference"
    for text in stronger:
        assert re.search(r"stärker, als (Ihre|ihre|Sie|sie) ", text), text
    for _, text in rows:
        assert "Kolleg/innen" not in text


# -- 2. plural agreement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [(1.0, "1 Skalenstufe ", "1 scale point "), (1.15, "1,15 Skalenstufen", "1.15 scale points")],
)
def test_scale_points_agree_with_their_number(
    monkeypatch: pytest.MonkeyPatch, value: float, de: str, en: str
) -> None:
    """The methodology's assumed spread and scatter threshold agree in number ("1 Skalenstufe",
    "1,15 Skalenstufen"), whatever the constants are."""
    monkeypatch.setattr(scoring, "ASSUMED_ITEM_SD", value)
    monkeypatch.setattr(quality, "SCATTER_MIN_SD", value)
    for lang, expected in (("de", de), ("en", en)):
        text = " ".join(p for s in methodology(V2, lang) for p in s.paragraphs)  # type: ignore[arg-type]
        assert text.count(expected) == 2, (lang, expected)
    german = " ".join(p for s in methodology(V2, "de") for p in s.paragraphs)
    assert not re.search(r"\b1 Skalenstufen", german)


# -- 3. no praise for random answers ---------------------------------------------------------


def test_random_responders_are_never_told_of_a_favourable_picture() -> None:
    """Where the scatter check fires beside the unlikely virtues (random answering), the notice
    speaks of careless answers, not of "a very favourable picture"; alone, it still does."""
    both = 0
    for answers in random_answers(V2, 300, seed=5, answered_share=1.0):
        result = build_result(answers, V2)
        kinds = {flag.kind for flag in result.quality}
        for lang in LANGS:
            notices = " ".join(summarize(result, V2, lang).quality_notices)
            favourable = "günstiges Bild" in notices or "favourable picture" in notices
            if "scatter" in kinds:
                assert not favourable
            else:
                assert favourable == ("unlikely_virtues" in kinds)
        if {"scatter", "unlikely_virtues"} <= kinds:
            both += 1
            assert "sorgfältig" in " ".join(summarize(result, V2, "de").quality_notices)
    assert both >= 5
    flattering = result_of(Persona(traits=dict.fromkeys(V2.dimension_ids, 5), virtues=5))
    assert {f.kind for f in flattering.quality} == {"unlikely_virtues"}
    assert "sehr günstiges Bild" in summarize(flattering, V2, "de").quality_notices[0]


# -- 4. identical distances ------------------------------------------------------------------


@pytest.mark.parametrize(("level", "form"), [(5, "full"), (4, "full"), (2, "full"), (2, "short")])
def test_comparison_says_identical_only_when_the_distances_are(level: int, form: str) -> None:
    """No best fit: with exactly equal distances to every setting's bands the text says so;
    "smaller than the uncertainty" only where they differ."""
    result = _even(level, form)
    assert result.comparison.best is None
    assert not result.quality
    gaps = {
        matching.weighted_gap(result.scores, V2.profiles[m.profile])
        for m in result.comparison.ranking
    }
    text = summarize(result, V2, "de").comparison_text
    english = summarize(result, V2, "en").comparison_text
    if len(gaps) == 1:
        assert distances_identical(result, V2)
        assert "gleich weit entfernt" in text
        assert "kleiner als die Unsicherheit" not in text
        assert "equally far" in english
    else:
        assert "kleiner als die Unsicherheit" in text
        assert "gleich weit" not in text


def test_both_comparison_wordings_occur() -> None:
    """The personas above reach both branches (so the test above checks both)."""
    assert distances_identical(_even(5), V2)
    assert not distances_identical(_even(2, "short"), V2)


# -- 5. open points once ---------------------------------------------------------------------


def test_open_points_shared_by_every_setting_are_said_once() -> None:
    """Every setting with the same open points: the CLI and the PDF name the list once."""
    result = _even(3, "short")
    summary = summarize(result, V2, "de")
    shared = common_gaps(summary)
    assert shared is not None
    assert len(summary.comparison) == 3
    listed = ", ".join(shared)
    text = render_text(result, V2, "de")
    assert text.replace("\n", " ").count(shared[0]) == 1
    assert "in allen Umfeldern dieselben" in text
    pdf = _pdf_text(build_pdf(result, V2, "de", "http://localhost:8501/?r=x"))
    assert pdf.count("Offene Punkte") == 1
    assert listed.split(",")[0] in pdf
    differing = summarize(_even(2, "short"), V2, "de")
    assert common_gaps(differing) is None or len({line.gaps for line in differing.comparison}) == 1


# -- 6. the CLI text has the page's sections -------------------------------------------------


def test_cli_text_prints_every_section_under_its_heading_in_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`selbstcheck score --code` prints headline, quality notes, demands by group, comparison,
    caveat, scenario review and the code, each under an underlined heading, in the page's order."""
    answers = random_answers(V2, 1, seed=7, answered_share=1.0, form="full")[0]
    code = encode_share_code(answers)
    assert run(["score", "--code", code]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    headings = [
        line for n, line in enumerate(lines[:-1]) if lines[n + 1] == "=" * len(line) and line
    ]
    summary = summarize(build_result(answers, V2), V2, "de")
    assert headings == list(section_headings(summary))
    expected = [
        msg("report.headline", "de"),
        msg("report.quality", "de"),
        msg("report.demands", "de"),
        msg("report.comparison", "de"),
        msg("report.caveat", "de"),
        msg("report.scenarios", "de"),
        msg("report.link", "de"),
    ]
    assert [h for h in headings if h in expected] == expected
    for group in summary.groups:  # the demands by group, under the demands' heading
        assert out.index(group.heading) > out.index(msg("report.demands", "de"))
    assert code in out
    assert out.index(summary.caveat[:40]) > out.index(msg("report.caveat", "de"))


# -- 7. labels that claim no more than exists ------------------------------------------------


def test_bands_are_labelled_as_set_by_us_and_the_review_as_our_rating() -> None:
    """No surface says the band numbers are "derived from the article" or that experienced
    heads of IT decided the scenarios; the cards and the PDF say who set them."""
    for entry in load_catalogue().values():
        for text in entry.values():
            assert "abgeleitet aus dem Artikel" not in text
            assert "(derived from the article)" not in text
            assert "erfahrene IT-Leitungen entscheiden" not in text
            assert "experienced heads of IT would decide" not in text
    result = _even(2)
    labels: tuple[tuple[Language, str], ...] = (
        ("de", "festgelegt nach dem Artikel"),
        ("en", "set by us from the article"),
    )
    for lang, label in labels:
        summary = summarize(result, V2, lang)
        firm = [c for c in summary.cards if c.band in ("below", "within")]
        assert firm
        assert all(label in c.verdict for c in firm)
    pdf = _pdf_text(build_pdf(result, V2, "de", "http://localhost:8501/?r=x"))
    assert "So bewerten wir die Möglichkeiten – und warum" in pdf
    assert "festgelegt nach dem Artikel" in pdf


# -- 8. the methodology page follows the code ------------------------------------------------


def _page(bank: Bank, lang: Language = "de") -> str:
    return "\n".join(p for s in methodology(bank, lang) for p in s.paragraphs)


def _sources(bank: Bank, lang: Language) -> str:
    heading = msg("method.sources_heading", lang)
    return "\n".join(next(s for s in methodology(bank, lang) if s.heading == heading).paragraphs)


# Outside sources and the word that must name each in the source list (found independently of
# assessment.render.methodology's own patterns).
NAMED = {
    "Deutschlandfunk": "Deutschlandfunk",
    "IT-Grundschutz": "IT-Grundschutz",
    "BSI-Gesetz": "BSIG",
    "BSI Act": "BSIG",
    "BetrVG": "BetrVG",
    "LPVG": "LPVG NRW",
    "GO NRW": "GO NRW",
    "Gemeindeordnung": "GO NRW",
    "KomHVO": "KomHVO",
    "DSGVO": "DSGVO",
    "GDPR": "GDPR",
    "FITKO": "FITKO",
    "NIS2": "NIS-2",
    "OZG": "OZG",
    "e-CF": "e-CF",
    "NKF": "NKF",
    "Kommunalhaushaltsverordnung": "KomHVO",
    "DIN SPEC 27076": "DIN SPEC 27076",
    "KGSt": "KGSt",
}


GERMAN_NAME = {"GDPR": "DSGVO"}
ENGLISH_NAME = {"NIS-2": "NIS2"}


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", LANGS)
def test_every_source_named_in_the_bank_is_in_the_source_list(version: int, lang: Language) -> None:
    """Each outside source a question, rationale or demand text names is in the list."""
    bank = load_bank(version)
    texts = "\n".join(bank_texts(bank))
    sources = _sources(bank, lang)
    named = [word for word in NAMED if word in texts]
    if version == 2:
        assert {"Deutschlandfunk", "BetrVG", "LPVG", "DSGVO", "FITKO", "e-CF"} <= set(named)
    for word in named:
        names = GERMAN_NAME if lang == "de" else ENGLISH_NAME
        expected = names.get(NAMED[word], NAMED[word])
        assert expected in sources, (word, expected)


def test_bank_texts_cover_what_a_person_reads() -> None:
    """The scanned texts hold the scenario rationales and the demands' texts."""
    texts = "\n".join(bank_texts(V2))
    assert V2.scenarios[0].options[0].rationale("de")[:40] in texts
    assert V2.dimensions[0].name("en") in texts


@pytest.mark.parametrize(
    ("module", "name", "value", "expected"),
    [
        (matching, "UNCERTAIN_SHARE", 0.4, "mindestens 40 % des Gewichts"),
        (matching, "COMPARISON_Z", 2.58, "± 2,58 Standardfehlern"),
        (matching, "STRONG_FIT_SHARE", 0.75, "ab 75 % „passt weitgehend“"),
        (matching, "CRITICAL_WEIGHT", 2, "Anforderung mit Gewicht 2 unter"),
        (quality, "SCATTER_MIN_SD", 1.3, "im Mittel um 1,3 Skalenstufen"),
        (scoring, "MIN_ANSWERED_SHARE", 0.6, "weniger als 60 % ihrer Fragen"),
    ],
)
def test_each_stated_rule_follows_its_constant(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, value: float, expected: str
) -> None:
    """Change a rule's constant and the page states the changed rule (none is hard-written)."""
    assert expected not in _page(V2)
    monkeypatch.setattr(module, name, value)
    assert expected in _page(V2)


def test_page_states_todays_rules() -> None:
    """Today's constants as the page states them: 50 % borderline weight, 1 SE against 1,96."""
    page = _page(V2)
    share = round(matching.UNCERTAIN_SHARE * 100)
    assert (
        f"mindestens {share} % des Gewichts der gewerteten Anforderungen ausmachen, an der Grenze"
        in page
    )
    assert "„keine klare Aussage“" in page
    assert "± 1 Standardfehler um den Wert" in page
    assert f"± {str(matching.COMPARISON_Z).replace('.', ',')} Standardfehlern" in page
    assert "Abwägungsaussagen (auf ihre Achse ausgerichtet)" in page


def test_experience_fields_reach_as_the_page_says() -> None:
    """The page's count of demands that "can't judge yet" alone can leave unscored equals what
    scoring does when a person gives that answer wherever it is offered (and answers the rest)."""
    presuming, most, possible = experience_reach(V2)
    assert presuming == sum(i.presumes is not None for i in V2.likert)
    reached = set()
    for form in V2.forms:
        responses: dict[str, int | str] = {}
        for item in V2.form_items(form):
            if isinstance(item, Scenario):
                responses[item.id] = "a"
            elif isinstance(item, LikertItem) and item.presumes is not None:
                responses[item.id] = UNSURE
            else:
                responses[item.id] = 3
        scores = score_answers(Answers(bank_version=2, form=form, responses=responses), V2)
        reached |= {s.dimension for s in scores if s.status == "experience"}
    assert possible == len(reached)
    page = _page(V2)
    assert (
        f"nur {presuming} Aussagen „Kann ich (noch) nicht einschätzen“ an, höchstens {most}" in page
    )
    if possible:
        assert f"bei {possible} von {len(V2.dimensions)} Anforderungen" in page
    else:  # no list of zeros ("bei 0 von 12"): the page says "bei keiner" (English review F5)
        assert f"bei keiner der {len(V2.dimensions)} Anforderungen" in page
        assert f"bei 0 von {len(V2.dimensions)}" not in page


def test_identical_settings_are_named_from_the_profiles() -> None:
    """Two settings with identical bands, weights and axis ranges are named on the page."""
    ids = ("public", "mittelstand", "industry")

    def figures(pid: str) -> object:
        profile = V2.profiles[pid]  # type: ignore[index]
        return (
            {d: (t.low, t.high, t.weight) for d, t in profile.targets.items()},
            {d: (a.low, a.high) for d, a in profile.axes.items()},
        )

    same = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :] if figures(a) == figures(b)]
    page = _page(V2)
    assert same, "bank v2 has two settings with identical figures"
    for a, b in same:
        first, second = V2.profiles[a].name("de"), V2.profiles[b].name("de")  # type: ignore[index]
        assert f"„{first}“ und „{second}“" in page
