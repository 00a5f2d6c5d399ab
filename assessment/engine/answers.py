"""What a person answered: raw choices per item, the source of truth that is always re-scored."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assessment.bank.models import (
    FREQUENCY_MAX,
    LIKERT_MAX,
    LIKERT_MIN,
    PREFERENCE_ANSWERS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    Bank,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    ProfileId,
    Scenario,
)
from assessment.errors import AnswersError
from assessment.i18n import Language

LikertValue = Annotated[int, Field(ge=LIKERT_MIN, le=LIKERT_MAX)]
# A scenario option a–d, or "na": "Kann ich (noch) nicht einschätzen" on a statement that offers it.
OptionId = Annotated[str, Field(pattern=r"^([a-d]|na)$")]
MAX_PAGE_SECONDS = 24 * 3600
# Extra questions (rules with `extra_questions`): a short-form answers set may also answer these
# kinds of the full form's items that the short form does not ask — the ones that score a demand.
EXTRA_FORM: FormId = "short"
EXTRA_SOURCE_FORM: FormId = "full"


class PageTiming(BaseModel):
    """How long one questionnaire page took, for the speed check."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    items: int = Field(ge=1, le=200, description="Items shown on the page")
    seconds: float = Field(ge=0, le=MAX_PAGE_SECONDS, description="Time spent on the page")
    page: int | None = Field(
        default=None,
        ge=1,
        le=200,
        description=(
            "The page's number in the questionnaire (from 1); unset: its position among the"
            " timings (pages without timed items are left out, so set it whenever some are)"
        ),
    )


