"""Fremdbild: peer codes and invitations (round trips, typed errors), the bank's peer texts,
the comparison maths (anonymity threshold, uncertainty rule, mismatches), text, JSON and PDF."""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.bank.load import load_bank, read_bank
from assessment.bank.models import UNSURE, Bank, FormId, LikertItem, Scenario
from assessment.codes.links import codes_from_text, invite_link, mirror_link
from assessment.codes.share import decode_code, encode_share_code
from assessment.engine.answers import Answers
from assessment.errors import BankError, CodeError
from assessment.peer.codes import (
    MAX_NAME_LENGTH,
    Invitation,
    InvitationError,
    PeerAnswers,
    clean_name,
    decode_invitation,
    decode_peer_code,
    encode_invitation,
    encode_peer_code,
    is_peer_code,
    peer_items,
)
from assessment.peer.compare import (
    MAX_PEERS,
    MIN_PEERS,
    StatementScore,
    compare_dimension,
    compare_peers,
    mirror_codes,
    statement_scores,
)
from assessment.peer.pdf import build_mirror_pdf
from assessment.peer.text import describe_mirror, mirror_json, render_mirror_text
from tests.bankcopy import copy_bank, edit_toml
from tests.strategies import display_names, peer_answers


@pytest.fixture(scope="module")
def v2() -> Bank:
    return load_bank(2)


def own_answers(form: FormId = "short", seed: int = 1) -> Answers:
    """A complete set of answers to bank v2 (random but fixed by the seed)."""
    bank = load_bank(2)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    return Answers(
        bank_version=2,
        form=form,
        responses={
            item.id: rng.choice("abcd") if isinstance(item, Scenario) else rng.randint(1, 5)
            for item in bank.form_items(form)
        },
    )


def peer_code(
    value: int | str,
    form: FormId = "short",
    only: Mapping[str, int | str] | None = None,
    invitation: str | None = None,
) -> str:
    """A peer code rating every statement of a form alike (some items apart), for an invitation
    (None: a code that names none)."""
    bank = load_bank(2)
    apart = only or {}
    responses = {item.id: apart.get(item.id, value) for item in peer_items(bank, form)}
    return encode_peer_code(
        PeerAnswers(bank_version=2, form=form, responses=responses, invitation_id=invitation)
    )


# -- the bank --------------------------------------------------------------------------------


def test_v2_is_peer_enabled_with_a_text_for_every_statement_and_trade_off(v2: Bank) -> None:
    """Bank v2 has a third-person text beside every statement and both poles of each trade-off."""
    assert v2.peer
    assert all(item.peer is not None for item in v2.likert)
    assert all(item.peer is not None for item in v2.tradeoffs)
    assert not load_bank(1).peer


def test_peer_texts_speak_of_the_person_not_of_me(v2: Bank) -> None:
    """Third-person texts say "die Person" / "this person", never "ich … mir" or "er/sie"."""
    for item in v2.likert:
        assert item.peer is not None
        assert "Person" in item.peer.de, item.id
        assert "person" in item.peer.en.lower(), item.id
        assert "er/sie" not in item.peer.de
        assert "sie/er" not in item.peer.de.lower()
        assert " mir " not in f" {item.peer.de} "
        assert " my " not in f" {item.peer.en} "
    for tradeoff in v2.tradeoffs:
        assert tradeoff.peer is not None
        for pole in (tradeoff.peer.a, tradeoff.peer.b):
            assert "Person" in pole.de, tradeoff.id
            assert "person" in pole.en, tradeoff.id


def test_peer_questionnaire_leaves_out_scenarios_and_validity_statements(v2: Bank) -> None:
    """A colleague rates statements only (format 5), in the form's order; codes of the first
    release (format 3) also carry trade-offs."""
    for form in ("short", "full"):
        items = peer_items(v2, form)
        assert {type(item).__name__ for item in items} == {"LikertItem"}
        order = [item.id for item in v2.form_items(form) if item in items]
        assert [item.id for item in items] == order
        first_release = peer_items(v2, form, 3)
        assert {type(item).__name__ for item in first_release} == {"LikertItem", "TradeoffItem"}
    assert len(peer_items(v2, "full")) == 62
    assert len(peer_items(v2, "full", 3)) == 62 + 24


