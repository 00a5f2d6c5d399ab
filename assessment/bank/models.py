"""The question bank as frozen models: dimensions, items, forms, demand profiles, salary ranges."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

# The choices' keys live in a module of their own, which the start page imports without pydantic.
from assessment.bank.choices import EXPERIENCE_LEVELS as EXPERIENCE_LEVELS
from assessment.bank.choices import EXPERIENCE_LEVELS_SPECIALIST as EXPERIENCE_LEVELS_SPECIALIST
from assessment.bank.choices import FORM_IDS as FORM_IDS
from assessment.bank.choices import PROFILE_IDS as PROFILE_IDS
from assessment.bank.choices import SETTING_IDS as SETTING_IDS
from assessment.bank.choices import Experience as Experience
from assessment.bank.choices import FormId as FormId
from assessment.bank.choices import ProfileId as ProfileId
from assessment.bank.rules import DEFAULT_RULES_VERSION, RulesField
from assessment.i18n import Language

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
Keying = Literal["plus", "minus"]
# What a statement presumes that a career starter may not have had yet.
Presumes = Literal["team", "budget", "management", "incident", "project"]
# A statement's answer scale (rules 4, `frequency_scale`): agreement, or how often it happened.
Scale = Literal["agree", "frequency"]
# Why a statement's desirable answer is not obvious (rules 4, `wording_checks`): a trap (the
# answer that looks good scores lower) or balanced wording (both answers are respectable).
Wording = Literal["trap", "balanced"]
Pole = Literal["a", "b"]
# The three views of a demand from rules 3 on: what people say about themselves (statements), how
# they decide (scenarios), what they know (knowledge items); scored apart, shown side by side.
View = Literal["self", "situation", "knowledge"]
VIEWS: tuple[View, ...] = ("self", "situation", "knowledge")
ScenarioSetting = Literal["public", "mittelstand", "industry", "general"]


LIKERT_MIN = 1
LIKERT_MAX = 5
# The answer "Kann ich (noch) nicht einschätzen" to a statement that presumes experience; on a
# frequency statement the same value is "keine Gelegenheit" (no occasion), offered on every one.
UNSURE = "na"
# A frequency statement (rules 4, `scale = "frequency"`) is answered in the same slots as an
# agreement statement: 1 nie, 2 einmal, 3 2–3-mal, 4 öfter (never, once, 2–3 times, more often),
# and "na" = keine Gelegenheit; 5 is not an answer. Keyed like agreement (minus reverses the four
# steps), the steps are spread evenly over the 1–5 scale (1, 2⅓, 3⅔, 5), so that the self view's
# 0–100 reads them as 0, 33, 67, 100 (assessment/engine/scoring.py, item_value).
FREQUENCY_MAX = 4
SCENARIO_SCORE_MAX = 3
LIKERT_VALUES: tuple[int, ...] = tuple(range(LIKERT_MIN, LIKERT_MAX + 1))
FREQUENCY_VALUES: tuple[int, ...] = tuple(range(LIKERT_MIN, FREQUENCY_MAX + 1))
SCENARIO_OPTION_IDS = ("a", "b", "c", "d")


class Text(BaseModel):
    """A piece of prose in both languages; neither may be empty."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, language: Language) -> str:
        return self.de if language == "de" else self.en


class _Frozen(BaseModel):
    """Base of every bank model: unknown keys fail loudly, nothing changes after loading."""

    # defer_build: a model builds its validator on first use, not on import (issue 24: a fresh
    # process imports far fewer schemas before its first page); pydantic 2.14 makes that
    # rebuild thread-safe (tests/unit/ui/test_lazy_views.py checks).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ArticleAnchor(_Frozen):
    """Where a demand stands in the article: a short phrase from it and what it implies."""

    quote: str = Field(min_length=3, max_length=160)
    quote_en: str | None = Field(
        default=None, min_length=3, max_length=300, description="English rendering (from v2)"
    )
    implication: Text


