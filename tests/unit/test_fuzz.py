"""Fuzzing of every parser of outside input: codes, pasted links, URL parameters, CLI files, banks.

Each input either becomes a valid model or raises the typed error with a clear one-line message;
nothing else escapes. Quick under `make test`, 10,000 examples per test under `make fuzz`.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import tomllib
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import example, given
from hypothesis import strategies as st

from assessment.bank.load import load_bank, read_bank
from assessment.bank.models import Bank
from assessment.cli import EXIT_USAGE, read_answers_file, run
from assessment.codes.links import PROGRESS_PARAM, SHARE_PARAM, code_from_text
from assessment.codes.share import (
    MAX_CODE_LENGTH,
    DecodedCode,
    decode_code,
    encode_code,
    encode_progress_code,
    encode_share_code,
)
from assessment.engine.answers import Answers, check_answers
from assessment.errors import AnswersError, BankError, CodeError, SelbstcheckError
from assessment.i18n import LANGUAGES
from tests.bankcopy import copy_bank
from tests.strategies import answers

URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<script>alert(1)</script>",
    "%3Cscript%3E",
    "\x00\n\r\t\u202e",
    "A" * 5_000,
)
BANK_FILES = (
    "bank.toml",
    "dimensions.toml",
    "forms.toml",
    "profiles.toml",
    "salary.toml",
    "items/budget.toml",
    "items/crisis.toml",
    "items/security.toml",
)


# -- shared checks -----------------------------------------------------------------------------


def assert_clear_message(error: SelbstcheckError) -> None:
    """A typed error has a filled-in, one-line message in both languages."""
    for language in LANGUAGES:
        text = error.message(language)
        assert text.strip(), f"{error.key}: empty message"
        assert "\n" not in text, f"{error.key}: message spans lines"
        assert "\r" not in text, f"{error.key}: message spans lines"
        assert "{" not in text or "}" not in text, f"{error.key}: unfilled placeholder"
    assert error.message("de") != error.message("en")


def assert_clear_answers_error(error: AnswersError) -> None:
    """An answers-file error names the file and says what is wrong, in both languages."""
    for language in LANGUAGES:
        assert "answers.json" in error.message(language)
        assert error.message(language).strip()


def assert_clear_bank_error(error: BankError, folder: Path) -> None:
    """A bank error names a file of the bank, the entry and the problem."""
    assert error.path.is_relative_to(folder), f"names a file outside the bank: {error}"
    assert error.path.name in str(error)
    assert error.entry
    assert error.problem.strip()


def assert_valid_decoded(decoded: DecodedCode) -> None:
    """A decoded code fits its bank, and encoding it again gives a code that decodes the same."""
    bank = load_bank(decoded.answers.bank_version)
    check_answers(decoded.answers, bank)
    again = encode_code(decoded.answers, decoded.kind, decoded.page)
    assert decode_code(again) == decoded


def decode_or_code_error(text: str) -> DecodedCode | None:
    """Decode text; a CodeError is an accepted outcome (checked for a clear message)."""
    try:
        decoded = decode_code(text)
    except CodeError as error:
        assert_clear_message(error)
        return None
    assert_valid_decoded(decoded)
    return decoded


# -- share and progress codes ------------------------------------------------------------------


def _framed(body: bytes) -> str:
    """Return body with a correct CRC-32, as a code: gets past the checksum to the deeper checks."""
    raw = body + zlib.crc32(body).to_bytes(4, "big")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


crc_framed_codes = st.builds(
    lambda version, flags, rest: _framed(bytes([1, version, flags]) + rest),
    st.sampled_from([0, 1, 2, 255]),
    st.integers(min_value=0, max_value=255),
    st.binary(max_size=60),
)
base64_codes = st.binary(max_size=160).map(
    lambda raw: base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
)
code_like_text = st.one_of(
    st.text(max_size=MAX_CODE_LENGTH + 20),
    st.text(alphabet=URL_SAFE + " =\n\t.", max_size=MAX_CODE_LENGTH + 20),
    base64_codes,
    crc_framed_codes,
    st.sampled_from(PAYLOADS),
)


@given(code_like_text)
@example("")
@example("A" * (MAX_CODE_LENGTH + 1))
@example("AQEA")
def test_fuzz_decode_code_gives_a_valid_model_or_code_error(text: str) -> None:
    """Any text decodes to answers that fit their bank, or raises CodeError with a clear message."""
    decode_or_code_error(text)


@given(answers(), st.data())
def test_fuzz_mutated_codes_decode_or_raise_code_error(
    given_answers: Answers, data: st.DataObject
) -> None:
    """A real code with bytes flipped, cut, doubled or appended never escapes as another error."""
    kind = data.draw(st.sampled_from(["result", "progress"]))
    page = data.draw(st.integers(min_value=0, max_value=255))
    code = (
        encode_share_code(given_answers)
        if kind == "result"
        else encode_progress_code(given_answers, page)
    )
    raw = bytearray(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)))
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "append", "recrc"]))
        position = data.draw(st.integers(min_value=0, max_value=max(0, len(raw) - 1)))
        if action == "flip" and raw:
            raw[position] ^= 1 << data.draw(st.integers(min_value=0, max_value=7))
        elif action == "cut":
            del raw[position:]
        elif action == "insert":
            raw[position:position] = data.draw(st.binary(min_size=1, max_size=4))
        elif action == "append":
            raw += data.draw(st.binary(min_size=1, max_size=8))
        elif len(raw) > 4:
            raw[-4:] = zlib.crc32(bytes(raw[:-4])).to_bytes(4, "big")
    decode_or_code_error(base64.urlsafe_b64encode(bytes(raw)).decode("ascii").rstrip("="))


# -- pasted codes and links --------------------------------------------------------------------

link_like_text = st.one_of(
    st.text(max_size=2_100),
    st.builds(
        lambda prefix, name, value, suffix: f"{prefix}?{name}={value}{suffix}",
        st.sampled_from(["", "http://127.0.0.1:8501/", "https://x/", "http://[::1", "[", "a]"]),
        st.sampled_from([SHARE_PARAM, PROGRESS_PARAM, "lang", "x", ""]),
        st.one_of(code_like_text, st.sampled_from(PAYLOADS)),
        st.sampled_from(["", "#top", "&r=", "&p=AAAA", "&&", "%", "%zz", "\n"]),
    ),
    st.builds(
        lambda answers_, kind: f"http://127.0.0.1:8501/?{kind}={encode_share_code(answers_)}",
        answers(),
        st.sampled_from([SHARE_PARAM, PROGRESS_PARAM]),
    ),
)


@given(link_like_text)
@example("http://[::1?r=AAAA")  # an unclosed IPv6 host: urlsplit raises ValueError
@example("http://a]?r=AAAA")
def test_fuzz_code_from_text_gives_a_code_or_code_error(text: str) -> None:
    """Pasted text yields a code string (then decoded or refused), or raises CodeError."""
    try:
        code = code_from_text(text)
    except CodeError as error:
        assert_clear_message(error)
        return
    assert isinstance(code, str)
    decode_or_code_error(code)


# -- CLI answer files --------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(PAYLOADS),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)


@st.composite
def near_answers_json(draw: st.DrawFn) -> str:
    """Valid answers as JSON, then with fields replaced, removed or added."""
    data: dict[str, Any] = draw(answers()).model_dump(mode="json")
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        key = draw(
            st.sampled_from(
                [*data, "responses", "page_seconds", "extra", "bank_version", "profile"]
            )
        )
        action = draw(st.sampled_from(["replace", "remove", "response"]))
        if action == "replace":
            data[key] = draw(json_values)
        elif action == "remove":
            data.pop(key, None)
        elif isinstance(data.get("responses"), dict):
            item = draw(
                st.sampled_from(sorted(load_bank(1).forms["full"].items)) | st.text(max_size=12)
            )
            data["responses"][item] = draw(json_values)
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


answers_file_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(str.encode),
    json_values.map(lambda value: json.dumps(value).encode()),
    near_answers_json().map(str.encode),
    st.sampled_from(
        [
            b"[" * 100_000,  # nesting deeper than the recursion limit
            b'{"bank_version": ' + b"1" * 5_000 + b"}",  # more digits than int() accepts
            b"\xef\xbb\xbf{}",  # a UTF-8 byte order mark
            b"",
        ]
    ),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for files written during fuzzing (module-scoped: Hypothesis reuses it)."""
    return tmp_path_factory.mktemp("fuzz")


