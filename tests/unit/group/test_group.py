"""Group view: codes in (text, links, CSV), each person scored as alone, one section per version."""

from __future__ import annotations

import csv
import gc
import io
import random
import shutil
import string
import tracemalloc
from pathlib import Path

import pytest

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import (
    Bank,
    ProfileId,
)
from assessment.codes.links import share_link
from assessment.codes.share import encode_code, encode_share_code
from assessment.engine.result import build_result
from assessment.group.overview import (
    MAX_CANDIDATES_PER_LINE,
    MAX_GROUP_BYTES,
    MAX_GROUP_LINES,
    SNIPPET_LENGTH,
    GroupError,
    distribution,
    duplicates,
    group_csv,
    group_table,
    parse_codes,
    read_codes_file,
    score_group,
    text_from_bytes,
)
from assessment.group.text import group_json, render_group_text
from assessment.messages import msg
from tests.personas import random_answers


def make_v2_root(tmp_path: Path) -> Path:
    """Return a questions root with v1 and a v2 that differs in the wording of one statement."""
    root = tmp_path / "questions"
    shutil.copytree(QUESTIONS_DIR / "v1", root / "v1")
    shutil.copytree(QUESTIONS_DIR / "v1", root / "v2")
    head = root / "v2" / "bank.toml"
    head.write_text(
        head.read_text(encoding="utf-8").replace("version = 1", "version = 2", 1),
        encoding="utf-8",
    )
    first_items = sorted((root / "v2" / "items").glob("*.toml"))[0]
    text = first_items.read_text(encoding="utf-8")
    assert 'text.de = "' in text
    first_items.write_text(text.replace('text.de = "', 'text.de = "Neu formuliert: ', 1), "utf-8")
    return root


@pytest.mark.parametrize("profile", ["duisburg", "public", "industry"])
def test_group_scoring_equals_individual_results(bank: Bank, profile: ProfileId) -> None:
    """Every person's row equals their own result against the chosen setting."""
    people = random_answers(bank, 40, seed=3, answered_share=0.7)
    group = score_group(people, profile)
    (section,) = group.versions
    assert group.people == 40
    assert [row.number for row in section.persons] == list(range(1, 41))
    for person, row in zip(people, section.persons, strict=True):
        alone = build_result(person.model_copy(update={"profile": profile}), bank)
        assert row.scores == tuple(score.score for score in alone.scores)
        assert row.met == alone.match.met
        assert row.scored == alone.match.scored
        assert row.level == alone.match.level
        assert row.development == alone.match.development
        assert row.form == person.form


def test_dimension_counts_equal_the_individual_bands(bank: Bank) -> None:
    """Per dimension, the scores and band counts are exactly those of the individual results."""
    people = random_answers(bank, 60, seed=11, answered_share=0.6)
    section = score_group(people, "mittelstand").versions[0]
    alone = [
        build_result(p.model_copy(update={"profile": "mittelstand"}), bank).match for p in people
    ]
    for index, dimension in enumerate(section.dimensions):
        matches = [match.dimensions[index] for match in alone]
        assert dimension.dimension == bank.dimension_ids[index]
        assert dimension.scores == tuple(m.score for m in matches if m.score is not None)
        assert dimension.below == sum(m.band == "below" for m in matches)
        assert dimension.within == sum(m.band == "within" for m in matches)
        assert dimension.above == sum(m.band == "above" for m in matches)
        assert dimension.unscored == sum(m.band == "unknown" for m in matches)
        assert dimension.meets == sum(m.met for m in matches)
        target = bank.profiles["mittelstand"].targets[dimension.dimension]
        assert (dimension.low, dimension.high, dimension.weight) == (
            target.low,
            target.high,
            target.weight,
        )
    assert sum(section.levels.values()) == 60
    assert section.levels["gaps"] == sum(m.level == "gaps" for m in alone)