class Competence(_Frozen):
    """The e-CF 4.0 competence a dimension relates to."""

    code: str = Field(pattern=r"^[A-E]\.\d{1,2}$")
    name: Text


class Axis(_Frozen):
    """The two respectable poles of a dimension's trade-off statements (0 = a, 100 = b)."""

    a: Text
    b: Text


class PoleLean(_Frozen):
    """What leaning to one pole of a trade-off axis costs, and how it plays out in each concrete
    setting (bank v3 on, questions/vN/leans.toml). A paragraph describes conditions, never a
    setting's preference: that is a profile's axis range with its support (AxisTarget)."""

    cost: Text
    public: Text | None = None
    mittelstand: Text | None = None
    industry: Text | None = None

    def setting(self, setting_id: str) -> Text | None:
        """Return the paragraph for a concrete setting (public, mittelstand, industry)."""
        text: Text | None = getattr(self, setting_id, None)
        return text


class AxisLeans(_Frozen):
    """The lean texts of one dimension's axis: one per pole."""

    dimension: Identifier
    a: PoleLean
    b: PoleLean

    def pole(self, pole: Pole) -> PoleLean:
        return self.a if pole == "a" else self.b


class BackgroundSteps(_Frozen):
    """Next steps written for one background; a background without its own uses the general ones."""

    starter: tuple[Text, ...] | None = Field(default=None, min_length=2)
    changer: tuple[Text, ...] | None = Field(default=None, min_length=2)
    specialist: tuple[Text, ...] | None = Field(default=None, min_length=2)
    experienced: tuple[Text, ...] | None = Field(default=None, min_length=2)


class Dimension(_Frozen):
    """One demand of the role that a person can judge about themselves."""

    id: Identifier
    name: Text
    definition: Text
    anchor: ArticleAnchor
    ecf: Competence | None = None
    strength: Text
    next_steps: tuple[Text, ...] = Field(min_length=2)
    axis: Axis | None = None
    steps: BackgroundSteps | None = None

    def steps_for(self, background: Experience | None) -> tuple[Text, ...]:
        """Return the next steps for a background, the general ones where it has none."""
        own = getattr(self.steps, background, None) if background and self.steps else None
        return own or self.next_steps

    def entry_steps(self) -> tuple[Text, ...]:
        """Return the entry-level steps for an area to gain experience in."""
        return self.steps_for("starter")


class LikertItem(_Frozen):
    """A five-point statement; keying says whether agreement counts for or against the dimension.

    A statement that presumes experience also offers "Kann ich (noch) nicht einschätzen".
    """

    id: Identifier
    dimension: Identifier
    text: Text
    keying: Keying
    presumes: Presumes | None = None
    peer: Text | None = Field(
        default=None, description="The statement about someone else, for the peer questionnaire"
    )
    scale: Scale = Field(
        default="agree",
        description='"frequency" (rules 4): answered never, once, 2–3 times, more often (1–4)'
        ' or no occasion ("na", never scored)',
    )
    wording: Wording | None = None
    wording_note: str | None = Field(
        default=None, description="Why the desirable answer is not obvious (for check-bank)"
    )


def answer_values(item: Item) -> tuple[int, ...]:
    """Return the numbered answers of a statement, trade-off or unlikely virtue: 1–5, or 1–4 for
    a frequency statement (its "no occasion" is UNSURE, on every frequency statement)."""
    if isinstance(item, LikertItem) and item.scale == "frequency":
        return FREQUENCY_VALUES
    return LIKERT_VALUES


def offers_unsure(item: Item) -> bool:
    """Return whether an item offers UNSURE besides its numbered answers: a frequency statement
    always ("keine Gelegenheit"), a statement or trade-off that presumes experience ("Kann ich
    (noch) nicht einschätzen"). Knowledge items offer "can't say" on their own terms."""
    if isinstance(item, LikertItem) and item.scale == "frequency":
        return True
    return getattr(item, "presumes", None) is not None


