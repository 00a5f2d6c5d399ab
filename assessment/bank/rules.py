"""The rules a bank version is scored, checked and worded by: one frozen RuleSet per version.

A bank names its rules version (`rules = 2` in bank.toml; none means 1); everything else asks the
bank's RuleSet by name (`bank.rules.honest_verdicts`), never compares a version number. Rules 1
are bank v1's, unchanged; rules 2 are the honest verdicts of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from assessment.errors import SelbstcheckError


class RulesError(SelbstcheckError):
    """A rules version this product does not know (a bank file or a model naming it)."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """What one rules version decides; each field names one rule, documented where it acts."""

    version: int
    # Bank checks: statements per dimension at least; scenario options of similar length (so
    # that length gives no key away); a setting's figure that differs from the general Duisburg
    # profile names its support (an article quote or an outside source).
    min_likert_per_dimension: int
    similar_option_lengths: bool
    supported_settings: bool
    # The start page asks for the background (starter, changer, experienced); answers and share
    # codes carry it, and next steps follow it.
    has_background: bool
    # Honest verdicts: a score carries its uncertainty and can't-judge-yet answers never score
    # (too few scorable ones make an Erfahrungsfeld); a band edge within the uncertainty reads
    # "an der Grenze"; the overall level is non-compensatory; a setting is named the better fit
    # only beyond the uncertainty; verdicts are verbal, never points.
    honest_verdicts: bool
    # Quality checks: the validity scale, scattered answers and agreed opposites (rules 2)
    # instead of rules 1's contradicting twins.
    validity_checks: bool
    # A quality notice makes the verdict and the comparison tentative ("Vorläufig").
    tentative_on_quality: bool
    # A career starter's demands below their band read as Erfahrungsfelder, not development areas.
    starter_gaps_are_experience: bool
    # An expected salary this many times the article's upper figure is called an outlier;
    # None: the expectation is compared neutrally.
    salary_outlier_factor: float | None
    # Rules 3 (bank v3, issues 19 and 20). Three views per demand, scored apart: statements
    # (self), scenarios (situation) and knowledge items (knowledge); how they combine is
    # documented where the engine combines them.
    views_apart: bool = False
    # The bank has a knowledge part: one key per item, "can't say" scored as not known, a source.
    knowledge_part: bool = False
    # check-bank refuses scenarios that a naive verb rule solves in more than a third (per
    # language), and asks at least this many scenarios per dimension in the full / short form.
    cue_checks: bool = False
    min_scenarios_full: int = 0
    min_scenarios_short: int = 0
    min_knowledge_items: int = 0
    min_validity_items: int = 0
    # A self-description at the ceiling and clearly above the person's own situational judgement
    # and knowledge is said back (developmental, without blame), and the verdict rests mainly on it.
    consistency_notice: bool = False
    # Scenario and knowledge answers changed after the rationales were shown are marked.
    retake_marks: bool = False
    # "An der Grenze" when a band edge lies within this many standard errors of the score
    # (rules 2: one; rules 3: 1.96, the same 95 % interval as the setting comparison).
    borderline_z: float = 1.0
    # A demand with fewer scored answers than this is "vorläufig", never below its band (rules 3).
    min_firm_answers: int = 0
    # Knock-out floors: a demand the setting cannot do without, below its floor, caps the level.
    knockout_floors: bool = False
    # The top level ("strong") only when every weight-3 demand is within or above its band; the
    # open ones are named (rules 3: a level sentence must be true of the numbers it sums up).
    strong_needs_heavy_met: bool = False
    # A starter's result speaks of the distance to a long-term goal (headline, Erfahrungsfeld
    # cards never "unter dem Zielbereich", a salary line that the article has no figure for the
    # next step), and starters and changers see the stations to heading IT (issue 20).
    starter_path: bool = False
    # A short-form result whose demands are borderline or provisional offers a few more items
    # for exactly those demands, from the full form's statements, situations and knowledge items
    # the short form did not ask; the answers carry them (assessment/engine/extra.py).
    extra_questions: bool = False
    # A fourth background on the start page: experienced in IT, not yet leading ("specialist",
    # issue 22), with its own salary line, path and next steps; share codes carry the background
    # as a digit of the answers (see assessment/codes/share.py).
    specialist_background: bool = False
    # Issue 21: trade-offs give value. Each pole of a trade-off axis carries lean texts in the
    # bank (questions/vN/leans.toml: what the pole costs, and a paragraph per setting), which
    # check-bank asks for; a clear lean is shown with them and beside the person's own choices in
    # the situations of the same demand (assessment/engine/leans.py, assessment/render/leans.py).
    lean_texts: bool = False
    # The scatter check pools the statements only (rules 2 pool the trade-offs too, oriented to
    # their axis). Rules 3 leave trade-offs out: two respectable poles answered at one end are a
    # lean, not carelessness, and an axis answered both ways only widens its own uncertainty (no
    # lean is then shown). Chosen over counting per axis: with two trade-offs per axis (one in
    # the short form), an axis has no spread to judge carelessness by.
    scatter_statements_only: bool = False
    # Working conditions and preferences (issue 21): the bank asks a block of its own on what the
    # person wants, can live with or would chafe at (questions/vN/preferences.toml, a page of its
    # own in both forms, never scored); share codes carry the answers, and the result shows the
    # setting fit as a realistic job preview per setting (assessment/engine/fit.py).
    preferences: bool = False
    # Rules 4 (bank v4, issue 19 continued; questions/drafts/v4/NOTES.md). The self view is
    # compared with each evidence view on its own, never set aside on the strength of a single
    # item, and a verdict's firm answers count every view that agrees with it
    # (assessment/engine/scoring.py documents the rule where it acts).
    per_view_disagreement: bool = False
    # Statements may ask how often something happened (`scale = "frequency"`: never, once,
    # 2–3 times, more often; "no occasion" is never scored) instead of agreement.
    frequency_scale: bool = False
    # check-bank asks that at least a third of the statements be marked `wording = "trap"` or
    # `"balanced"` with a `wording_note` saying why the desirable answer is not obvious.
    wording_checks: bool = False
    # The consistency notice reads the traps (assessment/engine/quality.py, "look_good_answers"):
    # ordinary statements answered far more favourably than the trap statements of the same form
    # (whose look-good answer scores lower) say that the answers follow what looks good.
    look_good_notice: bool = False
    # The scatter check centres each kind of statement (plain, trap, balanced; agreement or
    # frequency) on the person's own mean for that kind before pooling within demands: a trap is
    # meant to pull apart from the plain statements of its demand, and a count of occasions sits
    # elsewhere on its scale than an agreement; neither is carelessness.
    scatter_centres_kinds: bool = False
    # The agreement check (assessment/engine/quality.py, "agreed_all" and "rejected_all"):
    # agreeing (or disagreeing) with nearly all agreement statements of both keyings says the
    # answers follow a way of answering, not the person; it replaces the scatter notice there.
    agreement_check: bool = False


# Statements per dimension at least: rules 1's six; rules 2 ask fewer, since trade-offs and
# scenarios add to a dimension.
MIN_LIKERT_PER_DIMENSION = 6
MIN_LIKERT_PER_DIMENSION_V2 = 4
# Rules 1 only: an expectation this far above the article's range is called outside what it
# calls realistic (the article sets no such threshold; rules 2 compare neutrally).
FAR_ABOVE_FACTOR = 1.25

# Rules 3 (bank v3, issues 19 and 20); rules 4 start from them.
_RULES_3 = RuleSet(
    version=3,
    min_likert_per_dimension=MIN_LIKERT_PER_DIMENSION_V2,
    similar_option_lengths=True,
    supported_settings=True,
    has_background=True,
    honest_verdicts=True,
    validity_checks=True,
    tentative_on_quality=True,
    starter_gaps_are_experience=True,
    salary_outlier_factor=None,
    views_apart=True,
    knowledge_part=True,
    cue_checks=True,
    min_scenarios_full=3,
    min_scenarios_short=1,
    min_knowledge_items=16,
    min_validity_items=8,
    consistency_notice=True,
    retake_marks=True,
    borderline_z=1.96,
    min_firm_answers=4,
    knockout_floors=True,
    strong_needs_heavy_met=True,
    starter_path=True,
    extra_questions=True,
    specialist_background=True,
    lean_texts=True,
    scatter_statements_only=True,
    preferences=True,
)

RULES: Mapping[int, RuleSet] = MappingProxyType(
    {
        1: RuleSet(
            version=1,
            min_likert_per_dimension=MIN_LIKERT_PER_DIMENSION,
            similar_option_lengths=False,
            supported_settings=False,
            has_background=False,
            honest_verdicts=False,
            validity_checks=False,
            tentative_on_quality=False,
            starter_gaps_are_experience=False,
            salary_outlier_factor=FAR_ABOVE_FACTOR,
        ),
        2: RuleSet(
            version=2,
            min_likert_per_dimension=MIN_LIKERT_PER_DIMENSION_V2,
            similar_option_lengths=True,
            supported_settings=True,
            has_background=True,
            honest_verdicts=True,
            validity_checks=True,
            tentative_on_quality=True,
            starter_gaps_are_experience=True,
            salary_outlier_factor=None,
        ),
        3: _RULES_3,
        # Rules 4 = rules 3 but where the fields above say otherwise.
        4: replace(
            _RULES_3,
            version=4,
            per_view_disagreement=True,
            frequency_scale=True,
            wording_checks=True,
            look_good_notice=True,
            scatter_centres_kinds=True,
            agreement_check=True,
        ),
    }
)
# The rules version of a bank whose bank.toml names none (bank v1 predates the key).
DEFAULT_RULES_VERSION = 1


def rules_for(version: object) -> RuleSet:
    """Return the RuleSet of a rules version, or raise RulesError naming the unknown version."""
    ruleset = RULES.get(version) if type(version) is int else None
    if ruleset is None:
        known = ", ".join(str(v) for v in sorted(RULES))
        raise RulesError("rules.unknown", version=repr(version), known=known)
    return ruleset


def _validated(value: Any) -> RuleSet:
    if isinstance(value, RuleSet):
        return rules_for(value.version)
    try:
        return rules_for(value)
    except RulesError as error:
        raise ValueError(error.message("en")) from None


# A model field holding a RuleSet: read from its version number, written as it.
RulesField = Annotated[
    RuleSet,
    PlainValidator(_validated),
    PlainSerializer(lambda ruleset: ruleset.version, return_type=int),
    WithJsonSchema({"type": "integer", "enum": sorted(RULES)}),
]