def test_peer_enabled_bank_without_a_peer_text_is_refused_by_name(tmp_path: Path) -> None:
    """check-bank (read_bank) refuses a peer-enabled bank whose statement lacks its peer text."""
    folder = copy_bank(tmp_path, 2)

    def drop(data: dict[str, object]) -> None:
        likert = data["likert"]
        assert isinstance(likert, list)
        del likert[1]["peer"]

    edit_toml(folder / "items" / "crisis.toml", drop)
    with pytest.raises(BankError) as caught:
        read_bank(folder)
    assert caught.value.entry == "crisis_l2"
    assert "third-person" in caught.value.problem
    assert caught.value.path.name == "crisis.toml"


def test_bank_without_the_flag_may_lack_peer_texts(tmp_path: Path) -> None:
    """Without peer = true the texts are optional (bank v1 has none)."""
    folder = copy_bank(tmp_path, 2)
    edit_toml(folder / "bank.toml", lambda data: data.pop("peer"))
    edit_toml(folder / "items" / "crisis.toml", lambda data: data["likert"][0].pop("peer"))
    assert not read_bank(folder).peer


# -- peer codes ------------------------------------------------------------------------------


@given(peer_answers())
def test_peer_code_round_trip(answers: PeerAnswers) -> None:
    """Every set of ratings survives encode → decode unchanged, and is canonical."""
    code = encode_peer_code(answers)
    assert decode_peer_code(code) == answers
    assert is_peer_code(code)


