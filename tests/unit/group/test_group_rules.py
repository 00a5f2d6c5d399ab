"""The group view tells each person's story as their own result does, for every released bank.

A simulated population per bank (both forms, every background, every setting, "can't judge yet"
answers where the bank offers them) is scored once as a group and once person by person: the
level, the demands "an der Grenze" and the Erfahrungsfelder must be the same on both.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import (
    EXPERIENCE_LEVELS,
    FORM_IDS,
    PROFILE_IDS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    Bank,
    KnowledgeItem,
    LikertItem,
    ProfileId,
    Scenario,
    answer_values,
)
from assessment.bank.rules import RULES
from assessment.cli import run
from assessment.codes.share import encode_share_code, markable
from assessment.engine.answers import Answers
from assessment.engine.matching import match_profile
from assessment.engine.result import build_result
from assessment.group.itemstats import item_statistics
from assessment.group.overview import group_csv, group_table, score_group
from assessment.group.text import render_group_text
from assessment.messages import msg
from assessment.render.retake import revised_marks
from assessment.render.starter import GOAL_LEVELS
from assessment.render.summary import Summary, summarize

RELEASED = available_versions()
POPULATION = 160
SEED = 20261205


def population(bank: Bank, count: int = POPULATION, seed: int = SEED) -> list[Answers]:
    """Return people with a trait level per dimension, answering around it with some noise;
    both forms, every background and setting, some answers left out and, where a statement
    offers it, "can't judge yet" from never to nearly always; knowledge questions (rules 3)
    answered right more often the higher the trait, or "can't say"; and where the rules keep
    retake marks, a third of the people with some scenario and knowledge answers marked."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    people = []
    for number in range(count):
        form = FORM_IDS[number % len(FORM_IDS)]
        traits = {d: rng.randint(1, 5) for d in bank.dimension_ids}
        unsure_share = rng.choice((0.0, 0.2, 0.6, 0.95))
        answered_share = rng.choice((0.55, 0.9, 1.0))
        responses: dict[str, int | str] = {}
        for item in bank.form_items(form):
            if rng.random() > answered_share:
                continue
            if getattr(item, "presumes", None) and rng.random() < unsure_share:
                responses[item.id] = UNSURE
            elif isinstance(item, Scenario):
                responses[item.id] = rng.choice(SCENARIO_OPTION_IDS)
            elif isinstance(item, KnowledgeItem):  # known more often the higher the trait
                known = rng.random() < traits[item.dimension] / 5
                guesses = [o.id for o in item.options if o.id != item.key]
                responses[item.id] = item.key if known else rng.choice((*guesses, UNSURE))
            else:
                level = traits.get(item.dimension or "", 3) + rng.choice((-1, 0, 0, 1))
                level = min(5, max(1, level))
                minus = isinstance(item, LikertItem) and item.keying == "minus"
                # A frequency statement (rules 4) ends at 4, "more often".
                responses[item.id] = min(6 - level if minus else level, max(answer_values(item)))
        people.append(
            Answers(
                bank_version=bank.version,
                form=form,
                profile=rng.choice(PROFILE_IDS),
                background=(
                    EXPERIENCE_LEVELS[number % len(EXPERIENCE_LEVELS)]
                    if bank.rules.has_background
                    else None
                ),
                responses=responses,
                revised=_marks(bank, responses, rng),
            )
        )
    return people


def _marks(bank: Bank, responses: dict[str, int | str], rng: random.Random) -> tuple[str, ...]:
    """Return retake marks for a third of the people where the rules keep them."""
    if not bank.rules.retake_marks or rng.random() > 1 / 3:
        return ()
    answered = [i for i in bank.index.items.values() if markable(i) and i.id in responses]
    return tuple(rng.sample([i.id for i in answered], k=min(len(answered), rng.randint(1, 6))))


def shown(summary: Summary, key: str) -> set[str]:
    """Return the dimensions the person's own result page shows under one heading."""
    return {d for group in summary.groups if group.key == key for d in group.dimensions}


