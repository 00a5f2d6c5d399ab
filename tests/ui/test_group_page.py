"""The group evaluation page driven through AppTest: reach it, paste codes, read the overview."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS
from assessment.codes.share import encode_share_code
from assessment.group.itemstats import MIN_RESPONSES_FOR_STATS
from assessment.group.overview import MAX_GROUP_LINES, parse_codes, score_group
from assessment.messages import msg
from assessment.peer.codes import decode_peer_code, invitation_id
from assessment.peer.summary import encode_summary, summarize
from assessment.ui import group as group_page
from assessment.ui import state
from assessment.ui.text import plain
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers
from tests.ui.conftest import new_app, texts
from tests.ui.test_injection import LIVE
from tests.unit.peer.test_peer import own_answers, peer_code

PERSONAS = (FIREFIGHTER, MODERNIZER, TECHNICIAN)
CODES = tuple(
    encode_share_code(persona_answers(traits, form=form))
    for traits in PERSONAS
    for form in FORM_IDS
)
PAYLOADS = ("<img src=x onerror=alert(1)>", "[x](javascript:alert(1))")


def group_app(**query: str) -> AppTest:
    """Return the app opened on the group page."""
    return new_app(view=state.GROUP_VIEW, **query)


def paste(at: AppTest, lines: list[str] | tuple[str, ...]) -> AppTest:
    """Paste lines into the text area and press Auswerten."""
    at.text_area(key=group_page.TEXT_KEY).input("\n".join(lines))
    return at.button(key=group_page.EVALUATE_KEY).click().run()


def tables(at: AppTest, column: str) -> list[Any]:
    """Return the st.dataframe elements that have a column of this name, in page order."""
    return [d for d in at.dataframe if column in d.value.columns]


def frame(at: AppTest, column: str, index: int = 0) -> Any:
    """Return the DataFrame of the index-th table with a column of this name."""
    return tables(at, column)[index].value


def frames(at: AppTest) -> list[Any]:
    return [d.value for d in at.dataframe]


def charts(at: AppTest) -> list[list[dict[str, Any]]]:
    """Return the data rows of every Vega-Lite chart on the page (Streamlit sends them as Arrow)."""
    import pyarrow as pa  # type: ignore[import-untyped]

    return [
        [
            row
            for dataset in chart.proto.datasets
            for row in pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
        ]
        for chart in at.get("vega_lite_chart")
    ]


def test_start_page_links_quietly_to_the_group_page() -> None:
    """A small tertiary button under the start button opens ?view=group in the same language."""
    at = new_app(lang="en")
    link = at.button(key="open_group")
    assert link.proto.type == "tertiary"
    assert link.label == "For coaches: evaluate several results together"
    assert [b.key for b in at.button].index("open_group") > [b.key for b in at.button].index(
        "start_button"
    )
    link.click().run()
    assert not at.exception
    assert at.title[0].value == "Group evaluation"
    assert at.query_params["view"] == state.GROUP_VIEW
    assert at.query_params["lang"] == "en"
    assert at.text_area(key=group_page.TEXT_KEY).value == ""
    assert not at.dataframe
    assert not at.get("vega_lite_chart")
    # Back to the start page, in the same language.
    at.button(key=group_page.BACK_KEY).click().run()
    assert not at.exception
    assert at.title[0].value == "Self-check: IT leadership in Duisburg"
    assert "view" not in at.query_params


def test_valid_codes_show_counts_demands_chart_and_anonymous_table() -> None:
    """Six codes: the counts, the met-demand numbers per dimension, one chart, #1…#6."""
    at = paste(group_app(), CODES)
    assert not at.exception
    bank = load_bank(1)
    answers, _ = parse_codes("\n".join(CODES))
    expected = score_group(answers, "duisburg").versions[0]
    shown = texts(at)
    assert "Ausgewertet: 6 · übersprungene Zeilen: 0" in shown
    assert "Verglichen mit dem Umfeld „Allgemeines Duisburg-Profil“." in shown
    assert not at.warning
    assert not at.error

    demands = frame(at, "Zielbereich")
    assert list(demands["Anforderung"]) == [d.name("de") for d in bank.dimensions]
    assert list(demands["Erfüllt"]) == [d.meets for d in expected.dimensions]
    assert list(demands["Darunter"]) == [d.below for d in expected.dimensions]
    assert list(demands["Zielbereich"]) == [f"{d.low}–{d.high}" for d in expected.dimensions]
    assert all(d.meets + d.below + d.unscored == 6 for d in expected.dimensions)

    people = frame(at, "Person")
    assert list(people["Person"]) == [1, 2, 3, 4, 5, 6]
    assert list(people["Anforderungen erfüllt"]) == [p.met for p in expected.persons]
    first = bank.dimensions[0].name("de")
    assert list(people[first]) == [p.scores[0] for p in expected.persons]
    (table,) = tables(at, "Person")
    assert '"#%d"' in table.proto.columns  # shown as #1, #2 …, sorted as numbers
    assert "Version" not in json.dumps(list(table.proto.column_order))  # one version only

    (values,) = charts(at)
    assert {row["name"] for row in values if "name" in row} == {
        d.name("de") for d in bank.dimensions
    }
    assert sum(row["count"] for row in values if "count" in row) == sum(
        len(d.scores) for d in expected.dimensions
    )
    most = expected.development[0]
    assert f"- {bank.dimension(most.dimension).name('de')}: bei {most.people} von 6" in shown
    assert {b.proto.label for b in at.get("download_button")} == {
        "PDF-Gruppenübersicht",
        "Tabelle als CSV",
    }


