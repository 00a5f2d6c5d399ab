"""Group view for coaches: many share codes in, an anonymous overview per bank version out.

Nothing is stored: the codes are the data, and every person is scored exactly as on their own
result page, by their bank's rules: the same level, the same demands "an der Grenze" and the same
Erfahrungsfelder (a starter's demands below the band among them, where the rules say so).
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import Bank, FormId, ProfileId
from assessment.codes.links import code_from_text
from assessment.codes.share import (
    decode_answers_many,
    decode_code,
    preference_items,
    response_digits,
)
from assessment.engine.answers import Answers, extra_candidates
from assessment.engine.matching import Level
from assessment.errors import BankError, CodeError, SelbstcheckError
from assessment.files import FileRefusedError, read_regular_file
from assessment.group.batch import judge_people, preference_group_many
from assessment.group.preferences import PreferenceGroup
from assessment.i18n import Language
from assessment.messages import msg
from assessment.render.retake import revised_counts

# Input limits, checked before any decoding work: a group larger than this is not a coaching group.
MAX_GROUP_LINES = 10_000
MAX_GROUP_BYTES = 4_000_000
# How much of an invalid line is echoed back (enough to find it, never a whole pasted document).
SNIPPET_LENGTH = 40
# A token this long from the code alphabet that mixes in digits, "-", "_" or inner capitals,
# or a link with ?r=/?p=, is taken as an attempted code; words and names are not.
MIN_CODE_LIKE_LENGTH = 10
LEVELS: tuple[Level, ...] = (
    "strong",
    "partial",
    "gaps",
    "uncertain",
    "experience",
    "insufficient",
)
# CSV for spreadsheet programs: German Excel expects semicolons, English comma.
CSV_DELIMITERS: dict[Language, str] = {"de": ";", "en": ","}

# Cells of one line that are tried as codes, at most (a CSV row has a handful).
MAX_CANDIDATES_PER_LINE = 20

_TOKEN = re.compile(r"[^\s,;\"'|]+")
_CODE_LIKE = re.compile(rf"^[A-Za-z0-9_-]{{{MIN_CODE_LIKE_LENGTH},}}$")
_NOT_A_WORD = re.compile(r"[0-9_-]|.[A-Z]")
_LINK_LIKE = re.compile(r"[?&][rp]=")


class GroupError(SelbstcheckError):
    """Group input that cannot be read at all (too large, not text); a bad line is not this."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class InvalidLine(_Frozen):
    """A line that holds no readable code: its number, a short copy, and why it was refused.

    Only the reason's catalogue key and parameters are kept, never the exception: its traceback
    would hold the whole input and every other attempt of the line alive.
    """

    line: int = Field(ge=1, description="1-based line number in the input")
    text: str = Field(max_length=SNIPPET_LENGTH, description="Shortened, printable copy")
    key: str = Field(description="Catalogue key of the reason (``code.truncated`` …)")
    params: tuple[tuple[str, int | str], ...] = Field(
        default=(), description="The reason's placeholders"
    )

    @property
    def reason(self) -> str:
        """The machine key of the refusal (``truncated``, ``corrupted``, ``group.no_code`` …)."""
        return self.key.removeprefix("code.")

    def message(self, language: Language) -> str:
        return msg(self.key, language, **dict(self.params))


class Distribution(_Frozen):
    """Five-number summary of the scores of one dimension (quartiles: inclusive method)."""

    n: int = Field(ge=1)
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


class DimensionGroup(_Frozen):
    """One dimension across the group: every score, and how many people meet the demand."""

    dimension: str
    low: int
    high: int
    weight: int
    scores: tuple[int, ...] = Field(description="Scores of the people scored, in input order")
    unscored: int = Field(ge=0, description="People with too few answers for this dimension")
    below: int = Field(ge=0, description="People for whom it is a development area")
    within: int = Field(ge=0)
    above: int = Field(ge=0)
    distribution: Distribution | None
    borderline: int = Field(default=0, ge=0, description="People at a band edge (an der Grenze)")
    experience: int = Field(
        default=0, ge=0, description="People for whom it is an Erfahrungsfeld (area to gain it)"
    )
    provisional: int = Field(
        default=0, ge=0, description="Rules 3: people with too few scored answers for a verdict"
    )

    @property
    def meets(self) -> int:
        """People whose verdict is within or above the target band: firmly, given the score's
        uncertainty (a score inside the band but near its edge is borderline, one on too few
        answers provisional, and neither counts here)."""
        return self.within + self.above

    @property
    def counted(self) -> int:
        """People in every column of the demand together: met, below, borderline,
        Erfahrungsfeld, provisional and not scorable. Each person is in exactly one, so this is
        the number of people of the version."""
        return (
            self.meets
            + self.below
            + self.borderline
            + self.experience
            + self.provisional
            + self.unscored
        )


