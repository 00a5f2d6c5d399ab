"""The labels of the result's review of situations and knowledge questions: the number the
question page showed ("Situation 3 von 12"), the topic and how the person's own choice rates."""

from __future__ import annotations

from assessment.bank.models import UNSURE, Bank, KnowledgeItem, Scenario
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced


def situation_number(number: tuple[int, int], lang: Language) -> str:
    """Return a situation's number within its form ("Situation 3 von 12")."""
    return msg("nav.situation_of", lang, number=number[0], total=number[1])


def knowledge_number(number: tuple[int, int], lang: Language) -> str:
    """Return a knowledge question's number within its form ("Wissensfrage 2 von 8")."""
    return msg("nav.knowledge_of", lang, number=number[0], total=number[1])


def scenario_label(
    item: Scenario,
    chosen: str,
    number: tuple[int, int],
    bank: Bank,
    lang: Language,
    viewer: Viewer,
) -> str:
    """Return a situation's review label: its number, topic, and the choice with its rating."""
    score = next(option.score for option in item.options if option.id == chosen)
    choice = voiced(
        "nav.choice",
        lang,
        viewer,
        option=chosen,
        rating=msg(f"nav.rating_{score}", lang),
        score=score,
    )
    return msg(
        "nav.review_label",
        lang,
        number=situation_number(number, lang),
        topic=bank.dimension(item.dimension).name(lang),
        choice=choice,
    )


def knowledge_label(
    item: KnowledgeItem,
    chosen: str,
    number: tuple[int, int],
    bank: Bank,
    lang: Language,
    viewer: Viewer,
) -> str:
    """Return a knowledge question's review label: its number, topic, and whether the answer
    given was right."""
    verdict = "unsure" if chosen == UNSURE else "right" if chosen == item.key else "wrong"
    return msg(
        "nav.review_label",
        lang,
        number=knowledge_number(number, lang),
        topic=bank.dimension(item.dimension).name(lang),
        choice=voiced(f"nav.answer_{verdict}", lang, viewer),
    )
