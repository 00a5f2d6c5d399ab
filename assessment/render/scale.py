"""The answer labels of a statement's scale: agreement (the bank's five labels) or, for a
frequency statement (rules 4, `scale = "frequency"`), never, once, 2–3 times, more often and
"keine Gelegenheit" (the catalogue's [frequency] block), for every surface that shows them."""

from __future__ import annotations

from assessment.bank.models import FREQUENCY_VALUES, UNSURE, LikertItem
from assessment.i18n import Language
from assessment.messages import msg

# The catalogue keys of the answers 1–4 of a frequency statement, in order.
FREQUENCY_KEYS: tuple[str, ...] = (
    "frequency.never",
    "frequency.once",
    "frequency.two_three",
    "frequency.more_often",
)
NO_OCCASION_KEY = "frequency.no_occasion"
# A frequency statement's answers in the order shown: the four counts, then "no occasion".
FREQUENCY_CHOICES: tuple[int | str, ...] = (*FREQUENCY_VALUES, UNSURE)


def is_frequency(item: object) -> bool:
    """Return whether an item is a statement answered on the frequency scale."""
    return isinstance(item, LikertItem) and item.scale == "frequency"


def frequency_labels(lang: Language) -> dict[int | str, str]:
    """Return a frequency statement's answers (1–4 and UNSURE) with their labels."""
    labels: dict[int | str, str] = {
        value: msg(key, lang) for value, key in zip(FREQUENCY_VALUES, FREQUENCY_KEYS, strict=True)
    }
    labels[UNSURE] = msg(NO_OCCASION_KEY, lang)
    return labels