class DevelopmentArea(_Frozen):
    """How often a dimension is a development area (below the band) in the group."""

    dimension: str
    people: int = Field(ge=1, description="People below the target band")
    most_urgent: int = Field(ge=0, description="People for whom it is the most urgent area")


class AreaCount(_Frozen):
    """How many people's own results show a dimension under one heading (Erfahrungsfeld …)."""

    dimension: str
    people: int = Field(ge=1)


class PersonRow(_Frozen):
    """One anonymous person: a running number, no name; scores in the bank's dimension order."""

    number: int = Field(ge=1, description="#1, #2 … in input order across the whole group")
    form: FormId
    scores: tuple[int | None, ...]
    met: int = Field(ge=0)
    scored: int = Field(ge=0)
    level: Level
    development: tuple[str, ...] = Field(description="Development areas, most urgent first")
    borderline: tuple[str, ...] = Field(default=(), description="Demands an der Grenze")
    experience: tuple[str, ...] = Field(default=(), description="Erfahrungsfelder")
    provisional: tuple[str, ...] = Field(
        default=(), description="Rules 3: demands vorläufig (too few scored answers)"
    )
    tentative: bool = Field(default=False, description="A quality notice makes it Vorläufig")
    revised_situations: int = Field(
        default=0, ge=0, description="Situations answered anew after the rationales (rules 3)"
    )
    revised_knowledge: int = Field(
        default=0, ge=0, description="Knowledge questions answered anew after the rationales"
    )

    @property
    def revised(self) -> bool:
        """Whether the person's code carries retake marks."""
        return bool(self.revised_situations or self.revised_knowledge)


class VersionGroup(_Frozen):
    """The people who answered one bank version, scored by that version alone."""

    bank_version: int
    people: int = Field(ge=1)
    dimension_ids: tuple[str, ...]
    dimensions: tuple[DimensionGroup, ...]
    development: tuple[DevelopmentArea, ...] = Field(description="Most common first")
    levels: dict[Level, int]
    persons: tuple[PersonRow, ...]
    experience: tuple[AreaCount, ...] = Field(default=(), description="Erfahrungsfelder")
    borderline: tuple[AreaCount, ...] = Field(default=(), description="Demands an der Grenze")
    revised: int = Field(
        default=0,
        ge=0,
        description="People whose code carries retake marks: answers changed after the rationales",
    )
    preferences: PreferenceGroup | None = Field(
        default=None, description="Rules with preferences: the group's working-conditions wishes"
    )


class GroupResult(_Frozen):
    """The group against one setting's profile, one section per bank version present."""

    profile: ProfileId
    people: int = Field(ge=0)
    versions: tuple[VersionGroup, ...] = Field(description="Oldest bank version first")

    @property
    def mixed_versions(self) -> bool:
        return len(self.versions) > 1

    @property
    def retake_column(self) -> bool:
        """Whether the per-person table names retake marks (some version keeps them)."""
        return any(load_bank(v.bank_version).rules.retake_marks for v in self.versions)


