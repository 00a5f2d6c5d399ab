"""Rules-4 checks of a bank's statements: the frequency scale and the wording marks.

read_bank calls check_statements for every bank; banks v1 to v3 use neither field, so they pass
unchanged.

- `scale = "frequency"` (never, once, 2–3 times, more often; "no occasion") only where the rules
  have `frequency_scale`: an older product would read its answers as agreement.
- `wording_note` says why the desirable answer is not obvious, so it belongs to a statement
  marked `wording = "trap"` or `"balanced"` (any rules).
- With `wording_checks` (rules 4): at least a third of the statements carry `wording`, each with
  a non-empty `wording_note` (issue 19: at least a third keyed so that the desirable answer is
  not obvious; the note lets a reviewer check the claim).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path

from assessment.bank.models import LikertItem
from assessment.bank.rules import RuleSet
from assessment.errors import BankError

# At least this share of the statements carries `wording` (rules with `wording_checks`).
MIN_WORDING_SHARE = Fraction(1, 3)


def _files(ids: Sequence[str], sources: Mapping[str, Path]) -> str:
    return ", ".join(sorted({sources[item_id].name for item_id in ids}))


def _refuse(ids: Sequence[str], sources: Mapping[str, Path], problem: str) -> BankError:
    """A refusal naming the first offending item's file, every offending item and their files."""
    return BankError(sources[ids[0]], ", ".join(ids), f"{problem} (in {_files(ids, sources)})")


def marked_share_met(marked: int, statements: int) -> bool:
    """Return whether marked statements make up at least MIN_WORDING_SHARE of all (exactly, as a
    fraction: 20 of 60 meet a third, 19 do not)."""
    return marked >= MIN_WORDING_SHARE * statements


def check_statements(
    rules: RuleSet, likert: Sequence[LikertItem], sources: Mapping[str, Path], bank_path: Path
) -> None:
    """Refuse a bank whose statements break its rules' scale or wording checks, naming items."""
    frequency = [item.id for item in likert if item.scale == "frequency"]
    if frequency and not rules.frequency_scale:
        raise _refuse(
            frequency,
            sources,
            f'{len(frequency)} statements have scale = "frequency", which rules'
            f" {rules.version} do not know (rules with a frequency scale: 4 on)",
        )
    unmarked = [item.id for item in likert if item.wording is None and item.wording_note]
    if unmarked:
        raise _refuse(
            unmarked,
            sources,
            "wording_note without wording: say whether the statement is a trap or balanced"
            ' (wording = "trap" or "balanced"), or drop the note',
        )
    if not rules.wording_checks:
        return
    marked = [item for item in likert if item.wording is not None]
    silent = [item.id for item in marked if not (item.wording_note or "").strip()]
    if silent:
        raise _refuse(
            silent,
            sources,
            f"{len(silent)} statements marked wording have no wording_note: say why the"
            " desirable answer is not obvious",
        )
    if not marked_share_met(len(marked), len(likert)):
        needed = math.ceil(MIN_WORDING_SHARE * len(likert))
        raise BankError(
            bank_path,
            "wording",
            f"{len(marked)} of {len(likert)} statements carry wording (trap or balanced),"
            f" at least a third ({needed}) must: the desirable answer is obvious in too many"
            f" (marked: {', '.join(item.id for item in marked) or 'none'})",
        )
