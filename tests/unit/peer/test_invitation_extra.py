"""The invitation survives the targeted extra questions (issue 22.4, usability pass M3): extra
answers add evidence and leave the invitation id alone, codes of an invitation made the old way
(all responses hashed, extra answers included) still count, and changing a questionnaire answer
still makes a new invitation."""

from __future__ import annotations

import hashlib
import json

from assessment.bank.load import load_bank
from assessment.bank.models import KnowledgeItem, Scenario
from assessment.engine.answers import Answers, extra_candidates, without_extra
from assessment.peer.codes import (
    PeerAnswers,
    accepted_invitation_ids,
    encode_peer_code,
    invitation_id,
    peer_statements,
)
from assessment.peer.compare import mirror_codes, select_peers
from tests import simulate

V3 = load_bank(3)


def short_answers() -> Answers:
    return simulate.respond("honest", simulate.draw_person(V3, 2026, 0), V3, "short", 2026)


def with_extra(answers: Answers, count: int = 3) -> Answers:
    extra = {
        item.id: "a" if isinstance(item, Scenario | KnowledgeItem) else 4
        for item in extra_candidates(V3, "short")[:count]
    }
    return answers.model_copy(update={"responses": {**answers.responses, **extra}})


def old_id(answers: Answers) -> str:
    """The id as the release before this change computed it: every response hashed."""
    content = json.dumps(
        [answers.bank_version, answers.form, sorted(answers.responses.items())],
        separators=(",", ":"),
    )
    digest = hashlib.sha256(b"selbstcheck invitation\0" + content.encode("utf-8")).digest()
    return digest[:3].hex().upper()


def code(value: int, invitation: str) -> str:
    responses: dict[str, int | str] = {item.id: value for item in peer_statements(V3, "short")}
    return encode_peer_code(
        PeerAnswers(bank_version=3, form="short", responses=responses, invitation_id=invitation)
    )


def test_extra_answers_keep_the_invitation_id() -> None:
    answers = short_answers()
    extended = with_extra(answers)
    assert without_extra(extended, V3) == answers
    assert invitation_id(extended) == invitation_id(answers)
    # Without extra answers the id is the one earlier releases computed.
    assert invitation_id(answers) == old_id(answers)
    assert accepted_invitation_ids(answers) == (invitation_id(answers),)


def test_codes_collected_before_the_extra_questions_are_all_compared_after_them() -> None:
    answers = short_answers()
    codes = [code(v, invitation_id(answers)) for v in (2, 3, 4)]
    mirror = mirror_codes(with_extra(answers, 5), codes)
    assert mirror.used == 3
    assert mirror.refused == ()


def test_an_invitation_made_the_old_way_from_a_result_with_extra_answers_keeps_working() -> None:
    """A result that already carried extra answers when its invitation was made: the colleagues'
    codes name the old id; they count, beside codes naming the new id."""
    extended = with_extra(short_answers())
    legacy = old_id(extended)
    assert legacy != invitation_id(extended)
    assert accepted_invitation_ids(extended) == (invitation_id(extended), legacy)
    mirror = mirror_codes(extended, [code(v, legacy) for v in (2, 3, 4)])
    assert mirror.used == 3
    assert mirror.refused == ()
    assert mirror.invitation_id == invitation_id(extended)
    peers, refused = select_peers(extended, [code(1, legacy), code(5, invitation_id(extended))])
    assert len(peers) == 2
    assert refused == []


def test_changing_a_questionnaire_answer_still_makes_a_new_invitation() -> None:
    answers = short_answers()
    first = next(iter(peer_statements(V3, "short"))).id
    changed = dict(answers.responses)
    changed[first] = 1 if changed.get(first) != 1 else 5
    other = answers.model_copy(update={"responses": changed})
    assert invitation_id(other) != invitation_id(answers)
    mirror = mirror_codes(other, [code(v, invitation_id(answers)) for v in (2, 3, 4)])
    assert mirror.used == 0
    assert {r.key for r in mirror.refused} == {"peer.other_invitation"}
