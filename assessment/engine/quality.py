"""Response-quality checks: straight-lining, contradicting twins, speeding; never change scores.

Rules 2 add the validity scale (unlikely virtues) and a check for answers that scatter within a
dimension as random answers do; the twin check counts only pairs agreed with on both sides.
A can't-judge-yet answer counts exactly like an unanswered item in every check.

Rules 3 (V3_CONTRACT.md "Quality") add the consistency notice "self_above_evidence": over the
form's items overall, the self-description (statements) is at least SELF_CEILING and at least
SELF_GAP points above the mean of the person's situational judgement (scenarios) and knowledge
(each view equal weight). It is developmental feedback (Result.self_based); the demands whose
verdict then rests mainly on self-description — the self view lifts them into their range or to
its edge while the evidence alone stays below — are named on every surface (Result.self_carried).
Unlikely virtues marked `counts_lean` count "trifft eher zu" as endorsed too. The scatter check
pools the statements only (issue 21: trade-offs place a person between two respectable poles;
RuleSet.scatter_statements_only).

Rules 4 (bank v4, issue 19 point 4) add a consistency notice built on the traps,
"look_good_answers": some statements are marked `wording = "trap"` — the answer that looks good
scores lower there. Honest answering moves plain statements and traps of a person the same way
(their trait) and pulls them apart only by the person's leniency; answering what looks good pulls
them apart by far more. The notice fires when the mean keyed points (0–100) of the form's plain
statements (no `wording`) exceed those of its traps by at least LOOK_GOOD_GAP. Its consequences are
the rules-3 notice's: developmental feedback, the Fremdbild recommended, the verdict shown as
resting mainly on self-description (Result.self_based, Result.self_carried); the flag names the
traps answered on their look-good side, lowest first, and the result quotes the first. The
scatter check centres each kind of statement on the person's own mean for it before pooling
(RuleSet.scatter_centres_kinds): traps and plain statements of one demand are meant to differ.

Rules 4 also add the agreement check (RuleSet.agreement_check; ux5 pass, finding 3):
"agreed_all" where a person agrees (≥ AGREE_FROM) with at least AGREEMENT_SHARE of the form's
plus-keyed and of its minus-keyed agreement statements, "rejected_all" where they disagree with
that share of both (agreement_style). Such answers spread within a demand because its statements
point in opposite directions, not at random, so where the check fires the scatter flag is left
out (and with it the unlikely virtues' "together with the wide spread" wording); the straight-
lining, unlikely-virtues and trap notices stay beside it, as each says something true of the
same answers. The flag makes the result provisional like the other quality flags.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    LIKERT_VALUES,
    PROFILE_IDS,
    UNSURE,
    Bank,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    Scenario,
    TradeoffItem,
    ValidityItem,
    answer_values,
)
from assessment.engine.answers import Answers
from assessment.engine.scoring import item_value

FlagKind = Literal[
    "long_string",
    "contradictions",
    "too_fast",
    "agreed_opposites",
    "unlikely_virtues",
    "scatter",
    "self_above_evidence",
    "look_good_answers",
    "agreed_all",
    "rejected_all",
]

# The flags whose consequence is the consistency notice: the verdict is shown as resting mainly on
# self-description and the Fremdbild is recommended (Result.self_based).
SELF_BASED_FLAGS: frozenset[str] = frozenset({"self_above_evidence", "look_good_answers"})

# A run of this many identical Likert answers in presentation order is straight-lining.
LONG_STRING_MIN_RUN = 10
# Agreeing (≥ 4) or disagreeing (≤ 2) with both statements of a reversed twin pair contradicts.
AGREE_FROM = 4
DISAGREE_UP_TO = 2
CONTRADICTIONS_MIN_PAIRS = 2
# Pages answered faster than this per item were probably not read.
MIN_SECONDS_PER_ITEM = 2.0
# Rules 2: agreeing with both statements of this many twin pairs of the full form fires the
# notice; a shorter form scales it by its share of the pairs (never below 2, none under 2 pairs).
AGREED_OPPOSITES_FULL_FORM = 4
# Rules 2: endorsing fully ("trifft voll zu") more than this share of the unlikely virtues
# answered; "trifft eher zu" to a "never" statement can honestly mean "almost never".
VIRTUE_ENDORSED_FROM = 5
VIRTUES_MAX_SHARE = 0.5
VIRTUES_MIN_ANSWERED = 3
# Rules 2: the pooled spread (SD) of a person's keyed statement answers within dimensions from
# which they look random (uniform answers spread by √2 ≈ 1.41; consistent ones by well under 1).
SCATTER_MIN_SD = 1.15
SCATTER_MIN_ITEMS = 15
# Rules 3: "trifft eher zu" on a virtue marked counts_lean counts as endorsing it.
VIRTUE_LEAN_FROM = 4
# Rules 3, the consistency notice: the self view overall (statements, 0–100) at least
# SELF_CEILING and at least SELF_GAP points above the mean of the situation and knowledge views
# overall. Set on the simulation (`python -m tests.simulate --sweep`; model and choice rule in
# tests/simulate.py, best_thresholds: false alarms a point inside the limits of ≤ 2 % of honest
# people and ≤ 4 % of starters on both forms, then the most fakers caught): 0.9 % false alarms
# (starters 0.4 %), smart fakers 99 %, moderate fakers 45 % (the review's 85 / 25: 1.0 %, 92 %,
# 48 %). Issue 19 asks 90 % of moderate fakers; no pair within the false-alarm limits reaches
# it in that model (README "Simulation").
SELF_CEILING = 90
SELF_GAP = 20
# The notice needs at least this many scorable statements and evidence answers (scenarios and
# knowledge items together) to compare.
SELF_MIN_STATEMENTS = 6
EVIDENCE_MIN_ANSWERS = 3
# Rules 4, the consistency notice on the traps: the mean keyed points (0–100) of the plain
# statements at least LOOK_GOOD_GAP above those of the traps (each "can't judge yet" or "no
# occasion" left out), with at least LOOK_GOOD_MIN_PLAIN plain statements and LOOK_GOOD_MIN_TRAPS
# traps scorably answered. Honest people's gap is about twice their leniency (plain statements up,
# traps down) and averages 20–25 points. Set on the simulation (`python -m tests.simulate --bank 4
# --sweep`, tests/simulate.py "Bank v4: the notice on the traps"): the lowest multiple of 5 whose
# false alarms stay a point inside issue 19's limits (≤ 2 % of honest people, ≤ 4 % of starters)
# on both forms and two seeds; 55 gives 1.1–1.3 % on the full form. At 60 (short / full): false
# alarms 0.4 % / 0.4 % (starters 0.2 % / 0.3 %), smart, cue-rule and self-enhancing fakers 100 %,
# moderate fakers 63 % / 80 % (issue 19 asks 90 %; a threshold of 45 would get there at 5 %).
LOOK_GOOD_GAP = 60
LOOK_GOOD_MIN_PLAIN = SELF_MIN_STATEMENTS
LOOK_GOOD_MIN_TRAPS = 3
# Rules 4, the agreement check (acquiescence and its mirror): agreeing (≥ AGREE_FROM) with at
# least AGREEMENT_SHARE of the plus-keyed AND of the minus-keyed agreement statements answered
# ("agreed_all"), or disagreeing (≤ DISAGREE_UP_TO) with that share of both ("rejected_all"),
# each side with at least AGREEMENT_MIN_EACH statements scorably answered. Frequency statements,
# unlikely virtues and "can't judge yet" stay out. Set on the simulation's honest people (its
# model has acquiescence and extreme responders; 6,000 per form, seeds 2026 and 7, measured with
# quality.agreement_style): the lowest multiple of 5 % whose false alarms stay at half the
# limit (≤ 0.5 % of honest people and of starters; the limit is 1 %) on both forms and seeds.
# Share (short / full form): 0.60 → 0.9–1.1 % / 0.8–1.0 % (starters up to 1.3 %); 0.65 → 0.3 % /
# 0.3–0.5 % (starters up to 0.7 %); 0.70 → 0.10–0.13 % / 0.05–0.22 % (starters up to 0.3 %);
# 0.80 → ≤ 0.02 %. Answering "trifft voll zu" (or "trifft gar nicht zu") everywhere always fires.
AGREEMENT_SHARE = 0.7
AGREEMENT_MIN_EACH = 4


class QualityFlag(BaseModel):
    """One reason to read the result with care; the explanation lives in the catalogue by kind."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: FlagKind
    count: int = Field(ge=1, description="Longest run, contradicting pairs, or fast pages")
    where: tuple[str, ...] = Field(default=(), description="Item pairs or page numbers concerned")


