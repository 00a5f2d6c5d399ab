"""Every released bank through every non-UI surface, with the same answers telling one story.

The banks and answer sets come from tests/banks.py (a new bank folder joins automatically). For
the same answers, the text report, the PDF, the CLI, the JSON export, the share code, the group
overview and the colleagues' comparison agree with the result and its summary.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import LikertItem, TradeoffItem, ValidityItem, answer_values
from assessment.cli import run
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.result import Result, build_result
from assessment.group.overview import group_csv, parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.peer.codes import (
    Invitation,
    PeerAnswers,
    decode_invitation,
    decode_peer_code,
    encode_invitation,
    encode_peer_code,
    peer_items,
)
from assessment.peer.compare import mirror_codes
from assessment.peer.pdf import build_mirror_pdf
from assessment.peer.text import mirror_json, render_mirror_text
from assessment.render.export import result_json
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import Summary, summarize
from assessment.render.text import render_text
from tests.banks import (
    RELEASED,
    AnswerSet,
    answer_set_params,
    answer_sets,
    bank_params,
    first_set_params,
)

DAY = dt.date(2026, 12, 5)
LINK = "http://localhost:8501/?r=x"


def _result(answer_set: AnswerSet) -> Result:
    return build_result(answer_set.answers, load_bank(answer_set.version))


def _flat(text: str) -> str:
    """Text with every run of white space (line wraps included) as one space; a line wrapped
    after a hyphen ("Duisburg-/Profil") joined again."""
    return re.sub(r"(?<=[-–])\s+", "", re.sub(r"\s+", " ", text)).strip()


# The running footer of each page: a paragraph going on over a page break reads whole without it.
FOOTER = re.compile(
    r"(Selbstcheck IT-Leitung Duisburg|Self-check: IT leadership in Duisburg)"
    r" · (Seite|page) \d+ (von|of) \d+"
)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return _flat(FOOTER.sub(" ", " ".join(page.extract_text() for page in reader.pages)))


def _told(summary: Summary) -> list[str]:
    """What every surface that shows this result must say: headline, met line, each demand's
    name and verdict label."""
    return [
        summary.headline,
        summary.met_text,
        *(card.name for card in summary.cards),
        *(card.band_label for card in summary.cards),
    ]


@cache
def _result_pdf_text(name: str, lang: Language, viewer: Viewer = "self") -> str:
    """The text of an answer set's result PDF, built once per process (PDFs take a second)."""
    answer_set = next(s for v in RELEASED for s in answer_sets(v) if s.name == name)
    bank = load_bank(answer_set.version)
    return _pdf_text(build_pdf(_result(answer_set), bank, lang, LINK, today=DAY, viewer=viewer))


def _missing(summary: Summary, text: str) -> list[str]:
    flat = _flat(text)
    return [part for part in _told(summary) if _flat(part) not in flat]


def _has_next_steps(answer_set: AnswerSet) -> bool:
    bank = load_bank(answer_set.version)
    summary = summarize(_result(answer_set), bank, "de")
    return any(card.next_steps for card in summary.cards)


# -- the fixture itself -----------------------------------------------------------------------


def test_released_banks_are_every_version_folder() -> None:
    """v1 and v2 are released; whatever else lies under questions/ joins too."""
    assert RELEASED[:2] == (1, 2)
    folders = sorted(
        int(path.name[1:]) for path in QUESTIONS_DIR.glob("v*") if path.name[1:].isdigit()
    )
    assert list(RELEASED) == folders


def test_answer_sets_cover_each_bank(released_bank_version: int) -> None:
    """Both forms, every profile, every item kind the bank has (and "can't judge yet", the
    background, an area to gain experience where the bank has them) appear in the sets."""
    bank = load_bank(released_bank_version)
    sets = answer_sets(released_bank_version)
    assert {s.answers.form for s in sets} == set(bank.forms)
    assert {s.answers.profile for s in sets} == set(bank.profiles)
    answered = {item_id for s in sets for item_id in s.answers.responses}
    kinds = {type(bank.item(item_id)) for item_id in answered}
    present = {type(item) for form in bank.forms for item in bank.form_items(form)}
    present |= {type(item) for item in bank.asked_preferences()}  # a page of their own
    assert kinds == present
    for s in sets:
        assert all(bank.has_item(item_id) for item_id in s.answers.responses)
    if any(getattr(i, "presumes", None) for i in bank.likert):
        assert any("na" in s.answers.responses.values() for s in sets)
        levels = {m.band for s in sets for m in _result(s).match.dimensions}
        assert "experience" in levels
    if bank.rules.has_background:
        assert {s.answers.background for s in sets} == {"starter", "changer", "experienced"}
        assert any(_result(s).tentative for s in sets)
    if bank.virtues:
        assert any(isinstance(bank.item(i), ValidityItem) for i in answered)
    if bank.tradeoffs:
        assert any(isinstance(bank.item(i), TradeoffItem) for i in answered)


