"""What a rerun does not redo (issue 24, CPU per interaction): no HTML is dedented again."""

from __future__ import annotations

import pytest
import streamlit.elements.html as streamlit_html
from streamlit.string_util import clean_text
from streamlit.testing.v1 import AppTest

from assessment.ui import shared
from tests.ui.conftest import new_app, start


def _cleaned_during_rerun(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    cleaned: list[str] = []

    def counting(text: object) -> str:
        cleaned.append(str(text))
        return clean_text(text)

    monkeypatch.setattr(streamlit_html, "clean_text", counting)
    at.run()
    return cleaned


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_rerun_of_the_start_page_and_a_question_page_cleans_no_html(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """st.html gets prepared text (assessment.ui.text.PreparedHtml) on the pages a person
    reruns most; the page still sends the same style and scripts."""
    at = new_app(lang=lang)
    assert _cleaned_during_rerun(at, monkeypatch) == []
    bodies = [element.value for element in at.html]
    assert clean_text(shared.A11Y_REPAIRS) in bodies
    assert clean_text(shared.ONE_ENTRY_PER_PAGE) in bodies
    start(at)
    assert at.radio  # a question page
    assert _cleaned_during_rerun(at, monkeypatch) == []
    assert clean_text(shared.ONE_ENTRY_PER_PAGE) in [element.value for element in at.html]
