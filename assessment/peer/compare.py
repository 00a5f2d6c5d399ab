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
  their lowest minus the self uncertainty; otherwise "similar". From a summary code the range is
  the summary's widened one (summary.py), so a verdict from it is never bolder.
- Which codes count (select_codes): a code names the invitation it answers; one naming another
  invitation is refused by name. Codes of the first release name none: they count, and the page
  says which they are. A colleague counts once however their code is spelt (language, unrated or
  "can't judge", format): codes with the same canonical ratings are duplicates. One summary code
  is compared on its own; peer codes beside it are left out.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import UNSURE, Bank, FormId, LikertItem
from assessment.engine.answers import Answers, check_answers
from assessment.engine.scoring import MIN_ANSWERED_SHARE, item_value, standard_error, to_pomp
from assessment.errors import CodeError
from assessment.peer.codes import (
    INVITATION_ID_PATTERN,
    PeerAnswers,
    accepted_invitation_ids,
    canonical_ratings,
    check_peer_answers,
    decode_peer_code,
    is_summary_code,
)
from assessment.peer.summary import (
    MAX_SUMMARY_PEERS,
    Summary,
    SummaryDimension,
    decode_summary,
    summarize,
)

# Fewer valid peer codes than this could identify a single colleague: no figures at all.
MIN_PEERS = 3
# At most this many peer codes are compared; any further ones are listed and left out.
MAX_PEERS = 12

