"""The command line and the group view with peer codes: `score --code PEERCODE` prints the
ratings, `mirror` prints the comparison, `group` refuses peer codes by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessment.cli import run
from assessment.codes.share import encode_share_code
from assessment.group.overview import parse_codes
from tests.unit.peer.test_peer import own_answers, peer_code


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
    assert "feedback code (colleagues' view), not a result code" in out


def test_check_bank_names_the_peer_texts(capsys: pytest.CaptureFixture[str]) -> None:
    """check-bank says that v2 has its third-person texts."""
    assert run(["check-bank"]) == 0
    out = capsys.readouterr().out
    assert "v2: ok" in out
    assert "every statement and trade-off has its peer text" in out


def test_summarize_peers_makes_a_summary_code_the_mirror_accepts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`summarize-peers` turns three codes into one summary code (codes of another invitation
    left out by name); `mirror` compares it; `score --code` shows what it holds – no items."""
    from assessment.codes.links import invite_link
    from assessment.peer.codes import Invitation, encode_invitation, invitation_id
    from assessment.peer.summary import decode_summary

    answers = own_answers()
    ours = invitation_id(answers)
    theirs = invitation_id(own_answers(seed=5))
    codes = [peer_code(v, invitation=ours) for v in (1, 3, 5)]
    stranger = peer_code(2, invitation=theirs)
    link = invite_link(
        "http://localhost:8501/",
        encode_invitation(Invitation(bank_version=2, form="short", invitation_id=ours)),
        "de",
    )
    assert run(["summarize-peers", "--invitation", link, stranger, *codes]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sammelcode aus 3 von 4 Codes:")
    summary_code = out.splitlines()[1]
    assert decode_summary(summary_code).raters == 3
    assert "Code 1: antwortet auf eine andere Einladung" in out
    assert "crisis_l1" not in out
    assert run(["--lang", "en", "mirror", encode_share_code(answers), summary_code]) == 0
    mirrored = capsys.readouterr().out
    assert "One summary code with the ratings of 3 colleagues compared." in mirrored
    assert "to the nearest ten" in " ".join(mirrored.split())
    assert run(["score", "--code", summary_code, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["raters"] == 3
    assert data["invitation_id"] == ours
    assert "responses" not in json.dumps(data)


def test_summarize_peers_with_too_few_codes_fails_with_a_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two distinct colleagues (one of them twice) make no summary: exit status 2 and why."""
    codes = [peer_code(2), peer_code(2), peer_code(4)]
    assert run(["--lang", "en", "summarize-peers", "--json", *codes]) == 2
    err = capsys.readouterr().err
    assert "at least 3 valid feedback codes" in err
    assert "the same ratings as code 1" in err