def _too_fast(answers: Answers) -> list[QualityFlag]:
    """Return the speed flag when pages were answered faster than they can be read, naming
    each by its number in the questionnaire (its position among the timings when unset)."""
    fast = [
        str(page.page if page.page is not None else position)
        for position, page in enumerate(answers.page_seconds, start=1)
        if page.seconds < MIN_SECONDS_PER_ITEM * page.items
    ]
    return [QualityFlag(kind="too_fast", count=len(fast), where=tuple(fast))] if fast else []


def speed_flag(answers: Answers) -> QualityFlag | None:
    """Return the speed observation of a session's own timings, or None (UX pass 3, m-1).

    The app shows it to the person in their session only, as a hint of its own: the timings are
    in no code, so a result built from them would differ after a reload and from the shared one.
    The app therefore builds every result without timings; check_quality still reads timings
    given to it (API and JSON input, pinned results)."""
    flags = _too_fast(answers)
    return flags[0] if flags else None


def longest_run(values: list[int]) -> int:
    """Return the length of the longest run of equal consecutive values."""
    best = run = 0
    previous: int | None = None
    for value in values:
        run = run + 1 if value == previous else 1
        previous = value
        best = max(best, run)
    return best


def check_quality(answers: Answers, bank: Bank) -> tuple[QualityFlag, ...]:
    """Return the quality flags for a set of answers, in a fixed order."""
    if bank.rules.validity_checks:
        return _check_v2(answers, bank)
    flags: list[QualityFlag] = []
    responses = answers.responses
    sequence = [
        int(responses[item.id])
        for item in bank.form_items(answers.form)
        if isinstance(item, LikertItem) and item.id in responses
    ]
    run = longest_run(sequence)
    if run >= LONG_STRING_MIN_RUN:
        flags.append(QualityFlag(kind="long_string", count=run))

    contradicting = []
    for pair in bank.pairs:
        if pair.plus in responses and pair.minus in responses:
            plus, minus = int(responses[pair.plus]), int(responses[pair.minus])
            both_agree = plus >= AGREE_FROM and minus >= AGREE_FROM
            both_disagree = plus <= DISAGREE_UP_TO and minus <= DISAGREE_UP_TO
            if both_agree or both_disagree:
                contradicting.append(f"{pair.plus}/{pair.minus}")
    if len(contradicting) >= CONTRADICTIONS_MIN_PAIRS:
        flags.append(
            QualityFlag(kind="contradictions", count=len(contradicting), where=tuple(contradicting))
        )

    flags.extend(_too_fast(answers))
    return tuple(flags)