@given(peer_answers(), st.data())
def test_any_edited_character_is_refused(answers: PeerAnswers, data: st.DataObject) -> None:
    """Changing one character of a peer code never yields other ratings: it is refused."""
    code = encode_peer_code(answers)
    position = data.draw(st.integers(min_value=0, max_value=len(code) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    other = data.draw(st.sampled_from([c for c in alphabet if c != code[position]]))
    with pytest.raises(CodeError):
        decode_peer_code(code[:position] + other + code[position + 1 :])


def test_peer_codes_are_short(v2: Bank) -> None:
    """Without the trade-offs a peer code is shorter than the first release's even with the
    invitation id: 43 characters for the full form, 31 for the short one (was 51 and 32)."""
    assert len(peer_code(3, "full", invitation="A1B2C3")) == 43
    assert len(peer_code(UNSURE, "short", invitation="A1B2C3")) == 31
    assert len(peer_code(3, "full")) == 39


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "code.empty"),
        ("  ", "code.empty"),
        ("Aw", "code.truncated"),
        ("AwIA*bc", "code.bad_characters"),
        ("A" * 201, "code.too_long"),
        ("BwIAAAAAAAAAAAAAAAAAAAA", "code.peer_not_a_code"),
        ("AwkAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "code.unknown_version"),
        ("AwEAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "code.peer_unavailable"),
    ],
)
def test_unreadable_peer_codes_name_the_reason_in_both_languages(text: str, key: str) -> None:
    """Each broken peer code raises CodeError with its own catalogue key, in German and English."""
    with pytest.raises(CodeError) as caught:
        decode_peer_code(text)
    assert caught.value.key == key
    assert caught.value.message("de") != caught.value.message("en")


def test_cut_long_and_damaged_peer_codes_are_refused() -> None:
    """A cut-off code is truncated, an extra character the wrong length, a flipped bit corrupt."""
    code = peer_code(4)
    for broken, key in (
        (code[:-3], "code.truncated"),
        (code + "A", "code.wrong_length"),
        (code[:10] + ("B" if code[10] != "B" else "C") + code[11:], "code.corrupted"),
    ):
        with pytest.raises(CodeError) as caught:
            decode_peer_code(broken)
        assert caught.value.key == key


def test_share_and_peer_codes_refuse_each_other() -> None:
    """A share code is no peer code and a peer code no share code; both say so by name."""
    share = encode_share_code(own_answers())
    with pytest.raises(CodeError) as as_peer:
        decode_peer_code(share)
    assert as_peer.value.key == "code.share_not_peer"
    with pytest.raises(CodeError) as as_share:
        decode_code(peer_code(3))
    assert as_share.value.key == "code.peer_code"
    assert "Rückmeldecode" in as_share.value.message("de")
    assert "feedback code" in as_share.value.message("en")


def test_peer_code_holds_ratings_only_never_the_persons_answers() -> None:
    """PeerAnswers has no field for a person's own answers, profile, background or name."""
    assert set(PeerAnswers.model_fields) == {
        "bank_version",
        "form",
        "language",
        "responses",
        "invitation_id",
        "code_format",
    }
    with pytest.raises(CodeError):
        encode_peer_code(PeerAnswers(bank_version=2, form="short", responses={"crisis_s1": 3}))


# -- invitations -----------------------------------------------------------------------------


@given(
    st.sampled_from(("short", "full")),
    st.sampled_from(("de", "en")),
    st.one_of(st.none(), display_names),
)
def test_invitation_round_trip(form: FormId, lang: str, name: str | None) -> None:
    """An invitation survives encode → decode with its name trimmed (None when blank)."""
    invitation = Invitation(bank_version=2, form=form, language=lang, name=name)  # type: ignore[arg-type]
    decoded = decode_invitation(encode_invitation(invitation))
    assert decoded.bank_version == 2
    assert decoded.form == form
    assert decoded.language == lang
    assert decoded.name == clean_name(name)


@given(display_names, st.data())
def test_an_edited_invitation_is_refused(name: str, data: st.DataObject) -> None:
    """Changing one character of an invitation (to show another name) is refused."""
    token = encode_invitation(Invitation(bank_version=2, form="short", name=name))
    position = data.draw(st.integers(min_value=0, max_value=len(token) - 1))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    other = data.draw(st.sampled_from([c for c in alphabet if c != token[position]]))
    with pytest.raises(InvitationError):
        decode_invitation(token[:position] + other + token[position + 1 :])


def test_display_name_is_limited_and_plain() -> None:
    """A name of 30 characters goes in; 31 or a control character is refused with a message."""
    assert clean_name("  " + "x" * MAX_NAME_LENGTH + " ") == "x" * MAX_NAME_LENGTH
    assert clean_name("   ") is None
    with pytest.raises(InvitationError) as long:
        clean_name("x" * (MAX_NAME_LENGTH + 1))
    assert long.value.key == "peer.name_too_long"
    assert "30" in long.value.message("de")
    assert "30" in long.value.message("en")
    with pytest.raises(InvitationError) as control:
        clean_name("Anna\u202eK")
    assert control.value.key == "peer.name_characters"


def test_invitation_carries_no_answers_and_names_shown_as_typed() -> None:
    """The invitation link holds bank version, form, language and the name – nothing else."""
    invitation = Invitation(bank_version=2, form="full", language="en", name="**Jo** <b>")
    link = invite_link("http://localhost:8501/", encode_invitation(invitation), "en")
    assert link.startswith("http://localhost:8501/?view=invite&i=")
    token = link.split("i=", 1)[1].split("&", 1)[0]
    assert decode_invitation(token) == invitation
    assert set(Invitation.model_fields) == {
        "bank_version",
        "form",
        "language",
        "name",
        "invitation_id",
    }


def test_no_invitation_for_a_bank_without_peer_texts() -> None:
    """Bank v1 has no third-person texts: no invitation is made for it."""
    with pytest.raises(InvitationError) as caught:
        encode_invitation(Invitation(bank_version=1, form="short"))
    assert caught.value.key == "peer.invite_unavailable"
    for token, key in (("", "peer.invite_empty"), ("BAIA", "peer.invite_damaged")):
        with pytest.raises(InvitationError) as refused:
            decode_invitation(token)
        assert refused.value.key == key


# -- the comparison maths --------------------------------------------------------------------


def test_colleague_scores_follow_the_pomp_rules(v2: Bank) -> None:
    """All plus-keyed statements 5 and minus-keyed 1 score 100; "na" never scores."""
    responses: dict[str, int | str] = {}
    for item in peer_items(v2, "short"):
        if isinstance(item, LikertItem):
            responses[item.id] = 5 if item.keying == "plus" else 1
    scores = statement_scores(responses, "short", v2)
    assert all(score is not None and score.score == 100 for score in scores.values())
    all_na = statement_scores(dict.fromkeys(responses, UNSURE), "short", v2)
    assert all(score is None for score in all_na.values())


def test_self_score_counts_statements_only(v2: Bank) -> None:
    """Changing every scenario answer leaves the self score of the comparison unchanged."""
    answers = own_answers("full")
    other = answers.model_copy(
        update={
            "responses": {
                key: ("a" if isinstance(v2.item(key), Scenario) else value)
                for key, value in answers.responses.items()
            }
        }
    )
    codes = [peer_code(value) for value in (2, 3, 4)]
    full_codes = [peer_code(value, "full") for value in (2, 3, 4)]
    assert codes
    first = mirror_codes(answers, full_codes)
    second = mirror_codes(other, full_codes)
    assert [d.self_score for d in first.dimensions] == [d.self_score for d in second.dimensions]


@pytest.mark.parametrize(
    ("self_score", "difference", "margin"),
    [
        (70, "similar", 0),  # = high + uncertainty: not beyond
        (71, "higher", 1),
        (30, "similar", 0),  # = low - uncertainty
        (29, "lower", 1),
        (50, "similar", 0),
    ],
)
def test_difference_only_beyond_the_range_widened_by_the_self_uncertainty(
    self_score: int, difference: str, margin: int
) -> None:
    """Peers 40, 50, 60 and a self uncertainty of 10: "higher" from 71, "lower" from 29."""
    row = compare_dimension(
        "crisis", StatementScore(score=self_score, uncertainty=10), [40, 50, 60]
    )
    assert (row.difference, row.margin) == (difference, margin)
    assert (row.low, row.median, row.high, row.peers) == (40, 50, 60, 3)


def test_median_of_an_even_count_rounds_half_up() -> None:
    """Four colleagues 40, 50, 51, 90: median 50.5 shows as 51."""
    row = compare_dimension("crisis", StatementScore(score=50, uncertainty=5), [90, 40, 51, 50])
    assert row.median == 51
    assert (row.low, row.high) == (40, 90)


def test_dimension_that_fewer_than_three_could_rate_shows_no_figures() -> None:
    """Two colleague scores for a dimension: no range, no median, "too_few"."""
    row = compare_dimension("crisis", StatementScore(score=50, uncertainty=5), [40, 60])
    assert row.difference == "too_few"
    assert (row.low, row.median, row.high) == (None, None, None)


@pytest.mark.parametrize("count", range(MIN_PEERS + 2))
def test_anonymity_threshold(count: int) -> None:
    """Below three valid peer codes the comparison has no per-dimension figures at all."""
    mirror = mirror_codes(own_answers(), [peer_code(v) for v in (1, 2, 3, 4, 5)[:count]])
    assert mirror.used == count
    assert mirror.enough == (count >= MIN_PEERS)
    assert bool(mirror.dimensions) == (count >= MIN_PEERS)
    text = describe_mirror(mirror, load_bank(2), "de")
    if count < MIN_PEERS:
        assert text.too_few is not None
        assert "mindestens 3" in text.too_few
        assert text.rows == ()
        assert text.differences == ()


def test_a_colleague_who_cannot_judge_a_dimension_does_not_count_for_it(v2: Bank) -> None:
    """Three peers, one of them "na" on all crisis statements: crisis has too few ratings."""
    crisis = {item.id: UNSURE for item in peer_items(v2, "short") if item.dimension == "crisis"}
    codes = [peer_code(3), peer_code(4), peer_code(5, only=crisis)]
    mirror = mirror_codes(own_answers(), codes)
    rows = {row.dimension: row for row in mirror.dimensions}
    assert rows["crisis"].difference == "too_few"
    assert rows["crisis"].peers == 2
    assert rows["budget"].peers == 3


@given(st.lists(peer_answers(form="short"), min_size=3, max_size=6))
def test_comparison_invariants(peers: list[PeerAnswers]) -> None:
    """low ≤ median ≤ high; "higher"/"lower" exactly when the rule says so; margins positive."""
    mirror = compare_peers(own_answers(), peers, load_bank(2))
    for row in mirror.dimensions:
        if row.difference == "too_few":
            assert row.peers < MIN_PEERS
            assert row.median is None
            continue
        assert row.low is not None
        assert row.high is not None
        assert row.median is not None
        assert row.low <= row.median <= row.high
        assert row.self_score is not None
        assert row.self_uncertainty is not None
        u = row.self_uncertainty
        assert (row.difference == "higher") == (row.self_score > row.high + u)
        assert (row.difference == "lower") == (row.self_score < row.low - u)
        assert (row.margin > 0) == (row.difference in ("higher", "lower"))
    biggest = mirror.biggest_differences()
    assert [row.margin for row in biggest] == sorted((row.margin for row in biggest), reverse=True)


# -- mismatches ------------------------------------------------------------------------------


def test_codes_of_another_form_duplicates_and_unreadable_ones_are_listed_and_left_out() -> None:
    """Each left-out code is named by its position with its reason; the rest are compared."""
    codes = [peer_code(3), peer_code(3, "full"), peer_code(3), "kaputt", peer_code(4), peer_code(5)]
    mirror = mirror_codes(own_answers(), codes)
    assert mirror.given == 6
    assert mirror.used == 3
    assert mirror.enough
    reasons = {refused.number: refused.key for refused in mirror.refused}
    assert reasons == {2: "peer.other_form", 3: "peer.duplicate_of", 4: "code.peer_not_a_code"}
    text = describe_mirror(mirror, load_bank(2), "en")
    assert any("Code 2:" in line and "Full" in line for line in text.refusals)


def test_codes_of_another_bank_version_are_left_out(tmp_path: Path) -> None:
    """A peer code of bank version 3 next to a version 2 result: listed with both versions."""
    copy_bank(tmp_path, 2)
    copy_bank(tmp_path, 2, as_version=3)
    bank3 = load_bank(3, tmp_path)
    other = encode_peer_code(
        PeerAnswers(
            bank_version=3,
            form="short",
            responses={item.id: 3 for item in peer_items(bank3, "short")},
        ),
        tmp_path,
    )
    same = [peer_code(v) for v in (2, 3, 4)]
    mirror = mirror_codes(own_answers(), [other, *same], tmp_path)
    assert mirror.used == 3
    assert mirror.refused[0].key == "peer.other_version"
    assert dict(mirror.refused[0].params) == {"got": 3, "want": 2}


def test_more_than_twelve_codes_the_rest_are_left_out() -> None:
    """The 13th and later codes are listed as "more than 12" and not compared."""
    codes = [
        peer_code(v, only={"crisis_l1": n // 5 + 1}) for n, v in enumerate([1, 2, 3, 4, 5] * 3)
    ]
    assert len(set(codes)) == 15
    mirror = mirror_codes(own_answers(), codes)
    assert mirror.used == MAX_PEERS
    assert [r.number for r in mirror.refused] == [13, 14, 15]
    assert {r.key for r in mirror.refused} == {"peer.too_many"}


def test_no_comparison_for_a_result_of_bank_v1() -> None:
    """A share code of bank v1 has no peer view: a typed error says so."""
    answers = Answers(bank_version=1, form="short", responses={})
    with pytest.raises(CodeError) as caught:
        mirror_codes(answers, [peer_code(3)])
    assert caught.value.key == "peer.self_unavailable"


# -- links, text, JSON, PDF ------------------------------------------------------------------


def test_mirror_link_and_pasted_codes() -> None:
    """The combined link carries the share code and the peer codes comma-separated."""
    link = mirror_link("http://localhost:8501/?x=1", "SHARE", ["A1", "B2"])
    assert link == "http://localhost:8501/?r=SHARE&peers=A1,B2"
    assert codes_from_text(" A1,\nB2  C3 ,, ", 2) == ["A1", "B2"]


def test_text_json_and_pdf_of_a_comparison() -> None:
    """The text names the differences, the JSON holds the figures, the PDF is a PDF."""
    answers = own_answers()
    mirror = mirror_codes(answers, [peer_code(v) for v in (1, 2, 3)])
    bank = load_bank(2)
    text = render_mirror_text(mirror, bank, "de")
    assert "Selbstbild und Fremdbild" in text
    assert "Median" in text
    data = json.loads(mirror_json(mirror, bank, "en"))
    assert data["mirror"]["used"] == 3
    assert len(data["mirror"]["dimensions"]) == len(bank.dimensions)
    pdf = build_mirror_pdf(mirror, bank, "de", "http://localhost:8501/?r=X&peers=Y")
    assert pdf.startswith(b"%PDF")
    few = mirror_codes(answers, [peer_code(1)])
    assert "mindestens 3" in render_mirror_text(few, bank, "de")
    assert build_mirror_pdf(few, bank, "en", "http://x/").startswith(b"%PDF")


def test_result_pdf_points_to_the_peer_view_for_a_peer_enabled_bank() -> None:
    """The result PDF of bank v2 says how to ask colleagues; bank v1's does not."""
    from io import BytesIO

    from pypdf import PdfReader

    from assessment.engine.result import build_result
    from assessment.render.pdf.result import build_pdf

    bank = load_bank(2)
    pdf = build_pdf(build_result(own_answers(), bank), bank, "de", "http://localhost:8501/?r=X")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Fremdbild einholen:" in text
    v1 = load_bank(1)
    old = Answers(bank_version=1, form="short", responses={})
    pdf1 = build_pdf(build_result(old, v1), v1, "de", "http://localhost:8501/?r=X")
    assert "Fremdbild" not in " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf1)).pages)
