"""The load client against a real Streamlit server: one simulated person on a tiny page, and the
load benchmark's complete walk of the newest bank on the app and on its bare twin."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import UNSURE
from assessment.codes.links import PROGRESS_PARAM
from assessment.codes.share import decode_code
from assessment.ui.state import pages_of
from tests.loadclient import (
    COMPLETE,
    FINISH,
    Flow,
    Person,
    StreamlitServer,
    StreamlitSession,
    share_codes,
)

ROOT = Path(__file__).resolve().parents[2]

PAGE = """
import streamlit as st

choice = st.radio("Frage", ("nein", "ja"), index=None, key="q")
if st.button("Weiter", key="next"):
    st.query_params["p"] = "2"
st.markdown(f"choice={choice}")
"""


@pytest.mark.e2e
@pytest.mark.timeout(120)
def test_one_person_gets_script_finished_and_widget_ids(tmp_path: Path) -> None:
    """Open, set a radio, click a button: each run finishes and the app's state comes back."""
    script = tmp_path / "tiny.py"
    script.write_text(PAGE, encoding="utf-8")

    async def person(url: str) -> None:
        async with StreamlitSession(url) as tab:
            first = await tab.open()
            assert first.status == "FINISHED_SUCCESSFULLY"
            radio = first.find(key="q")
            assert radio.id.startswith("$$ID-")
            assert radio.options == ("nein", "ja")
            assert "choice=None" in first.texts
            chosen = await tab.set({"q": 1})
            assert "choice=ja" in chosen.texts
            await tab.click("next")
            assert tab.query_string == "p=2"

    with StreamlitServer(script, cwd=tmp_path) as server:
        asyncio.run(person(server.url))


def _walk(script: Path, flow: Flow, seed: int) -> Person:
    """One person walks flow on a fresh server of script; return the person."""
    with StreamlitServer(script, environment={"SELBSTCHECK_WARM_UP": "0"}) as server:
        person = Person(server.url, share_codes(1)[0], random.Random(seed), flow=flow)  # noqa: S311

        async def visit() -> None:
            try:
                await person.visit()
            finally:
                if person.session is not None:
                    await person.session.close()

        asyncio.run(visit())
    return person


@pytest.mark.e2e
@pytest.mark.timeout(240)
def test_a_person_completes_the_newest_short_form_as_the_load_figures_do() -> None:
    """The load benchmark's complete walk answers every page of the newest bank's short form —
    statements with "can't judge yet", trade-offs, situations, knowledge questions with "can't
    say", the working conditions — and reaches the own result; the URL's progress code then holds
    a complete answer set of that bank. The bare twin asks the same radios, page by page."""
    bank = load_bank(latest_version())
    person = _walk(ROOT / "app.py", COMPLETE, seed=5)
    [code] = parse_qs(person.query_string)[PROGRESS_PARAM]
    decoded = decode_code(code)
    pages = pages_of(bank.version, "short")
    assert (decoded.answers.bank_version, decoded.answers.form) == (bank.version, "short")
    assert decoded.page == len(pages) == person.pages_answered
    assert set(decoded.answers.responses) == {item.id for page in pages for item in page}
    asked = {item.id for item in bank.asked_preferences()}
    assert asked
    assert asked <= set(decoded.answers.responses)
    assert UNSURE in decoded.answers.responses.values()  # "can't say" is an answer, too
    assert person.timings[-1].name == FINISH
    assert all(timing.ok for timing in person.timings)

    bare = _walk(ROOT / "tests" / "benchmarks" / "bare" / "bare_app.py", COMPLETE, seed=5)
    assert bare.layout == person.layout
    assert [t.name for t in bare.timings] == [t.name for t in person.timings]


FRAGMENT_PAGE = """
import streamlit as st

st.radio("Sprache", ("de", "en"), index=0, key="lang")


@st.fragment
def body() -> None:
    choice = st.radio("Frage", ("nein", "ja"), index=None, key="q")
    st.markdown(f"choice={choice}")
    if st.button("Weiter", key="next"):
        st.rerun(scope="app")


body()
"""


@pytest.mark.e2e
@pytest.mark.timeout(120)
def test_a_change_inside_a_fragment_reruns_the_fragment_as_a_browser_does(
    tmp_path: Path,
) -> None:
    """A radio inside an st.fragment reruns only the fragment (the widgets outside stay
    known); a widget outside, or the fragment asking for the whole page, runs it all."""
    script = tmp_path / "fragment.py"
    script.write_text(FRAGMENT_PAGE, encoding="utf-8")

    async def person(url: str) -> None:
        async with StreamlitSession(url) as tab:
            first = await tab.open()
            assert first.find(key="q").fragment_id != ""
            assert first.find(key="lang").fragment_id == ""
            chosen = await tab.set({"q": 1})
            assert chosen.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"
            assert "choice=ja" in chosen.texts
            assert chosen.find(key="lang").id == first.find(key="lang").id  # kept from before
            assert chosen.elements["radio"] == 1  # only the fragment's radio was sent
            whole = await tab.click("next")
            assert whole.status == "FINISHED_SUCCESSFULLY"
            assert whole.elements["radio"] == 2
            switched = await tab.set({"lang": 1})
            assert switched.status == "FINISHED_SUCCESSFULLY"
            assert "choice=ja" in switched.texts

    with StreamlitServer(script, cwd=tmp_path) as server:
        asyncio.run(person(server.url))