# --- rules 2 -------------------------------------------------------------------------------


def agreed_opposites_threshold(pairs_in_form: int, pairs_in_full: int) -> int | None:
    """Return how many pairs agreed with on both sides fire the notice; None = no check."""
    if pairs_in_form < 2 or pairs_in_full == 0:
        return None
    scaled = math.ceil(AGREED_OPPOSITES_FULL_FORM * pairs_in_form / pairs_in_full)
    return max(2, min(scaled, pairs_in_form))


ValueTable = dict[int | str, float]


@dataclass(frozen=True, slots=True)
class _FormPlan:
    """What the rules-2/3 checks read of one form, derived from the bank once (not per person).

    Every list keeps the form's presentation order, so sums add up in the same order as a walk
    over bank.form_items would.
    """

    run_ids: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    pair_threshold: int | None
    virtues: tuple[tuple[str, int], ...]
    spread_groups: tuple[tuple[tuple[str, Item, ValueTable], ...], ...]
    own: tuple[tuple[str, Item, ValueTable], ...]
    situation: tuple[tuple[str, Item, ValueTable], ...]
    knowledge: tuple[tuple[str, int | str, frozenset[str]], ...]
    evidence_ids: tuple[str, ...]
    # Rules 4: the plain statements and the traps (the notice on the traps), and the kinds the
    # scatter check centres each statement on (ids per kind; empty: no centring).
    plain: tuple[tuple[str, Item, ValueTable], ...] = ()
    traps: tuple[tuple[str, Item, ValueTable], ...] = ()
    spread_kinds: tuple[tuple[str, ...], ...] = ()
    # Rules 4: the agreement statements by keying (the agreement check).
    agree_plus: tuple[str, ...] = ()
    agree_minus: tuple[str, ...] = ()


