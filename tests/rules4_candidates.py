"""Compare candidate combine rules for rules 4 on bank v3's content (faking payoff and honest
figures). Not shipped; run from the worktree root:

    PYTHONPATH=$PWD .venv/bin/python tests/rules4_candidates.py \
        --questions /tmp/rules4q --fakers 600 --part K/N

/tmp/rules4q is a copy of questions/ whose v3/bank.toml says `rules = 4`. Each candidate replaces
scoring._combine_v4 (the person path); rules 3 is bank v3 as released. Parts split the people
between processes; `--merge` adds the parts' JSON up and prints the table.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS, PROFILE_IDS
from assessment.engine import scoring
from assessment.engine.result import build_result
from assessment.engine.scoring import ViewPoints, self_set_aside
from tests.simulate import KINDS, LEVEL_RANK, draw_person, honest_twin, respond

Combine = Callable[[list[ViewPoints]], tuple[float, float, scoring.Basis, int]]
Weights = Callable[[ViewPoints | None, list[ViewPoints]], tuple[float, list[float]]]


def weighted(pairs: list[tuple[float, ViewPoints]]) -> tuple[float, float]:
    total = sum(w for w, _ in pairs)
    mean = sum(w * (v.points or 0.0) for w, v in pairs) / total
    return mean, math.sqrt(sum((w * (v.error or 0.0)) ** 2 for w, v in pairs)) / total


def pooled_apart(own: ViewPoints, pairs: list[tuple[float, ViewPoints]]) -> bool:
    """Rules 3's test on the weighted evidence mean, but never on a single answer."""
    if sum(v.count for _, v in pairs) < scoring.MIN_OUTVOTING_ANSWERS:
        return False
    mean, error = weighted(pairs)
    joint = math.sqrt((own.error or 0.0) ** 2 + error**2)
    return abs((own.points or 0.0) - mean) > scoring.DISAGREEMENT_Z * joint


def rule(weights: Weights, clip: bool = False, pooled: bool = False) -> Combine:
    def combine(counting: list[ViewPoints]) -> tuple[float, float, scoring.Basis, int]:
        own = next((v for v in counting if v.view == "self"), None)
        evidence = [v for v in counting if v.view != "self"]
        own_w, ev_w = weights(own, evidence)
        pairs = list(zip(ev_w, evidence, strict=True))
        test = pooled_apart if pooled else (lambda o, p: self_set_aside(o, [v for _, v in p]))
        if own is not None and evidence and test(own, pairs):
            mean, error = weighted(pairs)
            return mean, error, "evidence", sum(v.count for v in evidence)
        if own is not None:
            if clip and evidence:
                mean, error = weighted(pairs)
                upper = mean + scoring.DISAGREEMENT_Z * error
                own = replace(own, points=min(own.points or 0.0, upper))
            pairs.append((own_w, own))
        mean, error = weighted(pairs)
        return mean, error, "combined", sum(v.count for v in counting)

    return combine


def capped(count: int) -> float:
    return float(min(count, scoring.FULL_VIEW_ANSWERS))


def equal(own: ViewPoints | None, evidence: list[ViewPoints]) -> tuple[float, list[float]]:
    return 1.0, [1.0] * len(evidence)


def by_answers(own: ViewPoints | None, evidence: list[ViewPoints]) -> tuple[float, list[float]]:
    return capped(own.count if own else 0), [capped(v.count) for v in evidence]


def self_at_most(of: Callable[[list[float]], float]) -> Weights:
    def weights(own: ViewPoints | None, evidence: list[ViewPoints]) -> tuple[float, list[float]]:
        ev = [capped(v.count) for v in evidence]
        own_w = capped(own.count if own else 0)
        return (min(own_w, of(ev)) if ev else own_w), ev

    return weights


CANDIDATES: dict[str, Combine | None] = {
    "rules3": None,
    "rules4": rule(by_answers),  # rules 4 as first built (before the chosen rule)
    "A": rule(equal),
    "B-lightest": rule(self_at_most(min)),
    "B-mean": rule(self_at_most(lambda ev: sum(ev) / len(ev))),
    "C": rule(self_at_most(sum)),
    "D-clipB": rule(self_at_most(min), clip=True),  # chosen: scoring._combine_v4 now
    "E": rule(equal, pooled=True),
    "E-lightest": rule(self_at_most(min), pooled=True),
}


