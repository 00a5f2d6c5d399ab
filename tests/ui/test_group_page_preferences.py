"""The group page's working-conditions section and the group PDF say the same (issue 21 on every
surface): the same lines, small counts included, and both leave the section out when nobody in
the group answered the block."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.codes.share import encode_share_code
from assessment.group.overview import parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.group.preferences import preference_section
from assessment.i18n import Language
from assessment.messages import msg
from tests.ui.conftest import texts
from tests.ui.test_group_page import group_app, paste
from tests.unit.engine import test_personas_v3 as v3
from tests.unit.engine.test_fit import clear_wishes
from tests.unit.group.test_group_pdf_preferences import DAY, _flat, _text, _wishing

pytestmark = pytest.mark.usefixtures("slow_clock")
V3 = load_bank(3)


def _codes(wishes: bool) -> list[str]:
    """Two v3 people (one of them alone would do: the view has no minimum group size)."""
    people = [
        v3.answers_of(v3.MUNICIPAL_HEAD, profile="public"),
        v3.answers_of(v3.FIREFIGHTER, "short"),
    ]
    if wishes:
        people = [
            _wishing(v3.MUNICIPAL_HEAD, clear_wishes("public"), profile="public"),
            _wishing(v3.FIREFIGHTER, clear_wishes("industry"), "short"),
        ]
    return [encode_share_code(person) for person in people]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_page_and_pdf_show_the_same_tallies(lang: Language) -> None:
    """Every line of the page's section stands in the PDF, and the PDF's section holds nothing
    else: the counts of a group of two, each a 0, 1 or 2, unsuppressed on both."""
    codes = _codes(wishes=True)
    at = paste(group_app(lang=lang), codes)
    assert not at.exception
    answers, _ = parse_codes("\n".join(codes))
    group = score_group(answers)
    shown = preference_section(group.versions[0].preferences, V3, lang)
    assert shown is not None
    heading, lines = shown
    page = texts(at)
    assert heading in page
    for line in lines:
        assert line in page
    pdf = _text(build_group_pdf(group, 0, lang, today=DAY), lang)
    start = pdf.index(heading) + len(heading)
    printed = pdf[start : pdf.index(msg("pdf.caveat", lang), start)].replace("→", " ")
    assert _flat(printed) == _flat(" ".join(lines))


def test_nobody_answered_no_section_on_page_or_pdf() -> None:
    """v3 people who all skipped the block: neither the page nor the PDF has the section."""
    codes = _codes(wishes=False)
    at = paste(group_app(), codes)
    assert not at.exception
    heading = msg("group.prefs.heading", "de")
    assert heading not in texts(at)
    answers, _ = parse_codes("\n".join(codes))
    assert heading not in _text(build_group_pdf(score_group(answers), 0, "de", today=DAY), "de")
