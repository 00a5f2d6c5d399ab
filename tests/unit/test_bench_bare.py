"""The bare twin (tests/benchmarks/bare/) that every app figure of `make bench` is compared with
asks and shows what the app does on the newest bank: the short form's pages, the result's
elements. When the bank or the result page changes, the twin must follow, or the ratios lie."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

from assessment.bank.load import latest_version, load_bank
from assessment.bank.models import (
    PREFERENCE_ANSWERS,
    Bank,
    Item,
    KnowledgeItem,
    PreferenceItem,
    Scenario,
    TradeoffItem,
    answer_values,
    offers_unsure,
)
from assessment.codes.links import SHARE_PARAM
from assessment.render.scale import is_frequency
from assessment.ui.state import pages_of
from tests.benchmarks.bare import bare_views
from tests.loadclient import share_codes

ROOT = Path(__file__).resolve().parents[2]
BARE = ROOT / "tests" / "benchmarks" / "bare"
# The result's element kinds that make up its size; each may differ from the app's by this share
# (a sentence more or less on the result page need not touch the twin).
RESULT_KINDS = ("markdown", "caption", "expander", "flex_container", "column")
TOLERANCE = 0.15


def _kind_and_options(item: Item, bank: Bank) -> tuple[str, int]:
    """Return how the questionnaire draws an item: its kind and its radio's number of options
    (assessment/ui/questionnaire.py): its numbered answers (1–4 on a frequency statement) and
    the one besides them, "keine Gelegenheit" on every frequency statement, "can't judge yet"
    where a statement presumes experience and the bank names that answer."""
    if isinstance(item, Scenario):
        return bare_views.SITUATIONS, len(item.options)
    if isinstance(item, KnowledgeItem):
        return bare_views.KNOWLEDGE, len(item.options) + 1  # and "can't say"
    if isinstance(item, PreferenceItem):
        return bare_views.PREFERENCES, len(PREFERENCE_ANSWERS)
    besides = offers_unsure(item) and (is_frequency(item) or bank.unsure_label is not None)
    kind = bare_views.TRADEOFFS if isinstance(item, TradeoffItem) else bare_views.STATEMENTS
    return kind, len(answer_values(item)) + besides


def test_the_bare_twin_has_the_pages_of_the_newest_banks_short_form() -> None:
    """The bare page the load figures are compared with asks what the newest bank's short form
    asks, page by page: the same kind of question and the same number of options per radio."""
    bank = load_bank(latest_version())
    pages = pages_of(bank.version, "short")
    expected = []
    for page in pages:
        drawn = [_kind_and_options(item, bank) for item in page]
        kinds = {kind for kind, _ in drawn}
        assert len(kinds) == 1, "a page has one kind of question"
        expected.append((kinds.pop(), tuple(options for _, options in drawn)))
    assert tuple(expected) == bare_views.SHORT_FORM
    assert bank.form_question_count("short") == bare_views.QUESTIONS


def _kinds(node: Node, counts: Counter[str]) -> Counter[str]:
    """Count the elements below node by kind, as AppTest names them."""
    if isinstance(node, Block):
        for child in node.children.values():
            counts[child.type] += 1
            _kinds(child, counts)
    return counts


def test_the_bare_result_has_as_many_elements_as_the_newest_banks_shared_result() -> None:
    """The bare result page draws about as many paragraphs, captions, sections, boxes and
    columns as the app's shared result of a full form of the newest bank (bench_ui's and
    bench_load's result), and the same chart, toggle, download and button."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params[SHARE_PARAM] = share_codes(2)[1]  # a full form, as bench_ui shows it
    app.run()
    bare = AppTest.from_file(str(BARE / "bare_result.py"), default_timeout=60)
    bare.run()
    assert not app.exception
    assert not bare.exception
    drawn, twin = _kinds(app.main, Counter()), _kinds(bare.main, Counter())
    for kind in RESULT_KINDS:
        assert abs(twin[kind] - drawn[kind]) <= TOLERANCE * drawn[kind], (kind, drawn, twin)
    for kind in ("vega_lite_chart", "toggle", "download_button", "button"):
        assert twin[kind] == drawn[kind], (kind, drawn, twin)
    assert abs(twin.total() - drawn.total()) <= TOLERANCE * drawn.total()
