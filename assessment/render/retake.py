"""Retake marks in words (rules 3): which answers were changed after the rationales were shown.

The result page, the shared page, the PDF and the command line show `revised_note` among the
notes on the answers (`Summary.quality_notices`); the group view counts codes with marks and
names each person's `revised_marks`.
"""

from __future__ import annotations

from assessment.bank.models import Bank, KnowledgeItem, Scenario
from assessment.engine.answers import Answers
from assessment.engine.result import Result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced


def revised_counts(answers: Answers, bank: Bank) -> tuple[int, int]:
    """Return how many situations and how many knowledge questions carry a retake mark."""
    items = bank.index.items
    situations = sum(isinstance(items.get(i), Scenario) for i in answers.revised)
    knowledge = sum(isinstance(items.get(i), KnowledgeItem) for i in answers.revised)
    return situations, knowledge


def revised_marks(answers: Answers, bank: Bank, lang: Language) -> str | None:
    """Return "Nach Anzeige der Begründungen geändert: 3 Situationen, 2 Wissensfragen", or None
    when nothing was changed after the rationales (or the rules keep no marks)."""
    if not bank.rules.retake_marks or not answers.revised:
        return None
    situations, knowledge = revised_counts(answers, bank)
    parts = [
        msg(key, lang, count=count)
        for key, count in (("retake.situations", situations), ("retake.knowledge", knowledge))
        if count
    ]
    return msg("retake.marks", lang, parts=", ".join(parts))


def revised_note(result: Result, bank: Bank, lang: Language, viewer: Viewer = "self") -> str | None:
    """Return the notice on a result whose answers carry retake marks, worded for its reader."""
    marks = revised_marks(result.answers, bank, lang)
    return (
        None
        if marks is None
        else voiced("retake.note", lang, viewer, marks=marks, count=len(result.answers.revised))
    )