@given(content=answers_file_bytes, language=st.sampled_from(LANGUAGES))
@example(content=b"[" * 100_000, language="en")
@example(content=b'{"bank_version": ' + b"1" * 5_000 + b"}", language="en")
def test_fuzz_read_answers_file_gives_answers_or_answers_error(
    scratch: Path, content: bytes, language: str
) -> None:
    """Any file content gives Answers or raises AnswersError with a clear message."""
    path = scratch / "answers.json"
    path.write_bytes(content)
    try:
        parsed = read_answers_file(path, language)  # type: ignore[arg-type]
    except AnswersError as error:
        assert_clear_answers_error(error)
        return
    assert isinstance(parsed, Answers)


def _run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = run(argv)
    return status, out.getvalue(), err.getvalue()


def assert_cli_outcome(status: int, out: str, err: str) -> None:
    """Exit 0 with output and no error, or exit 2 with exactly one `selbstcheck:` line."""
    assert "Traceback" not in out + err
    if status == 0:
        assert out
        assert not err
    else:
        assert status == EXIT_USAGE
        assert not out
        assert err.startswith("selbstcheck: ")
        assert err.count("\n") == 1, f"not one line: {err!r}"
        assert err.endswith("\n")
        assert "\r" not in err, f"control characters: {err!r}"
        assert "\x1b" not in err, f"control characters: {err!r}"


