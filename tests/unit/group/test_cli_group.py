"""`selbstcheck group FILE`: overview, skipped lines and item statistics; bad files exit 2."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from assessment.bank.models import SCENARIO_OPTION_IDS, Bank, LikertItem
from assessment.cli import run
from assessment.codes.links import share_link
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.group.itemstats import MIN_RESPONSES_FOR_STATS
from assessment.group.overview import score_group
from assessment.messages import msg


def people(bank: Bank, count: int, seed: int) -> list[Answers]:
    """Return complete short-form answers with random choices."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    return [
        Answers(
            bank_version=1,
            form="short",
            responses={
                item.id: (
                    rng.randint(1, 5)
                    if isinstance(item, LikertItem)
                    else rng.choice(SCENARIO_OPTION_IDS)
                )
                for item in bank.form_items("short")
            },
        )
        for _ in range(count)
    ]


def write_codes(path: Path, group: list[Answers], extra: Sequence[str] = ()) -> Path:
    """Write a CSV with a header, one named person per row, and any extra lines; return path."""
    lines = ["Teilnehmer;Code"]
    lines += [f"P{n};{encode_share_code(a)}" for n, a in enumerate(group, start=1)]
    lines += list(extra)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_group_prints_overview_skipped_lines_and_warning(
    tmp_path: Path, bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    """A small group: counts, one line per dimension, the skipped line, and the < 30 warning."""
    group = people(bank, 8, seed=1)
    broken = encode_share_code(group[0])[:-4]
    path = write_codes(tmp_path / "codes.csv", group, [broken])
    assert run(["group", str(path), "--profile", "public"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert captured.err == ""
    public = bank.profiles["public"].name("de")
    assert out.startswith(msg("group.title", "de", profile=public) + "\n")
    assert msg("group.counts", "de", people=8, invalid=1) in out
    assert msg("group.version", "de", version=1, people=8) in out
    result = score_group(group, "public")
    for dimension in result.versions[0].dimensions:
        assert f"{bank.dimension(dimension.dimension).name('de')}: Median" in out
        meets = f"erreicht oder übertroffen von {dimension.meets} von 8"
        assert meets in " ".join(out.split())
    assert "Zeile 10 (" in out
    assert " ".join(msg("code.truncated", "de").split()) in " ".join(out.split())
    warning = msg("group.too_few", "de", n=8, minimum=MIN_RESPONSES_FOR_STATS)
    assert warning.split(".")[0] in " ".join(out.split())
    assert msg("group.stats_title", "de") in out


def test_group_json_carries_everything(
    tmp_path: Path, bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json gives the group, the skipped lines with reasons, and the item statistics."""
    group = people(bank, 31, seed=2)
    path = write_codes(tmp_path / "codes.txt", group, ["kein Code hier", ""])
    assert run(["--lang", "en", "group", str(path), "--json", "--profile", "industry"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["group"]["profile"] == "industry"
    assert data["group"]["people"] == 31
    expected = score_group(group, "industry").model_dump(mode="json")
    assert data["group"] == expected
    assert data["invalid"] == [
        {
            "line": 33,
            "text": "kein Code hier",
            "reason": "group.no_code",
            "message": msg("group.no_code", "en"),
        }
    ]
    (section,) = data["item_stats"]["sections"]
    assert (section["form"], section["people"]) == ("short", 31)
    assert all(d["n"] == 31 and d["too_few"] is False for d in section["dimensions"])
    assert all(flag["message"] for flag in data["flags"])
    assert len(data["flags"]) == sum(len(d["flags"]) for d in section["dimensions"])


def test_no_warning_with_enough_responses(
    tmp_path: Path, bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    """With 30 complete responses per dimension the text shows no warning."""
    path = write_codes(tmp_path / "codes.csv", people(bank, 30, seed=3))
    assert run(["--lang", "en", "group", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Caution" not in out
    assert "30 complete responses" in " ".join(out.split())


def test_links_in_a_text_file_are_read(
    tmp_path: Path, bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain text file of share links works like a file of codes."""
    group = people(bank, 3, seed=4)
    path = tmp_path / "links.txt"
    path.write_text(
        "\n".join(share_link("http://localhost:8501/", encode_share_code(a)) for a in group),
        encoding="utf-8",
    )
    assert run(["--lang", "en", "group", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["group"]["people"], data["invalid"]) == (3, [])


def test_missing_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file is one line on stderr and exit status 2."""
    missing = tmp_path / "nope.csv"
    assert run(["group", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "selbstcheck: "
        + msg("answers.file_unreadable", "de", path=missing, reason="No such file or directory")
        + "\n"
    )


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"\n  \n\n", "group.empty"),
        (b"%PDF-1.7\x00\x00binary", "group.not_text"),
    ],
)
def test_unusable_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, key: str
) -> None:
    """Empty and binary files are refused in one line with exit status 2."""
    path = tmp_path / "codes.csv"
    path.write_bytes(content)
    assert run(["--lang", "en", "group", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"selbstcheck: {msg(key, 'en')}\n"


def test_a_file_without_any_valid_code_lists_the_lines_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """When no line holds a valid code, the reasons are still shown, then exit status 2."""
    path = tmp_path / "codes.txt"
    path.write_text("Codes\nAQEBxxxxxxxxxxxxxxxxxxxx\nhallo welt\n", encoding="utf-8")
    assert run(["--lang", "en", "group", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Line 2 (AQEBxxxxxxxxxxxxxxxxxxxx):" in captured.out
    assert "Line 3 (hallo welt):" in captured.out
    assert captured.err == f"selbstcheck: {msg('group.no_valid_codes', 'en', count=2)}\n"


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    """`python -m assessment group` on a directory fails in one line, exit 2, no traceback."""
    completed = subprocess.run(
        [sys.executable, "-m", "assessment", "group", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("selbstcheck: Die Datei ")