class PeerPoles(_Frozen):
    """A trade-off's two poles written about someone else, for the peer questionnaire."""

    a: Text
    b: Text


class TradeoffItem(_Frozen):
    """A bipolar statement between two respectable poles, answered 1 (a) … 5 (b).

    It never counts towards a dimension's level; it places the person on the dimension's axis.
    `high` names the text that stands for the axis's pole b.
    """

    id: Identifier
    dimension: Identifier
    a: Text
    b: Text
    high: Pole
    presumes: Presumes | None = None
    peer: PeerPoles | None = None


class ValidityItem(_Frozen):
    """An "unlikely virtue": a statement almost nobody can honestly agree with; never scored.

    `counts_lean` (bank v3 on): "trifft eher zu" counts as endorsing it too, for a virtue that
    is unlikely even as a lean, not only in full.
    """

    id: Identifier
    text: Text
    dimension: None = None
    counts_lean: bool = False


class ScenarioOption(_Frozen):
    """One way to act in a scenario, with how effective it is (0–3) and why.

    From bank v3 an option may embody a pole of its dimension's trade-off axis (`pole`), so that
    both respectable styles can score well in one scenario.
    """

    id: Literal["a", "b", "c", "d"]
    text: Text
    score: int = Field(ge=0, le=SCENARIO_SCORE_MAX)
    rationale: Text
    pole: Pole | None = None


class Scenario(_Frozen):
    """A situational-judgment item set in the article's world, with four options."""

    id: Identifier
    dimension: Identifier
    situation: Text
    setting: ScenarioSetting | None = None
    options: tuple[ScenarioOption, ScenarioOption, ScenarioOption, ScenarioOption]

    @model_validator(mode="after")
    def _options_in_order(self) -> Scenario:
        if tuple(option.id for option in self.options) != SCENARIO_OPTION_IDS:
            raise ValueError("options must be a, b, c, d in that order")
        if len({option.score for option in self.options}) < 2:
            raise ValueError("options must differ in effectiveness")
        return self

    def option(self, option_id: str) -> ScenarioOption:
        return next(option for option in self.options if option.id == option_id)


class KnowledgeSource(_Frozen):
    """Where a knowledge item's answer can be looked up: a law, a guide, a collective agreement."""

    title: str = Field(min_length=3, max_length=300)
    publisher: str = Field(min_length=2, max_length=200)
    section: str = Field(min_length=2, max_length=200, description="e.g. Art. 33 Abs. 1 DSGVO")
    year: int | None = Field(default=None, ge=1990, le=2100)
    url: str | None = Field(default=None, pattern=r"^https://\S+$")

    def cite(self) -> str:
        year = f", {self.year}" if self.year else ""
        return f"{self.title}, {self.section}. {self.publisher}{year}."


class KnowledgeOption(_Frozen):
    """One answer to a knowledge item."""

    id: Literal["a", "b", "c", "d"]
    text: Text


class KnowledgeItem(_Frozen):
    """A question with one right answer, its explanation and a source (bank v3 on).

    "Kann ich nicht sagen" (UNSURE) is offered on every knowledge item and scores as not known.
    """

    id: Identifier
    dimension: Identifier
    stem: Text
    # Where the answer is setting-specific law or practice (GO NRW, TVöD, VgV for "public"); None:
    # every setting needs it. It counts for a person who chose that setting or none ("noch
    # offen"), never for one who chose another setting (see `counts_for`).
    setting: ScenarioSetting | None = None

    def counts_for(self, profile: str) -> bool:
        """Whether the answer scores for a person who chose this setting (profile id): items of
        one setting do not mark down someone heading for another (head-of-IT review, bank v3)."""
        return self.setting in (None, "general") or profile in ("duisburg", self.setting)

    options: tuple[KnowledgeOption, KnowledgeOption, KnowledgeOption, KnowledgeOption]
    key: Literal["a", "b", "c", "d"]
    explanation: Text
    source: KnowledgeSource

    @model_validator(mode="after")
    def _options_in_order(self) -> KnowledgeItem:
        if tuple(option.id for option in self.options) != SCENARIO_OPTION_IDS:
            raise ValueError("options must be a, b, c, d in that order")
        return self

    def option(self, option_id: str) -> KnowledgeOption:
        return next(option for option in self.options if option.id == option_id)