@given(
    content=answers_file_bytes,
    command=st.sampled_from(
        [["score"], ["score", "--json"], ["encode"], ["--lang", "en", "score"], ["score", "-p"]]
    ),
)
@example(
    content=b'{"bank_version": 1, "form": "short", "responses": {"x\\ny": 3}}', command=["encode"]
)
@example(
    content=b'{"bank_version": 1, "form": "short", "responses": {"x\\ny": 9}}', command=["score"]
)
def test_fuzz_cli_answer_files_exit_0_or_2_in_one_line(
    scratch: Path, content: bytes, command: list[str]
) -> None:
    """The CLI on any answers file exits 0 with output, or 2 with one line; never a traceback."""
    path = scratch / "cli.json"
    path.write_bytes(content)
    argv = [*command, str(path)]
    if argv[-2] == "-p":
        argv[-2:-1] = ["--profile", "industry"]
    assert_cli_outcome(*_run_cli(argv))


@given(
    text=st.one_of(link_like_text, code_like_text).filter(lambda t: "\x00" not in t),
    language=st.sampled_from(LANGUAGES),
)
def test_fuzz_cli_codes_exit_0_or_2_in_one_line(text: str, language: str) -> None:
    """`selbstcheck score --code=…` with any text exits 0 or 2 in one line."""
    assert_cli_outcome(*_run_cli(["--lang", language, "score", f"--code={text}"]))


# -- bank TOML files ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bank_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of bank v1 whose files the fuzzer overwrites (and restores)."""
    return copy_bank(tmp_path_factory.mktemp("bank"))


