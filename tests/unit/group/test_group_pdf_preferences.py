"""The group PDF's working-conditions section (issue 21, "every surface" of issue 22): the same
lines as the group page, from the same model, left out where the page leaves them out, and small
counts shown exactly as the page shows them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import Experience, FormId, ProfileId
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.group.overview import GroupResult, group_csv, group_table, parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.group.preferences import preference_lines, preference_section
from assessment.group.text import render_group_text
from assessment.i18n import Language
from assessment.messages import msg
from tests.unit.engine import test_personas_v2 as v2
from tests.unit.engine import test_personas_v3 as v3
from tests.unit.engine.test_fit import ACCEPT, CHAFE, ITEM_IDS, WANT, clear_wishes

DAY = dt.date(2026, 12, 5)
V3 = load_bank(3)
LANGUAGES: tuple[Language, ...] = ("de", "en")
COUNTS = ("named", "chosen", "matches", "chafes")


def _text(document: bytes, lang: Language) -> str:
    """Return the PDF's text without its page footers, every run of whitespace made one space
    (a line that runs onto the next page reads on)."""
    reader = PdfReader(io.BytesIO(document))
    pages = len(reader.pages)
    footers = [msg("group_pdf.footer", lang, page=n, pages=pages) for n in range(1, pages + 1)]
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    for footer in footers:
        assert footer in text
        text = text.replace(footer, " ")
    return _flat(text)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _wishing(
    persona: v3.Persona,
    wishes: dict[str, int],
    form: FormId = "full",
    profile: ProfileId = "duisburg",
    background: Experience = "experienced",
) -> Answers:
    """A v3 persona's answers with working-conditions answers added."""
    answers = v3.answers_of(persona, form, profile, background)
    return answers.model_copy(update={"responses": {**answers.responses, **wishes}})


def _scored(people: list[Answers], profile: ProfileId = "duisburg") -> GroupResult:
    """The group as the page scores it: from the people's share codes."""
    answers, invalid = parse_codes("\n".join(encode_share_code(person) for person in people))
    assert not invalid
    return score_group(answers, profile)


def _wishing_group() -> GroupResult:
    """Two v2 people and five v3 people: three with clear wishes, one who can live with
    everything, one who answered two conditions only and one who skipped the block."""
    return _scored(
        [
            v2.answers_of(v2.MUNICIPAL_HEAD, profile="public"),
            v2.answers_of(v2.FIREFIGHTER, form="short"),
            _wishing(v3.MUNICIPAL_HEAD, clear_wishes("public"), profile="public"),
            _wishing(v3.FIREFIGHTER, clear_wishes("industry"), form="short"),
            _wishing(v3.MODEST_EXPERT, clear_wishes("public")),
            _wishing(v3.CAREER_STARTER, dict.fromkeys(ITEM_IDS, ACCEPT), background="starter"),
            _wishing(v3.SMART_FAKER, {"pref_ot": WANT, "pref_kritis": CHAFE}, form="short"),
            v3.answers_of(v3.MODEST_EXPERT, "short"),
        ],
        "public",
    )


@pytest.fixture(scope="module")
def wishing() -> GroupResult:
    return _wishing_group()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_holds_every_tally_of_the_page_model(wishing: GroupResult, lang: Language) -> None:
    """Every line the page shows (who answered, each setting, each condition) stands in the PDF
    word for word, and its numbers are the model's."""
    section = next(s for s in wishing.versions if s.bank_version == 3)
    tally = section.preferences
    assert tally is not None
    assert (tally.people, tally.answered, tally.too_few) == (6, 5, 1)
    shown = preference_section(tally, V3, lang)
    assert shown is not None
    heading, lines = shown
    assert lines == preference_lines(tally, V3, lang)
    assert len(lines) == 1 + len(tally.settings) + len(tally.items)
    text = _text(build_group_pdf(wishing, 0, lang, today=DAY), lang)
    assert heading in text
    assert text.count(heading) == 1  # the v2 section has no such section
    for line in lines:
        assert _flat(line) in text
    public = next(s for s in tally.settings if s.setting == "public")
    assert public.named == 2
    assert public.chosen == 1
    name = V3.profiles["public"].name(lang)
    assert (
        _flat(
            msg(
                "group.prefs.setting",
                lang,
                setting=name,
                named=2,
                chosen=1,
                matches=public.matches,
                chafes=public.chafes,
            )
        )
        in text
    )
    kritis = next(item for item in tally.items if item.item == "pref_kritis")
    assert kritis.chafe >= 1
    assert V3.preferences is not None
    [wording] = (item.text(lang) for item in V3.preferences.items if item.id == "pref_kritis")
    assert f"{_flat(wording)} – " in text