def test_development_areas_are_counted_and_most_common_first(bank: Bank) -> None:
    """Development areas count people below the band, most common first, with the most urgent."""
    people = random_answers(bank, 50, seed=5)
    section = score_group(people, "public").versions[0]
    alone = [build_result(p.model_copy(update={"profile": "public"}), bank).match for p in people]
    counted = {area.dimension: area for area in section.development}
    for dimension_id in bank.dimension_ids:
        below = sum(dimension_id in m.development for m in alone)
        urgent = sum(m.development[:1] == (dimension_id,) for m in alone)
        if below:
            assert counted[dimension_id].people == below
            assert counted[dimension_id].most_urgent == urgent
        else:
            assert dimension_id not in counted
    people_counts = [area.people for area in section.development]
    assert people_counts == sorted(people_counts, reverse=True)


def test_group_of_nobody_has_no_sections() -> None:
    """No answers give an empty group, not an error."""
    group = score_group([], "duisburg")
    assert group.people == 0
    assert group.versions == ()
    assert group.mixed_versions is False


def test_parse_codes_reads_codes_links_and_csv_cells(bank: Bank) -> None:
    """Codes are found bare, in links, in any CSV cell (, ; tab, quoted) and amid free text."""
    people = random_answers(bank, 7, seed=8)
    codes = [encode_share_code(p) for p in people]
    text = "\n".join(
        [
            "Name;Code;Datum",
            codes[0],
            f"  {codes[1]}  ",
            share_link("http://localhost:8501/", codes[2]),
            f"Anna Muster;{codes[3]};2026-11-28",
            f'"Bernd","{share_link("https://selbstcheck.example/", codes[4])}"',
            f"Carla\t{codes[5]}",
            f"Code von Dora: {codes[6]}",
        ]
    )
    found, invalid = parse_codes(text)
    assert invalid == []
    assert found == people


def test_invalid_lines_are_listed_with_reasons_and_skipped(bank: Bank) -> None:
    """Bad lines keep their number, a short copy and the error; the good lines are still read."""
    people = random_answers(bank, 3, seed=9)
    codes = [encode_share_code(p) for p in people]
    corrupted = codes[1][:-2] + ("A" if codes[1][-2] != "A" else "B") + codes[1][-1]
    long_garbage = "x" * 30 + " " + "y" * 30
    text = "\n".join(
        [
            codes[0],  # 1
            "",  # 2: blank, ignored
            codes[1][:-6],  # 3: truncated
            corrupted,  # 4
            long_garbage,  # 5: no code at all
            "   ",  # 6: blank
            codes[2],  # 7
            "https://example.org/?lang=de",  # 8: a link without a code
        ]
    )
    found, invalid = parse_codes(text)
    assert found == [people[0], people[2]]
    assert [line.line for line in invalid] == [3, 4, 5, 8]
    reasons = [line.reason for line in invalid]
    assert reasons == ["truncated", "corrupted", "group.no_code", "group.no_code"]
    truncated = codes[1][:-6]
    assert invalid[0].text == (
        truncated if len(truncated) <= SNIPPET_LENGTH else truncated[: SNIPPET_LENGTH - 1] + "…"
    )
    assert invalid[2].text == long_garbage[: SNIPPET_LENGTH - 1] + "…"
    assert all(len(line.text) <= SNIPPET_LENGTH for line in invalid)
    assert invalid[1].key == "code.corrupted"
    assert invalid[1].message("de") == msg("code.corrupted", "de")
    assert invalid[2].message("en") == msg("group.no_code", "en")


def test_a_header_is_skipped_only_on_the_first_line(bank: Bank) -> None:
    """A first line without anything code-like is a header; later such lines are reported."""
    code = encode_share_code(random_answers(bank, 1, seed=1)[0])
    found, invalid = parse_codes(f"\n\nTeilnehmer,Code\n{code}\nTeilnehmer,Code\n")
    assert len(found) == 1
    assert [(line.line, line.reason) for line in invalid] == [(5, "group.no_code")]


def test_control_characters_are_not_echoed() -> None:
    """The short copy of a bad line never carries terminal control characters."""
    _, invalid = parse_codes("header\n\x1b[31mAQEBdeadbeefdeadbeef\n")
    assert invalid[0].text == "\ufffd[31mAQEBdeadbeefdeadbeef"


