"""The load client against a real Streamlit server: one simulated person on a tiny page."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.loadclient import StreamlitServer, StreamlitSession

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
