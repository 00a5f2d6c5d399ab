"""UX pass of issue 22 on the group view (M4, M4b, m12): per requirement every person is counted
in exactly one column – "vorläufig" among them – on the page, in the text of the command line,
the PDF and the CSV; "erfüllt" is said to mean a firm verdict, and the chart says how many dots
inside the band are borderline or provisional; a dot at 0 or 100 is drawn inside the track."""

from __future__ import annotations

import csv
import html
import io
import math
import re
from functools import cache

import pytest
import vl_convert
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from assessment.bank.load import available_versions, load_bank
from assessment.bank.models import PROFILE_IDS, LikertItem, ProfileId
from assessment.engine.answers import Answers
from assessment.group.batch import judge_person
from assessment.group.chart import DOT_SIZE_RANGE, dot_radius, group_chart, group_chart_rows
from assessment.group.overview import VersionGroup, group_csv, group_table, score_group
from assessment.group.pdf import build_group_pdf
from assessment.group.text import count_columns, counts_line, render_group_text
from assessment.messages import msg
from assessment.ui.group import _demands
from tests.personas import random_answers
from tests.strategies import released_answers

RELEASED = available_versions()
COUNT_COLUMNS = (
    "ui.group.col_meets",
    "ui.group.col_below",
    "ui.group.col_borderline",
    "ui.group.col_experience",
    "ux.group_counts.col_provisional",
    "ui.group.col_unscored",
)


@cache
def _v3_group() -> VersionGroup:
    """Thirty random v3 people who left out much: provisional verdicts for every one of them."""
    people = random_answers(load_bank(3), 30, seed=5, answered_share=0.6)
    section = score_group(people, "public").versions[0]
    assert sum(d.provisional for d in section.dimensions) > 0
    return section


@pytest.mark.parametrize("version", RELEASED)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_requirement_counts_each_person_once(version: int, data: st.DataObject) -> None:
    """A random group of one released bank, any setting: per requirement the columns (met,
    below, borderline, Erfahrungsfeld, provisional, not scorable) add up to the people, and a
    person's provisional requirements are exactly those their own result calls provisional."""
    people: list[Answers] = data.draw(st.lists(released_answers(version), min_size=1, max_size=8))
    profile: ProfileId = data.draw(st.sampled_from(PROFILE_IDS))
    bank = load_bank(version)
    (section,) = score_group(people, profile).versions
    for dimension in section.dimensions:
        assert dimension.counted == section.people == len(people)
        assert sum(count for _, count in count_columns(dimension)) == section.people
    for person, row in zip(people, section.persons, strict=True):
        own = judge_person(person, bank, bank.profiles[profile])
        provisional = tuple(
            d
            for d, band in zip(bank.dimension_ids, own.bands, strict=True)
            if band == "provisional"
        )
        assert row.provisional == provisional


def test_the_page_table_has_a_provisional_column_and_rows_that_add_up() -> None:
    """Bank v3's table of requirements: a "Vorläufig" column, and each row sums to the group."""
    section = _v3_group()
    for lang in ("de", "en"):
        frame = _demands(section, lang)
        columns = [msg(key, lang) for key in COUNT_COLUMNS]
        assert msg("ux.group_counts.col_provisional", lang) in frame.columns
        assert (frame[columns].sum(axis=1) == section.people).all()
        assert frame[msg("ux.group_counts.col_provisional", lang)].sum() > 0


def test_bank_v1_and_v2_tables_have_no_column_of_zeros_for_provisional() -> None:
    """Only rules with provisional verdicts (bank v3) show the column; rows still add up."""
    for version in (1, 2):
        people = random_answers(load_bank(version), 12, seed=3, answered_share=0.7)
        (section,) = score_group(people, "public").versions
        frame = _demands(section, "de")
        assert msg("ux.group_counts.col_provisional", "de") not in frame.columns
        present = [msg(key, "de") for key in COUNT_COLUMNS if msg(key, "de") in frame.columns]
        assert (frame[present].sum(axis=1) == section.people).all()


def test_csv_names_each_persons_provisional_requirements() -> None:
    """The CSV has a "Vorläufig" column listing the person's provisional requirements by name."""
    section = _v3_group()
    bank = load_bank(3)
    people = random_answers(bank, 30, seed=5, answered_share=0.6)
    group = score_group(people, "public")
    for lang in ("de", "en"):
        header, rows = group_table(group, bank, lang)
        column = header.index(msg("ux.group_counts.csv_provisional", lang))
        for row, person in zip(rows, section.persons, strict=True):
            assert row[column] == ", ".join(
                bank.dimension(d).name(lang) for d in person.provisional
            )
        delimiter = ";" if lang == "de" else ","
        read = list(csv.reader(io.StringIO(group_csv(group, bank, lang)), delimiter=delimiter))
        assert read[0][column] == msg("ux.group_counts.csv_provisional", lang)
        assert any(line[column] for line in read[1:])


def test_text_and_pdf_give_every_column_of_each_requirement() -> None:
    """The command line's text and the group PDF say per requirement "Von 30 Personen: …",
    provisional included, the counts adding up to the group."""
    bank = load_bank(3)
    group = score_group(random_answers(bank, 30, seed=5, answered_share=0.6), "public")
    (section,) = group.versions
    text = render_group_text(group, [], None, "de")
    lines = [counts_line(d, section.people, "de") for d in section.dimensions]
    for line in lines:
        assert line.startswith("Von 30 Personen: Erfüllt ")
        numbers = [int(n) for n in re.findall(r" (\d+)(?= ·|$)", line.split(": ", 1)[1])]
        assert sum(numbers) == 30
    assert "Vorläufig" in " ".join(lines)
    assert all(" ".join(line.split()) in " ".join(text.split()) for line in lines)
    pdf = build_group_pdf(group, 0, "en")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    english = [" ".join(counts_line(d, section.people, "en").split()) for d in section.dimensions]
    for line in english:
        assert line in text
    assert "Provisional" in " ".join(english)
    assert " ".join(msg("ux.group_counts.firm", "en").split()) in text


