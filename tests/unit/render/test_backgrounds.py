"""Four backgrounds in bank v3 (issue 22): salary wording, the stations, PDF, JSON and the CLI
follow the background; "experienced in IT, not yet leading" ("specialist") has its own."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import Experience
from assessment.cli import run
from assessment.engine.result import Result, build_result
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.export import result_json
from assessment.render.path import career_path
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import summarize
from tests.banks import _answers

V3 = load_bank(3)


def _result(background: Experience | None, salary: int | None = 5000, version: int = 3) -> Result:
    bank = load_bank(version)
    answers = _answers(bank, "weak", "short", "public", background)
    return build_result(answers, bank, background, salary)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_background_has_its_label(lang: Language) -> None:
    labels = [msg(f"ui.start.bg_{background}", lang) for background in V3.backgrounds]
    assert len(set(labels)) == 4
    if lang == "de":
        assert labels == [
            "Einstieg (Studium, Ausbildung, erste Berufsjahre)",
            "Wechsel aus einem anderen Fach",
            "Erfahrung in der IT, noch ohne Leitung",
            "Erfahrung in der IT-Leitung",
        ]


def test_specialists_enter_at_the_entry_range_and_are_told_why() -> None:
    """Experienced in IT but not yet leading: the article's entry range for a first lead role,
    with a line saying so; experienced heads of IT get the experienced range without it."""
    specialist, lead = _result("specialist"), _result("experienced")
    assert specialist.salary is not None
    assert lead.salary is not None
    assert (specialist.salary.low, specialist.salary.high) == (
        V3.salary.entry.low,
        V3.salary.entry.high,
    )
    assert (lead.salary.low, lead.salary.high) == (
        V3.salary.experienced.low,
        V3.salary.experienced.high,
    )
    for lang in ("de", "en"):
        line = msg("v2.salary_specialist", lang)
        assert line in summarize(specialist, V3, lang).salary_lines
        assert line not in summarize(lead, V3, lang).salary_lines
        assert (
            msg("v2.salary_changer", lang) in summarize(_result("changer"), V3, lang).salary_lines
        )


def test_bank_v2_salary_lines_are_unchanged() -> None:
    """The new per-background lines are bank v3's; a v2 changer reads what it read before."""
    bank = load_bank(2)
    lines = summarize(_result("changer", version=2), bank, "de").salary_lines
    assert msg("v2.salary_changer", "de") not in lines


@pytest.mark.parametrize("lang", ["de", "en"])
def test_specialists_see_the_stations_after_administration(lang: Language) -> None:
    """They usually have the first station (administration) behind them: the path starts after
    it, and the station it points to is one of theirs."""
    assert V3.path is not None
    view = career_path(_result("specialist"), V3, lang)
    assert view is not None
    assert not view.short
    ids = [s.id for s in view.stations]
    assert ids == [s.id for s in V3.path.stations if "specialist" in s.backgrounds]
    assert "admin" not in ids
    assert len(ids) >= 2
    assert view.next_text is None or all(
        s.name(lang) not in view.next_text for s in V3.path.stations if s.id == "admin"
    )
    starter = career_path(_result("starter"), V3, lang)
    assert starter is not None
    assert "admin" in [s.id for s in starter.stations]
    lead = career_path(_result("experienced"), V3, lang)
    assert lead is not None
    assert lead.short


def _pdf_text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_pdf_and_json_carry_the_fourth_background() -> None:
    result = _result("specialist", salary=None)
    assert json.loads(result_json(result))["answers"]["background"] == "specialist"
    assert V3.path is not None
    admin = next(s for s in V3.path.stations if s.id == "admin")
    project = next(s for s in V3.path.stations if s.id == "project")
    pdf = _pdf_text(build_pdf(result, V3, "de", "https://example.org/?r=x"))
    assert " ".join(project.what("de").split())[:40] in pdf
    assert " ".join(admin.what("de").split())[:40] not in pdf


def test_cli_reads_and_prints_a_specialist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(V3, "weak", "short", "public", "specialist")
    path = tmp_path / "answers.json"
    path.write_text(answers.model_dump_json(), encoding="utf-8")
    assert run(["score", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"]["background"] == "specialist"
    assert run(["--lang", "en", "score", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert V3.path is not None
    project = next(s for s in V3.path.stations if s.id == "project")
    assert " ".join(project.what("en").split())[:40] in out


@pytest.mark.parametrize("viewer", ["self", "other"])
def test_specialists_read_development_steps_for_their_present_post(viewer: str) -> None:
    """Their development section says the steps need no lead role; others keep the general
    intro; and their steps are the general ones, not those written for heads of IT."""
    from assessment.messages import voiced

    specialist = summarize(_result("specialist"), V3, "de", viewer)  # type: ignore[arg-type]
    lead = summarize(_result("experienced"), V3, "de", viewer)  # type: ignore[arg-type]
    intro = voiced("v2.group_development_intro_specialist", "de", viewer)  # type: ignore[arg-type]
    development = [g for g in specialist.groups if g.key == "development"]
    assert development
    assert development[0].intro == intro
    assert all(g.intro != intro for g in lead.groups)
    crisis = V3.dimension("crisis")
    assert crisis.steps_for("specialist") == crisis.next_steps
    assert crisis.steps_for("experienced") != crisis.next_steps
