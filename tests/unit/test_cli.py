"""The command line: bank, score, encode, check-bank, schema; bad input exits 2 in one line."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from assessment.bank.models import Bank, LikertItem
from assessment.cli import run
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers

VENV_BIN = Path(sys.executable).parent


def _answers(bank: Bank) -> Answers:
    responses: dict[str, int | str] = {
        item.id: 4 if item.keying == "plus" else 2
        for item in bank.form_items("short")
        if isinstance(item, LikertItem)
    }
    return Answers(
        bank_version=bank.version, form="short", profile="mittelstand", responses=responses
    )


@pytest.fixture
def answers_file(tmp_path: Path, released_bank: Bank) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(_answers(released_bank).model_dump_json(), encoding="utf-8")
    return path


def test_bank_prints_the_bank_as_json(
    capsys: pytest.CaptureFixture[str], released_bank: Bank
) -> None:
    """`bank` prints each released version with its dimensions."""
    assert run(["bank", "--version", str(released_bank.version)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == released_bank.version
    assert [d["id"] for d in data["dimensions"]] == list(released_bank.dimension_ids)


def test_score_file_as_text(capsys: pytest.CaptureFixture[str], answers_file: Path) -> None:
    """`score FILE` prints the readable result with the setting and the caveat."""
    assert run(["score", str(answers_file)]) == 0
    out = capsys.readouterr().out
    assert "Mittelstand" in out
    assert "Selbsteinschätzung" in out
    assert "Anforderungen erfüllt" in out


def test_score_code_as_json_in_english(
    capsys: pytest.CaptureFixture[str], released_bank: Bank
) -> None:
    """`score --code` accepts a link, overrides the profile, and prints schema-valid JSON."""
    code = encode_share_code(_answers(released_bank))
    assert (
        run(
            [
                "--lang",
                "en",
                "score",
                "--code",
                f"http://x/?r={code}",
                "--profile",
                "public",
                "--json",
            ]
        )
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["match"]["profile"] == "public"
    assert result["answers"]["responses"] == _answers(released_bank).responses
    run(["schema", "result"])
    schema = json.loads(capsys.readouterr().out)
    jsonschema.validate(result, schema)


def test_encode_gives_a_code_that_decodes(
    capsys: pytest.CaptureFixture[str], answers_file: Path, released_bank: Bank
) -> None:
    """`encode FILE` prints the share code of the file's answers."""
    assert run(["encode", str(answers_file)]) == 0
    code = capsys.readouterr().out.strip()
    assert decode_code(code).answers == _answers(released_bank)


def test_check_bank(capsys: pytest.CaptureFixture[str]) -> None:
    """`check-bank` validates every version and says so."""
    assert run(["check-bank"]) == 0
    assert capsys.readouterr().out.startswith("v1: ok")


@pytest.mark.parametrize("which", ["bank", "answers", "result"])
def test_schemas_are_json_schemas(capsys: pytest.CaptureFixture[str], which: str) -> None:
    """`schema` prints a valid JSON Schema for each model."""
    assert run(["schema", which]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "lässt sich nicht lesen"),
        (b"", "JSON, line 1"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"bank_version": 1}', "form: Field required"),
        (b'{"bank_version": 1, "form": "short", "responses": {"ghost": 3}}', "ghost"),
        (b'{"bank_version": 1, "form": "short", "responses": {"crisis_l1": 9}}', "crisis_l1"),
        (b'{"bank_version": 7, "form": "short"}', "Version 7"),
        (b"[1, 2, 3]", "valid dictionary"),
    ],
    ids=[
        "missing",
        "empty",
        "binary",
        "no-form",
        "unknown-item",
        "out-of-range",
        "unknown-version",
        "not-an-object",
    ],
)
def test_bad_files_exit_2_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    """A bad answers file gives one error line and exit status 2, never a traceback."""
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content)
    assert run(["score", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("selbstcheck: ")
    assert message in captured.err


def test_directory_instead_of_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder given as answers file is refused in one line."""
    assert run(["encode", str(tmp_path)]) == 2
    assert "selbstcheck: " in capsys.readouterr().err


@pytest.mark.parametrize("code", ["", "xyz", "A" * 5000, "?r=%%%"])
def test_bad_codes_exit_2(capsys: pytest.CaptureFixture[str], code: str) -> None:
    """A bad code gives one error line in the chosen language and exit status 2."""
    assert run(["--lang", "en", "score", "--code", code]) == 2
    err = capsys.readouterr().err
    assert err.startswith("selbstcheck: The code")
    assert err.count("\n") == 1


def test_module_and_console_script_run() -> None:
    """`python -m assessment` and the `selbstcheck` script both work as processes."""
    module = subprocess.run(
        [sys.executable, "-m", "assessment", "check-bank"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == 0
    assert module.stdout.startswith("v1: ok")
    script = subprocess.run(
        [str(VENV_BIN / "selbstcheck"), "score", "--code", "broken"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert script.returncode == 2
    assert "Traceback" not in script.stderr
    assert script.stderr.startswith("selbstcheck: ")


def _special_file(kind: str, tmp_path: Path) -> Path:
    """Return a path to a file that is no regular file: a symlink to /dev/zero, or a FIFO."""
    path = tmp_path / f"{kind}.json"
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    return path


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    """Cap the child's address space at 1 GB: an unbounded read fails there, not on the host."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("command", ["score", "encode", "group"])
@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_special_files_are_refused_in_one_line(tmp_path: Path, command: str, kind: str) -> None:
    """A symlink to /dev/zero or a FIFO is refused with one line and exit 2, without reading."""
    path = _special_file(kind, tmp_path)
    completed = subprocess.run(
        [sys.executable, "-m", "assessment", "--lang", "en", command, str(path)],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_memory,  # a resource limit, set before the child runs
        timeout=120,  # a guard against the hang that a FIFO caused; never reached when fixed
    )
    assert completed.returncode == 2, completed.stderr
    assert completed.stdout == ""
    assert completed.stderr == (
        f"selbstcheck: {path} is not a regular file (but, for example,"
        " a device, a pipe or a folder) and is not read.\n"
    )


def test_an_answers_file_with_a_byte_order_mark_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, released_bank: Bank
) -> None:
    """A UTF-8 byte-order mark (as Windows editors write it) does not stop the answers file."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _answers(released_bank).model_dump_json().encode("utf-8"))
    assert run(["encode", str(path)]) == 0
    assert decode_code(capsys.readouterr().out.strip()).answers == _answers(released_bank)