def test_input_limits_are_enforced_with_a_clear_error() -> None:
    """More than MAX_GROUP_LINES lines or MAX_GROUP_BYTES characters are refused up front."""
    _, invalid = parse_codes("\n".join(["nocode"] * MAX_GROUP_LINES))
    assert len(invalid) == MAX_GROUP_LINES - 1  # the first is taken as a header
    with pytest.raises(GroupError) as too_many:
        parse_codes("\n".join(["nocode"] * (MAX_GROUP_LINES + 1)))
    assert too_many.value.key == "group.too_many_lines"
    assert too_many.value.message("en") == msg(
        "group.too_many_lines", "en", lines=MAX_GROUP_LINES + 1, limit=MAX_GROUP_LINES
    )
    with pytest.raises(GroupError) as too_large:
        parse_codes("x" * (MAX_GROUP_BYTES + 1))
    assert too_large.value.key == "group.too_large"
    assert "4 MB" in too_large.value.message("de")


def test_text_from_bytes_accepts_text_and_refuses_binary(bank: Bank) -> None:
    """UTF-8 with BOM and legacy-encoded CSV are read; binary content is refused."""
    code = encode_share_code(random_answers(bank, 1, seed=2)[0])
    assert text_from_bytes(("\ufeff" + code).encode("utf-8")) == code
    assert text_from_bytes(f"Müller;{code}".encode("cp1252")) == f"Müller;{code}"
    with pytest.raises(GroupError) as binary:
        text_from_bytes(b"%PDF-1.7\x00\x01\x02")
    assert binary.value.key == "group.not_text"
    with pytest.raises(GroupError) as large:
        text_from_bytes(b"x" * (MAX_GROUP_BYTES + 1))
    assert large.value.key == "group.too_large"


def test_read_codes_file_names_the_missing_file(tmp_path: Path) -> None:
    """A missing file raises GroupError with the path in the message."""
    missing = tmp_path / "missing.csv"
    with pytest.raises(GroupError) as error:
        read_codes_file(missing)
    assert error.value.key == "answers.file_unreadable"
    assert str(missing) in error.value.message("de")


def test_mixed_versions_are_scored_separately(tmp_path: Path) -> None:
    """Codes of v1 and v2 land in two sections, each scored by its own bank version."""
    root = make_v2_root(tmp_path)
    bank1, bank2 = load_bank(1, root), load_bank(2, root)
    assert bank1.likert != bank2.likert
    old = random_answers(bank1, 6, seed=21)
    new = random_answers(bank2, 4, seed=22)
    mixed = [old[0], new[0], old[1], old[2], new[1], new[2], old[3], new[3], old[4], old[5]]
    text = "\n".join(encode_code(person, root=root) for person in mixed)
    found, invalid = parse_codes(text, root)
    assert invalid == []
    assert found == mixed
    group = score_group(found, "industry", root)
    assert group.mixed_versions is True
    assert group.people == 10
    assert [(s.bank_version, s.people) for s in group.versions] == [(1, 6), (2, 4)]
    assert [row.number for row in group.versions[0].persons] == [1, 3, 4, 7, 9, 10]
    assert [row.number for row in group.versions[1].persons] == [2, 5, 6, 8]
    for section, bank in zip(group.versions, (bank1, bank2), strict=True):
        for row in section.persons:
            person = mixed[row.number - 1]
            alone = build_result(person.model_copy(update={"profile": "industry"}), bank)
            assert row.scores == tuple(score.score for score in alone.scores)
            assert row.level == alone.match.level


@pytest.mark.usefixtures("v1_questions_only")
def test_unknown_version_in_a_code_is_an_invalid_line(tmp_path: Path, bank: Bank) -> None:
    """A v2 code read where only v1 exists is reported as an unknown version."""
    root = make_v2_root(tmp_path)
    code = encode_code(random_answers(load_bank(2, root), 1, seed=4)[0], root=root)
    found, invalid = parse_codes(f"Code\n{code}\n")
    assert found == []
    assert [(line.line, line.reason) for line in invalid] == [(2, "unknown_version")]
    assert invalid[0].message("en") == msg("code.unknown_version", "en", version=2)