Difference = Literal["higher", "lower", "similar", "too_few", "self_missing"]
Source = Literal["peers", "summary"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    source: Source = Field(
        default="peers", description="peers: colleagues' codes; summary: one summary code"
    )
    invitation_id: str | None = Field(
        default=None, pattern=INVITATION_ID_PATTERN, description="The person's invitation"
    )
    unnamed: tuple[int, ...] = Field(
        default=(), description="Positions of codes that name no invitation (first release)"
    )

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
    return _judged(dimension, own, len(peer_scores), low, median, high)


def _judged(
    dimension: str, own: StatementScore | None, peers: int, low: int, median: int, high: int
) -> DimensionMirror:
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
        peers=peers,
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


def compare_summary(answers: Answers, summary: Summary, bank: Bank) -> Mirror:
    """Return the comparison of a person's answers with a summary code's figures."""
    check_answers(answers, bank)
    own = statement_scores(answers.responses, answers.form, bank)
    figures: dict[str, SummaryDimension] = {d.dimension: d for d in summary.dimensions}
    rows = []
    for dimension_id in bank.dimension_ids:
        row = figures.get(dimension_id)
        mine = own[dimension_id]
        if row is None or row.low is None or row.median is None or row.high is None:
            rows.append(
                DimensionMirror(
                    dimension=dimension_id,
                    self_score=mine.score if mine else None,
                    self_uncertainty=mine.uncertainty if mine else None,
                    peers=0,
                    difference="too_few",
                )
            )
        else:
            rows.append(_judged(dimension_id, mine, row.raters, row.low, row.median, row.high))
    return Mirror(
        bank_version=bank.version,
        form=answers.form,
        given=1,
        used=summary.raters,
        enough=True,
        dimensions=tuple(rows),
        source="summary",
    )


@dataclass
class Selection:
    """The codes that count, and those left out with the reason."""

    peers: list[PeerAnswers] = field(default_factory=list)
    refused: list[RefusedPeer] = field(default_factory=list)
    unnamed: list[int] = field(default_factory=list)
    summary: Summary | None = None
    invitation_id: str | None = None


def _refuse(selection: Selection, number: int, key: str, **params: int | str) -> None:
    selection.refused.append(RefusedPeer(number=number, key=key, params=tuple(params.items())))


def select_codes(
    codes: Sequence[str],
    bank: Bank,
    form: FormId,
    expected_id: str | None,
    *,
    also_accepted: Collection[str] = (),
    limit: int = MAX_PEERS,
    accept_summary: bool = True,
    root: Path = QUESTIONS_DIR,
) -> Selection:
    """Return the codes that count for one invitation (see the module's rules).

    expected_id None (a trusted person without the invitation link): the first code that names
    an invitation sets it. also_accepted: further ids that name the same invitation (the id an
    earlier release computed for the same answers, accepted_invitation_ids)."""
    selection = Selection(invitation_id=expected_id)
    accepted = set(also_accepted)
    seen: dict[tuple[int, FormId, tuple[int, ...]], int] = {}
    summary_number = 0
    for number, code in enumerate(codes, start=1):
        text = code.strip()
        if number > limit:
            _refuse(selection, number, "peer.too_many", limit=limit)
            continue
        try:
            if is_summary_code(text):
                found: PeerAnswers | Summary = decode_summary(text, root)
            else:
                found = decode_peer_code(text, root)
        except CodeError as error:
            params = {k: v if isinstance(v, int) else str(v) for k, v in error.params.items()}
            _refuse(selection, number, error.key, **params)
            continue
        if isinstance(found, Summary) and not accept_summary:
            _refuse(selection, number, "peer.summary_in_summary")
            continue
        if found.bank_version != bank.version:
            _refuse(
                selection, number, "peer.other_version", got=found.bank_version, want=bank.version
            )
            continue
        if found.form != form:
            got, want = bank.forms[found.form].name, bank.forms[form].name
            _refuse(
                selection,
                number,
                "peer.other_form",
                got=f"{got.de} / {got.en}",
                want=f"{want.de} / {want.en}",
            )
            continue
        named = found.invitation_id
        if named is not None and selection.invitation_id is None:
            selection.invitation_id = named
        if named is not None and named != selection.invitation_id and named not in accepted:
            _refuse(
                selection,
                number,
                "peer.other_invitation",
                got=named,
                want=selection.invitation_id or "",
            )
            continue
        if isinstance(found, Summary):
            if selection.summary is not None:
                _refuse(selection, number, "peer.summary_second", first=summary_number)
            else:
                selection.summary, summary_number = found, number
                if named is None:
                    selection.unnamed.append(number)
            continue
        key = canonical_ratings(found, bank)
        if key in seen:
            _refuse(selection, number, "peer.duplicate_of", first=seen[key])
            continue
        seen[key] = number
        if named is None:
            selection.unnamed.append(number)
        selection.peers.append(check_peer_answers(found, bank))
    if selection.summary is not None and selection.peers:
        counted = set(seen.values())
        for number in sorted(counted):
            _refuse(selection, number, "peer.summary_alone", summary=summary_number)
        selection.unnamed = [n for n in selection.unnamed if n not in counted]
        selection.peers = []
    selection.refused.sort(key=lambda refused: refused.number)
    return selection


def select_peers(
    answers: Answers, codes: Sequence[str], root: Path = QUESTIONS_DIR
) -> tuple[list[PeerAnswers], list[RefusedPeer]]:
    """Return the peer codes' ratings that count for the person's invitation, and the codes left
    out with the reason (select_codes)."""
    bank = load_bank(answers.bank_version, root)
    if not bank.peer:
        raise CodeError("peer.self_unavailable", version=answers.bank_version)
    own_id, *older = accepted_invitation_ids(answers, root)
    selection = select_codes(codes, bank, answers.form, own_id, also_accepted=older, root=root)
    return selection.peers, selection.refused


def mirror_codes(answers: Answers, codes: Sequence[str], root: Path = QUESTIONS_DIR) -> Mirror:
    """Return the comparison of a person's answers with the codes given: at least MIN_PEERS
    peer codes of their invitation, or one summary code."""
    bank = load_bank(answers.bank_version, root)
    if not bank.peer:
        raise CodeError("peer.self_unavailable", version=answers.bank_version)
    own_id, *older = accepted_invitation_ids(answers, root)
    selection = select_codes(codes, bank, answers.form, own_id, also_accepted=older, root=root)
    if selection.summary is not None:
        mirror = compare_summary(answers, selection.summary, bank)
    else:
        mirror = compare_peers(answers, selection.peers, bank)
    return mirror.model_copy(
        update={
            "given": len(codes),
            "refused": tuple(selection.refused),
            "invitation_id": own_id,
            "unnamed": tuple(selection.unnamed),
        }
    )


def summarize_codes(
    codes: Sequence[str],
    bank: Bank,
    form: FormId,
    expected_id: str | None,
    root: Path = QUESTIONS_DIR,
) -> tuple[Summary | None, Selection]:
    """Return the summary of the peer codes that count (None when fewer than MIN_PEERS)."""
    selection = select_codes(
        codes,
        bank,
        form,
        expected_id,
        limit=MAX_SUMMARY_PEERS,
        accept_summary=False,
        root=root,
    )
    if len(selection.peers) < MIN_PEERS:
        return None, selection
    return summarize(selection.peers, bank, selection.invitation_id), selection