def test_the_definition_of_met_says_it_is_firm() -> None:
    """The page says what "erfüllt" counts: a verdict within the range or above, firmly, and that
    a dot inside the grey bar may be borderline or provisional."""
    de, en = msg("ux.group_counts.firm", "de"), msg("ux.group_counts.firm", "en")
    for word in ("fest", "an der Grenze", "vorläufig"):
        assert word in de
    for word in ("firmly", "borderline", "provisional"):
        assert word in en
    assert "im Zielbereich oder darüber" not in msg("ui.group.demands_caption", "de")


def test_chart_labels_name_the_dots_inside_the_band_that_are_not_met() -> None:
    """A requirement with borderline or provisional people says so beside "erfüllt"."""
    section = _v3_group()
    bank = load_bank(3)
    rows, _ = group_chart_rows(section, bank, "de")
    for row, dimension in zip(rows, section.dimensions, strict=True):
        unfirm = dimension.borderline + dimension.provisional
        assert f"erfüllt: {dimension.meets} von" in row["label"]
        if unfirm:
            assert row["label"].endswith(f"an der Grenze oder vorläufig: {unfirm}")


def _people_at_the_ends() -> VersionGroup:
    """A bank v1 group whose scores include 0 and 100 (every item at one end)."""
    bank = load_bank(1)
    people = []
    for value in (1, 5, 1, 5, 3):
        responses: dict[str, int | str] = {
            item.id: value if item.keying == "plus" else 6 - value
            for item in bank.form_items("full")
            if isinstance(item, LikertItem)
        }
        people.append(Answers(bank_version=1, form="full", profile="public", responses=responses))
    (section,) = score_group(people, "public").versions
    scores = {s for d in section.dimensions for s in d.scores}
    assert {0, 100} <= scores
    return section


@pytest.mark.parametrize("width", [300, 560])
def test_dots_at_0_and_100_are_drawn_inside_the_track(width: int) -> None:
    """Rendered at a phone's and a desktop's width, every dot lies wholly within the 0–100 track
    (the track's grey bar), while each dot keeps its score (tooltip) unchanged."""
    section = _people_at_the_ends()
    bank = load_bank(1)
    _, dots = group_chart_rows(section, bank, "de")
    assert {dot["score"] for dot in dots} >= {0, 100}
    assert all(dot["tip"].startswith(f"{dot['score']} Punkte") for dot in dots)
    svg = vl_convert.vegalite_to_svg(_spec(section, width))
    circles = _circles(svg)
    assert len(circles) == len(dots)
    left, right = _track(svg)
    assert math.isclose(right - left, width, abs_tol=1)
    for x, radius in circles:
        assert left - 0.5 <= x - radius
        assert x + radius <= right + 0.5


def _spec(section: VersionGroup, width: int) -> dict[str, object]:
    return group_chart(section, load_bank(1), "de").properties(width=width).to_dict()


def _circles(svg: str) -> list[tuple[float, float]]:
    """Return (centre x, radius) of every dot: Vega draws a circle as a path of two arcs."""
    found = []
    for transform, path in re.findall(
        r'<path[^>]*transform="translate\(([^)]*)\)"[^>]*d="(M[^"]*A[^"]*)"', svg
    ):
        x = float(transform.split(",")[0])
        radius = float(re.search(r"A([\d.]+),", path).group(1))  # type: ignore[union-attr]
        found.append((x, radius))
    return found


def _track(svg: str) -> tuple[float, float]:
    """Return the left and right end of the widest bar (the 0–100 track) in the SVG."""
    bars = [
        (float(x), float(w)) for x, w in re.findall(r'<path[^>]*d="M([\d.]+),[\d.]+h([\d.]+)v', svg)
    ]
    x, w = max(bars, key=lambda bar: bar[1])
    return x, x + w


def test_a_dots_radius_is_the_drawn_one() -> None:
    """The radius the chart keeps inside the track is the one Vega draws (√size / 2)."""
    section = _people_at_the_ends()
    bank = load_bank(1)
    _, dots = group_chart_rows(section, bank, "de")
    drawn = {round(r, 2) for _, r in _circles(vl_convert.vegalite_to_svg(_spec(section, 400)))}
    assert drawn == {round(dot["radius"], 2) for dot in dots}
    low, high = DOT_SIZE_RANGE
    assert math.isclose(dot_radius(1, 3), math.sqrt(low) / 2)
    assert math.isclose(dot_radius(9, 9), math.sqrt(high) / 2)


def test_a_phone_chart_keeps_the_short_label_and_a_wide_one_names_the_unfirm() -> None:
    """Drawn 300 px wide the label is "Median … · erfüllt: … von …" (no room for more; the
    caption and the table say the rest); 600 px wide it adds the borderline and provisional."""
    section = _v3_group()
    bank = load_bank(3)
    rows, _ = group_chart_rows(section, bank, "de")
    for width, field in ((300, "narrow"), (600, "label")):
        spec = group_chart(section, bank, "de").properties(width=width).to_dict()
        svg = html.unescape(vl_convert.vegalite_to_svg(spec))
        for row in rows:
            assert f">{row[field]}<" in svg
    assert any(row["label"] != row["narrow"] for row in rows)