_PLANS: dict[int, tuple[Bank, dict[str, _FormPlan]]] = {}


def _values(item: Item) -> ValueTable:
    """Return an item's response → keyed value table (item_value for every choice)."""
    if isinstance(item, Scenario):
        return {option.id: item_value(item, option.id) for option in item.options}
    return {value: item_value(item, value) for value in answer_values(item)}


def _plan(bank: Bank, form: str) -> _FormPlan:
    """Return the cached plan of one form of a bank."""
    cached = _PLANS.get(id(bank))
    if cached is None or cached[0] is not bank:
        cached = (bank, {})
        _PLANS[id(bank)] = cached
    plans = cached[1]
    plan = plans.get(form)
    if plan is None:
        plan = plans[form] = _build_plan(bank, form)  # type: ignore[arg-type]
    return plan


def quality_plan(bank: Bank, form: FormId) -> _FormPlan:
    """Return what the rules-2/3 checks read of one form (item lists and value tables in
    presentation order), derived from the bank once; the group view's batch reads it too."""
    return _plan(bank, form)


def _build_plan(bank: Bank, form: FormId) -> _FormPlan:
    items = bank.form_items(form)
    in_form = bank.index.form_item_ids[form]
    full = bank.index.form_item_ids["full"]
    # Agreed opposites read agreement: a pair with a frequency statement (rules 4: "öfter" is no
    # agreement) is left out of the check.
    agreeing = [
        p
        for p in bank.pairs
        if answer_values(bank.item(p.plus)) == answer_values(bank.item(p.minus)) == LIKERT_VALUES
    ]
    pairs = tuple((p.plus, p.minus) for p in agreeing if p.plus in in_form and p.minus in in_form)
    threshold = agreed_opposites_threshold(
        len(pairs), sum(p.plus in full and p.minus in full for p in agreeing)
    )
    # The scatter check pools statements, and trade-offs unless the rules leave them out.
    kinds: tuple[type[LikertItem | TradeoffItem], ...] = (
        (LikertItem,) if bank.rules.scatter_statements_only else (LikertItem, TradeoffItem)
    )
    spread_groups = []
    for dimension_id in bank.dimension_ids:
        of_dimension = bank.form_items_of(form, dimension_id)
        for kind in kinds:
            spread_groups.append(
                tuple((i.id, i, _values(i)) for i in of_dimension if isinstance(i, kind))
            )
    statements = [i for i in items if isinstance(i, LikertItem)]
    spread_kinds: dict[tuple[str | None, str], list[str]] = {}
    if bank.rules.scatter_centres_kinds:
        for item in statements:
            spread_kinds.setdefault((item.wording, item.scale), []).append(item.id)
    return _FormPlan(
        run_ids=tuple(i.id for i in items if not isinstance(i, Scenario | TradeoffItem)),
        pairs=pairs,
        pair_threshold=threshold,
        virtues=tuple(
            (i.id, VIRTUE_LEAN_FROM if i.counts_lean else VIRTUE_ENDORSED_FROM)
            for i in items
            if isinstance(i, ValidityItem)
        ),
        spread_groups=tuple(spread_groups),
        own=tuple((i.id, i, _values(i)) for i in items if isinstance(i, LikertItem)),
        situation=tuple((i.id, i, _values(i)) for i in items if isinstance(i, Scenario)),
        knowledge=tuple(
            (i.id, i.key, frozenset(p for p in PROFILE_IDS if i.counts_for(p)))
            for i in items
            if isinstance(i, KnowledgeItem)
        ),
        evidence_ids=tuple(i.id for i in items if isinstance(i, Scenario | KnowledgeItem)),
        plain=tuple((i.id, i, _values(i)) for i in statements if i.wording is None),
        traps=tuple((i.id, i, _values(i)) for i in statements if i.wording == "trap"),
        spread_kinds=tuple(tuple(ids) for ids in spread_kinds.values()),
        agree_plus=tuple(i.id for i in statements if i.scale == "agree" and i.keying == "plus"),
        agree_minus=tuple(i.id for i in statements if i.scale == "agree" and i.keying == "minus"),
    )


