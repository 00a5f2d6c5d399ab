"""Issue 19 point 4 on the page: where the verdict rests mainly on the self-description, the
result page and the page a share link opens say so, by name, under the headline and in the
consistency notice."""

from __future__ import annotations

import re

import pytest

from assessment.bank.load import load_bank
from assessment.codes.links import SHARE_PARAM
from assessment.codes.share import encode_share_code
from assessment.engine.result import build_result
from assessment.i18n import Language
from assessment.messages import voiced
from tests.ui.conftest import new_app, texts
from tests.unit.render.test_self_based_v3 import CARRIED, _answers

pytestmark = pytest.mark.usefixtures("slow_clock")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shared_page_says_the_verdict_rests_mainly_on_self_description(lang: Language) -> None:
    bank = load_bank(3)
    result = build_result(_answers(), bank)
    assert result.self_carried == (CARRIED,)
    names = bank.dimension(CARRIED).name(lang)
    app = new_app(**{SHARE_PARAM: encode_share_code(result.answers), "lang": lang})
    assert not app.exception
    shown = re.sub(r"\s+", " ", texts(app))
    for key in ("views.self_based.carried", "views.self_based.overall"):
        sentence = voiced(key, lang, "other", names=names)
        assert re.sub(r"\s+", " ", sentence) in shown, key
