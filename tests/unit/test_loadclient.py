"""The load client's protocol pieces (element ids, widget states, addresses) and its flows."""

from __future__ import annotations

import pytest
from streamlit.proto.Element_pb2 import Element

from assessment.bank.load import latest_version
from assessment.ui import result as result_page
from assessment.ui.questionnaire import NEXT_KEY
from assessment.ui.state import ITEM_KEY_PREFIX, pages_of
from tests.loadclient import (
    COMPLETE,
    MAX_PAGES,
    Flow,
    LoadClientError,
    LoadReport,
    Timing,
    Widget,
    _user_key,
    _widget_of,
    widget_state,
    ws_url,
)

RADIO = Widget(
    id="$$ID-abc123-item_x", kind="radio", label="Frage", key="item_x", options=("nein", "ja")
)


def test_user_key_is_the_suffix_of_a_generated_id() -> None:
    """A keyed widget's id ends in its user key; an unkeyed one's in None."""
    assert _user_key("$$ID-0f3a-start_button") == "start_button"
    assert _user_key("$$ID-0f3a-item-with-dashes") == "item-with-dashes"
    assert _user_key("$$ID-0f3a-None") is None
    assert _user_key("plain") is None


def test_widget_of_reads_a_radio_element() -> None:
    """A radio delta yields its id, kind, label, key and options; a markdown yields nothing."""
    element = Element()
    element.radio.id = "$$ID-99-start_form"
    element.radio.label = "Umfang"
    element.radio.options.extend(["Kurz", "Lang"])
    assert _widget_of(element) == Widget(
        id="$$ID-99-start_form",
        kind="radio",
        label="Umfang",
        key="start_form",
        options=("Kurz", "Lang"),
    )
    text = Element()
    text.markdown.body = "hello"
    assert _widget_of(text) is None


def test_widget_state_of_a_radio_is_the_option_label() -> None:
    """A radio takes its option's label as string_value, by label or by index."""
    assert widget_state(RADIO, 1).string_value == "ja"
    assert widget_state(RADIO, "nein").string_value == "nein"
    assert widget_state(RADIO, 1).id == RADIO.id


def test_widget_state_refuses_a_value_it_cannot_send() -> None:
    """A number for a button is an error naming the widget kind."""
    button = Widget(id="$$ID-1-b", kind="button", label="Go", key="b")
    with pytest.raises(LoadClientError, match="cannot set a button"):
        widget_state(button, 3)


def test_ws_url_maps_http_to_the_stream_endpoint() -> None:
    """http→ws and https→wss, with /_stcore/stream after any base path."""
    assert ws_url("http://127.0.0.1:8501/") == "ws://127.0.0.1:8501/_stcore/stream"
    assert ws_url("https://example.org/app") == "wss://example.org/app/_stcore/stream"


def test_report_quantiles_and_throughput() -> None:
    """Quantiles use successful interactions only; throughput is per wall second."""
    report = LoadReport(people=2, wall_seconds=2.0, rss_before=1_000, rss_after=3_000)
    report.timings = [Timing("a", s / 100, ok=True) for s in range(1, 101)]
    report.timings.append(Timing("a", 99.0, ok=False))
    assert report.interactions == 100
    assert report.quantile(0.5) == pytest.approx(0.505)
    assert report.quantile(0.95) == pytest.approx(0.9505)
    assert report.throughput == 50.0
    assert report.rss_per_person == 1_000.0


def test_the_complete_flow_walks_every_page_to_the_own_result() -> None:
    """COMPLETE answers every page (no page limit of its own) and stays on the own result, whose
    key is the result page's restart button; the one-page flow stops after one page."""
    assert COMPLETE.pages is None
    assert not COMPLETE.shared_result
    assert COMPLETE.own_result_key == result_page.RESTART_KEY
    assert Flow().pages == 1
    assert Flow().result_key == result_page.TAKE_CHECK_KEY
    assert Flow().item_prefix == ITEM_KEY_PREFIX
    assert Flow().next_key == NEXT_KEY
    assert max(len(pages_of(latest_version(), form)) for form in ("short", "full")) < MAX_PAGES
