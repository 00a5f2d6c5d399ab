"""Colleagues' privacy told truthfully and made real (issue 18.6) and peer codes that name their
invitation and count once (issue 23.5): summary codes and their figure rule as properties,
invitation ids, canonical duplicates, old formats, the invitation text, the PDF without codes."""

from __future__ import annotations

import json
import statistics
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, Bank
from assessment.codes.share import decode_code
from assessment.engine.answers import Answers
from assessment.errors import CodeError
from assessment.messages import msg
from assessment.peer.codes import (
    Invitation,
    PeerAnswers,
    decode_invitation,
    decode_peer_code,
    encode_invitation,
    encode_peer_code,
    invitation_id,
    peer_items,
)
from assessment.peer.compare import (
    MIN_PEERS,
    mirror_codes,
    statement_scores,
    summarize_codes,
)
from assessment.peer.pdf import build_mirror_pdf
from assessment.peer.summary import (
    MAX_SUMMARY_PEERS,
    Summary,
    SummaryDimension,
    decode_summary,
    encode_summary,
    published_figures,
)
from assessment.peer.text import describe_mirror, render_peer_ratings
from tests.unit.peer.test_peer import own_answers, peer_code

# Made by the first release (main before this change): an invitation without id (format 4) and
# a peer code with trade-offs (format 3), language en, every third item "can't judge".
OLD_INVITATION = "BAIAQW5uYYTBlPM"
OLD_PEER_CODE = "AwICNuB86imRjPlAl9-4o_0TmoCNXQpK"


@pytest.fixture(scope="module")
def v2() -> Bank:
    return load_bank(2)


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def mine(value: int | str, answers: Answers | None = None, **extra: object) -> str:
    """A peer code answering the invitation of own_answers() (or of the answers given)."""
    return peer_code(
        value,
        invitation=invitation_id(answers or own_answers()),
        **extra,  # type: ignore[arg-type]
    )


# -- the figure rule of a summary code --------------------------------------------------------

scores_strategy = st.lists(st.integers(min_value=0, max_value=100), min_size=3, max_size=40)


@given(scores_strategy)
def test_published_range_holds_every_score_on_the_grid(scores: list[int]) -> None:
    """The published range contains all scores; its ends lie on the 10-grid, the median on the
    5-grid inside the range."""
    low, median, high = published_figures(scores)
    assert low <= min(scores)
    assert max(scores) <= high
    assert low % 10 == 0
    assert high % 10 == 0
    assert median % 5 == 0
    assert low <= median <= high
    if len(scores) == 3:
        assert abs(median - statistics.median(scores)) <= 10


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=3, max_size=3))
def test_with_exactly_three_no_figure_is_a_single_score(scores: list[int]) -> None:
    """With three colleagues no published figure equals any one's exact score – a range end
    only where it is the end of the scale (0 or 100), which a score within 10 points reaches."""
    low, median, high = published_figures(scores)
    assert median not in scores
    assert low not in scores or low == 0
    assert high not in scores or high == 100
    assert low < min(scores) or min(scores) == 0
    assert high > max(scores) or max(scores) == 100


@given(
    st.lists(
        st.lists(st.integers(min_value=1, max_value=5), min_size=36, max_size=36),
        min_size=3,
        max_size=8,
    )
)
def test_summary_code_holds_aggregates_only(ratings: list[list[int]]) -> None:
    """For any 3..8 colleagues the summary code decodes to per-demand figures only: no item id,
    no rating; with exactly three raters of a demand no figure is one rater's exact score."""
    bank = load_bank(2)
    items = peer_items(bank, "short")
    peers = [
        PeerAnswers(
            bank_version=2,
            form="short",
            responses={item.id: value for item, value in zip(items, row, strict=True)},
        )
        for row in ratings
    ]
    codes = [encode_peer_code(peer) for peer in peers]
    summary, selection = summarize_codes(codes, bank, "short", None)
    distinct = len({tuple(row) for row in ratings})
    assert len(selection.peers) == distinct
    if distinct < MIN_PEERS:
        assert summary is None
        return
    assert summary is not None
    code = encode_summary(summary)
    decoded = decode_summary(code)
    assert decoded == summary
    dumped = json.dumps(decoded.model_dump())
    assert not any(item.id in dumped for item in items)
    assert set(Summary.model_fields) == {
        "bank_version",
        "form",
        "invitation_id",
        "raters",
        "dimensions",
    }
    assert set(SummaryDimension.model_fields) == {"dimension", "raters", "low", "median", "high"}
    per_rater = [statement_scores(peer.responses, "short", bank) for peer in selection.peers]
    for row in summary.dimensions:
        scores = [s.score for each in per_rater if (s := each[row.dimension]) is not None]
        assert row.low is not None
        assert row.high is not None
        assert row.median is not None
        assert row.low <= min(scores)
        assert max(scores) <= row.high
        if len(scores) == 3:
            assert row.median not in scores
            assert row.low not in scores or row.low == 0
            assert row.high not in scores or row.high == 100