# -- text renderer and summary ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("answer_set", answer_set_params())
def test_text_report_tells_the_summary(answer_set: AnswerSet, lang: Language) -> None:
    """The plain-text report carries the headline, the met line, each demand and its verdict,
    and every next step of the summary."""
    bank = load_bank(answer_set.version)
    result = _result(answer_set)
    summary = summarize(result, bank, lang)
    text = render_text(result, bank, lang)
    assert _missing(summary, text) == []
    steps = [step for card in summary.cards for step in card.next_steps]
    assert [step for step in steps if _flat(step) not in _flat(text)] == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("answer_set", answer_set_params())
def test_summary_for_someone_else_keeps_the_verdicts(answer_set: AnswerSet, lang: Language) -> None:
    """A shared reader sees the same level, verdicts and next steps, worded about the person,
    and never the salary check."""
    bank = load_bank(answer_set.version)
    result = _result(answer_set)
    own = summarize(result, bank, lang, "self")
    other = summarize(result, bank, lang, "other")
    assert other.viewer == "other"
    assert [(c.dimension, c.band, c.band_label, c.score) for c in other.cards] == [
        (c.dimension, c.band, c.band_label, c.score) for c in own.cards
    ]
    assert [c.next_steps for c in other.cards] == [c.next_steps for c in own.cards]
    assert other.met_text == own.met_text
    assert other.tentative == own.tentative
    assert other.salary_lines == ()


# -- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer_set", answer_set_params())
def test_pdf_tells_the_summary(answer_set: AnswerSet) -> None:
    """The PDF builds for every answer set and carries headline, level and verdicts."""
    bank = load_bank(answer_set.version)
    result = _result(answer_set)
    assert _missing(summarize(result, bank, "de"), _result_pdf_text(answer_set.name, "de")) == []


@pytest.mark.parametrize(("lang", "viewer"), [("en", "self"), ("de", "other"), ("en", "other")])
@pytest.mark.parametrize("answer_set", first_set_params())
def test_pdf_in_each_language_and_for_each_viewer(
    answer_set: AnswerSet, lang: Language, viewer: Viewer
) -> None:
    """In English and for a shared reader too, the PDF says what that reader's summary says."""
    bank = load_bank(answer_set.version)
    result = _result(answer_set)
    text = _result_pdf_text(answer_set.name, lang, viewer)
    assert _missing(summarize(result, bank, lang, viewer), text) == []


@pytest.mark.parametrize("answer_set", answer_set_params())
def test_pdf_holds_every_next_step(answer_set: AnswerSet) -> None:
    """The PDF is the take-away: every next step of the summary is in it (issue 18, point 3)."""
    bank = load_bank(answer_set.version)
    result = _result(answer_set)
    summary = summarize(result, bank, "de")
    text = _result_pdf_text(answer_set.name, "de")
    steps = [step for card in summary.cards for step in card.next_steps]
    assert [step for step in steps if _flat(step) not in text] == []


# -- CLI, JSON export and the share code ------------------------------------------------------


@pytest.fixture(scope="module")
def result_schema() -> dict[str, object]:
    """What `selbstcheck schema result` prints."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        assert run(["schema", "result"]) == 0
    schema: dict[str, object] = json.loads(out.getvalue())
    return schema


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("answer_set", answer_set_params())
def test_cli_score_file_prints_the_text_report(
    answer_set: AnswerSet, lang: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`selbstcheck score FILE` prints exactly the text report of the same answers, ending with
    the result code that reopens them."""
    path = tmp_path / "answers.json"
    path.write_text(answer_set.answers.model_dump_json(), encoding="utf-8")
    assert run(["--lang", lang, "score", str(path)]) == 0
    bank = load_bank(answer_set.version)
    code = encode_share_code(answer_set.answers)
    assert capsys.readouterr().out == render_text(_result(answer_set), bank, lang, code=code)