def test_a_mix_of_valid_and_invalid_lines_lists_each_invalid_one_and_evaluates_the_rest() -> None:
    """Truncated, damaged, duplicate and wordy lines are listed with number and reason."""
    truncated = CODES[0][:-6]
    damaged = CODES[1][:-2] + ("A" if CODES[1][-2] != "A" else "B") + CODES[1][-1]
    lines = [CODES[0], truncated, "Kaffee um zehn, bitte 12-ab_cd-ef", CODES[1], damaged, CODES[0]]
    lines += list(CODES[2:])
    at = paste(group_app(), lines)
    assert not at.exception
    _, invalid = parse_codes("\n".join(lines))
    assert [i.line for i in invalid] == [2, 3, 5, 6]
    shown = texts(at)
    assert f"Ausgewertet: {len(CODES)} · übersprungene Zeilen: 4" in shown
    # Line 6 repeats line 1: readable, counted once, not among the unreadable ones.
    assert at.warning[0].value.startswith("3 Zeilen enthalten keinen lesbaren Code")
    listing = frame(at, "Zeile")
    assert list(listing["Zeile"]) == [2, 3, 5, 6]
    assert list(listing["Grund"]) == [i.message("de") for i in invalid]
    assert list(listing["Inhalt (gekürzt)"]) == [i.text for i in invalid]
    assert msg("group.duplicate", "de", line=1) in list(listing["Grund"])
    assert msg("code.truncated", "de") in list(listing["Grund"])
    assert list(frame(at, "Person")["Person"]) == list(range(1, len(CODES) + 1))
    assert len(charts(at)) == 1


def test_only_invalid_lines_show_only_the_error_listing() -> None:
    """Nothing readable: an error and the listing, no chart, no table, no downloads."""
    at = paste(group_app(), ["Name;Code", "Anna;AQEAMPbUwvE9uAi58", "Ben;kaputt-123_xyzabc"])
    assert not at.exception
    assert [e.value for e in at.error] == [msg("group.no_valid_codes", "de", count=2)]
    assert list(frame(at, "Zeile")["Zeile"]) == [2, 3]
    assert len(at.dataframe) == 1
    assert not at.get("vega_lite_chart")
    assert not at.get("download_button")
    assert not at.header
    assert "Ausgewertet:" not in texts(at)


def test_item_statistics_warn_below_thirty_and_never_invent_numbers() -> None:
    """The maintainers' expander: computed only when open, a warning per form under 30."""
    at = paste(group_app(), CODES)
    expander = at.expander[0]
    assert expander.label == "Für die Pflege des Fragenkatalogs"
    assert not any("vollständige Antworten" in w.value for w in at.warning)  # closed: nothing
    at.session_state[group_page.STATS_KEY] = True
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == len(FORM_IDS)
    for warning in warnings:
        assert warning == msg("group.too_few", "de", n=3, minimum=MIN_RESPONSES_FOR_STATS)
    dimensions = frame(at, "Vollständige Antworten")
    assert list(dimensions["Vollständige Antworten"]) == [3] * len(load_bank(1).dimensions)
    cells = [str(cell) for table in frames(at) for cell in table.to_numpy().ravel()]
    assert "nan" not in cells
    assert "None" not in cells
    items = frame(at, "Polung", 1)
    assert set(items["Polung"]) == {"positiv", "umgekehrt"}
    assert all(re.fullmatch(r"–|−?\d,\d\d", str(r)) for r in items["Korrigierte Trennschärfe"])
    assert "Cronbachs Alpha" in texts(at)


def test_setting_choice_changes_the_target_bands() -> None:
    """Choosing Öffentliche Verwaltung compares the same codes with that setting's bands."""
    at = paste(group_app(), CODES)
    at.selectbox(key=group_page.PROFILE_KEY).set_value("public").run()
    assert not at.exception
    public = load_bank(1).profiles["public"]
    demands = frame(at, "Zielbereich")
    assert list(demands["Zielbereich"]) == [
        f"{public.targets[d].low}–{public.targets[d].high}" for d in load_bank(1).dimension_ids
    ]
    assert "Verglichen mit dem Umfeld „Öffentliche Verwaltung“." in texts(at)


