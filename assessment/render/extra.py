"""Extra questions in words (rules with `extra_questions`): how many, and what they changed.

The result page, the shared page, the PDF and the command line show `extra_notes` once, under
the summary (`Summary.extra_note`) – not among the notes on response quality, which they are
not; right after the extra questions the own result page adds that the answers are included.
"""

from __future__ import annotations

from assessment.bank.models import Bank
from assessment.engine.result import Result
from assessment.i18n import Language
from assessment.messages import msg


def change_lines(result: Result, bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return "Führung: vorher an der Grenze, jetzt im Zielbereich" per demand whose band the
    extra questions changed, in the bank's order."""
    return tuple(
        msg(
            "extra.change",
            lang,
            dimension=bank.dimension(change.dimension).name(lang),
            before=msg(f"v2.band_{change.before}", lang),
            after=msg(f"v2.band_{change.after}", lang),
        )
        for change in result.extra_changes
    )


def extra_notes(result: Result, bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return the notes on a result that includes extra answers (none without): how many, what
    they changed per demand, and the overall statement when it changed."""
    if not result.extra:
        return ()
    notes = [msg("extra.answers", lang, count=len(result.extra))]
    lines = change_lines(result, bank, lang)
    if lines:
        notes.append(msg("extra.changes", lang, changes="; ".join(lines)))
    else:
        notes.append(msg("extra.no_change", lang))
    before = result.level_before_extra
    if before is not None and before != result.match.level:
        notes.append(
            msg(
                "extra.level_change",
                lang,
                before=msg(f"level.{before}", lang),
                after=msg(f"level.{result.match.level}", lang),
            )
        )
    return (" ".join(notes),)