def test_distribution_uses_inclusive_quartiles() -> None:
    """Median and quartiles come from statistics.quantiles (inclusive); one score is all five."""
    spread = distribution([0, 50, 100])
    assert spread is not None
    assert (spread.n, spread.minimum, spread.q1, spread.median, spread.q3, spread.maximum) == (
        3,
        0.0,
        25.0,
        50.0,
        75.0,
        100.0,
    )
    four = distribution([10, 20, 30, 40])
    assert four is not None
    assert (four.q1, four.median, four.q3) == (17.5, 25.0, 32.5)
    single = distribution([42])
    assert single is not None
    assert (single.q1, single.median, single.q3) == (42.0, 42.0, 42.0)
    assert distribution([]) is None


def test_group_csv_is_an_anonymous_table(bank: Bank) -> None:
    """The CSV has one row per person (#n, no names), the scores, met count, level label and the
    person's marked demands (development, an der Grenze, Erfahrungsfelder)."""
    people = random_answers(bank, 5, seed=13, answered_share=0.4)
    group = score_group(people, "public")
    rows = list(csv.reader(io.StringIO(group_csv(group, bank, "de")), delimiter=";"))
    names = [bank.dimension(d).name("de") for d in bank.dimension_ids]
    assert rows[0] == [
        "Person",
        "Version",
        "Fragebogen",
        *names,
        "Anforderungen erfüllt",
        "Anforderungen bewertet",
        "Gesamteinschätzung",
        "Entwicklungsfelder",
        "An der Grenze",
        "Erfahrungsfelder",
        "Vorläufig",
    ]
    assert [row[0] for row in rows[1:]] == ["#1", "#2", "#3", "#4", "#5"]
    for row, person in zip(rows[1:], group.versions[0].persons, strict=True):
        assert row[1] == "1"
        assert row[2] == bank.forms[person.form].name("de")
        assert row[3 : 3 + len(names)] == ["" if s is None else str(s) for s in person.scores]
        assert row[-7:-4] == [
            str(person.met),
            str(person.scored),
            msg(f"level.{person.level}", "de"),
        ]
        assert row[-4] == ", ".join(bank.dimension(d).name("de") for d in person.development)
        # bank v1 marks no demand borderline, Erfahrungsfeld or provisional
        assert row[-3:] == ["", "", ""]
    english = list(csv.reader(io.StringIO(group_csv(group, bank, "en"))))
    assert english[0][3] == bank.dimension(bank.dimension_ids[0]).name("en")
    assert english[0][-5] == "Overall"


def test_group_csv_with_mixed_versions_numbers_people_in_input_order(tmp_path: Path) -> None:
    """With two versions the table still runs #1, #2 … in input order, each with its version."""
    root = make_v2_root(tmp_path)
    bank1, bank2 = load_bank(1, root), load_bank(2, root)
    mixed = [random_answers(bank2, 1, seed=31)[0], random_answers(bank1, 1, seed=32)[0]]
    group = score_group(mixed, "duisburg", root)
    rows = list(csv.reader(io.StringIO(group_csv(group, bank2, "en", root))))
    assert [(row[0], row[1]) for row in rows[1:]] == [("#1", "2"), ("#2", "1")]
    assert len(rows[0]) == 3 + len(bank2.dimension_ids) + 3 + 4


def test_a_repeated_code_is_counted_once(bank: Bank) -> None:
    """The same code again (bare or in a link) is skipped with the line it first appeared on."""
    first, second = random_answers(bank, 2, seed=41)
    code = encode_share_code(first)
    text = "\n".join(
        [code, encode_share_code(second), share_link("http://localhost:8501/", code), code]
    )
    found, invalid = parse_codes(text)
    assert found == [first, second]
    assert [(line.line, line.reason) for line in invalid] == [
        (3, "group.duplicate"),
        (4, "group.duplicate"),
    ]
    assert invalid[0].message("de") == msg("group.duplicate", "de", line=1)
    assert duplicates(invalid) == 2