def test_summary_is_refused_with_fewer_than_three_and_for_another_invitation() -> None:
    """Two codes make no summary; a code of another invitation is refused by name."""
    bank = load_bank(2)
    ours = invitation_id(own_answers())
    theirs = invitation_id(own_answers(seed=2))
    codes = [mine(2), mine(3), peer_code(4, invitation=theirs)]
    summary, selection = summarize_codes(codes, bank, "short", ours)
    assert summary is None
    assert [(r.number, r.key) for r in selection.refused] == [(3, "peer.other_invitation")]
    line = msg(selection.refused[0].key, "de", **dict(selection.refused[0].params))
    assert theirs in line
    assert ours in line
    assert "andere Einladung" in line
    assert "another invitation" in msg(
        selection.refused[0].key, "en", **dict(selection.refused[0].params)
    )
    summary, selection = summarize_codes([*codes[:2], mine(5)], bank, "short", ours)
    assert summary is not None
    assert summary.invitation_id == ours
    assert summary.raters == 3


def test_a_summary_code_is_compared_alone_and_never_from_a_summary() -> None:
    """The comparison takes one summary code; peer codes beside it and a second summary are
    left out by name; a summary code cannot be summarised again."""
    bank = load_bank(2)
    answers = own_answers()
    ours = invitation_id(answers)
    summary, _ = summarize_codes([mine(1), mine(3), mine(5)], bank, "short", ours)
    assert summary is not None
    code = encode_summary(summary)
    mirror = mirror_codes(answers, [code])
    assert mirror.source == "summary"
    assert mirror.enough
    assert mirror.used == 3
    for row, published in zip(mirror.dimensions, summary.dimensions, strict=True):
        assert (row.low, row.median, row.high) == (
            published.low,
            published.median,
            published.high,
        )
    mixed = mirror_codes(answers, [mine(2), code, code, mine(4)])
    assert mixed.source == "summary"
    assert [(r.number, r.key) for r in mixed.refused] == [
        (1, "peer.summary_alone"),
        (3, "peer.summary_second"),
        (4, "peer.summary_alone"),
    ]
    _, selection = summarize_codes([code, mine(1), mine(2), mine(3)], bank, "short", ours)
    assert selection.refused[0].key == "peer.summary_in_summary"
    text = describe_mirror(mirror, bank, "de")
    assert (
        text.counts
        == "Ein Sammelcode mit den Einschätzungen von 3 Kolleginnen und Kollegen verglichen."
    )
    assert any("Zehnerschritte" in note for note in text.notes)


def test_summary_of_another_person_is_refused_by_name() -> None:
    """A summary code naming another invitation is not compared."""
    bank = load_bank(2)
    theirs = invitation_id(own_answers(seed=3))
    codes = [peer_code(v, invitation=theirs) for v in (1, 2, 3)]
    summary, _ = summarize_codes(codes, bank, "short", theirs)
    assert summary is not None
    mirror = mirror_codes(own_answers(), [encode_summary(summary)])
    assert not mirror.enough
    assert mirror.refused[0].key == "peer.other_invitation"


