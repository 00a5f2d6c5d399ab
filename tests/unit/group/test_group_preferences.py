"""The group view's working-conditions wishes (issue 21): counted per setting and per condition,
from the share codes alone; nothing for banks without the block."""

from __future__ import annotations

from assessment.bank.load import load_bank
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.group.overview import parse_codes, score_group
from assessment.group.preferences import preference_group, preference_lines
from assessment.group.text import render_group_text
from tests.unit.engine.test_fit import ACCEPT, CHAFE, ITEM_IDS, WANT, clear_wishes

V3 = load_bank(3)


def _person(responses: dict[str, int], profile: str = "duisburg") -> Answers:
    return Answers(bank_version=3, form="short", profile=profile, responses=responses)  # type: ignore[arg-type]


def test_distribution_counts_named_settings_and_answers() -> None:
    """Two municipal-minded people, one port person, one without preference, one who did not
    answer the block: each counted where they belong."""
    group = [
        _person(clear_wishes("public"), "public"),
        _person(clear_wishes("public")),
        _person(clear_wishes("industry"), "industry"),
        _person(dict.fromkeys(ITEM_IDS, ACCEPT)),
        _person({}),
    ]
    tally = preference_group(group, V3)
    assert tally is not None
    assert (tally.people, tally.answered, tally.no_clear, tally.too_few) == (5, 4, 1, 0)
    by_setting = {s.setting: s for s in tally.settings}
    assert by_setting["public"].named == 2
    assert by_setting["public"].chosen == 1
    assert by_setting["industry"].named == 1
    assert by_setting["mittelstand"].named == 0
    oncall = next(item for item in tally.items if item.item == "pref_oncall")
    # Public and Mittelstand have on-call duty "varies" -> accept; industry: typical -> want.
    assert (oncall.want, oncall.accept, oncall.chafe) == (1, 3, 0)
    assert oncall.typical_in == ("industry",)
    citizens = next(item for item in tally.items if item.item == "pref_citizens")
    assert (citizens.want, citizens.chafe) == (2, 1)


def test_group_text_and_page_lines_show_the_distribution() -> None:
    """The CLI's group text carries the same lines as the group page."""
    codes = "\n".join(
        encode_share_code(_person(responses))
        for responses in (clear_wishes("mittelstand"), {"pref_ot": WANT, "pref_kritis": CHAFE})
    )
    answers, invalid = parse_codes(codes)
    assert not invalid
    group = score_group(answers)
    section = group.versions[0]
    assert section.preferences is not None
    lines = preference_lines(section.preferences, V3, "de")
    assert lines[0].startswith("2 von 2 Personen haben Arbeitsbedingungen beantwortet")
    assert "bei 1 reichen die Antworten nicht" in lines[0]
    assert any(line.startswith("Mittelstand: passt am besten für 1 Person,") for line in lines)
    text = render_group_text(group, invalid, None, "de")
    assert "Arbeitsbedingungen: Wünsche der Gruppe" in text


def test_no_distribution_for_banks_without_the_block() -> None:
    """A v2 group has no preferences section."""
    v2 = Answers(bank_version=2, form="short", responses={})
    assert preference_group([v2], load_bank(2)) is None
    assert score_group([v2]).versions[0].preferences is None
