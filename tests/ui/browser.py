"""AppTest that sends option widgets' values as a browser does: the label it last drew.

Streamlit 1.67 carries a radio's or select box's value between browser and server as the
label of the chosen option. The browser keeps that label until the person clicks or the server
sets a new value; when the labels change (a language switch), it sends the old one. AppTest
instead formats the server's current value with the current labels, which hides every bug of
this kind. `browser_labels` makes AppTest keep and send the labels as the browser would:

- a widget first drawn takes the label of its preselected option (or none);
- a value the server sets (set_value) replaces the label held;
- a test's set_value is a click: the label of the clicked option in the options drawn;
- a widget no longer drawn is forgotten (the browser drops inactive widgets).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import ElementTree, InitialValue, Radio, Selectbox

HELD = "_browser_held_labels"
OptionWidget = Radio[Any] | Selectbox[Any]


def _option_widgets(tree: ElementTree) -> Iterator[OptionWidget]:
    for node in tree:
        if isinstance(node, Radio | Selectbox):
            yield node


def _held(at: AppTest) -> dict[str, str | None]:
    held: dict[str, str | None] = at.__dict__.setdefault(HELD, {})
    return held


def _send_held_labels(at: AppTest, states: WidgetStates) -> None:
    """Replace the labels AppTest would send by those the browser holds (clicks excepted)."""
    held = _held(at)
    clicked = {
        node.id for node in _option_widgets(at._tree) if not isinstance(node._value, InitialValue)
    }
    for state in states.widgets:
        if state.id in clicked:
            held[state.id] = state.string_value if state.HasField("string_value") else None
        elif state.id in held:
            label = held[state.id]
            state.ClearField("string_value")
            if label is not None:
                state.string_value = label


def _remember_drawn_labels(at: AppTest) -> None:
    """Update the labels held from what the run drew."""
    held = _held(at)
    drawn: set[str] = set()
    for node in _option_widgets(at._tree):
        drawn.add(node.id)
        proto = node.proto
        if proto.set_value:
            held[node.id] = proto.raw_value if proto.HasField("raw_value") else None
        elif node.id not in held:
            held[node.id] = proto.options[proto.default] if proto.HasField("default") else None
    for widget_id in set(held) - drawn:
        del held[widget_id]


@pytest.fixture(autouse=True)
def browser_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every AppTest of every UI test send option labels as a browser does (see above)."""
    original = AppTest._run

    def run(
        self: AppTest, widget_state: WidgetStates | None = None, timeout: Any = None
    ) -> AppTest:
        if widget_state is not None:
            _send_held_labels(self, widget_state)
        result = original(self, widget_state, timeout=timeout)
        _remember_drawn_labels(self)
        return result

    monkeypatch.setattr(AppTest, "_run", run)
