"""Self and others side by side: per dimension the self score of the statements, and the range
and median of the colleagues' scores, with differences judged beyond the self uncertainty.

Rules (named constants, tested at their boundaries):
- A colleague's score of a dimension is the POMP score of their ratings of its statements, by
  the same rules as the person's own (rules 2: "can't judge" never scores; at least half of the
  form's statements of the dimension must be rated).
- The self score here uses the statements only: scenarios are not in the peer questionnaire.
- With fewer than MIN_PEERS valid peer codes nothing per dimension is shown; a dimension that
  fewer than MIN_PEERS colleagues could rate is shown without figures (anonymity).
- "higher" (the person sees themselves clearly stronger) when the self score lies above the
  colleagues' highest score plus the self uncertainty; "lower" (underrated) when it lies below
  their lowest minus the self uncertainty; otherwise "similar".
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.answers import Answers, check_answers
from assessment.bank import QUESTIONS_DIR, load_bank
from assessment.errors import CodeError
from assessment.models import UNSURE, Bank, FormId, LikertItem
from assessment.peer.codes import PeerAnswers, check_peer_answers, decode_peer_code
from assessment.scoring import MIN_ANSWERED_SHARE, item_value, standard_error, to_pomp

# Fewer valid peer codes than this could identify a single colleague: no figures at all.
MIN_PEERS = 3
# At most this many peer codes are compared; any further ones are listed and left out.
MAX_PEERS = 12

Difference = Literal["higher", "lower", "similar", "too_few", "self_missing"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatementScore(_Frozen):
    """A score of one dimension from its statements only, with its uncertainty."""

    score: int = Field(ge=0, le=100)
    uncertainty: int = Field(ge=0, le=100)


class RefusedPeer(_Frozen):
    """A peer code that is left out: its position in the input and why (catalogue key)."""

    number: int = Field(ge=1, description="1-based position among the codes given")
    key: str
    params: tuple[tuple[str, int | str], ...] = ()


class DimensionMirror(_Frozen):
    """One dimension: self score, colleagues' range and median, and how they differ."""

    dimension: str
    self_score: int | None = Field(default=None, ge=0, le=100)
    self_uncertainty: int | None = Field(default=None, ge=0, le=100)
    peers: int = Field(ge=0, description="Colleagues whose ratings score this dimension")
    low: int | None = Field(default=None, ge=0, le=100)
    median: int | None = Field(default=None, ge=0, le=100)
    high: int | None = Field(default=None, ge=0, le=100)
    difference: Difference
    margin: int = Field(default=0, ge=0, description="Points beyond the widened range")


class Mirror(_Frozen):
    """The comparison of one share code with the peer codes given for it."""

    bank_version: int
    form: FormId
    given: int = Field(ge=0, description="Peer codes given")
    used: int = Field(ge=0, description="Valid peer codes compared")
    enough: bool = Field(description=f"At least {MIN_PEERS} valid peer codes")
    dimensions: tuple[DimensionMirror, ...] = Field(
        description="Per dimension; empty when there are too few peer codes"
    )
    refused: tuple[RefusedPeer, ...] = ()

    def biggest_differences(self) -> tuple[DimensionMirror, ...]:
        """Return the dimensions that differ clearly, the largest margin first."""
        differing = [d for d in self.dimensions if d.difference in ("higher", "lower")]
        return tuple(sorted(differing, key=lambda d: -d.margin))


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def statement_scores(
    responses: Mapping[str, int | str], form: FormId, bank: Bank
) -> dict[str, StatementScore | None]:
    """Return per dimension the score of the rated statements (None when too few are rated)."""
    scores: dict[str, StatementScore | None] = {}
    for dimension_id in bank.dimension_ids:
        items = [i for i in bank.form_items_of(form, dimension_id) if isinstance(i, LikertItem)]
        values = [
            item_value(item, responses[item.id])
            for item in items
            if item.id in responses and responses[item.id] != UNSURE
        ]
        enough = bool(values) and len(values) >= MIN_ANSWERED_SHARE * len(items)
        scores[dimension_id] = (
            StatementScore(
                score=to_pomp(sum(values) / len(values)), uncertainty=standard_error(values)
            )
            if enough
            else None
        )
    return scores


