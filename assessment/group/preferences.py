"""The group's working-conditions answers for a coach (rules with `preferences`, issue 21): how
the wishes spread per setting and per condition, anonymous, from the share codes alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import SETTING_IDS, Bank, ProfileId
from assessment.engine.answers import Answers
from assessment.engine.fit import fit_settings, wishes_of
from assessment.i18n import Language
from assessment.messages import msg


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SettingTally(_Frozen):
    """One setting across the group: for how many people it is named, and how many find there
    something they look for or something that would chafe."""

    setting: ProfileId
    named: int = Field(ge=0, description="People whose wishes fit it clearly best")
    chosen: int = Field(ge=0, description="People who chose it on the start page")
    matches: int = Field(ge=0, description="People with at least one wish met there")
    chafes: int = Field(ge=0, description="People with at least one chafing condition there")


class ItemTally(_Frozen):
    """One working condition across the group: the answers counted, and where it is typical."""

    item: str
    want: int = Field(ge=0)
    accept: int = Field(ge=0)
    chafe: int = Field(ge=0)
    typical_in: tuple[ProfileId, ...]


class PreferenceGroup(_Frozen):
    """The group's preferences of one bank version."""

    people: int = Field(ge=1)
    answered: int = Field(ge=0, description="People with at least one preference answer")
    no_clear: int = Field(ge=0)
    too_few: int = Field(ge=0)
    settings: tuple[SettingTally, ...]
    items: tuple[ItemTally, ...]


def preference_group(answers: Sequence[Answers], bank: Bank) -> PreferenceGroup | None:
    """Return the group's preferences (None for a bank without the block or an empty group)."""
    block = bank.preferences
    if block is None or not bank.rules.preferences or not answers:
        return None
    fits = [fit_settings(person.responses, bank) for person in answers]
    answered = [fit for fit in fits if fit is not None and fit.answered]
    verdicts = Counter(fit.verdict for fit in answered)
    named = Counter(fit.best for fit in answered if fit.best is not None)
    chosen = Counter(person.profile for person in answers)
    settings = tuple(
        SettingTally(
            setting=setting,
            named=named[setting],
            chosen=chosen[setting],
            matches=sum(bool(fit.setting(setting).of_kind("match")) for fit in answered),
            chafes=sum(bool(fit.setting(setting).of_kind("chafe")) for fit in answered),
        )
        for setting in SETTING_IDS
    )
    counts = [wishes_of(person.responses, block) for person in answers]
    items = tuple(
        ItemTally(
            item=item.id,
            want=sum(wishes.get(item.id) == "want" for wishes in counts),
            accept=sum(wishes.get(item.id) == "accept" for wishes in counts),
            chafe=sum(wishes.get(item.id) == "chafe" for wishes in counts),
            typical_in=tuple(
                s for s in SETTING_IDS if block.condition(s, item.id).presence == "typical"
            ),
        )
        for item in block.items
    )
    return PreferenceGroup(
        people=len(answers),
        answered=len(answered),
        no_clear=verdicts["no_clear"],
        too_few=verdicts["too_few"],
        settings=settings,
        items=items,
    )


def preference_section(
    group: PreferenceGroup | None, bank: Bank, lang: Language
) -> tuple[str, tuple[str, ...]] | None:
    """Return the group's working-conditions section as its heading and lines (who answered,
    then one line per setting and per condition), or None when it has nothing to say: a bank
    without the block, or nobody in the group answered it.

    The one source for every surface (page, PDF, CLI text): each shows exactly these lines, so
    they say the same numbers in the same words. The group view has no minimum group size and
    suppresses no small counts (its chart and its table of people show every person), so neither
    does this section; a suppression rule would belong here, for every surface at once.
    """
    if group is None or not group.answered:
        return None
    return msg("group.prefs.heading", lang), preference_lines(group, bank, lang)


def preference_lines(group: PreferenceGroup, bank: Bank, lang: Language) -> tuple[str, ...]:
    """Return the group's preferences as lines: who answered, per setting, then per condition."""
    block = bank.preferences
    if block is None:
        return ()
    lines = [
        msg(
            "group.prefs.answered",
            lang,
            answered=group.answered,
            people=group.people,
            no_clear=group.no_clear,
            too_few=group.too_few,
        )
    ]
    lines += [
        msg(
            "group.prefs.setting",
            lang,
            setting=bank.profiles[tally.setting].name(lang),
            named=tally.named,
            chosen=tally.chosen,
            matches=tally.matches,
            chafes=tally.chafes,
        )
        for tally in group.settings
    ]
    texts = {item.id: item.text(lang) for item in block.items}
    none = msg("group.prefs.typical_none", lang)
    for tally in group.items:
        typical = ", ".join(bank.profiles[s].name(lang) for s in tally.typical_in) or none
        lines.append(
            msg(
                "group.prefs.item",
                lang,
                text=texts[tally.item],
                want=tally.want,
                accept=tally.accept,
                chafe=tally.chafe,
                typical=typical,
            )
        )
    return tuple(lines)