# Working conditions and preferences (rules with `preferences`, issue 21): what a person wants,
# can live with or would chafe at, set against what each setting typically offers.
PreferenceTopic = Literal["pay", "pace", "procedure", "team", "oncall", "closeness", "security"]
PREFERENCE_TOPICS: tuple[PreferenceTopic, ...] = (
    "pay",
    "pace",
    "procedure",
    "team",
    "oncall",
    "closeness",
    "security",
)
# The three answers, in the order shown: "Das suche ich", "Damit kann ich leben", "Das würde mich
# reiben". Stored and coded as 1, 2, 3 (Answers.responses).
PreferenceAnswer = Literal["want", "accept", "chafe"]
PREFERENCE_ANSWERS: tuple[PreferenceAnswer, ...] = ("want", "accept", "chafe")
# How typical a condition is in a setting; the fit reads typical as +1, varies as 0, rare as -1.
Presence = Literal["typical", "varies", "rare"]
PRESENCES: tuple[Presence, ...] = ("typical", "varies", "rare")
# What kind of source a setting's condition names.
ConditionSourceKind = Literal["article", "agreement", "law", "guide", "job_ad"]


class PreferenceItem(_Frozen):
    """One concrete working condition; the person says want / can live with / would chafe.

    It never counts towards a demand (no dimension); it feeds the setting fit only.
    """

    id: Annotated[str, Field(pattern=r"^pref_[a-z0-9_]{2,34}$")]
    topic: PreferenceTopic
    text: Text
    dimension: None = None


class ConditionSource(_Frozen):
    """Where a setting's condition comes from: the article (section and a quote checked word for
    word), a collective agreement, a law, a guide or a public job-ad type (title and section)."""

    kind: ConditionSourceKind
    section: str = Field(min_length=3, max_length=200)
    title: str | None = Field(default=None, min_length=3, max_length=300)
    quote: str | None = Field(default=None, min_length=3, max_length=300)

    @model_validator(mode="after")
    def _article_quotes(self) -> ConditionSource:
        if self.kind == "article" and self.quote is None:
            raise ValueError("an article source quotes the article (quote)")
        if self.kind != "article" and self.title is None:
            raise ValueError("a source other than the article names its title")
        if self.kind != "article" and self.quote is not None:
            raise ValueError("only an article source carries a quote")
        return self

    def cite(self) -> str:
        """Return the citation in one line (the article's section, or title and section)."""
        if self.kind == "article":
            return f"Artikel, Abschnitt „{self.section}“"
        return f"{self.title}, {self.section}"


class SettingCondition(_Frozen):
    """What one setting typically offers on one preference item, in a sentence, with its source.

    Exactly one of `source` (a named source) or `reading = true` (the product's own reading,
    labelled as such wherever it is shown); check-bank refuses a condition with neither.
    """

    setting: Literal["public", "mittelstand", "industry"]
    item: str
    presence: Presence
    text: Text
    source: ConditionSource | None = None
    reading: bool = False

    @model_validator(mode="after")
    def _source_or_reading(self) -> SettingCondition:
        if self.source is None and not self.reading:
            raise ValueError(
                "a condition names its source or is labelled as the product's reading"
                " (reading = true)"
            )
        if self.source is not None and self.reading:
            raise ValueError("a condition with a named source is not labelled as a reading")
        return self