def compare_dimension(
    dimension: str, own: StatementScore | None, peer_scores: Sequence[int]
) -> DimensionMirror:
    """Return the comparison of one dimension (see the module's rules)."""
    if len(peer_scores) < MIN_PEERS:
        return DimensionMirror(
            dimension=dimension,
            self_score=own.score if own else None,
            self_uncertainty=own.uncertainty if own else None,
            peers=len(peer_scores),
            difference="too_few",
        )
    low, high = min(peer_scores), max(peer_scores)
    median = round_half_up(statistics.median(peer_scores))
    difference: Difference = "self_missing"
    margin = 0
    if own is not None:
        above = own.score - (high + own.uncertainty)
        below = (low - own.uncertainty) - own.score
        if above > 0:
            difference, margin = "higher", above
        elif below > 0:
            difference, margin = "lower", below
        else:
            difference = "similar"
    return DimensionMirror(
        dimension=dimension,
        self_score=own.score if own else None,
        self_uncertainty=own.uncertainty if own else None,
        peers=len(peer_scores),
        low=low,
        median=median,
        high=high,
        difference=difference,
        margin=margin,
    )


def compare_peers(answers: Answers, peers: Sequence[PeerAnswers], bank: Bank) -> Mirror:
    """Return the comparison of a person's answers with colleagues' ratings of the same form.

    peers must already belong to the bank version and form (select_peers does that).
    """
    check_answers(answers, bank)
    own = statement_scores(answers.responses, answers.form, bank)
    dimensions: tuple[DimensionMirror, ...] = ()
    if len(peers) >= MIN_PEERS:
        peer_scores = [statement_scores(p.responses, p.form, bank) for p in peers]
        dimensions = tuple(
            compare_dimension(
                dimension_id,
                own[dimension_id],
                [s.score for scores in peer_scores if (s := scores[dimension_id]) is not None],
            )
            for dimension_id in bank.dimension_ids
        )
    return Mirror(
        bank_version=bank.version,
        form=answers.form,
        given=len(peers),
        used=len(peers),
        enough=len(peers) >= MIN_PEERS,
        dimensions=dimensions,
    )


def select_peers(
    answers: Answers, codes: Sequence[str], root: Path = QUESTIONS_DIR
) -> tuple[list[PeerAnswers], list[RefusedPeer]]:
    """Return the peer codes' ratings that fit the person's bank version and form, and the
    codes left out with the reason: unreadable, another version or form, a duplicate, or
    beyond MAX_PEERS."""
    bank = load_bank(answers.bank_version, root)
    if not bank.peer:
        raise CodeError("peer.self_unavailable", version=answers.bank_version)
    used: list[PeerAnswers] = []
    refused: list[RefusedPeer] = []
    seen: set[str] = set()
    for number, code in enumerate(codes, start=1):
        text = code.strip()
        if number > MAX_PEERS:
            refused.append(
                RefusedPeer(number=number, key="peer.too_many", params=(("limit", MAX_PEERS),))
            )
            continue
        if text in seen:
            refused.append(RefusedPeer(number=number, key="peer.duplicate"))
            continue
        seen.add(text)
        try:
            peer = decode_peer_code(text, root)
        except CodeError as error:
            params = tuple(
                (k, v if isinstance(v, int) else str(v)) for k, v in error.params.items()
            )
            refused.append(RefusedPeer(number=number, key=error.key, params=params))
            continue
        if peer.bank_version != answers.bank_version:
            params = (("got", peer.bank_version), ("want", answers.bank_version))
            refused.append(RefusedPeer(number=number, key="peer.other_version", params=params))
        elif peer.form != answers.form:
            got, want = bank.forms[peer.form].name, bank.forms[answers.form].name
            params = (("got", f"{got.de} / {got.en}"), ("want", f"{want.de} / {want.en}"))
            refused.append(RefusedPeer(number=number, key="peer.other_form", params=params))
        else:
            used.append(check_peer_answers(peer, bank))
    return used, refused


def mirror_codes(answers: Answers, codes: Sequence[str], root: Path = QUESTIONS_DIR) -> Mirror:
    """Return the comparison of a person's answers with the valid ones of the peer codes given."""
    peers, refused = select_peers(answers, codes, root)
    bank = load_bank(answers.bank_version, root)
    mirror = compare_peers(answers, peers, bank)
    return mirror.model_copy(update={"given": len(codes), "refused": tuple(refused)})