@given(st.data())
def test_an_edited_summary_code_is_refused(data: st.DataObject) -> None:
    """Changing one character of a summary code never yields other figures: it is refused."""
    bank = load_bank(2)
    summary, _ = summarize_codes([mine(1), mine(3), mine(5)], bank, "short", None)
    assert summary is not None
    code = encode_summary(summary)
    position = data.draw(st.integers(min_value=0, max_value=len(code) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    other = data.draw(st.sampled_from([c for c in alphabet if c != code[position]]))
    with pytest.raises(CodeError):
        decode_summary(code[:position] + other + code[position + 1 :])


def test_summary_with_off_grid_figures_is_refused() -> None:
    """A code with exact figures (not the published rule's) is refused as damaged."""
    bank = load_bank(2)
    rows = tuple(
        SummaryDimension(dimension=d, raters=3, low=41, median=50, high=70)
        for d in bank.dimension_ids
    )
    forged = encode_summary(Summary(bank_version=2, form="short", raters=3, dimensions=rows))
    with pytest.raises(CodeError) as caught:
        decode_summary(forged)
    assert caught.value.key == "code.corrupted"
    assert MAX_SUMMARY_PEERS >= 12


def test_summary_and_new_peer_codes_are_refused_as_share_codes() -> None:
    """Pasted where a result code belongs, formats 3 and 5 are named as feedback codes and
    format 6 as a summary code."""
    bank = load_bank(2)
    summary, _ = summarize_codes([mine(1), mine(3), mine(5)], bank, "short", None)
    assert summary is not None
    for code, key in (
        (mine(2), "code.peer_code"),
        (encode_summary(summary), "code.summary_code"),
        (OLD_PEER_CODE, "code.peer_code"),
    ):
        with pytest.raises(CodeError) as caught:
            decode_code(code)
        assert caught.value.key == key
    with pytest.raises(CodeError) as as_peer:
        decode_peer_code(encode_summary(summary))
    assert as_peer.value.key == "code.summary_not_peer"


# -- one colleague counts once -----------------------------------------------------------------


def test_one_colleague_re_encoded_three_ways_counts_once() -> None:
    """The attack of issue 23.5: language bit, unrated ↔ "can't judge" and the old format give
    three spellings of one colleague's ratings; they count once, so no figures are shown."""
    bank = load_bank(2)
    statements = peer_items(bank, "short")
    ratings: dict[str, int | str] = {item.id: 4 for item in statements[:-1]}
    last = statements[-1].id
    ours = invitation_id(own_answers())
    spellings = [
        PeerAnswers(bank_version=2, form="short", responses=ratings, invitation_id=ours),
        PeerAnswers(
            bank_version=2,
            form="short",
            language="en",
            responses={**ratings, last: UNSURE},
            invitation_id=ours,
        ),
        PeerAnswers(bank_version=2, form="short", responses=ratings, code_format=3),
    ]
    codes = [encode_peer_code(spelling) for spelling in spellings]
    assert len(set(codes)) == 3
    mirror = mirror_codes(own_answers(), codes)
    assert mirror.used == 1
    assert not mirror.enough
    assert [(r.number, r.key, dict(r.params)) for r in mirror.refused] == [
        (2, "peer.duplicate_of", {"first": 1}),
        (3, "peer.duplicate_of", {"first": 1}),
    ]
    assert "dieselben Einschätzungen wie Code 1" in msg("peer.duplicate_of", "de", first=1)


# -- invitations name themselves ---------------------------------------------------------------


def test_invitation_id_follows_the_answers_not_language_or_setting() -> None:
    """The id is the same whatever the language or setting, changes with any answer, and is
    carried by the invitation link and the colleague's code."""
    answers = own_answers()
    same = answers.model_copy(update={"language": "en", "profile": "public"})
    assert invitation_id(same) == invitation_id(answers)
    changed = dict(answers.responses)
    first = next(iter(changed))
    changed[first] = "a" if changed[first] != "a" and isinstance(changed[first], str) else 1
    if changed == answers.responses:
        changed[first] = 2
    other = answers.model_copy(update={"responses": changed})
    assert invitation_id(other) != invitation_id(answers)
    ours = invitation_id(answers)
    token = encode_invitation(Invitation(bank_version=2, form="short", invitation_id=ours))
    assert decode_invitation(token).invitation_id == ours
    assert decode_peer_code(mine(3)).invitation_id == ours


def test_codes_for_another_invitation_are_refused_by_name() -> None:
    """Three codes for someone else's invitation: none counts, each names both ids."""
    theirs = invitation_id(own_answers(seed=7))
    ours = invitation_id(own_answers())
    mirror = mirror_codes(own_answers(), [peer_code(v, invitation=theirs) for v in (1, 3, 5)])
    assert mirror.used == 0
    assert {r.key for r in mirror.refused} == {"peer.other_invitation"}
    text = describe_mirror(mirror, load_bank(2), "en")
    assert all(theirs in line and ours in line for line in text.refusals)


def test_old_invitations_and_old_peer_codes_keep_working() -> None:
    """A format-4 invitation opens (no id); a format-3 code decodes with its trade-offs, counts
    in the comparison and is listed as naming no invitation; its trade-offs are not compared."""
    invitation = decode_invitation(OLD_INVITATION)
    assert (invitation.name, invitation.invitation_id) == ("Anna", None)
    assert encode_invitation(invitation) == OLD_INVITATION
    old = decode_peer_code(OLD_PEER_CODE)
    assert old.code_format == 3
    assert old.invitation_id is None
    assert old.language == "en"
    assert "motivation_t2" in old.responses
    assert encode_peer_code(old) == OLD_PEER_CODE
    mirror = mirror_codes(own_answers(), [OLD_PEER_CODE, mine(1), mine(5)])
    assert mirror.used == 3
    assert mirror.unnamed == (1,)
    text = describe_mirror(mirror, load_bank(2), "de")
    assert any("Code 1 stammt aus einer Einladung ohne Kennung" in note for note in text.notes)
    ratings = render_peer_ratings(old, load_bank(2), "de")
    assert "verglichen werden sie nicht" in " ".join(ratings.split())


# -- what people are told ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "readable", "trusted", "no_signature", "three"),
    [
        ("de", "kann jede dieser Einschätzungen lesen", "Vertrauensperson", "keine Unterschriften",
         "bei genau drei Codes sind das die drei Einzelwerte"),
        ("en", "can read each of these ratings", "trusted person", "not signatures",
         "with exactly three codes those are the three single scores"),
    ],
)  # fmt: skip
def test_invitation_says_exactly_what_the_person_can_see(
    lang: str, readable: str, trusted: str, no_signature: str, three: str
) -> None:
    """The invitation says a code is readable by whoever holds it, that three codes are three
    single scores, offers the trusted person, and says codes are not signatures."""
    text = msg("ui.peer.invite_privacy", lang)  # type: ignore[arg-type]
    for phrase in (readable, trusted, no_signature, three):
        assert phrase in text
    assert "erst zusammen mit denen von mindestens zwei" not in text
    assert "only together with those of at least two" not in text


def test_score_of_a_peer_code_says_it_is_readable() -> None:
    """The CLI still prints a colleague's ratings – the truth the invitation now tells."""
    out = render_peer_ratings(decode_peer_code(mine(4)), load_bank(2), "en")
    assert "Anyone who holds a feedback code can read these ratings" in " ".join(out.split())


def test_comparison_pdf_prints_no_peer_code() -> None:
    """The PDF of a comparison from peer codes holds none of them (nor the link with them);
    from a summary code it prints the link, which holds only the summary."""
    answers = own_answers()
    codes = [mine(1), mine(3), mine(5)]
    mirror = mirror_codes(answers, codes)
    bank = load_bank(2)
    link = f"http://localhost:8501/?r=SHARE&peers={','.join(codes)}"
    text = pdf_text(build_mirror_pdf(mirror, bank, "de", link)).replace("\n", "")
    assert not any(code[:12] in text for code in codes)
    assert "peers=" not in text
    assert "steht nicht in diesem PDF" in text
    assert "keine Unterschriften" in text
    summary, _ = summarize_codes(codes, bank, "short", None)
    assert summary is not None
    summary_link = f"http://localhost:8501/?r=SHARE&peers={encode_summary(summary)}"
    from_summary = mirror_codes(answers, [encode_summary(summary)])
    text = pdf_text(build_mirror_pdf(from_summary, bank, "en", summary_link)).replace("\n", "")
    assert "peers=" in text


@given(st.integers(min_value=0, max_value=7), st.binary(max_size=80))
def test_any_summary_body_with_a_valid_checksum_decodes_or_is_refused(
    flags: int, rest: bytes
) -> None:
    """A made-up body behind a correct header and checksum never crashes the decoder: it is
    refused with a CodeError, or it is a summary that keeps the rule and re-encodes to itself."""
    from assessment.peer.codes import b64encode, with_checksum

    code = b64encode(with_checksum(bytes([6, 2, flags]) + rest))
    try:
        summary = decode_summary(code)
    except CodeError:
        return
    assert encode_summary(summary) == code
    assert summary.raters >= MIN_PEERS
    for row in summary.dimensions:
        assert row.raters == 0 or (row.low is not None and row.low % 10 == 0)