class PreferenceLabels(_Frozen):
    """The three answers' labels."""

    want: Text
    accept: Text
    chafe: Text

    def of(self, answer: PreferenceAnswer) -> Text:
        return getattr(self, answer)  # type: ignore[no-any-return]


class PreferenceBlock(_Frozen):
    """The working-conditions block (questions/vN/preferences.toml): items, answer labels and,
    for every setting and item, the setting's condition."""

    minutes: int = Field(ge=1, le=10, description="Added to each form's time estimate")
    intro: Text
    labels: PreferenceLabels
    items: tuple[PreferenceItem, ...] = Field(min_length=10, max_length=15)
    conditions: tuple[SettingCondition, ...]

    @model_validator(mode="after")
    def _one_condition_per_setting_and_item(self) -> PreferenceBlock:
        ids = [item.id for item in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate preference item id")
        seen: set[tuple[str, str]] = set()
        for condition in self.conditions:
            if condition.item not in ids:
                raise ValueError(f"condition for unknown item {condition.item}")
            key = (condition.setting, condition.item)
            if key in seen:
                raise ValueError(f"two conditions for {condition.setting}.{condition.item}")
            seen.add(key)
        for setting in SETTING_IDS:
            for item_id in ids:
                if (setting, item_id) not in seen:
                    raise ValueError(f"no condition for {setting}.{item_id}")
        return self

    def condition(self, setting: str, item_id: str) -> SettingCondition:
        return next(c for c in self.conditions if c.setting == setting and c.item == item_id)


Item = LikertItem | Scenario | TradeoffItem | ValidityItem | KnowledgeItem | PreferenceItem
# Items answered on a five-point scale (statements, trade-offs, unlikely virtues).
FivePointItem = LikertItem | TradeoffItem | ValidityItem


class TwinPair(_Frozen):
    """Two statements of opposite meaning about the same thing, for the consistency check."""

    plus: Identifier
    minus: Identifier


class Source(_Frozen):
    """A named outside source for a profile figure: title, publisher, year (and a link)."""

    title: str = Field(min_length=3, max_length=300)
    publisher: str = Field(min_length=2, max_length=200)
    year: int = Field(ge=1990, le=2100)
    url: str | None = Field(default=None, pattern=r"^https://\S+$")

    def cite(self) -> str:
        return f"{self.title}. {self.publisher}, {self.year}."


class Support(_Frozen):
    """What a profile figure rests on: a quote from the article or a named outside source."""

    quote: str | None = Field(default=None, min_length=3, max_length=300)
    quote_en: str | None = Field(default=None, min_length=3, max_length=400)
    source: Source | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _quote_or_source(self) -> Support:
        if (self.quote is None) == (self.source is None):
            raise ValueError("give exactly one of quote or source")
        if self.quote_en is not None and self.quote is None:
            raise ValueError("quote_en renders a quote; give it only with quote")
        return self


class Target(_Frozen):
    """The band on 0–100 a setting asks of one dimension, how much it weighs, and why.

    A knock-out floor (rules 3) is the least the setting can do without: a demand clearly below
    it (the upper end of the score's 95 % interval) caps the overall level. It names its support.
    """

    low: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)
    weight: int = Field(ge=1, le=3)
    rationale: Text
    support: Support | None = None
    floor: int | None = Field(default=None, ge=1, le=100)
    floor_support: Support | None = None

    @model_validator(mode="after")
    def _low_below_high(self) -> Target:
        if self.low >= self.high:
            raise ValueError("low must be below high")
        if self.floor is not None and self.floor > self.low:
            raise ValueError("a floor lies at or below the band's low end")
        if (self.floor is None) != (self.floor_support is None):
            raise ValueError("a floor names its support (floor_support), and only a floor does")
        return self


