"""Summary codes: a trusted third person turns at least three peer codes into one code that holds
per-demand figures only, so that the person never sees a single colleague's ratings.

Layout (base64url without padding):
  format 6 | bank version | flags (form, names an invitation) | [invitation id (3 bytes)] |
  raters | per dimension of the bank, in order: raters of it, and when they are at least 3:
  low, median, high (one byte each, 0–100) | crc32

The rule for the figures (published_figures, a property test checks it):
- a demand that fewer than MIN_PEERS colleagues could rate has no figures and no count;
- the range is widened outward to the 10-point grid, strictly beyond the scores: low is the
  largest multiple of 10 below the lowest score, high the smallest multiple of 10 above the
  highest (held at 0 and 100, the ends of the scale);
- the median is rounded to a multiple of 5 inside that range; where that would be exactly one
  colleague's score, the next multiple of 5 that is nobody's score is taken.
So with exactly three colleagues no figure is one colleague's score – except a range end at the
end of the scale (0 or 100), which only says that someone scored within 10 points of it. No item,
no single rating and no trade-off answer is in a summary code.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import FORM_IDS, Bank, FormId
from assessment.codes.share import SUMMARY_CODE_FORMAT
from assessment.errors import BankError, CodeError
from assessment.peer.codes import (
    INVITATION_ID_PATTERN,
    PeerAnswers,
    b64decode,
    b64encode,
    checked_body,
    code_header,
    with_checksum,
)

# At least this many colleagues per summary and per demand with figures (as in compare.py).
MIN_RATERS = 3
# A summary holds at most this many colleagues' codes (a paste box's worth).
MAX_SUMMARY_PEERS = 40
RANGE_GRID = 10
MEDIAN_GRID = 5
SCALE_LOW, SCALE_HIGH = 0, 100
_ID_BYTES = 3


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SummaryDimension(_Frozen):
    """One demand of a summary: how many colleagues rated it, and the published figures."""

    dimension: str
    raters: int = Field(ge=0, description=f"0 when fewer than {MIN_RATERS} could rate it")
    low: int | None = Field(default=None, ge=SCALE_LOW, le=SCALE_HIGH)
    median: int | None = Field(default=None, ge=SCALE_LOW, le=SCALE_HIGH)
    high: int | None = Field(default=None, ge=SCALE_LOW, le=SCALE_HIGH)


class Summary(_Frozen):
    """What a summary code carries: per-demand figures of at least three colleagues, no items."""

    bank_version: int = Field(ge=1, le=255)
    form: FormId
    invitation_id: str | None = Field(default=None, pattern=INVITATION_ID_PATTERN)
    raters: int = Field(ge=MIN_RATERS, le=MAX_SUMMARY_PEERS)
    dimensions: tuple[SummaryDimension, ...]


def published_figures(scores: Sequence[int]) -> tuple[int, int, int]:
    """Return the low, median and high published for a demand's scores (see the module's rule)."""
    if not scores:
        raise ValueError("no scores")
    lowest, highest = min(scores), max(scores)
    low = max(SCALE_LOW, RANGE_GRID * math.ceil(lowest / RANGE_GRID) - RANGE_GRID)
    high = min(SCALE_HIGH, RANGE_GRID * math.floor(highest / RANGE_GRID) + RANGE_GRID)
    middle = statistics.median(scores)
    candidates = sorted(
        range(low, high + 1, MEDIAN_GRID),
        key=lambda c: (abs(c - middle), c % RANGE_GRID != 0, c),
    )
    taken = set(scores)
    median = next((c for c in candidates if c not in taken), candidates[0])
    return low, median, high


def summarize(peers: Sequence[PeerAnswers], bank: Bank, invitation_id: str | None) -> Summary:
    """Return the summary of colleagues' ratings of one form (at least MIN_RATERS of them)."""
    from assessment.peer.compare import statement_scores

    if len(peers) < MIN_RATERS:
        raise CodeError("peer.summary_too_few", minimum=MIN_RATERS, count=len(peers))
    form = peers[0].form
    scores = [statement_scores(peer.responses, form, bank) for peer in peers]
    dimensions = []
    for dimension_id in bank.dimension_ids:
        values = [s.score for each in scores if (s := each[dimension_id]) is not None]
        if len(values) < MIN_RATERS:
            dimensions.append(SummaryDimension(dimension=dimension_id, raters=0))
            continue
        low, median, high = published_figures(values)
        dimensions.append(
            SummaryDimension(
                dimension=dimension_id, raters=len(values), low=low, median=median, high=high
            )
        )
    return Summary(
        bank_version=bank.version,
        form=form,
        invitation_id=invitation_id,
        raters=len(peers),
        dimensions=tuple(dimensions),
    )


def encode_summary(summary: Summary) -> str:
    """Return the summary code of a summary."""
    flags = FORM_IDS.index(summary.form) | (summary.invitation_id is not None) << 1
    body = bytes([SUMMARY_CODE_FORMAT, summary.bank_version, flags])
    if summary.invitation_id is not None:
        body += bytes.fromhex(summary.invitation_id)
    body += bytes([summary.raters])
    for dimension in summary.dimensions:
        body += bytes([dimension.raters])
        if dimension.raters:
            body += bytes([dimension.low or 0, dimension.median or 0, dimension.high or 0])
    return b64encode(with_checksum(body))


def _valid(dimension: SummaryDimension, raters: int) -> bool:
    if not dimension.raters:
        return dimension.low is None
    low, median, high = dimension.low, dimension.median, dimension.high
    return (
        low is not None
        and median is not None
        and high is not None
        and MIN_RATERS <= dimension.raters <= raters
        and low < high
        and low <= median <= high
        and low % RANGE_GRID == 0
        and high % RANGE_GRID == 0
        and median % MEDIAN_GRID == 0
    )


def decode_summary(code: str, root: Path = QUESTIONS_DIR) -> Summary:
    """Return what a summary code carries, or raise CodeError saying what is wrong."""
    text = code.strip()
    code_format, version, flags = code_header(text)
    if code_format != SUMMARY_CODE_FORMAT:
        raise CodeError("code.not_a_summary")
    damaged = CodeError("code.corrupted")
    if flags >> 2:
        raise damaged
    try:
        bank = load_bank(version, root)
    except BankError:
        raise CodeError("code.unknown_version", version=version) from None
    raw = b64decode(text, damaged)
    if len(raw) < 8:
        raise CodeError("code.truncated")
    body = checked_body(raw, damaged)
    position = 3
    invitation_id = None
    if flags >> 1 & 1:
        invitation_id = body[position : position + _ID_BYTES].hex().upper()
        position += _ID_BYTES
    try:
        raters = body[position]
        position += 1
        dimensions = []
        for dimension_id in bank.dimension_ids:
            count = body[position]
            position += 1
            if count:
                low, median, high = body[position : position + 3]
                position += 3
                dimensions.append(
                    SummaryDimension(
                        dimension=dimension_id, raters=count, low=low, median=median, high=high
                    )
                )
            else:
                dimensions.append(SummaryDimension(dimension=dimension_id, raters=0))
        summary = Summary(
            bank_version=version,
            form=FORM_IDS[flags & 1],
            invitation_id=invitation_id,
            raters=raters,
            dimensions=tuple(dimensions),
        )
    except (IndexError, ValueError, ValidationError):
        raise damaged from None
    if position != len(body) or not all(_valid(d, raters) for d in summary.dimensions):
        raise damaged
    if encode_summary(summary) != text:
        raise CodeError("code.not_canonical")
    return summary
