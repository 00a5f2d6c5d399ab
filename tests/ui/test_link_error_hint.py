"""UX pass m9: the page of a link that cannot be opened says what helps for its kind of link – a
cut-short share link: ask for the complete link; one's own progress link: the progress is only
in the link, so nothing claims that nothing was lost – and says a wrong length in plain words."""

from __future__ import annotations

import pytest

from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM
from assessment.codes.share import encode_progress_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.i18n import Language
from assessment.messages import msg
from tests.ui.conftest import new_app, texts

ANSWERS = Answers(bank_version=3, form="short", responses={})


def _flat(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_cut_short_share_link_asks_for_the_complete_link(lang: Language) -> None:
    at = new_app(**{SHARE_PARAM: encode_share_code(ANSWERS)[:-5], "lang": lang})
    assert not at.exception
    page = _flat(texts(at))
    assert _flat(msg("ux.link_error.share", lang)) in page
    assert {"de": "Bitten Sie um den vollständigen Link", "en": "Ask for the complete link"}[
        lang
    ] in page


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_own_progress_link_does_not_claim_nothing_was_lost(lang: Language) -> None:
    code = encode_progress_code(ANSWERS, 0)
    at = new_app(**{PROGRESS_PARAM: code[:-5], "lang": lang})
    assert not at.exception
    page = _flat(texts(at))
    assert _flat(msg("ux.link_error.progress", lang)) in page
    assert _flat(msg("ux.link_error.share", lang)) not in page
    for claim in ("nichts verloren", "Nothing stored on the server has been lost"):
        assert claim not in page


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_wrong_length_is_said_in_plain_words(lang: Language) -> None:
    text = msg("code.wrong_length", lang)
    assert "Fragebogen" not in text
    assert "questionnaire" not in text
    assert "Länge" not in text
    assert "length" not in text


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    "code", ["A" * 20_000, "<script>alert(1)</script>", "hallo-welt"], ids=["long", "chars", "word"]
)
def test_a_foreign_code_is_not_said_to_miss_its_end(lang: Language, code: str) -> None:
    """UX pass 3, m-3: too long, foreign characters, not a code – the advice fits that error
    (something was pasted in or changed), not "usually the end gets lost when copying"."""
    at = new_app(**{SHARE_PARAM: code, "lang": lang})
    assert not at.exception
    page = _flat(texts(at))
    assert _flat(msg("ux3.link_error.share_foreign", lang)) in page
    for cut in ("meist fehlt beim Kopieren das Ende", "usually the end gets lost"):
        assert cut not in page