def test_one_persons_codes_in_other_spellings_are_counted_once(bank: Bank) -> None:
    """The same answers as an English code, a progress link or another setting count once."""
    person = random_answers(bank, 1, seed=43)[0]
    other_language = "en" if person.language == "de" else "de"
    variants = [
        encode_share_code(person),
        encode_share_code(person.model_copy(update={"language": other_language})),
        encode_code(person, "progress", page=3),
        share_link("http://localhost:8501/", encode_code(person, "progress", page=1)),
        encode_share_code(person.model_copy(update={"profile": "industry"})),
    ]
    assert len(set(variants)) == len(variants)
    found, invalid = parse_codes("\n".join(variants))
    assert found == [person]
    assert [(line.line, line.reason) for line in invalid] == [
        (n, "group.duplicate") for n in range(2, 6)
    ]
    assert duplicates(invalid) == 4
    text = render_group_text(score_group(found), invalid, None, "de")
    assert msg("group.duplicates_dropped", "de", count=4) in " ".join(text.split())
    assert group_json(score_group(found), invalid, None, "en")["duplicates_dropped"] == 4


def test_invalid_lines_keep_no_exception(bank: Bank) -> None:
    """A skipped line holds its reason key and parameters only: no exception, no traceback."""
    code = encode_share_code(random_answers(bank, 1, seed=44)[0])
    _, invalid = parse_codes(f"{code}\n{code[:-3]}\n{code}")
    for line in invalid:
        assert all(not isinstance(value, BaseException) for value in vars(line).values())
    assert [(line.key, line.params) for line in invalid] == [
        ("code.truncated", ()),
        ("group.duplicate", (("line", 1),)),
    ]


def _junk(lines: int, seed: int) -> str:
    """Code-like junk as in the attack run: 20 tokens per line, each `AQEA` + 18 code characters."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    alphabet = string.ascii_letters + string.digits + "-_"
    return "\n".join(
        " ".join("AQEA" + "".join(rng.choices(alphabet, k=18)) for _ in range(20))
        for _ in range(lines)
    )


@pytest.mark.slow
def test_parsing_4_mb_of_code_like_junk_stays_under_30_mb() -> None:
    """Parsing 4 MB of junk (8,694 lines of 20 code-like tokens) allocates at most 30 MB."""
    text = _junk(8_694, seed=13)
    assert len(text) > 3_990_000
    gc.collect()
    tracemalloc.start()
    try:
        found, invalid = parse_codes(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == []
    assert len(invalid) == 8_694
    assert peak < 30_000_000, peak


def test_a_line_with_many_cells_is_tried_only_up_to_the_cap(bank: Bank) -> None:
    """Only the first MAX_CANDIDATES_PER_LINE code-like cells of a line are tried as codes."""
    code = encode_share_code(random_answers(bank, 1, seed=42)[0])
    noise = ";".join(f"AQEB{n:08d}" for n in range(MAX_CANDIDATES_PER_LINE))
    found, invalid = parse_codes(f"Code\n{noise};{code}\n{code};{noise}\n")
    assert [(line.line, line.reason) for line in invalid] == [(2, "truncated")]
    assert len(found) == 1


def test_group_table_numbers_people_and_leaves_unscored_cells_empty(bank: Bank) -> None:
    """group_table: numbers 1…n, ints for scores, None where a dimension was not scored."""
    first = bank.dimension_ids[0]
    people = random_answers(bank, 4, seed=11, answered_share=1.0)
    people[2] = people[2].model_copy(
        update={
            "responses": {
                item: value
                for item, value in people[2].responses.items()
                if bank.item(item).dimension != first
            }
        }
    )
    result = score_group(people, "public")
    header, rows = group_table(result, bank, "en")
    assert header[:3] == ["Person", "Version", "Questionnaire"]
    assert header[3] == bank.dimension(first).name("en")
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    assert rows[2][3] is None
    assert all(isinstance(row[3], int) for index, row in enumerate(rows) if index != 2)
    assert [row[-7] for row in rows] == [p.met for p in result.versions[0].persons]


def test_development_lines_name_the_most_urgent_count_only_when_there_is_one(bank: Bank) -> None:
    """ "(dringlichstes Feld bei 0)" is never written; a positive count still is."""
    from assessment.group.text import development_lines

    people = random_answers(bank, 3, seed=0)  # three people: at most three urgent areas
    section = score_group(people, "public").versions[0]
    lines = development_lines(section, bank, "de")
    assert len(lines) == len(section.development)
    for area, line in zip(section.development, lines, strict=True):
        assert ("dringlichstes Feld bei" in line) == (area.most_urgent > 0)
    assert not any("bei 0)" in line for line in lines)
    assert any(area.most_urgent == 0 for area in section.development)