@pytest.fixture(scope="module", params=RELEASED, ids=[f"v{v}" for v in RELEASED])
def released(request: pytest.FixtureRequest) -> tuple[Bank, list[Answers]]:
    """Every released bank (v1, v2 and each later one) with its simulated population."""
    bank = load_bank(request.param)
    return bank, population(bank)


@pytest.mark.parametrize("profile", PROFILE_IDS)
def test_group_marks_equal_each_persons_own_result(
    released: tuple[Bank, list[Answers]], profile: ProfileId
) -> None:
    """Level, "an der Grenze", Erfahrungsfelder, development areas and "vorläufig" of every
    person in the group equal what their own result page shows against the same setting."""
    bank, people = released
    (section,) = score_group(people, profile).versions
    for person, row in zip(people, section.persons, strict=True):
        own = build_result(person.model_copy(update={"profile": profile}), bank)
        page = summarize(own, bank, "de")
        assert row.level == own.match.level, row.number
        # Under starter_path a starter reads a distant level as a long-term goal (issue 20).
        goal = (
            bank.rules.starter_path and person.background == "starter" and row.level in GOAL_LEVELS
        )
        headline = f"path.starter_{row.level}_headline" if goal else f"level.{row.level}_headline"
        assert page.headline.endswith(msg(headline, "de", profile=page.profile_name))
        assert set(row.borderline) == {c.dimension for c in page.cards if c.band == "borderline"}
        assert set(row.borderline) == shown(page, "borderline")
        assert set(row.experience) == shown(page, "experience")
        assert set(row.development) == shown(page, "development")
        assert row.tentative == own.tentative
        assert row.scores == tuple(s.score for s in own.scores)


def test_the_population_reaches_every_mark_the_rules_have(
    released: tuple[Bank, list[Answers]],
) -> None:
    """The simulation is no empty check: with honest verdicts it holds people an der Grenze,
    Erfahrungsfelder from can't-judge-yet answers, starters below a band, and levels that
    rules 1 would have told differently (the old group view's mistake)."""
    bank, people = released
    (section,) = score_group(people, "duisburg").versions
    levels = {row.level for row in section.persons}
    if not bank.rules.honest_verdicts:
        assert not any(row.borderline or row.experience for row in section.persons)
        assert {"strong", "partial", "gaps"} <= levels
        return
    assert sum(bool(row.borderline) for row in section.persons) >= 10
    assert sum(bool(row.experience) for row in section.persons) >= 10
    starters_below = 0
    differs = 0
    for person, row in zip(people, section.persons, strict=True):
        scores = build_result(person.model_copy(update={"profile": "duisburg"}), bank).scores
        match = match_profile(scores, bank.profiles["duisburg"], bank.rules)
        if person.background == "starter" and match.development:
            starters_below += 1
            assert not row.development
            assert set(match.development) <= set(row.experience)
        old = match_profile(scores, bank.profiles["duisburg"], RULES[1])
        differs += old.level != row.level
    assert starters_below >= 5
    assert differs >= 10
    assert {"uncertain", "experience"} & levels


def test_demand_counts_partition_the_group(released: tuple[Bank, list[Answers]]) -> None:
    """Per demand, every person is counted exactly once: development, met, an der Grenze,
    Erfahrungsfeld, provisional (rules 3) or unscored; and the group's Erfahrungsfelder count
    what the people show."""
    _, people = released
    (section,) = score_group(people, "mittelstand").versions
    for dimension in section.dimensions:
        counted = (
            dimension.below
            + dimension.within
            + dimension.above
            + dimension.borderline
            + dimension.experience
            + dimension.provisional
            + dimension.unscored
        )
        assert counted == len(people), dimension.dimension
        assert dimension.experience == sum(
            dimension.dimension in row.experience for row in section.persons
        )
        assert dimension.borderline == sum(
            dimension.dimension in row.borderline for row in section.persons
        )
    for area in section.experience:
        assert area.people == sum(area.dimension in row.experience for row in section.persons)
    for development in section.development:
        assert development.people == sum(
            development.dimension in row.development for row in section.persons
        )