def test_pdf_keeps_the_section_after_development_and_before_the_caveat(
    wishing: GroupResult,
) -> None:
    """The section belongs to its bank version: after the v3 development areas, before the
    closing caveat."""
    text = _text(build_group_pdf(wishing, 0, "de", today=DAY), "de")
    heading = msg("group.prefs.heading", "de")
    assert text.index("Fragenkatalog Version 3: 6 Personen") < text.index(heading)
    assert text.index(heading) < text.rindex(msg("pdf.caveat", "de"))


def _no_answers_v3() -> GroupResult:
    """Three v3 people, none of whom answered the working-conditions block."""
    return _scored(
        [
            v3.answers_of(v3.MUNICIPAL_HEAD, profile="public"),
            v3.answers_of(v3.FIREFIGHTER, "short"),
            v3.answers_of(v3.MODEST_EXPERT),
        ]
    )


def _v2_only() -> GroupResult:
    return _scored([v2.answers_of(v2.MUNICIPAL_HEAD), v2.answers_of(v2.FIREFIGHTER)])


@pytest.mark.parametrize("make", [_no_answers_v3, _v2_only], ids=["v3-unanswered", "v2-only"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_section_is_left_out_with_nothing_to_say(make: object, lang: Language) -> None:
    """No v3 people, or v3 people who all skipped the block: no heading and no tally on any
    surface (the PDF, the CLI text, and the model the page reads)."""
    assert callable(make)
    group: GroupResult = make()
    for section in group.versions:
        assert (
            preference_section(section.preferences, load_bank(section.bank_version), lang) is None
        )
    heading = msg("group.prefs.heading", lang)
    text = _text(build_group_pdf(group, 0, lang, today=DAY), lang)
    assert heading not in text
    assert msg("group.prefs.typical_none", lang) not in text
    assert heading not in render_group_text(group, [], None, lang)


def test_unanswered_v3_group_still_has_a_tally_model_but_no_section() -> None:
    """The JSON keeps the (all-zero) tally as data; only the read surfaces leave it out."""
    section = _no_answers_v3().versions[0]
    assert section.preferences is not None
    assert section.preferences.answered == 0
    assert preference_section(section.preferences, V3, "de") is None


@pytest.mark.parametrize("size", [1, 2])
def test_small_groups_are_shown_in_the_pdf_exactly_as_on_the_page(size: int) -> None:
    """The group view has no minimum group size and suppresses no small count (its chart and
    table show every person): the PDF applies exactly the same rule, the counts of one or two
    people stand there as the page's lines give them, no more and no fewer."""
    people = [
        _wishing(v3.MUNICIPAL_HEAD, clear_wishes("public"), profile="public"),
        _wishing(v3.FIREFIGHTER, clear_wishes("industry"), form="short"),
    ][:size]
    group = _scored(people)
    [section] = group.versions
    shown = preference_section(section.preferences, V3, "de")
    assert shown is not None
    heading, lines = shown
    assert lines[0].startswith(f"{size} von {size} ")
    text = _text(build_group_pdf(group, 0, "de", today=DAY), "de")
    start = text.index(heading) + len(heading)
    end = text.index(msg("pdf.caveat", "de"), start)
    printed = text[start:end].replace("→", " ")
    assert _flat(printed) == _flat(" ".join(lines))


def test_csv_carries_no_working_conditions(wishing: GroupResult) -> None:
    """The CSV is the page's table of people: the page shows working conditions only as group
    tallies, so the CSV carries no person's wishes (no column, no condition, no answer word)."""
    header, rows = group_table(wishing, V3, "de")
    exported = list(csv.reader(io.StringIO(group_csv(wishing, V3, "de")), delimiter=";"))
    assert exported[0] == header
    assert len(exported) == 1 + len(rows)
    flat = "\n".join(";".join(row) for row in exported)
    assert V3.preferences is not None
    for item in V3.preferences.items:
        assert item.text("de") not in flat
    for word in ("Das suche ich", "Damit kann ich leben", "reiben", "Arbeitsbedingungen"):
        assert word not in flat


def test_setting_line_agrees_with_its_counts() -> None:
    """A count of one reads as one person (STYLE_DE: numbers agree with their words), in the line
    the page and the PDF share."""
    one = msg("group.prefs.setting", "de", setting="Mittelstand", **dict.fromkeys(COUNTS, 1))
    assert "passt am besten für 1 Person," in one
    assert "1 Person findet dort etwas, das sie sucht," in one
    assert "woran sie sich reiben würde." in one
    two = msg("group.prefs.setting", "de", setting="Mittelstand", **dict.fromkeys(COUNTS, 2))
    assert "2 Personen finden dort etwas, das sie suchen," in two
    assert "woran sie sich reiben würden." in two
    english = msg("group.prefs.setting", "en", setting="Mittelstand", **dict.fromkeys(COUNTS, 1))
    assert "fits best for 1 person," in english
    assert "; 1 person would find" in english