class Answers(BaseModel):
    """A person's answers to one form of one bank version, with the chosen setting and language."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    bank_version: int = Field(ge=1, le=255)
    form: FormId
    profile: ProfileId = "duisburg"
    language: Language = "de"
    background: Experience | None = Field(
        default=None,
        description='Background chosen on the start page (bank v2 on; "specialist" from v3)',
    )
    responses: dict[str, LikertValue | OptionId] = Field(
        default_factory=dict,
        description=(
            "Item id → value 1–5 (statement, trade-off, validity statement; 1–4 on a frequency"
            " statement: never, once, 2–3 times, more often), scenario option a–d, or 'na'"
            " (can't judge yet, only where the statement presumes experience; no occasion, on"
            " every frequency statement);"
            " unanswered items absent; a short form of rules with extra questions may also"
            " answer the full form's remaining statements, situations and knowledge items"
        ),
        max_length=500,
    )
    page_seconds: tuple[PageTiming, ...] = Field(default=(), max_length=200)
    revised: tuple[str, ...] = Field(
        default=(),
        max_length=500,
        description=(
            "Scenario and knowledge items whose answer was changed after the rationales and"
            " explanations were shown (rules 3: retake integrity); sorted ids"
        ),
    )

    @field_validator("revised")
    @classmethod
    def _sorted_once(cls, revised: tuple[str, ...]) -> tuple[str, ...]:
        """Keep each id once, sorted: one set of marks has one form (and one code)."""
        return tuple(sorted(set(revised)))


def check_answers(answers: Answers, bank: Bank) -> Answers:
    """Return the answers if they fit the bank; raise AnswersError naming what does not.

    An item outside the form is accepted only as an extra question (`extra_candidates`).
    """
    if answers.bank_version != bank.version:
        raise AnswersError("answers.version_mismatch", got=answers.bank_version, want=bank.version)
    index = bank.index
    in_form = index.form_item_ids[answers.form]
    extra = _candidate_ids(bank, answers.form)
    kinds = _check_kinds(bank)
    for item_id, value in answers.responses.items():
        kind = kinds.get(item_id)
        if kind is None:
            raise AnswersError("answers.unknown_item", item=item_id)
        if kind is _Kind.PREFERENCE:
            # The working-conditions block belongs to both forms (a page of its own).
            if type(value) is not int or not 1 <= value <= len(PREFERENCE_ANSWERS):
                raise AnswersError("answers.preference_value", item=item_id)
            continue
        if item_id not in in_form and item_id not in extra:
            if extra:
                raise AnswersError("extra.not_offered", item=item_id, form=answers.form)
            raise AnswersError("answers.not_in_form", item=item_id, form=answers.form)
        if kind is _Kind.SCENARIO:
            if value not in SCENARIO_OPTION_IDS:
                raise AnswersError("answers.scenario_value", item=item_id)
        elif kind is _Kind.KNOWLEDGE:
            if value not in SCENARIO_OPTION_IDS and value != UNSURE:
                raise AnswersError("answers.knowledge_value", item=item_id)
        elif kind is _Kind.FREQUENCY:
            # Never, once, 2–3 times, more often (1–4), or "na": no occasion (always offered).
            if value != UNSURE and not (isinstance(value, int) and value <= FREQUENCY_MAX):
                raise AnswersError("frequency.answers_value", item=item_id)
        elif value == UNSURE:
            if kind is not _Kind.OFFERS_UNSURE:
                raise AnswersError("answers.unsure_not_offered", item=item_id)
        elif not isinstance(value, int):
            raise AnswersError("answers.likert_value", item=item_id)
    if answers.background is not None and not bank.rules.has_background:
        raise AnswersError("answers.background_v1")
    if answers.background is not None and answers.background not in bank.backgrounds:
        raise AnswersError("answers.background_unknown", background=answers.background)
    for item_id in answers.revised:
        if not bank.rules.retake_marks:
            raise AnswersError("answers.revised_not_kept", version=bank.version)
        item = index.items.get(item_id)
        if item_id not in in_form or not isinstance(item, Scenario | KnowledgeItem):
            raise AnswersError("answers.revised_item", item=item_id, form=answers.form)
    return answers


class _Kind(Enum):
    """What check_answers needs to know of an item (isinstance on a model class is slow)."""

    PREFERENCE = "preference"
    SCENARIO = "scenario"
    KNOWLEDGE = "knowledge"
    OFFERS_UNSURE = "offers_unsure"  # a statement that presumes experience
    FREQUENCY = "frequency"  # a frequency statement (rules 4): 1–4 or no occasion
    FIVE_POINT = "five_point"


_KINDS: dict[int, tuple[Bank, dict[str, _Kind]]] = {}


def _kind(item: Item) -> _Kind:
    if isinstance(item, PreferenceItem):
        return _Kind.PREFERENCE
    if isinstance(item, Scenario):
        return _Kind.SCENARIO
    if isinstance(item, KnowledgeItem):
        return _Kind.KNOWLEDGE
    if isinstance(item, LikertItem) and item.scale == "frequency":
        return _Kind.FREQUENCY
    if getattr(item, "presumes", None) is not None:
        return _Kind.OFFERS_UNSURE
    return _Kind.FIVE_POINT


def _check_kinds(bank: Bank) -> dict[str, _Kind]:
    """Return the kind of every item of a bank (computed once per bank: every progress code of
    every answer is checked)."""
    cached = _KINDS.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = (bank, {item_id: _kind(item) for item_id, item in bank.index.items.items()})
        _KINDS[id(bank)] = cached
    return cached[1]


_CANDIDATES: dict[tuple[int, FormId], tuple[Bank, tuple[Item, ...], frozenset[str]]] = {}


def extra_candidates(bank: Bank, form: FormId) -> tuple[Item, ...]:
    """Return the items a form's answers may answer as extra questions, in the full form's order:
    for the short form of a bank whose rules have `extra_questions`, the full form's statements,
    situations and knowledge items that the short form does not ask; otherwise none."""
    return _cached_candidates(bank, form)[1]


def _candidate_ids(bank: Bank, form: FormId) -> frozenset[str]:
    return _cached_candidates(bank, form)[2]


def _cached_candidates(bank: Bank, form: FormId) -> tuple[Bank, tuple[Item, ...], frozenset[str]]:
    cached = _CANDIDATES.get((id(bank), form))
    if cached is None or cached[0] is not bank:
        items: tuple[Item, ...] = ()
        if bank.rules.extra_questions and form == EXTRA_FORM and EXTRA_SOURCE_FORM in bank.forms:
            asked = bank.index.form_item_ids[form]
            items = tuple(
                item
                for item in bank.form_items(EXTRA_SOURCE_FORM)
                if item.id not in asked and isinstance(item, LikertItem | Scenario | KnowledgeItem)
            )
        cached = (bank, items, frozenset(item.id for item in items))
        _CANDIDATES[id(bank), form] = cached
    return cached


def extra_answered(answers: Answers, bank: Bank) -> tuple[str, ...]:
    """Return the extra questions the answers answer (items outside their form), in the full
    form's order."""
    return tuple(
        item.id for item in extra_candidates(bank, answers.form) if item.id in answers.responses
    )


def without_extra(answers: Answers, bank: Bank) -> Answers:
    """Return the answers without their extra questions: the questionnaire's own answers."""
    extra = set(extra_answered(answers, bank))
    if not extra:
        return answers
    responses = {i: v for i, v in answers.responses.items() if i not in extra}
    return answers.model_copy(update={"responses": responses})