def text_from_bytes(data: bytes) -> str:
    """Return uploaded file content as text, or raise GroupError when it is no text file."""
    _check_size(len(data))
    if b"\x00" in data:
        raise GroupError("group.not_text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Codes are ASCII; other cells of a spreadsheet export may be in a legacy encoding.
        return data.decode("latin-1")


def read_codes_file(path: Path) -> str:
    """Return the text of a file of codes, or raise GroupError saying why it cannot be read."""
    try:
        data = read_regular_file(path, MAX_GROUP_BYTES)
    except FileRefusedError as refusal:
        if refusal.kind == "not_regular":
            raise GroupError("answers.file_not_regular", path=path) from None
        raise GroupError("group.too_large", limit_mb=MAX_GROUP_BYTES // 1_000_000) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise GroupError("answers.file_unreadable", path=path, reason=reason) from None
    return text_from_bytes(data)


def parse_codes(text: str, root: Path = QUESTIONS_DIR) -> tuple[list[Answers], list[InvalidLine]]:
    """Return the answers of every line that holds a code, and every line that does not.

    A line is a code, a link, a CSV row (any cell may hold the code) or free text around one
    code. Blank lines are skipped, and so is a first line with nothing code-like (a header).
    A person is counted once: a line whose answers (bank version, form and every response) equal
    an earlier line's is listed as a skipped duplicate, whatever its language, setting, page or
    kind of code (a share code, a progress link, the English code of the same answers).
    A line whose code is an earlier version of another line's (the same person before more
    extra questions: `earlier_versions`) is skipped as well, the later code counts.
    """
    _check_size(len(text))
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    filled = sum(1 for line in lines if line.strip())
    if filled > MAX_GROUP_LINES:
        raise GroupError("group.too_many_lines", lines=filled, limit=MAX_GROUP_LINES)
    found: list[Answers] = []
    found_lines: list[int] = []
    invalid: list[InvalidLine] = []
    seen: dict[AnswersKey, int] = {}
    first = True
    fast = _decoded_lines(lines, root)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        decoded = fast[number - 1]
        outcome = decoded[0] if decoded else _code_in_line(line, root)
        if isinstance(outcome, Answers):
            key = (
                (outcome.bank_version, outcome.form, decoded[1])
                if decoded
                else answers_key(outcome, root)
            )
            if key in seen:
                invalid.append(_invalid(number, line, ("group.duplicate", (("line", seen[key]),))))
            else:
                seen[key] = number
                found.append(outcome)
                found_lines.append(number)
        elif outcome is not None:
            invalid.append(_invalid(number, line, outcome))
        elif not first:
            invalid.append(_invalid(number, line, ("group.no_code", ())))
        first = False
    later = earlier_versions(found, root)
    if not later:
        return found, invalid
    for index, newer in later.items():
        number = found_lines[index]
        refusal: Refusal = (EARLIER_VERSION, (("line", found_lines[newer]),))
        invalid.append(_invalid(number, lines[number - 1], refusal))
    invalid.sort(key=lambda line: line.line)
    return [person for index, person in enumerate(found) if index not in later], invalid


# Why a line is skipped when its code is an earlier version of another line's.
EARLIER_VERSION = "ux5.group.earlier_version"
# A code's extra answers as (item, response) pairs.
_Answered = frozenset[tuple[str, int | str]]
# Codes with the same own answers compared as versions of one person, at most.
MAX_VERSIONS_COMPARED = 100


def earlier_versions(people: Sequence[Answers], root: Path = QUESTIONS_DIR) -> dict[int, int]:
    """Return, for each code that is an earlier version of another, the index of the latest one.

    One person's share link from before and from after the extra questions: the same bank,
    form, setting and background, and the same answers to the questionnaire's own questions
    (and the working conditions), the later code adding extra answers to the earlier one's
    (none or fewer, each the same). Only codes with extra answers can be later versions, so a
    group without any costs one set intersection per code. Where several later codes hold one
    earlier code, the one with the most answers counts (the first of them on a tie). Codes with
    the same own answers are compared among themselves only up to MAX_VERSIONS_COMPARED of them
    (one person has a few versions; thousands are no person's, and would cost their square).
    """
    # Per bank version and form: the extra questions, and the own items (the form's and the
    # working conditions), in a fixed order, whose answers are compared as one tuple.
    layouts: dict[tuple[int, str], tuple[frozenset[str], tuple[str, ...]]] = {}
    extras: list[frozenset[str]] = []
    for person in people:
        layout = layouts.get((person.bank_version, person.form))
        if layout is None:
            bank = load_bank(person.bank_version, root)
            own_ids = (
                *(item.id for item in bank.form_items(person.form)),
                *(item.id for item in preference_items(bank)),
            )
            extra_ids = frozenset(item.id for item in extra_candidates(bank, person.form))
            layout = layouts[person.bank_version, person.form] = (extra_ids, own_ids)
        extras.append(layout[0].intersection(person.responses) if layout[0] else frozenset())
    if not any(extras):
        return {}
    base: dict[tuple[object, ...], list[tuple[int, _Answered]]] = {}
    for index, (person, extra) in enumerate(zip(people, extras, strict=True)):
        extra_ids, own_ids = layouts[person.bank_version, person.form]
        if not extra_ids:
            continue
        responses = person.responses
        own = tuple(map(responses.get, own_ids))
        key = (person.bank_version, person.form, person.profile, person.background, own)
        base.setdefault(key, []).append((index, frozenset((i, responses[i]) for i in extra)))
    later: dict[int, int] = {}
    for same in base.values():
        if not 1 < len(same) <= MAX_VERSIONS_COMPARED:
            continue
        # Longest first (the first on a tie): the first code that holds another is its latest.
        longest_first = sorted(same, key=lambda entry: (-len(entry[1]), entry[0]))
        for index, answered in same:
            for other_index, other in longest_first:
                if len(other) <= len(answered):
                    break
                if answered < other:
                    later[index] = other_index
                    break
    return later


def _decoded_lines(lines: list[str], root: Path) -> list[tuple[Answers, bytes] | None]:
    """Return the answers and response digits of each line that is a code or link as a whole,
    read by the batch decoder (decode_answers_many); None where the line needs _code_in_line
    (a code among other cells, or no readable code: its refusal is decode_code's)."""
    codes = []
    for line in lines:
        try:
            codes.append(code_from_text(line) if line.strip() else "")
        except CodeError:
            codes.append("")
    return decode_answers_many(codes, root)


AnswersKey = tuple[int, str, bytes]
# Why a line was refused: a catalogue key and its parameters (never the exception itself).
Refusal = tuple[str, tuple[tuple[str, int | str], ...]]


def answers_key(answers: Answers, root: Path = QUESTIONS_DIR) -> AnswersKey:
    """Return what makes two codes the same person's: bank version, form and every response
    (as the digits of their code, `response_digits`; equal exactly when the responses are)."""
    return answers.bank_version, answers.form, response_digits(answers, root)


def duplicates(invalid: Sequence[InvalidLine]) -> int:
    """Return how many skipped lines were duplicates of an earlier line's answers."""
    return sum(line.key == "group.duplicate" for line in invalid)


def earlier(invalid: Sequence[InvalidLine]) -> list[InvalidLine]:
    """Return the skipped lines whose code is an earlier version of another line's."""
    return [line for line in invalid if line.key == EARLIER_VERSION]


def _refusal(error: CodeError) -> Refusal:
    return error.key, tuple((name, _param(value)) for name, value in error.params.items())


def _decode_text(text: str, root: Path) -> Answers | Refusal:
    """Return the answers of a code or link, or why it was refused (no exception is kept)."""
    try:
        return decode_code(code_from_text(text), root).answers
    except CodeError as error:
        return _refusal(error)


def _code_in_line(line: str, root: Path) -> Answers | Refusal | None:
    """Return the answers of the code in a line, trying the whole line first, then each cell;
    or why the most code-like attempt was refused; None when nothing looks like a code."""
    whole_line = _decode_text(line, root)
    if isinstance(whole_line, Answers):
        return whole_line
    candidates = [
        token
        for token in _TOKEN.findall(line)
        if _LINK_LIKE.search(token) or (_CODE_LIKE.match(token) and _NOT_A_WORD.search(token))
    ][:MAX_CANDIDATES_PER_LINE]
    if not candidates:
        return None
    if candidates == [line.strip()]:
        return whole_line
    attempts: list[tuple[bool, int, Refusal]] = []
    for token in candidates:
        outcome = _decode_text(token, root)
        if isinstance(outcome, Answers):
            return outcome
        attempts.append((bool(_LINK_LIKE.search(token)), len(token), outcome))
    # Report the most code-like attempt: a link before a bare token, a longer before a shorter.
    return max(attempts, key=lambda attempt: attempt[:2])[2]


def _invalid(number: int, line: str, refusal: Refusal) -> InvalidLine:
    printable = "".join(c if c.isprintable() else "\ufffd" for c in line.strip())
    if len(printable) > SNIPPET_LENGTH:
        printable = printable[: SNIPPET_LENGTH - 1] + "…"
    return InvalidLine(line=number, text=printable, key=refusal[0], params=refusal[1])


def _param(value: object) -> int | str:
    return value if isinstance(value, int | str) else str(value)


def _check_size(size: int) -> None:
    if size > MAX_GROUP_BYTES:
        raise GroupError("group.too_large", limit_mb=MAX_GROUP_BYTES // 1_000_000)


def distribution(scores: Sequence[int]) -> Distribution | None:
    """Return the five-number summary of scores, or None when there are none."""
    if not scores:
        return None
    if len(scores) == 1:
        only = float(scores[0])
        return Distribution(n=1, minimum=only, q1=only, median=only, q3=only, maximum=only)
    q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return Distribution(
        n=len(scores),
        minimum=float(min(scores)),
        q1=q1,
        median=median,
        q3=q3,
        maximum=float(max(scores)),
    )


def score_group(
    answers: Sequence[Answers], profile: ProfileId = "duisburg", root: Path = QUESTIONS_DIR
) -> GroupResult:
    """Return the group's overview against one setting; each person is scored by their version.

    Every person gets exactly the scores, match and marks of their own result (score_answers,
    match_profile and demand_marks by their bank's rules, against the chosen setting instead of
    their own). The answers must fit their bank, as answers from parse_codes or decode_code
    always do. A version's people are scored at once (assessment/group/batch.py, equal to the
    per-person path `judge_person`).
    """
    by_version: dict[int, list[tuple[int, Answers]]] = {}
    for number, person in enumerate(answers, start=1):
        by_version.setdefault(person.bank_version, []).append((number, person))
    sections = []
    for version in sorted(by_version):
        try:
            bank = load_bank(version, root)
        except BankError:
            raise CodeError("code.unknown_version", version=version) from None
        sections.append(_score_version(bank, by_version[version], profile))
    return GroupResult(profile=profile, people=len(answers), versions=tuple(sections))


def _score_version(
    bank: Bank, people: list[tuple[int, Answers]], profile: ProfileId
) -> VersionGroup:
    target_profile = bank.profiles[profile]
    dimension_ids = bank.dimension_ids
    judged = judge_people([person for _, person in people], bank, target_profile)
    # The figures are a person's own result's (valid by construction): no second validation of
    # 10,000 rows (issue 24).
    rows = tuple(
        PersonRow.model_construct(
            number=number,
            form=person.form,
            scores=found.scores,
            met=found.met,
            scored=found.scored,
            level=found.level,
            development=found.development,
            borderline=found.borderline,
            experience=found.experience,
            provisional=found.provisional,
            tentative=found.tentative,
            revised_situations=revised[0],
            revised_knowledge=revised[1],
        )
        for (number, person), found in zip(people, judged, strict=True)
        for revised in (revised_counts(person, bank) if person.revised else (0, 0),)
    )
    below = Counter(d for found in judged for d in found.development)
    experience = Counter(d for found in judged for d in found.experience)
    # One column per dimension, every person's band and score in input order.
    band_columns = list(zip(*(found.bands for found in judged), strict=True)) or [()] * len(
        dimension_ids
    )
    score_columns = list(zip(*(found.scores for found in judged), strict=True)) or [()] * len(
        dimension_ids
    )
    dimensions = []
    for index, dimension_id in enumerate(dimension_ids):
        target = target_profile.targets[dimension_id]
        bands = Counter(band_columns[index])
        scores = [s for s in score_columns[index] if s is not None]
        dimensions.append(
            DimensionGroup(
                dimension=dimension_id,
                low=target.low,
                high=target.high,
                weight=target.weight,
                scores=tuple(scores),
                unscored=bands["unknown"],
                below=below[dimension_id],
                within=bands["within"],
                above=bands["above"],
                distribution=distribution(scores),
                borderline=bands["borderline"],
                experience=experience[dimension_id],
                provisional=bands["provisional"],
            )
        )
    most_urgent = Counter(found.development[0] for found in judged if found.development)
    order = {d: i for i, d in enumerate(dimension_ids)}
    development = tuple(
        DevelopmentArea(dimension=d, people=below[d], most_urgent=most_urgent[d])
        for d in sorted(below, key=lambda d: (-below[d], -most_urgent[d], order[d]))
    )
    levels = Counter(found.level for found in judged)
    return VersionGroup(
        bank_version=bank.version,
        people=len(rows),
        dimension_ids=dimension_ids,
        dimensions=tuple(dimensions),
        development=development,
        levels={level: levels[level] for level in LEVELS},
        persons=rows,
        experience=_area_counts(experience, order),
        borderline=_area_counts(Counter(d for found in judged for d in found.borderline), order),
        revised=sum(row.revised for row in rows),
        preferences=preference_group_many([person for _, person in people], bank),
    )


def _area_counts(counts: Counter[str], order: dict[str, int]) -> tuple[AreaCount, ...]:
    """Return how many people have each dimension among their marked ones, most common first."""
    return tuple(
        AreaCount(dimension=d, people=counts[d])
        for d in sorted(counts, key=lambda d: (-counts[d], order[d]))
    )


Cell = int | str | None
# The table's last columns: development areas, demands an der Grenze, Erfahrungsfelder and
# demands vorläufig.
MARK_COLUMNS = 4


def group_table(
    result: GroupResult, bank: Bank, lang: Language, root: Path = QUESTIONS_DIR
) -> tuple[list[str], list[list[Cell]]]:
    """Return the anonymous per-person table: column names and one row per person, by number.

    Column names come from bank; a dimension that only another version has is named by that
    version's bank. A person's cell is None where their version lacks the dimension or where
    they answered too few of its questions. The first cell is the person's number (1, 2 …); the
    last four name the person's development areas, demands "an der Grenze", Erfahrungsfelder
    and demands "vorläufig" (MARK_COLUMNS), as their own result shows them; where some version
    keeps retake marks (GroupResult.retake_column) one more column follows: what the person
    changed after the rationales were shown ("1 Situation, 2 Wissensfragen"),
    empty for everyone else.
    """
    banks = {
        section.bank_version: (
            bank if bank.version == section.bank_version else load_bank(section.bank_version, root)
        )
        for section in result.versions
    }
    columns: list[str] = []
    names: dict[str, str] = {}
    for section in result.versions:
        for dimension_id in section.dimension_ids:
            if dimension_id not in names:
                source = bank if dimension_id in bank.dimension_ids else banks[section.bank_version]
                names[dimension_id] = source.dimension(dimension_id).name(lang)
                columns.append(dimension_id)
    header = [
        msg("group.csv_person", lang),
        msg("group.csv_version", lang),
        msg("group.csv_form", lang),
        *(names[d] for d in columns),
        msg("group.csv_met", lang),
        msg("group.csv_scored", lang),
        msg("group.csv_level", lang),
        msg("group.csv_development", lang),
        msg("group.csv_borderline", lang),
        msg("group.csv_experience", lang),
        msg("ux.group_counts.csv_provisional", lang),
        *((msg("group.csv_revised", lang),) if result.retake_column else ()),
    ]
    pairs = sorted(
        ((row, section) for section in result.versions for row in section.persons),
        key=lambda pair: pair[0].number,
    )
    rows: list[list[Cell]] = []
    for row, section in pairs:
        by_dimension = dict(zip(section.dimension_ids, row.scores, strict=True))
        source = banks[section.bank_version]
        level = msg(f"level.{row.level}", lang)
        rows.append(
            [
                row.number,
                section.bank_version,
                banks[section.bank_version].forms[row.form].name(lang),
                *(by_dimension.get(d) for d in columns),
                row.met,
                row.scored,
                msg("group.level_tentative", lang, level=level) if row.tentative else level,
                _names(row.development, source, lang),
                _names(row.borderline, source, lang),
                _names(row.experience, source, lang),
                _names(row.provisional, source, lang),
                *((_revised_cell(row, lang),) if result.retake_column else ()),
            ]
        )
    return header, rows


def _revised_cell(row: PersonRow, lang: Language) -> str:
    """Return what a person changed after the rationales were shown, counted by kind, or ""."""
    parts = [
        msg(key, lang, count=count)
        for key, count in (
            ("retake.situations", row.revised_situations),
            ("retake.knowledge", row.revised_knowledge),
        )
        if count
    ]
    return ", ".join(parts)


def _names(dimensions: tuple[str, ...], bank: Bank, lang: Language) -> str:
    """Return dimension names for one table cell, in the order given."""
    return ", ".join(bank.dimension(d).name(lang) for d in dimensions)


def group_csv(result: GroupResult, bank: Bank, lang: Language, root: Path = QUESTIONS_DIR) -> str:
    """Return the anonymous per-person table as CSV (semicolons in German, commas in English).

    The columns are those of group_table; a person is "#1", "#2" …, a missing score is empty.
    """
    header, rows = group_table(result, bank, lang, root)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITERS[lang], lineterminator="\r\n")
    writer.writerow(header)
    for number, *cells in rows:
        writer.writerow([f"#{number}", *("" if cell is None else cell for cell in cells)])
    return buffer.getvalue()


# A UTF-8 byte order mark: without it German Excel reads the file as Windows-1252 and shows
# "FÃ¼hrung" for "Führung" (issue 22). Python's "utf-8-sig" writes exactly these bytes.
CSV_BOM = b"\xef\xbb\xbf"


def group_csv_bytes(
    result: GroupResult, bank: Bank, lang: Language, root: Path = QUESTIONS_DIR
) -> bytes:
    """Return the group CSV as the downloaded file: UTF-8 with a byte order mark, so that
    spreadsheet programs (German Excel above all) read umlauts right."""
    return group_csv(result, bank, lang, root).encode("utf-8-sig")