class AxisTarget(_Frozen):
    """The range on a dimension's trade-off axis (0 = pole a, 100 = pole b) a setting prefers."""

    low: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)
    rationale: Text
    support: Support

    @model_validator(mode="after")
    def _low_below_high(self) -> AxisTarget:
        if self.low >= self.high:
            raise ValueError("low must be below high")
        return self


class Profile(_Frozen):
    """The demand profile of one setting in Duisburg: a target per dimension."""

    id: ProfileId
    name: Text
    description: Text
    anchor: ArticleAnchor
    targets: dict[Identifier, Target]
    axes: dict[Identifier, AxisTarget] = Field(default_factory=dict)


class Form(_Frozen):
    """A declared subset of the bank that a person answers, in presentation order."""

    id: FormId
    name: Text
    minutes: int = Field(ge=1, le=60)
    items: tuple[Identifier, ...] = Field(min_length=1)


class SalaryRange(_Frozen):
    """A monthly gross range in euro that the article gives for an experience level."""

    low: int = Field(gt=0)
    high: int = Field(gt=0)
    quote: str = Field(min_length=3)
    quote_en: str | None = Field(default=None, min_length=3, description="English rendering")


class SalaryFacts(_Frozen):
    """The article's salary figures and what it says about sectors."""

    entry: SalaryRange
    experienced: SalaryRange
    sector_notes: dict[ProfileId, Text]


class PathStation(_Frozen):
    """One station on the usual way to heading IT, and the demands (dimension ids) it builds."""

    id: Identifier
    name: Text
    short: Text = Field(description="The name in the short route of experienced people")
    what: Text
    span: Text = Field(description="A realistic time span in words")
    # True: the span is this check's own reading (no outside source gives it).
    reading: bool
    builds: tuple[Identifier, ...] = Field(min_length=1)
    backgrounds: tuple[Experience, ...] = Field(min_length=1)


class PathStep(_Frozen):
    """One fact of the public-sector grade path: with its named source, or this check's reading."""

    text: Text
    source: str | None = Field(default=None, min_length=3, max_length=300)
    reading: bool

    @model_validator(mode="after")
    def _source_or_reading(self) -> PathStep:
        if (self.source is None) != self.reading:
            raise ValueError("a step names its source or is marked as this check's reading")
        return self


class PublicPath(_Frozen):
    """The usual route through the pay grades of public administration (TVöD VKA)."""

    heading: Text
    steps: tuple[PathStep, ...] = Field(min_length=1)


class CareerPath(_Frozen):
    """ "Stationen bis zur IT-Leitung" (bank v3 on, optional file path.toml)."""

    intro: Text
    total: Text
    total_reading: bool
    stations: tuple[PathStation, ...] = Field(min_length=2)
    public: PublicPath | None = None


