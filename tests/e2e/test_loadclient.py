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