def _value(item: Item, table: ValueTable, response: int | str) -> float:
    found = table.get(response)
    return item_value(item, response) if found is None else found


def kind_means(answers: Answers, bank: Bank) -> dict[str, float]:
    """Return, per statement the person answered scorably, the mean keyed value of their answers
    to the statements of its kind (same wording and scale) — what the scatter check subtracts
    under rules that centre the kinds (RuleSet.scatter_centres_kinds); empty otherwise."""
    plan = _plan(bank, answers.form)
    responses = answers.responses
    means: dict[str, float] = {}
    if not plan.spread_kinds:
        return means
    tables = {
        item_id: (item, table) for group in plan.spread_groups for item_id, item, table in group
    }
    for ids in plan.spread_kinds:
        answered = [i for i in ids if responses.get(i, UNSURE) != UNSURE and i in tables]
        if answered:
            mean = sum(_value(*tables[i], responses[i]) for i in answered) / len(answered)
            means.update(dict.fromkeys(answered, mean))
    return means


def pooled_spread(answers: Answers, bank: Bank) -> tuple[float, int]:
    """Return the pooled SD of keyed answers within each dimension's statements and within each
    dimension's trade-offs (oriented to the axis; not under rules that leave them out,
    RuleSet.scatter_statements_only), and how many answers counted. Under rules that centre the
    kinds of statements, each answer is taken less the person's mean for its kind (kind_means)."""
    squares = 0.0
    freedom = 0
    counted = 0
    responses = answers.responses
    centres = kind_means(answers, bank)
    for group in _plan(bank, answers.form).spread_groups:
        values = [
            _value(item, table, responses[item_id]) - centres.get(item_id, 0.0)
            for item_id, item, table in group
            if responses.get(item_id, UNSURE) != UNSURE
        ]
        if len(values) >= 2:
            mean = sum(values) / len(values)
            squares += sum((v - mean) ** 2 for v in values)
            freedom += len(values) - 1
            counted += len(values)
    return (math.sqrt(squares / freedom) if freedom else 0.0), counted


