"""The key below the profile chart, one text for the page and the PDF: what the bar, the mark
and each marker's shape mean, with "□ vorläufig" wherever a demand's score is provisional."""

from __future__ import annotations

from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.summary import Summary

PROVISIONAL_BAND = "provisional"


def chart_key(summary: Summary, lang: Language, viewer: Viewer, *, uncertain: bool) -> str:
    """Return the chart's key: the rules-2 key where scores carry their uncertainty (the first
    key otherwise), and the hollow square of a provisional score when the chart shows one."""
    key = voiced(
        "ui.result.chart_caption_v2" if uncertain else "ui.result.chart_caption", lang, viewer
    )
    if any(card.band == PROVISIONAL_BAND for card in summary.cards):
        agreeing = summary.rules.per_view_disagreement  # rules 4: answers that point its way
        provisional = "rules4.basis.provisional_key" if agreeing else "nav.provisional_key"
        key += " " + msg(provisional, lang) + "."
    return key
