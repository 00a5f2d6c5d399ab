"""Names and operator entries are text, never Markdown: no autolinked address or e-mail, no
HTML, no emphasis, no heading or list — on the colleague's page, the thank-you page and the
legal pages (issue 23, points 7 and 8).

`hazards` is a conservative reading of what GitHub-flavoured Markdown (Streamlit's renderer,
with its LaTeX and emoji extensions) would interpret in a piece of Markdown source; it knows
nothing of how `plain` escapes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from assessment.bank.models import UNSURE
from assessment.i18n import Language
from assessment.messages import msg
from assessment.operate.operator import OPERATOR_FILE_ENV
from assessment.ui import peer
from assessment.ui.text import plain, plain_line
from tests.ui.conftest import EXAMPLE_OPERATOR, new_app
from tests.ui.test_peer_views import invitation, rate_pages
from tests.unit.operate.test_operator import _example

HOSTILE = "www.evil.example https://x.example <b>x</b> mail@evil.example &lt; :red[x] $x$ # H\n- li"
MARK = "\x00MARK\x00"
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_HAZARDS = {
    "www autolink": r"(?:^|[\s*_~(])[Ww]{3}\.[^\s.]",
    "url autolink": r"(?i)(?:https?|ftp)://|(?:mailto|xmpp):",
    "e-mail autolink": r"[\w.+-]@[\w-]",
    "HTML or <autolink>": r"<",
    "entity": r"&#?[A-Za-z0-9]+;",
    "emphasis, code or strikethrough": r"[*_~`]",
    "link or image": r"[\[\]]",
    "LaTeX": r"\$",
    "emoji shortcode or directive": r":",
    "heading": r"(?m)^[ \t]*#",
    "list, quote or rule": r"(?m)^[ \t]*(?:[-+*>=]|\d+[.)])",
    "indented code": r"(?m)^[ \t]",
    "line break": r"[\n\r\u2028\u2029]",
}


def hazards(source: str) -> list[str]:
    """Return what Markdown would interpret in source (escaped characters are inert)."""
    inert = _ESCAPED.sub("§", source)
    return [name for name, pattern in _HAZARDS.items() if re.search(pattern, inert)]


def unescape(source: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", source)


def test_the_detector_sees_every_hazard_in_the_raw_name() -> None:
    """The hostile name, unescaped, is full of Markdown (so the tests below can fail)."""
    found = set(hazards(HOSTILE))
    assert {"www autolink", "url autolink", "e-mail autolink", "HTML or <autolink>"} <= found
    assert {"entity", "emoji shortcode or directive", "LaTeX", "list, quote or rule"} <= found


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_plain_line_leaves_nothing_to_interpret(text: str) -> None:
    """Any text through plain_line: no hazard, and unescaped it is the text on one line."""
    shown = plain_line(text)
    assert hazards(shown) == []
    assert unescape(shown) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .-=1#>*@:/w\n \t")))
def test_plain_keeps_lines_but_starts_no_block(text: str) -> None:
    """plain keeps line breaks, yet no line starts a heading, list, quote, rule or code."""
    shown = plain(text)
    assert [h for h in hazards(shown) if h != "line break"] == []


def _name_in(at: AppTest, key: str, lang: Language) -> str:
    """Return the Markdown source of the name in the element made from message key."""
    before, after = msg(key, lang, name=MARK).split(MARK)
    (line,) = [
        m.value for m in at.markdown if m.value.startswith(before) and m.value.endswith(after)
    ]
    return line[len(before) : len(line) - len(after)]


# Display names are at most 30 characters and hold no line break (clean_name refuses it).
HOSTILE_NAMES = (
    "www.evil.example <b>x</b> # H",
    "m@evil.example https://x.ex",
    "&lt; :red[x] $x$ ~~a~~ 1. x",
)


@pytest.mark.usefixtures("slow_clock")
@pytest.mark.parametrize(
    ("lang", "name"), [("de", HOSTILE_NAMES[0]), ("en", HOSTILE_NAMES[1]), ("de", HOSTILE_NAMES[2])]
)
def test_a_name_with_addresses_and_markup_is_plain_text_for_the_colleague(
    lang: Language, name: str
) -> None:
    """The invitation's name is shown literally on the colleague's page and on the thank-you
    page: no link, no HTML, no heading, no list."""
    at = new_app(view="invite", i=invitation(lang, name=name), lang=lang)
    assert not at.exception
    shown = _name_in(at, "ui.peer.invite_from", lang)
    assert hazards(shown) == []
    assert unescape(shown) == name

    rate_pages(at, lambda number: UNSURE if number % 3 == 0 else 3)
    at.button(key=peer.SUBMIT_KEY).click().run()
    assert not at.exception
    assert at.code  # the thank-you page with the peer code
    shown = _name_in(at, "ui.peer.thanks_code", lang)
    assert hazards(shown) == []
    assert unescape(shown) == name
    assert peer.EDIT_KEY in [b.key for b in at.button]


@pytest.mark.parametrize("page", ["impressum", "datenschutz", "barrierefreiheit"])
def test_operator_entries_are_plain_text_on_the_legal_pages(
    page: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Names, addresses, e-mail addresses and web addresses of the operator file are shown as
    text: each line of each block has no hazard, whatever the operator wrote."""
    raw = _example()
    one_line = HOSTILE.replace("\n", " ")
    raw["provider"]["name"] = one_line
    raw["provider"]["represented_by"] = one_line
    raw["privacy"]["hosting"] = one_line
    raw["privacy"]["supervisory_authority"]["name"] = one_line
    raw["accessibility"]["enforcement_body"]["name"] = one_line
    operator = tmp_path / "operator.toml"
    operator.write_text(tomli_w.dumps(raw), encoding="utf-8")
    monkeypatch.setenv(OPERATOR_FILE_ENV, str(operator))
    at = new_app(view=page, lang="de")
    assert not at.exception
    assert not at.error
    evil = 0
    for element in at.markdown:
        for line in element.value.split("  \n"):
            if "evil" not in line and "lbb" not in line and "ldi" not in line:
                continue
            evil += 1
            assert hazards(line.removeprefix("- ")) == [], line
    assert evil >= 1
    assert EXAMPLE_OPERATOR.exists()
