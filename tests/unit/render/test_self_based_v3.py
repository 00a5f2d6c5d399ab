"""Issue 19 point 4: when the consistency notice fires, the result says plainly where the verdict
rests mainly on the self-description (Result.self_carried) — in German and English, to the person
and about them, on the page, in the PDF, in the CLI and in the JSON — and never says it where the
engine already moved the verdict to the situations and the knowledge part."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import (
    LIKERT_MAX,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    ValidityItem,
)
from assessment.cli import run
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.result import Result, build_result, carried_by_self
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.export import result_json
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from assessment.render.text import render_text

BANK = load_bank(3)
CARRIED = "learning"  # the demand the persona below lifts by describing itself


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _option(item: Scenario, score: int) -> str:
    return min(item.options, key=lambda option: abs(option.score - score)).id


def _answers(lift: bool = True) -> Answers:
    """A person at the top of almost every statement (the notice fires) who decides poorly and
    knows nothing; in one demand (CARRIED) the statements sit a little lower and two of its
    situations are decided well, so that its self view and situations disagree by less than the
    uncertainty: the verdict combines them and reaches the range only thanks to the statements.
    Without `lift`, that demand's statements are as low as its situations."""
    statements = [
        i.id
        for i in BANK.form_items("full")
        if isinstance(i, LikertItem) and i.dimension == CARRIED
    ]
    situations = [
        i.id for i in BANK.form_items("full") if isinstance(i, Scenario) and i.dimension == CARRIED
    ]

    def answer(item: Item) -> int | str:
        if isinstance(item, LikertItem):
            level = LIKERT_MAX if item.id in statements[:3] else 4
            if not lift and item.dimension == CARRIED:
                level = 2
            elif item.dimension != CARRIED:
                level = LIKERT_MAX
            return level if item.keying == "plus" else 6 - level
        if isinstance(item, Scenario):
            return _option(item, 2 if item.id in situations[:2] else 1)
        if isinstance(item, KnowledgeItem):
            return next(o.id for o in item.options if o.id != item.key)
        return 2 if isinstance(item, ValidityItem) else 3

    return Answers(
        bank_version=3,
        form="full",
        profile="duisburg",
        background="experienced",
        responses={item.id: answer(item) for item in BANK.form_items("full")},
    )


@pytest.fixture(scope="module")
def result() -> Result:
    found = build_result(_answers(), BANK)
    assert found.self_based
    return found


def _names(result: Result, lang: Language) -> str:
    return ", ".join(BANK.dimension(d).name(lang) for d in result.self_carried)


def _sentences(result: Result, lang: Language, viewer: Viewer = "self") -> tuple[str, str]:
    names = _names(result, lang)
    return (
        voiced("views.self_based.carried", lang, viewer, names=names),
        voiced("views.self_based.overall", lang, viewer, names=names),
    )


def test_the_engine_names_the_demands_carried_by_the_self_description(result: Result) -> None:
    """The carried demand combines the views, reaches its band (or its edge), and its evidence
    alone stays below the band's lower end; no other demand is named, none that rests on the
    evidence, and nothing at all without the notice or for a consistent person."""
    assert result.self_carried == (CARRIED,)
    score = next(s for s in result.scores if s.dimension == CARRIED)
    match = next(m for m in result.match.dimensions if m.dimension == CARRIED)
    assert score.basis == "combined"
    assert match.met or match.band == "borderline"
    evidence = [v.score for v in score.views if v.view != "self" and v.score is not None]
    assert evidence
    assert sum(evidence) / len(evidence) < match.low
    assert all(s.basis == "combined" for s in result.scores if s.dimension in result.self_carried)
    plain = build_result(_answers(lift=False), BANK)
    assert CARRIED not in carried_by_self(plain.scores, plain.match)
    assert plain.self_carried == () or plain.self_based
    from tests.unit.engine.test_personas_v3 import MUNICIPAL_HEAD, result_of

    honest = result_of(MUNICIPAL_HEAD)
    assert not honest.self_based
    assert honest.self_carried == ()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewer", ["self", "other"])
def test_page_texts_say_the_verdict_rests_mainly_on_self_description(
    result: Result, lang: Language, viewer: Viewer
) -> None:
    """The overall statement under the headline and the consistency notice both say it, by
    name, to the person and (a shared link) about them."""
    carried, overall = _sentences(result, lang, viewer)
    summary = summarize(result, BANK, lang, viewer)
    assert overall in summary.overall_text
    assert carried in (summary.consistency or "")
    assert BANK.dimension(CARRIED).name(lang) in carried
    words = {"de": "vor allem auf", "en": "rests mainly on"}[lang]
    assert words in carried
    assert words in overall
    if viewer == "other":
        assert "Ihre" not in carried + overall
        assert "your" not in carried + overall


@pytest.mark.parametrize("form", ["short", "full"])
def test_no_such_sentence_where_the_verdict_rests_on_the_evidence(form: str) -> None:
    """The smart faker's notice: its situations and knowledge stay so far below that no demand
    is lifted into its range by the statements, so the result names none as resting mainly on
    the self-description, in either language."""
    from tests.unit.engine.test_personas_v3 import SMART_FAKER, result_of

    faker = result_of(SMART_FAKER, form)  # type: ignore[arg-type]
    assert faker.self_based
    assert faker.self_carried == ()
    for lang in LANGUAGES:
        summary = summarize(faker, BANK, lang)
        words = {"de": "vor allem auf", "en": "rests mainly on"}[lang]
        assert words not in summary.overall_text
        assert words not in (summary.consistency or "")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cli_says_it_in_text_and_names_the_demands_in_json(
    result: Result, lang: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`selbstcheck score` prints both sentences; `--json` carries self_based and the carried
    demands by id."""
    carried, overall = _sentences(result, lang)
    text = _flat(render_text(result, BANK, lang))
    assert _flat(carried) in text
    assert _flat(overall) in text
    path = tmp_path / "answers.json"
    path.write_text(result.answers.model_dump_json(), encoding="utf-8")
    assert run(["--lang", lang, "score", str(path)]) == 0
    printed = _flat(capsys.readouterr().out)
    assert _flat(carried) in printed
    assert (
        run(["--lang", lang, "score", "--code", encode_share_code(result.answers), "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["self_based"] is True
    assert data["self_carried"] == [CARRIED]


def test_json_export_round_trips_the_carried_demands(result: Result) -> None:
    data = json.loads(result_json(result))
    assert data["self_based"] is True
    assert data["self_carried"] == [CARRIED]
    assert Result.model_validate_json(result_json(result)).self_carried == (CARRIED,)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_says_it_under_the_headline_and_in_the_notice(result: Result, lang: Language) -> None:
    from pypdf import PdfReader

    carried, overall = _sentences(result, lang, "other")
    reader = PdfReader(io.BytesIO(build_pdf(result, BANK, lang, "https://example.org/?r=x")))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    own_carried, own_overall = _sentences(result, lang)
    assert _flat(own_carried) in text or _flat(carried) in text
    assert _flat(own_overall) in text or _flat(overall) in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_methodology_says_when_a_demand_is_named_as_resting_on_self_description(
    lang: Language,
) -> None:
    """The methodology page's views section states the rule in both languages."""
    from assessment.render import methodology as method

    sections = method.methodology(BANK, lang)
    section = next(s for s in sections if s.heading == msg("method.views_heading", lang))
    text = _flat(" ".join(section.paragraphs))
    words = {"de": "vor allem auf die Selbstbeschreibung gestützt", "en": "resting mainly on"}
    assert words[lang] in text