toml_scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(PAYLOADS),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Yield the path of every value in a TOML document (tables, arrays and scalars)."""
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))


@st.composite
def mutated_toml(draw: st.DrawFn, original: bytes) -> bytes:
    """The original TOML document with one to three values replaced, removed or duplicated."""
    data = tomllib.loads(original.decode("utf-8"))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = list(_leaves(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = draw(st.sampled_from(["replace", "remove", "duplicate", "add"]))
        if action == "replace":
            parent[last] = draw(toml_values)
        elif action == "remove":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(parent[last])
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(toml_values)
    return tomli_w.dumps(data).encode("utf-8")


@st.composite
def bank_file_edit(draw: st.DrawFn) -> tuple[str, bytes]:
    """One bank file and new content for it: bytes, text, random TOML or a mutation."""
    name = draw(st.sampled_from(BANK_FILES))
    original = (load_bank_folder() / name).read_bytes()
    content = draw(
        st.one_of(
            st.binary(max_size=200),
            st.text(max_size=200).map(str.encode),
            st.dictionaries(st.text(max_size=8), toml_values, max_size=4).map(
                lambda data: tomli_w.dumps(data).encode()
            ),
            mutated_toml(original),
            mutated_toml(original),
            st.sampled_from([b"\xff\xfe", b"x = " + b"[" * 5_000, b"x = " + b"{a=" * 3_000]),
        )
    )
    return name, content


def load_bank_folder() -> Path:
    """The released bank v1 folder (read only)."""
    from assessment.bank.load import QUESTIONS_DIR

    return QUESTIONS_DIR / "v1"


@given(bank_file_edit())
@example(("forms.toml", b"\xff\xfe"))  # not UTF-8
@example(("forms.toml", b"x = " + b"[" * 5_000 + b"]" * 5_000))  # nesting past the stack
@example(("dimensions.toml", b'[[dimensions]]\nid = ""\n'))  # the error must still name an entry
def test_fuzz_bank_files_load_or_raise_bank_error(bank_copy: Path, edit: tuple[str, bytes]) -> None:
    """A bank folder with any one file changed loads as a Bank or raises BankError naming it."""
    name, content = edit
    target = bank_copy / name
    original = target.read_bytes()
    target.write_bytes(content)
    try:
        loaded = read_bank(bank_copy)
    except BankError as error:
        assert_clear_bank_error(error, bank_copy)
        return
    finally:
        target.write_bytes(original)
    assert isinstance(loaded, Bank)
    assert loaded.version == 1


def test_bank_copy_is_restored_after_fuzzing(bank_copy: Path) -> None:
    """The fuzzed copy still reads as the released bank (each example restores its file)."""
    assert read_bank(bank_copy) == load_bank(1)


# -- URL parameters, through the UI's own parsing code (assessment/ui/state.py) ----------------


class FakeQueryParams(dict[str, str]):
    """Enough of st.query_params for state.py: a str → str mapping with from_dict."""

    def from_dict(self, params: dict[str, str]) -> None:
        self.clear()
        self.update(params)


def _state_module() -> Any:
    from assessment.ui import state

    return state


@contextlib.contextmanager
def fake_streamlit(query: dict[str, str]) -> Iterator[tuple[Any, FakeQueryParams, dict[str, Any]]]:
    """Run state.py against plain dicts standing in for st.query_params and st.session_state
    (and a browser that sends no Accept-Language and no locale)."""
    from types import SimpleNamespace
    from unittest import mock

    state = _state_module()
    params, session = FakeQueryParams(query), dict[str, Any]()
    context = SimpleNamespace(headers={}, locale=None)
    with mock.patch.object(
        state, "st", SimpleNamespace(query_params=params, session_state=session, context=context)
    ):
        yield state, params, session


url_values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["de", "en", "EN ", " de", "fr", "", "starter", "changer", "experienced"]),
    st.sampled_from(PAYLOADS),
)
progress_values = st.one_of(
    code_like_text,
    st.builds(
        lambda given_answers, page, kind: (
            encode_progress_code(given_answers, page)
            if kind == "progress"
            else encode_share_code(given_answers)
        ),
        answers(),
        st.integers(min_value=0, max_value=255),
        st.sampled_from(["progress", "result"]),
    ),
)


@given(
    lang=st.none() | url_values,
    background=st.none() | url_values,
    progress=st.none() | progress_values,
)
@example(lang="<script>alert(1)</script>", background="<img src=x onerror=alert(1)>", progress="x")
def test_fuzz_url_parameters_give_a_valid_session_or_code_error(
    lang: str | None, background: str | None, progress: str | None
) -> None:
    """Any lang/bg/p in the URL gives a valid language and flow, or CodeError for a bad code."""
    query = {
        name: value
        for name, value in (("lang", lang), ("bg", background), (PROGRESS_PARAM, progress))
        if value is not None
    }
    with fake_streamlit(query) as (state, params, _session):
        language = state.adopt_url_language()
        assert language in LANGUAGES
        try:
            state.follow_url()
        except CodeError as error:
            assert progress is not None
            assert_clear_message(error)
            return
        state.flush_url()  # the app writes the URL once, at the end of the run
        flow = state.flow()
        if progress is None:
            assert not flow.started
            return
        pages = state.pages_of(flow.bank_version, flow.form)
        assert flow.started
        assert 0 <= flow.page <= len(pages)
        assert flow.experience in (None, "starter", "changer", "experienced")
        assert flow.experience is None or flow.experience == background
        assert state.language() in LANGUAGES
        check_answers(state.answers(), load_bank(flow.bank_version))
        # what the session wrote back to the URL is again a readable progress code
        written = decode_code(params[PROGRESS_PARAM])
        assert written.kind == "progress"
        assert written.answers.responses == flow.responses
        assert set(params) <= {PROGRESS_PARAM, "lang", "bg"}


@given(view=st.none() | url_values)
@example(view="group")
@example(view="Group ")
def test_fuzz_view_parameter_opens_the_group_view_only_when_exact(view: str | None) -> None:
    """Any `view` value is harmless: only exactly "group" opens the group evaluation."""
    query = {"view": view} if view is not None else {}
    with fake_streamlit(query) as (state, _params, _session):
        assert state.group_view_requested() is (view == "group")