def test_table_csv_and_text_show_each_persons_marks(
    released: tuple[Bank, list[Answers]],
) -> None:
    """The per-person table and CSV name each person's development areas, demands an der
    Grenze and Erfahrungsfelder; the text (CLI, PDF) lists the group's Erfahrungsfelder."""
    bank, people = released
    group = score_group(people, "public")
    (section,) = group.versions
    header, rows = group_table(group, bank, "de")
    # Rules with retake marks add one last column: what each person changed after the rationales.
    tail = 1 if bank.rules.retake_marks else 0
    assert group.retake_column == bool(tail)
    assert header[len(header) - 4 - tail :] == [
        "Entwicklungsfelder",
        "An der Grenze",
        "Erfahrungsfelder",
        "Vorläufig",
        *(["Nach Anzeige der Begründungen geändert"] if tail else []),
    ]
    for row, person, cells in zip(section.persons, people, rows, strict=True):
        if tail:
            marks = revised_marks(person, bank, "de")
            assert cells[-1] == ("" if marks is None else marks.split(": ", 1)[1])
            cells = cells[:-1]
        names = [
            ", ".join(bank.dimension(d).name("de") for d in marked)
            for marked in (
                row.development,
                row.borderline,
                row.experience,
                row.provisional,
            )
        ]
        assert cells[-4:] == names
        level = msg(f"level.{row.level}", "de")
        assert cells[-5] == (
            msg("group.level_tentative", "de", level=level) if row.tentative else level
        )
    table = list(csv.reader(io.StringIO(group_csv(group, bank, "de")), delimiter=";"))
    assert [line[1:] for line in table[1:]] == [
        ["" if c is None else str(c) for c in cells[1:]] for cells in rows
    ]
    text = " ".join(render_group_text(group, [], None, "de").split())
    for area in section.experience:
        sentence = msg(
            "group.experience",
            "de",
            name=bank.dimension(area.dimension).name("de"),
            people=area.people,
            total=section.people,
        )
        assert sentence in text
    assert (msg("group.experience_title", "de") in text) == bool(section.experience)
    assert (msg("group.borderline_title", "de") in text) == bool(section.borderline)


# -- can't judge yet in the item statistics -------------------------------------------------------


def unsure_people(bank: Bank) -> list[Answers]:
    """Return a population in which can't-judge-yet answers occur (only where the bank has them)."""
    people = population(bank, 60, seed=7)
    assert any(UNSURE in p.responses.values() for p in people) == any(
        getattr(i, "presumes", None) for i in bank.likert
    )
    return people


def test_item_statistics_leave_out_and_count_cant_judge_yet(
    released: tuple[Bank, list[Answers]],
) -> None:
    """A can't-judge-yet answer is no point on the scale: it never enters a statistic, it is
    counted per statement, and its person is no complete response for that dimension."""
    bank, _ = released
    people = unsure_people(bank)
    report = item_statistics(people)
    json.dumps(report.model_dump(mode="json"), allow_nan=False)
    for section in report.sections:
        form_people = [p for p in people if p.form == section.form]
        for dimension in section.dimensions:
            items = [
                i
                for i in bank.form_items_of(section.form, dimension.dimension)
                if isinstance(i, LikertItem)
            ]
            for stat in dimension.items:
                assert stat.unsure == sum(p.responses.get(stat.item) == UNSURE for p in form_people)
            assert dimension.unsure == sum(
                any(p.responses.get(i.id) == UNSURE for i in items) for p in form_people
            )
            complete = sum(
                all(isinstance(p.responses.get(i.id), int) for i in items) for p in form_people
            )
            assert dimension.n == complete