def _check_v2(answers: Answers, bank: Bank) -> tuple[QualityFlag, ...]:
    flags: list[QualityFlag] = []
    responses = answers.responses
    plan = _plan(bank, answers.form)
    # Runs over statements (and validity statements) in presentation order; an unanswered item
    # breaks a run. Trade-offs stay out: "both equally" throughout is a lean, not straight-lining
    # (the scatter check sees inconsistent trade-offs).
    run = best = 0
    previous: int | str | None = None
    for item_id in plan.run_ids:
        value = responses.get(item_id, UNSURE)
        if value == UNSURE:  # unanswered or can't judge yet: the run breaks
            run, previous = 0, None
            continue
        run = run + 1 if value == previous else 1
        previous = value
        best = max(best, run)
    if best >= LONG_STRING_MIN_RUN:
        flags.append(QualityFlag(kind="long_string", count=best))

    agreed = [
        f"{plus}/{minus}"
        for plus, minus in plan.pairs
        if isinstance(responses.get(plus), int)
        and isinstance(responses.get(minus), int)
        and int(responses[plus]) >= AGREE_FROM
        and int(responses[minus]) >= AGREE_FROM
    ]
    if plan.pair_threshold is not None and len(agreed) >= plan.pair_threshold:
        flags.append(QualityFlag(kind="agreed_opposites", count=len(agreed), where=tuple(agreed)))

    virtues = [
        (int(responses[item_id]), threshold)
        for item_id, threshold in plan.virtues
        if isinstance(responses.get(item_id), int)
    ]
    endorsed = sum(value >= threshold for value, threshold in virtues)
    if len(virtues) >= VIRTUES_MIN_ANSWERED and endorsed > VIRTUES_MAX_SHARE * len(virtues):
        flags.append(QualityFlag(kind="unlikely_virtues", count=endorsed))

    spread, counted = pooled_spread(answers, bank)
    if counted >= SCATTER_MIN_ITEMS and spread >= SCATTER_MIN_SD:
        flags.append(QualityFlag(kind="scatter", count=counted))

    if bank.rules.consistency_notice:
        gap = self_above_evidence(answers, bank)
        if gap is not None:
            flags.append(QualityFlag(kind="self_above_evidence", count=max(1, gap)))
    if bank.rules.agreement_check:
        agreement = agreement_style(answers, bank)
        if agreement is not None:
            # Answers that agree (or disagree) with nearly everything spread within a demand
            # because its statements point in opposite directions, not at random: the
            # agreement notice explains that spread, so the scatter notice (and the unlikely
            # virtues' "together with the wide spread" wording) would contradict it.
            flags = [flag for flag in flags if flag.kind != "scatter"]
            flags.append(QualityFlag(kind=agreement[0], count=agreement[1]))
    if bank.rules.look_good_notice:
        found = look_good_answers(answers, bank)
        if found is not None and found[0] >= LOOK_GOOD_GAP:
            gap_points, traps = found
            flags.append(
                QualityFlag(
                    kind="look_good_answers",
                    count=max(1, math.floor(gap_points + 0.5)),
                    where=traps,
                )
            )

    flags.extend(_too_fast(answers))
    return tuple(flags)


def view_points(answers: Answers, bank: Bank) -> tuple[float | None, float | None, float | None]:
    """Return the self, situation and knowledge views over the form's items overall (0–100,
    unrounded; None where nothing was answered, and the self view where fewer than
    SELF_MIN_STATEMENTS statements were scorably answered)."""
    responses = answers.responses
    plan = _plan(bank, answers.form)
    own: list[float] = []
    situation: list[float] = []
    known: list[float] = []
    for item_id, item, table in plan.own:
        value = responses.get(item_id)
        if value is not None and value != UNSURE:
            own.append(_value(item, table, value))
    for item_id, item, table in plan.situation:
        value = responses.get(item_id)
        if value is not None:
            situation.append(_value(item, table, value))
    for item_id, key, settings in plan.knowledge:
        value = responses.get(item_id)
        if value is not None and answers.profile in settings:
            # can't say counts as not known
            known.append(float(LIKERT_MAX if value == key else LIKERT_MIN))

    def points(values: list[float]) -> float | None:
        if not values:
            return None
        return (sum(values) / len(values) - LIKERT_MIN) / (LIKERT_MAX - LIKERT_MIN) * 100

    if len(own) < SELF_MIN_STATEMENTS:
        return None, points(situation), points(known)
    return points(own), points(situation), points(known)


