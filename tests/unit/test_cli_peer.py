"""The command line and the group view with peer codes: `score --code PEERCODE` prints the
ratings, `mirror` prints the comparison, `group` refuses peer codes by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment.cli import run
from assessment.group import parse_codes
from assessment.sharecode import encode_share_code
from tests.unit.test_peer import own_answers, peer_code


def test_score_accepts_a_peer_code_and_prints_the_ratings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The third-person statements with each rating, "can't judge" named as such."""
    code = peer_code(4, only={"crisis_l1": "na"})
    assert run(["--lang", "en", "score", "--code", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A colleague's ratings")
    assert (
        "1. When something important breaks down and time is short, this person stays calm." in out
    )
    assert "→ Can't judge" in out
    assert "→ 4 – tends to apply" in out
    assert "I stay calm" not in out


def test_score_prints_a_peer_code_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the ratings, never a result."""
    assert run(["score", "--code", peer_code(2), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "bank_version",
        "form",
        "language",
        "responses",
        "invitation_id",
        "code_format",
    }
    assert data["responses"]["crisis_l1"] == 2


def test_mirror_prints_the_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    """`mirror SHARECODE PEERCODE…` prints differences and figures; left-out codes by number."""
    share = encode_share_code(own_answers())
    codes = [peer_code(v) for v in (1, 2, 3)] + [peer_code(3, "full")]
    assert run(["mirror", share, *codes]) == 0
    out = capsys.readouterr().out
    assert "3 von 4 Rückmeldecodes verglichen." in out
    assert "Code 4: gehört zur Form" in out
    assert "Die größten Unterschiede" in out
    assert "Median" in out


def test_mirror_with_too_few_codes_and_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Two codes: only "not enough feedback yet", no figures; JSON has no dimensions."""
    share = encode_share_code(own_answers())
    assert run(["--lang", "en", "mirror", share, peer_code(1), peer_code(2)]) == 0
    out = capsys.readouterr().out
    assert "Not enough feedback yet (at least 3): 2 valid responses." in out
    assert "Median" not in out
    assert run(["mirror", "--json", share, peer_code(1), peer_code(2)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mirror"]["enough"] is False
    assert data["mirror"]["dimensions"] == []


def test_mirror_refuses_a_peer_code_in_place_of_the_share_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exit 2 with one line naming the mistake."""
    assert run(["--lang", "en", "mirror", peer_code(3), peer_code(2)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("selbstcheck: This is a colleague's feedback code")
    assert "Traceback" not in err


def test_group_refuses_peer_codes_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A peer code among share codes is a skipped line that says what it is."""
    share = encode_share_code(own_answers())
    answers, invalid = parse_codes(f"{share}\n{peer_code(3)}\n")
    assert len(answers) == 1
    assert [line.key for line in invalid] == ["code.peer_code"]
    path = tmp_path / "codes.txt"
    path.write_text(f"{peer_code(3)}\n", encoding="utf-8")
    assert run(["--lang", "en", "group", str(path)]) == 2
    out = " ".join(capsys.readouterr().out.split())
    assert "feedback code (peer view), not a result code" in out


def test_check_bank_names_the_peer_texts(capsys: pytest.CaptureFixture[str]) -> None:
    """check-bank says that v2 has its third-person texts."""
    assert run(["check-bank"]) == 0
    out = capsys.readouterr().out
    assert "v2: ok" in out
    assert "every statement and trade-off has its peer text" in out