class Bank(_Frozen):
    """One released, immutable version of the question bank, validated as a whole."""

    version: int = Field(ge=1, le=255)
    released: dt.date
    # The rules it is scored, checked and worded by (bank.toml names the version).
    rules: RulesField = Field(default=DEFAULT_RULES_VERSION, validate_default=True)
    # A peer-enabled bank has a third-person text for every statement and trade-off (Fremdbild).
    peer: bool = False
    likert_labels: tuple[Text, Text, Text, Text, Text]
    unsure_label: Text | None = None
    changelog: tuple[Text, ...] = ()
    dimensions: tuple[Dimension, ...]
    likert: tuple[LikertItem, ...]
    scenarios: tuple[Scenario, ...]
    tradeoffs: tuple[TradeoffItem, ...] = ()
    virtues: tuple[ValidityItem, ...] = ()
    knowledge: tuple[KnowledgeItem, ...] = ()
    pairs: tuple[TwinPair, ...]
    forms: dict[FormId, Form]
    profiles: dict[ProfileId, Profile]
    salary: SalaryFacts
    # "Stationen bis zur IT-Leitung" for starters and changers (questions/vN/path.toml).
    path: CareerPath | None = None
    # What each pole of a trade-off axis costs and where it helps (rules with lean_texts).
    leans: tuple[AxisLeans, ...] = ()
    # Working conditions and preferences (rules with `preferences`; questions/vN/preferences.toml).
    preferences: PreferenceBlock | None = None

    _index: BankIndex = PrivateAttr()

    def model_post_init(self, context: object, /) -> None:
        self._index = BankIndex.build(self)

    @property
    def index(self) -> BankIndex:
        """Lookup tables built once; fetch once in hot loops (private attributes are slow)."""
        return self._index

    def dimension(self, dimension_id: str) -> Dimension:
        return self._index.dimensions[dimension_id]

    @property
    def backgrounds(self) -> tuple[Experience, ...]:
        """The backgrounds the start page offers for this bank (none before rules 2)."""
        if not self.rules.has_background:
            return ()
        if self.rules.specialist_background:
            return EXPERIENCE_LEVELS_SPECIALIST
        return EXPERIENCE_LEVELS

    def leans_of(self, dimension_id: str) -> AxisLeans | None:
        """Return the lean texts of a dimension's axis, None where the bank has none."""
        return next((lean for lean in self.leans if lean.dimension == dimension_id), None)

    def item(self, item_id: str) -> Item:
        return self._index.items[item_id]

    def has_item(self, item_id: str) -> bool:
        return item_id in self._index.items

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        return self._index.dimension_ids

    def form_items(self, form: FormId) -> tuple[Item, ...]:
        """Return the form's items in presentation order."""
        return self._index.form_items[form, None]

    def asked_preferences(self) -> tuple[PreferenceItem, ...]:
        """Return the working-conditions items asked in both forms (rules with `preferences`)."""
        if not self.rules.preferences or self.preferences is None:
            return ()
        return self.preferences.items

    def form_minutes(self, form: FormId) -> int:
        """Return a form's time estimate, the working-conditions block included."""
        extra = self.preferences.minutes if self.asked_preferences() and self.preferences else 0
        return self.forms[form].minutes + extra

    def form_question_count(self, form: FormId) -> int:
        """Return how many questions a form asks, the working-conditions block included."""
        return len(self.forms[form].items) + len(self.asked_preferences())

    def form_items_of(self, form: FormId, dimension_id: str) -> tuple[Item, ...]:
        """Return the form's items that measure one dimension."""
        return self._index.form_items[form, dimension_id]


@dataclass(frozen=True, slots=True)
class BankIndex:
    """Lookup tables of one bank, derived from it once."""

    dimension_ids: tuple[str, ...]
    dimensions: dict[str, Dimension]
    items: dict[str, Item]
    form_items: dict[tuple[str, str | None], tuple[Item, ...]]
    form_item_ids: dict[str, frozenset[str]]

    @classmethod
    def build(cls, bank: Bank) -> BankIndex:
        items: dict[str, Item] = {item.id: item for item in bank.likert}
        items.update({scenario.id: scenario for scenario in bank.scenarios})
        items.update({tradeoff.id: tradeoff for tradeoff in bank.tradeoffs})
        items.update({virtue.id: virtue for virtue in bank.virtues})
        items.update({question.id: question for question in bank.knowledge})
        if bank.preferences is not None:
            items.update({item.id: item for item in bank.preferences.items})
        form_items: dict[tuple[str, str | None], tuple[Item, ...]] = {}
        for form in bank.forms.values():
            in_form = tuple(items[item_id] for item_id in form.items)
            form_items[form.id, None] = in_form
            for dimension in bank.dimensions:
                form_items[form.id, dimension.id] = tuple(
                    item for item in in_form if item.dimension == dimension.id
                )
        return cls(
            dimension_ids=tuple(d.id for d in bank.dimensions),
            dimensions={d.id: d for d in bank.dimensions},
            items=items,
            form_items=form_items,
            form_item_ids={form.id: frozenset(form.items) for form in bank.forms.values()},
        )
