"""Peer codes and the ratings text with frequency statements (rules 4): a colleague rates 1–4 or
"Kann ich nicht beurteilen"; the digit 5 is refused; the text names the frequency answers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assessment.bank.load import read_bank
from assessment.bank.models import UNSURE, Bank, LikertItem
from assessment.errors import CodeError
from assessment.peer.codes import PeerAnswers, decode_peer_code, encode_peer_code
from assessment.peer.compare import statement_scores
from assessment.peer.text import render_peer_ratings
from tests.frequencybank import FIXTURE_VERSION, PLAIN_FREQUENCY, TEAM_FREQUENCY, frequency_bank


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("peerfreq") / "questions"
    frequency_bank(folder)
    return folder


@pytest.fixture(scope="module")
def fbank(root: Path) -> Bank:
    return read_bank(root / f"v{FIXTURE_VERSION}")


def _ratings(**responses: int | str) -> PeerAnswers:
    return PeerAnswers(
        bank_version=FIXTURE_VERSION,
        form="short",
        language="en",
        responses=responses,
        invitation_id="0A1B2C",
    )


def test_peer_code_round_trip_with_frequency_ratings(root: Path) -> None:
    """'More often' and 'can't judge' on frequency statements come back from the peer code."""
    given: dict[str, int | str] = {PLAIN_FREQUENCY: 4, TEAM_FREQUENCY: UNSURE, "crisis_l2": 5}
    ratings = _ratings(**given)
    assert decode_peer_code(encode_peer_code(ratings, root), root) == ratings


def test_peer_code_refuses_five_on_a_frequency_statement(root: Path) -> None:
    """A frequency statement has four ratings: 5 is no answer to it."""
    with pytest.raises(CodeError) as refused:
        encode_peer_code(_ratings(**{PLAIN_FREQUENCY: 5}), root)
    assert refused.value.key == "code.peer_frequency_value"
    assert PLAIN_FREQUENCY in refused.value.message("de")


def test_ratings_text_names_the_frequency_answers(root: Path, fbank: Bank) -> None:
    """`selbstcheck score --code PEERCODE` prints 'more often', 'once' (EN) and 'einmal' (DE)."""
    ratings = _ratings(**{PLAIN_FREQUENCY: 4, TEAM_FREQUENCY: 2, "crisis_l2": 5})
    english = render_peer_ratings(ratings, fbank, "en")
    assert "→ 4 – more often" in english
    assert "→ 2 – once" in english
    assert "→ 5 – applies fully" in english
    assert "→ 2 – einmal" in render_peer_ratings(ratings, fbank, "de")


def test_peer_frequency_rating_scores_as_the_person_would(fbank: Bank) -> None:
    """A colleague's 'once' on a plus-keyed frequency statement counts 33 points, as the
    person's own answer would; 'can't judge' there is left out of the statement score."""
    statements = [i for i in fbank.form_items_of("short", "learning") if isinstance(i, LikertItem)]
    assert any(i.id == PLAIN_FREQUENCY and i.keying == "plus" for i in statements)
    # Agreement statements 'teils, teils' (50), other frequency statements 'more often' (100).
    responses: dict[str, int | str] = {i.id: 4 if i.scale == "frequency" else 3 for i in statements}
    responses[PLAIN_FREQUENCY] = 2
    points = [
        100 / 3 if i.id == PLAIN_FREQUENCY else 100.0 if i.scale == "frequency" else 50.0
        for i in statements
    ]
    score = statement_scores(responses, "short", fbank)["learning"]
    assert score is not None
    assert score.score == math.floor(sum(points) / len(points) + 0.5)
    responses[PLAIN_FREQUENCY] = UNSURE
    unsure = statement_scores(responses, "short", fbank)["learning"]
    rest = [p for i, p in zip(statements, points, strict=True) if i.id != PLAIN_FREQUENCY]
    assert unsure is not None
    assert unsure.score == math.floor(sum(rest) / len(rest) + 0.5)