@pytest.mark.parametrize("answer_set", answer_set_params())
def test_cli_score_code_json_is_the_result(
    answer_set: AnswerSet, result_schema: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    """`selbstcheck score --code LINK --json` prints the same result, valid against the schema."""
    code = encode_share_code(answer_set.answers)
    assert run(["score", "--code", f"http://localhost:8501/?r={code}", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, result_schema)
    assert data == _result(answer_set).model_dump(mode="json")


@pytest.mark.parametrize("answer_set", answer_set_params())
def test_cli_encode_gives_the_share_code(
    answer_set: AnswerSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`selbstcheck encode FILE` prints the share code the app would put into the link."""
    path = tmp_path / "answers.json"
    path.write_text(answer_set.answers.model_dump_json(), encoding="utf-8")
    assert run(["encode", str(path)]) == 0
    code = capsys.readouterr().out.strip()
    assert code == encode_share_code(answer_set.answers)
    assert decode_code(code).answers == answer_set.answers


@pytest.mark.parametrize("answer_set", answer_set_params())
def test_json_export_validates_and_keeps_the_verdicts(
    answer_set: AnswerSet, result_schema: dict[str, object]
) -> None:
    """The JSON export validates against `selbstcheck schema result` and keeps level and bands."""
    result = _result(answer_set)
    data = json.loads(result_json(result))
    jsonschema.validate(data, result_schema)
    assert data["match"]["level"] == result.match.level
    assert [d["band"] for d in data["match"]["dimensions"]] == [
        m.band for m in result.match.dimensions
    ]


@pytest.mark.parametrize("answer_set", answer_set_params())
def test_share_code_round_trip_gives_the_same_result(answer_set: AnswerSet) -> None:
    """The `?r=` code holds exactly the answers; the shared result equals the owner's."""
    decoded = decode_code(encode_share_code(answer_set.answers))
    assert decoded.answers == answer_set.answers
    bank = load_bank(answer_set.version)
    assert build_result(decoded.answers, bank) == _result(answer_set)


# -- group: overview, CLI text / JSON, CSV, PDF -----------------------------------------------


def _codes(version: int) -> list[str]:
    return [encode_share_code(s.answers) for s in answer_sets(version)]


@pytest.mark.parametrize("version", RELEASED)
def test_group_overview_shows_each_persons_own_level(version: int) -> None:
    """Each person's level and development areas in the group are those of their own result
    against the same setting (issue 18, point 2: v2 was scored with v1's rules)."""
    bank = load_bank(version)
    people, invalid = parse_codes("\n".join(_codes(version)))
    assert invalid == []
    for profile in bank.profiles:
        group = score_group(people, profile)
        (section,) = group.versions
        for person, answers in zip(section.persons, people, strict=True):
            own = build_result(answers.model_copy(update={"profile": profile}), bank)
            assert person.level == own.match.level
            # A starter's demands below the band are Erfahrungsfelder on their own page too
            # (tests/unit/group/test_group_rules.py compares every mark with the page itself).
            assert person.development == tuple(
                d for d in own.match.development if d not in person.experience
            )


@pytest.mark.parametrize("version", bank_params())
def test_group_csv_and_pdf(version: int) -> None:
    """The group CSV has one row per person in both languages; the group PDF builds."""
    bank = load_bank(version)
    people, _ = parse_codes("\n".join(_codes(version)))
    group = score_group(people)
    for lang in LANGUAGES:
        rows = group_csv(group, bank, lang).strip().splitlines()
        assert [row.split(";" if lang == "de" else ",")[0] for row in rows[1:]] == [
            f"#{n}" for n in range(1, len(people) + 1)
        ]
    text = _pdf_text(build_group_pdf(group, 0, "de", today=DAY))
    assert bank.dimensions[0].name("de") in text


@pytest.mark.parametrize("version", RELEASED)
def test_group_cli_text_and_json(
    version: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`selbstcheck group FILE` and `--json` count every person of the bank (no traceback on
    "can't judge yet" answers)."""
    path = tmp_path / "codes.txt"
    path.write_text("\n".join(_codes(version)) + "\n", encoding="utf-8")
    people = len(answer_sets(version))
    assert run(["group", str(path)]) == 0
    assert str(people) in capsys.readouterr().out
    assert run(["group", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["group"]["people"] == people
    assert data["invalid"] == []


# -- colleagues: invitation, three peer codes, comparison -------------------------------------


def _peer_banks() -> list[object]:
    return [
        pytest.param(version, id=f"v{version}") for version in RELEASED if load_bank(version).peer
    ]


@pytest.mark.parametrize("version", _peer_banks())
def test_peer_round_trip(version: int, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An invitation, three colleagues' codes and the comparison: text, JSON, PDF and CLI."""
    bank = load_bank(version)
    for answer_set in answer_sets(version)[:2]:
        answers = answer_set.answers
        invitation = Invitation(bank_version=version, form=answers.form, name="Alex")
        assert decode_invitation(encode_invitation(invitation)) == invitation
        items = peer_items(bank, answers.form)
        peers = [
            PeerAnswers(
                bank_version=version,
                form=answers.form,
                responses={
                    # 1–5 in turn, 1–4 on a frequency statement (rules 4)
                    item.id: (
                        "na"
                        if (index + rater) % 7 == 0
                        else 1 + (index + rater) % len(answer_values(item))
                    )
                    for index, item in enumerate(items)
                },
            )
            for rater in range(3)
        ]
        codes = [encode_peer_code(peer) for peer in peers]
        assert [decode_peer_code(code) for code in codes] == peers
        mirror = mirror_codes(answers, codes)
        assert (mirror.used, mirror.enough) == (3, True)
        assert {row.dimension for row in mirror.dimensions} <= set(bank.dimension_ids)
        for lang in LANGUAGES:
            assert render_mirror_text(mirror, bank, lang)
            assert json.loads(mirror_json(mirror, bank, lang))["mirror"]["used"] == 3
        assert _pdf_text(build_mirror_pdf(mirror, bank, "de", LINK, today=DAY))
        share = encode_share_code(answers)
        assert run(["mirror", share, *codes, "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == json.loads(mirror_json(mirror, bank, "de"))
        assert any(isinstance(item, LikertItem) for item in items)