def self_above_evidence(answers: Answers, bank: Bank) -> int | None:
    """Return by how many points (rounded) the self view overall exceeds the evidence views'
    mean when the consistency notice fires, else None."""
    own, situation, known = view_points(answers, bank)
    evidence = [v for v in (situation, known) if v is not None]
    responses = answers.responses
    answered = sum(item_id in responses for item_id in _plan(bank, answers.form).evidence_ids)
    if own is None or not evidence or answered < EVIDENCE_MIN_ANSWERS:
        return None
    gap = own - sum(evidence) / len(evidence)
    if own >= SELF_CEILING and gap >= SELF_GAP:
        return math.floor(gap + 0.5)
    return None


def look_good_answers(answers: Answers, bank: Bank) -> tuple[float, tuple[str, ...]] | None:
    """Return the trap gap — the mean keyed points (0–100) of the form's plain statements minus
    those of its traps — and the traps answered on their look-good side (below the keyed
    midpoint), lowest first, then in the form's order; None where fewer than LOOK_GOOD_MIN_PLAIN
    plain statements or LOOK_GOOD_MIN_TRAPS traps were scorably answered (or the form has none)."""
    plan = _plan(bank, answers.form)
    responses = answers.responses

    def keyed(group: tuple[tuple[str, Item, ValueTable], ...]) -> list[tuple[float, str]]:
        return [
            (_value(item, table, responses[item_id]), item_id)
            for item_id, item, table in group
            if responses.get(item_id, UNSURE) != UNSURE
        ]

    plain, traps = keyed(plan.plain), keyed(plan.traps)
    if len(plain) < LOOK_GOOD_MIN_PLAIN or len(traps) < LOOK_GOOD_MIN_TRAPS:
        return None

    def mean(values: list[tuple[float, str]]) -> float:
        return sum(value for value, _ in values) / len(values)

    midpoint = (LIKERT_MIN + LIKERT_MAX) / 2
    order = {item_id: position for position, (item_id, _, _) in enumerate(plan.traps)}
    looking_good = sorted(
        ((value, item_id) for value, item_id in traps if value < midpoint),
        key=lambda found: (found[0], order[found[1]]),
    )
    gap = (mean(plain) - mean(traps)) / (LIKERT_MAX - LIKERT_MIN) * 100
    return gap, tuple(item_id for _, item_id in looking_good)


def agreement_style(
    answers: Answers, bank: Bank
) -> tuple[Literal["agreed_all", "rejected_all"], int] | None:
    """Return the agreement check's finding (rules 4): "agreed_all" where the person agreed
    (≥ AGREE_FROM) with at least AGREEMENT_SHARE of the plus-keyed and of the minus-keyed
    agreement statements answered, "rejected_all" where they disagreed (≤ DISAGREE_UP_TO) with
    that share of both, with how many statements they agreed with (or rejected); else None.
    Each side needs AGREEMENT_MIN_EACH statements scorably answered."""
    plan = _plan(bank, answers.form)
    responses = answers.responses

    def answered(ids: tuple[str, ...]) -> list[int]:
        return [int(v) for v in (responses.get(i) for i in ids) if isinstance(v, int)]

    plus, minus = answered(plan.agree_plus), answered(plan.agree_minus)
    if len(plus) < AGREEMENT_MIN_EACH or len(minus) < AGREEMENT_MIN_EACH:
        return None
    for kind, hit in (
        ("agreed_all", lambda v: v >= AGREE_FROM),
        ("rejected_all", lambda v: v <= DISAGREE_UP_TO),
    ):
        on_plus, on_minus = sum(map(hit, plus)), sum(map(hit, minus))
        if on_plus >= AGREEMENT_SHARE * len(plus) and on_minus >= AGREEMENT_SHARE * len(minus):
            return kind, on_plus + on_minus  # type: ignore[return-value]
    return None
