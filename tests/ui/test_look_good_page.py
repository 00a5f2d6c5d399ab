"""Rules 4's consistency notice on the traps on the page a share link opens, in German and
English: its own words, quoting a trap statement of the bank, under the consistency heading."""

from __future__ import annotations

import re

import pytest

from assessment.bank.models import LikertItem
from assessment.codes.links import SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.engine.result import build_result
from assessment.i18n import Language
from assessment.messages import msg
from tests.ui.conftest import new_app, texts
from tests.unit.engine.test_look_good_v4 import BANK, answers_of, looking_good

pytestmark = pytest.mark.usefixtures("slow_clock")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shared_page_shows_the_notice_on_the_traps(lang: Language) -> None:
    result = build_result(answers_of(looking_good), BANK)
    flag = next(f for f in result.quality if f.kind == "look_good_answers")
    quoted = BANK.item(flag.where[0])
    assert isinstance(quoted, LikertItem)
    app = new_app(**{SHARE_PARAM: encode_share_code(result.answers), "lang": lang})
    assert not app.exception
    shown = re.sub(r"\s+", " ", texts(app))
    opening = msg("other.rules4.look_good.notice", lang, statement="\0", basis="").split("\0")[0]
    assert re.sub(r"\s+", " ", opening) in shown
    assert quoted.text(lang) in shown
    assert msg("views.consistency_heading", lang) in shown
