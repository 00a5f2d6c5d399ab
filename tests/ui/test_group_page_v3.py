"""Issue 19 on the group page: a group of mixed codes — bank v2 and bank v3 personas, one v3
code with retake marks, one whose consistency notice fired — is scored per version, each v3
person exactly as their own result scores them (the three views combined by the documented
rule, revised answers kept as answered), and the page table, the CSV and the PDF agree."""

from __future__ import annotations

import csv
import io
import re

import pytest

from assessment.bank.models import KnowledgeItem, Scenario
from assessment.codes.share import encode_share_code, markable
from assessment.engine.answers import Answers
from assessment.engine.result import build_result
from assessment.group.overview import group_csv, group_table, parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.messages import msg
from assessment.render.retake import revised_marks
from tests.ui.conftest import texts
from tests.ui.test_group_page import frame, group_app, paste
from tests.unit.engine import test_personas_v2 as v2
from tests.unit.engine import test_personas_v3 as v3

pytestmark = pytest.mark.usefixtures("slow_clock")


def _coached(answers: Answers) -> Answers:
    """The same answers with the best option of every situation and the key of every knowledge
    question, each changed one marked as revised after the rationales (a coached retake)."""
    bank = v3.BANK
    responses = dict(answers.responses)
    revised = []
    for item_id, value in answers.responses.items():
        item = bank.item(item_id)
        if not markable(item):
            continue
        if isinstance(item, KnowledgeItem):
            best = item.key
        else:
            assert isinstance(item, Scenario)
            best = max(item.options, key=lambda o: o.score).id
        if value != best:
            responses[item_id] = best
            revised.append(item_id)
    return answers.model_copy(update={"responses": responses, "revised": tuple(sorted(revised))})


def _group() -> list[Answers]:
    """Two v2 people, then five v3 people of both forms (a starter and a changer among them)."""
    return [
        v2.answers_of(v2.MUNICIPAL_HEAD, profile="public"),
        v2.answers_of(v2.FIREFIGHTER, form="short"),
        v3.answers_of(v3.MUNICIPAL_HEAD, profile="public"),
        v3.answers_of(v3.SMART_FAKER, "short"),
        v3.answers_of(v3.CAREER_STARTER, background="starter"),
        _coached(v3.answers_of(v3.FIREFIGHTER, "short", background="changer")),
        v3.answers_of(v3.MODEST_EXPERT),
    ]


def test_a_mixed_group_is_scored_per_version_as_each_persons_own_result() -> None:
    """Per version a section; every v3 person's scores, level and "vorläufig" are their own
    result's against the chosen setting; the revised answers are scored as given and marked;
    the page, the CSV and the PDF say how many changed answers after the rationales."""
    people = _group()
    codes = [encode_share_code(p) for p in people]
    found, invalid = parse_codes("\n".join(codes))
    assert invalid == []
    assert [p.revised for p in found] == [p.revised for p in people]
    group = score_group(found, "mittelstand")
    assert [s.bank_version for s in group.versions] == [2, 3]
    assert group.mixed_versions
    assert group.retake_column
    section = group.versions[1]
    own = [p for p in people if p.bank_version == 3]
    for person, row in zip(own, section.persons, strict=True):
        result = build_result(person.model_copy(update={"profile": "mittelstand"}), v3.BANK)
        assert row.scores == tuple(s.score for s in result.scores)
        assert row.level == result.match.level
        assert row.tentative == result.tentative
        assert row.revised == bool(person.revised)
    assert [row.tentative for row in section.persons][1]  # the smart faker's notice
    assert section.revised == 1

    at = paste(group_app(), codes)
    assert not at.exception
    shown = texts(at)
    sentence = msg("group.revised_people", "de", count=1, people=len(own))
    assert sentence in shown
    header, rows = group_table(group, v3.BANK, "de")
    table = frame(at, header[0])
    assert list(table.columns) == header
    assert [list(r) for r in table.itertuples(index=False)][-1][-1] == rows[-1][-1]
    marks = revised_marks(own[3], v3.BANK, "de")
    assert marks is not None
    assert rows[2 + 3][-1] == marks.split(": ", 1)[1]
    level = table[msg("group.csv_level", "de")].tolist()
    assert level[3] == msg(
        "group.level_tentative", "de", level=msg(f"level.{section.persons[1].level}", "de")
    )

    lines = list(csv.reader(io.StringIO(group_csv(group, v3.BANK, "de")), delimiter=";"))
    assert lines[0] == header
    assert [line[1] for line in lines[1:]] == ["2", "2", "3", "3", "3", "3", "3"]
    assert lines[-2][-1] == rows[-2][-1]

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(build_group_pdf(group, 0, "de")))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert sentence.split(" (")[0] in text