def run(questions: Path, fakers: int, seed: int, part: int, parts: int) -> dict[str, list[float]]:
    rules3 = load_bank(3)
    rules4 = load_bank(3, questions)
    if not rules4.rules.per_view_disagreement:
        raise SystemExit(f"{questions}/v3/bank.toml must say rules = 4")
    original = scoring._combine_v4
    # key "cand|kind|form" -> [n, better, no notice, unmarked, strong, provisional, demands,
    # set aside, worse]
    found: dict[str, list[float]] = defaultdict(lambda: [0.0] * 9)
    number = 0
    for form in FORM_IDS:
        for kind in KINDS:
            start = 0 if kind == "honest" else 6000 + KINDS.index(kind) * fakers
            for index in range(start, start + fakers):
                number += 1
                if number % parts != part:
                    continue
                person = draw_person(rules3, seed, index)
                faked = respond(kind, person, rules3, form, seed)
                honest = honest_twin(person, rules3, form, seed)
                for name, combine in CANDIDATES.items():
                    bank = rules3 if combine is None else rules4
                    scoring._combine_v4 = combine or original  # type: ignore[assignment]
                    row = found[f"{name}|{kind}|{form}"]
                    for setting in PROFILE_IDS:
                        faker = build_result(faked.model_copy(update={"profile": setting}), bank)
                        own = LEVEL_RANK.get(faker.match.level)
                        if kind == "honest":
                            twin_rank = own
                        else:
                            twin = build_result(
                                honest.model_copy(update={"profile": setting}), bank
                            )
                            twin_rank = LEVEL_RANK.get(twin.match.level)
                        better = own is not None and twin_rank is not None and own > twin_rank
                        worse = own is not None and twin_rank is not None and own < twin_rank
                        marked = bool(faker.quality or faker.revised)
                        row[0] += 1
                        row[1] += better
                        row[2] += better and not faker.self_based
                        row[3] += better and not marked
                        row[4] += faker.match.level == "strong"
                        row[5] += sum(m.band == "provisional" for m in faker.match.dimensions)
                        row[6] += len(faker.match.dimensions)
                        row[7] += sum(d.basis == "evidence" for d in faker.scores)
                        row[8] += worse
    scoring._combine_v4 = original
    return dict(found)


def table(found: dict[str, list[float]]) -> str:
    lines = [
        f"{'rule':<11} {'kind':<15} {'form':<6} {'n':>5} {'better':>7} {'±95':>5} {'no ntc':>7}"
        f" {'unmark':>7} {'worse':>6} {'strong':>7} {'prov.':>6} {'aside':>6}"
    ]
    for kind in KINDS:
        for form in FORM_IDS:
            for name in CANDIDATES:
                row = found.get(f"{name}|{kind}|{form}")
                if not row:
                    continue
                n = row[0]
                p = row[1] / n
                # Four settings per person are not independent: the noise uses people, n / 4.
                noise = 1.96 * math.sqrt(p * (1 - p) / (n / 4)) * 100
                lines.append(
                    f"{name:<11} {kind:<15} {form:<6} {int(n):>5} {100 * p:7.1f} {noise:5.1f}"
                    f" {100 * row[2] / n:7.1f} {100 * row[3] / n:7.1f} {100 * row[8] / n:6.1f}"
                    f" {100 * row[4] / n:7.1f} {100 * row[5] / row[6]:6.1f}"
                    f" {100 * row[7] / row[6]:6.1f}"
                )
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, help="a questions folder whose v3 names rules 4")
    parser.add_argument("--fakers", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--part", default="0/1")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--merge", nargs="*", type=Path)
    args = parser.parse_args()
    if args.merge:
        total: dict[str, list[float]] = defaultdict(lambda: [0.0] * 9)
        for path in args.merge:
            for key, row in json.loads(path.read_text()).items():
                total[key] = [a + b for a, b in zip(total[key], row, strict=True)]
        print(table(total))
        return 0
    if args.questions is None:
        parser.error("--questions is needed (a copy of questions/ whose v3 says rules = 4)")
    part, parts = (int(x) for x in args.part.split("/"))
    found = run(args.questions, args.fakers, args.seed, part, parts)
    if args.out:
        args.out.write_text(json.dumps(found))
    print(table(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