def write_codes(path: Path, people: list[Answers]) -> Path:
    """Write a spreadsheet-style CSV: a header and one named person per row."""
    lines = ["Name;Code", *(f"P{n};{encode_share_code(a)}" for n, a in enumerate(people, 1))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_group_reads_cant_judge_yet_codes_in_text_and_json(
    released: tuple[Bank, list[Answers]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`selbstcheck group` on codes with "Kann ich (noch) nicht einschätzen": no traceback, the
    item statistics say how many were left out, the JSON carries the counts, the CSV reads."""
    bank, _ = released
    people = unsure_people(bank)
    path = write_codes(tmp_path / "codes.csv", people)
    assert run(["group", str(path), "--profile", "industry"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    out = " ".join(captured.out.split())
    assert msg("group.counts", "de", people=len(people), invalid=0) in out
    report = item_statistics(people)
    left_out = sum(d.unsure for s in report.sections for d in s.dimensions)
    assert (left_out > 0) == any(UNSURE in p.responses.values() for p in people)
    for count in {d.unsure for s in report.sections for d in s.dimensions if d.unsure}:
        assert msg("group.stats_unsure", "de", count=count) in out

    assert run(["--lang", "en", "group", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    stats = data["item_stats"]["sections"]
    assert sum(d["unsure"] for s in stats for d in s["dimensions"]) == left_out
    persons = [p for v in data["group"]["versions"] for p in v["persons"]]
    assert len(persons) == len(people)
    assert {"borderline", "experience", "tentative"} <= set(persons[0])

    group = score_group(people, "industry")
    rows = list(csv.reader(io.StringIO(group_csv(group, bank, "en"))))
    assert len(rows) == 1 + len(people)


def test_group_pdf_lists_erfahrungsfelder_and_borderline_demands(
    released: tuple[Bank, list[Answers]],
) -> None:
    """The PDF group summary names the group's Erfahrungsfelder and demands an der Grenze with
    the same counts as the page and the CLI (none for bank v1, whose rules have neither)."""
    from pypdf import PdfReader

    from assessment.group.pdf import build_group_pdf

    bank, people = released
    group = score_group(people, "duisburg")
    (section,) = group.versions
    reader = PdfReader(io.BytesIO(build_group_pdf(group, 0, "de")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert (msg("group.experience_title", "de") in text) == bool(section.experience)
    assert (msg("group.borderline_title", "de") in text) == bool(section.borderline)
    assert bool(section.experience) == bank.rules.honest_verdicts
    for area in section.experience[:3]:
        name = bank.dimension(area.dimension).name("de")
        assert f"{name}: bei {area.people} von {section.people} Personen ein Erfahrungsfeld" in text


def test_a_group_of_starters_has_erfahrungsfelder_not_development_areas() -> None:
    """Starters below a band on bank v2: the group lists Erfahrungsfelder, no development area,
    and never claims that nobody is below a band."""
    bank = load_bank(2)
    starters = [
        p.model_copy(update={"background": "starter"}) for p in population(bank, 40, seed=11)
    ]
    group = score_group(starters, "duisburg")
    (section,) = group.versions
    assert not section.development
    assert section.experience
    text = " ".join(render_group_text(group, [], None, "de").split())
    assert msg("group.no_development_experience", "de") in text
    assert msg("group.no_development", "de") not in text


# -- retake marks (rules 3) -----------------------------------------------------------------------


def test_group_counts_codes_with_retake_marks_and_says_so(
    released: tuple[Bank, list[Answers]],
) -> None:
    """The marks travel through the codes into the group; the group counts the people whose code
    carries them, and the page text, the CLI text and the PDF say so; released banks never."""
    from pypdf import PdfReader

    from assessment.group.overview import parse_codes
    from assessment.group.pdf import build_group_pdf

    bank, people = released
    found, invalid = parse_codes("\n".join(encode_share_code(p) for p in people))
    assert invalid == []
    assert [p.revised for p in found] == [p.revised for p in people]
    group = score_group(found, "duisburg")
    (section,) = group.versions
    marked = sum(bool(p.revised) for p in people)
    assert section.revised == marked
    assert [row.revised for row in section.persons] == [bool(p.revised) for p in people]
    if not bank.rules.retake_marks:
        assert marked == 0
        return
    assert marked >= POPULATION // 5
    for lang in ("de", "en"):
        sentence = msg("group.revised_people", lang, count=marked, people=section.people)
        assert sentence in " ".join(render_group_text(group, [], None, lang).split())
        document = build_group_pdf(group, 0, lang)
        pdf_text = " ".join(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(document)).pages).split()
        )
        assert sentence.split(" (")[0] in pdf_text