def test_language_switch_keeps_the_pasted_input() -> None:
    """Switching to English keeps the text and the setting and shows the overview in English."""
    at = paste(group_app(), CODES)
    at.selectbox(key=group_page.PROFILE_KEY).set_value("industry").run()
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Group evaluation"
    assert at.text_area(key=group_page.TEXT_KEY).value == "\n".join(CODES)
    assert at.selectbox(key=state.widget_key(group_page.PROFILE_KEY, "en")).value == "industry"
    assert "Evaluated: 6 · lines skipped: 0" in texts(at)
    assert at.query_params["view"] == state.GROUP_VIEW
    assert list(frame(at, "Person")["Person"]) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_lines_are_listed_as_inert_plain_text(payload: str) -> None:
    """A hostile line is echoed only as a plain table cell, never as Markdown or HTML."""
    at = paste(group_app(), [CODES[0], payload])
    assert not at.exception
    listing = frame(at, "Zeile")
    assert list(listing["Inhalt (gekürzt)"]) == [payload]
    for kind in ("title", "subheader", "markdown", "caption", "error", "warning", "info"):
        for element in getattr(at, kind):
            value = str(element.value)
            assert payload not in value, (kind, value)
            assert not LIVE.search(value), (kind, value)
            assert not getattr(element.proto, "allow_html", False)


def test_too_many_lines_give_a_clear_error_and_nothing_else() -> None:
    """More than MAX_GROUP_LINES lines: the limit is named, nothing is decoded or shown."""
    at = paste(group_app(), ["x"] * (MAX_GROUP_LINES + 1))
    assert not at.exception
    assert [e.value for e in at.error] == [
        msg("group.too_many_lines", "de", lines=MAX_GROUP_LINES + 1, limit=MAX_GROUP_LINES)
    ]
    assert not at.dataframe
    assert not at.get("vega_lite_chart")


def test_a_paste_above_the_documented_limit_is_refused_not_evaluated() -> None:
    """The text area stops one character above 1 MB, and the page names the limit."""
    at = group_app()
    area = at.text_area(key=group_page.TEXT_KEY)
    assert area.proto.max_chars == group_page.MAX_INPUT_CHARS + 1
    junk = "\n".join(
        " ".join(f"AQEA{n:06d}{k:012d}" for k in range(5))
        for n in range(group_page.MAX_INPUT_CHARS // 115 + 10)
    )
    assert len(junk) > group_page.MAX_INPUT_CHARS
    area.input(junk[: group_page.MAX_INPUT_CHARS + 1])
    at.button(key=group_page.EVALUATE_KEY).click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [plain(msg("group.too_large", "de", limit_mb=1))]
    assert not at.dataframe
    at.text_area(key=group_page.TEXT_KEY).input(junk[: group_page.MAX_INPUT_CHARS]).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        msg(
            "group.no_valid_codes",
            "de",
            count=len(junk[: group_page.MAX_INPUT_CHARS].split()) // 5 + 1,
        )
    ]
    assert tables(at, msg("ui.group.col_reason", "de"))  # evaluated: every line is listed


def test_the_session_keeps_only_its_input() -> None:
    """After an evaluation the session holds widget values and the flow, no evaluation."""
    at = paste(group_app(), [*CODES, "garbage-line-0000000000"])
    assert not at.exception
    assert tables(at, msg("ui.group.col_reason", "de"))
    from assessment.ui.group import Evaluation

    for key in list(at.session_state):
        value = at.session_state[key]
        assert not isinstance(value, Evaluation | tuple | list), key


def test_feedback_and_summary_codes_are_named_and_sent_to_the_comparison() -> None:
    """A colleague's code or a summary code is not called unreadable: the page says what it is
    and where it belongs (the self/peer comparison on the person's result page)."""
    ours = invitation_id(own_answers())
    peers = [decode_peer_code(peer_code(v, invitation=ours)) for v in (1, 3, 5)]
    summary = encode_summary(summarize(peers, load_bank(2), ours))
    at = paste(group_app(), [*CODES[:2], peer_code(3), summary, "nonsense-code"])
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert msg("ui.group.peer_intro", "de", count=2) in warnings
    # The colleagues' codes were skipped too: "alle übrigen Zeilen" leaves them out (UX pass 5).
    assert msg("fixnew.group.invalid_intro_others", "de", count=1) in warnings
    reasons = list(frame(at, "Grund")["Grund"])
    assert msg("code.peer_code", "de") in reasons
    assert msg("code.summary_code", "de") in reasons
