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

# The result's section for a band (render/summary._groups_v2, engine/matching.demand_marks).
_SECTION = {
    "below": "development",
    "within": "strengths",
    "above": "strengths",
    "borderline": "borderline",
    "provisional": "provisional",
    "experience": "experience",
    "unknown": "unscored",
}


def section_key(band: str, result: Result, bank: Bank) -> str:
    """Return the key of the section the result shows a demand of this band under: a starter's
    demands below the range stand under Erfahrungsfelder where the rules say so."""
    starter = bank.rules.starter_gaps_are_experience and result.answers.background == "starter"
    return "experience" if band == "below" and starter else _SECTION[band]


def change_lines(result: Result, bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return "Führung: vorher unter „An der Grenze“, jetzt unter „Stärken“" per demand whose
    section the extra questions changed, in the bank's order – named by the result's section
    headings, so the note uses the words the sections below it use (UX pass m4)."""
    lines = []
    for change in result.extra_changes:
        before = section_key(change.before, result, bank)
        after = section_key(change.after, result, bank)
        if before == after:
            continue
        lines.append(
            msg(
                "ux.sections.change",
                lang,
                dimension=bank.dimension(change.dimension).name(lang),
                before=msg(f"v2.group_{before}", lang),
                after=msg(f"v2.group_{after}", lang),
            )
        )
    return tuple(lines)


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
