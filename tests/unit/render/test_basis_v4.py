"""Rules 4 in words: every sentence that explains what a requirement's verdict rests on says what
rules 4 do (each other view compared with the self-view on its own, weights by answers, a single
answer never sets the self-view aside, firm on the answers of the views that agree), in German
and English, for the person and for someone they share it with; rules 3 keep their sentences.

Bank v4 is written in parallel: bank v3's content under rules 4 stands in for it."""

from __future__ import annotations

import re

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import Bank, ProfileId, View
from assessment.bank.rules import RULES
from assessment.engine.matching import supporting_answers
from assessment.engine.result import Result, build_result
from assessment.engine.scoring import FULL_VIEW_ANSWERS, DimensionScore, ViewScore
from assessment.i18n import LANGUAGES, Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.brief import combined_reading
from assessment.render.chartkey import chart_key
from assessment.render.din import din_sections
from assessment.render.methodology import methodology
from assessment.render.path import career_path, station_lines
from assessment.render.summary import summarize
from assessment.render.views import basis_text, combined_sentence, rests_on
from tests.personas import random_answers

VIEWERS: tuple[Viewer, ...] = ("self", "other")


@pytest.fixture(scope="module")
def v3() -> Bank:
    return load_bank(3)


@pytest.fixture(scope="module")
def r4(v3: Bank) -> Bank:
    return v3.model_copy(update={"rules": RULES[4]})


def _view(view: View, score: int, scored: int) -> ViewScore:
    return ViewScore(
        view=view, score=score, uncertainty=10, answered=scored, total=scored, scored=scored
    )


def _demand(
    score: int, basis: str, views: tuple[ViewScore, ...], differing: tuple[View, ...] = ()
) -> DimensionScore:
    return DimensionScore(
        dimension="crisis",
        score=score,
        uncertainty=12,
        answered=sum(v.answered for v in views),
        total=sum(v.total for v in views),
        basis=basis,  # type: ignore[arg-type]
        views=views,
        scored_answers=sum(v.scored for v in views),
        differing=differing,
    )


def _flat(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "")


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_set_aside_names_each_view_it_compared(lang: Language, viewer: Viewer) -> None:
    """Self 75; situations 20 and knowledge 0 each lie beyond the uncertainty below it: the
    sentence names both views with their scores, says each was compared on its own, and never
    speaks of the mean of situations and knowledge as what was compared."""
    score = _demand(
        14,
        "evidence",
        (_view("self", 75, 5), _view("situation", 20, 3), _view("knowledge", 0, 2)),
        ("situation", "knowledge"),
    )
    text = basis_text(score, lang, viewer, per_view=True) or ""
    assert "(14)" in text
    assert "(75)" in text
    assert msg("rules4.basis.named_situation", lang, score=20) in text
    assert msg("rules4.basis.named_knowledge", lang, score=0) in text
    assert {"de": "jede Sicht für sich", "en": "each on its own"}[lang] in text
    assert {"de": "darunter", "en": "below"}[lang] in text
    assert {"de": "Mittel aus Situationen", "en": "mean of the situations"}[lang] not in text
    assert text != basis_text(score, lang, viewer)  # rules 3 word it otherwise


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lone_differing_answer_says_why_the_self_view_counts(
    lang: Language, viewer: Viewer
) -> None:
    """Self 75 on three statements, one situation at 0: the score is the weighted mean (56), and
    the card says the situation lies beyond the uncertainty and why the self-view still counts."""
    score = _demand(
        56, "combined", (_view("self", 75, 3), _view("situation", 0, 1)), ("situation",)
    )
    text = basis_text(score, lang, viewer, per_view=True) or ""
    assert combined_sentence(lang) in text
    assert msg("rules4.basis.kept_single", lang) in text
    assert "(75)" in text
    # the sentence may begin with the view's name (English): compared without case
    assert msg("rules4.basis.named_situation", lang, score=0).lower() in text.lower()
    assert msg("views.basis_combined", lang) not in text  # "each weighted equally" is untrue


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_agreeing_view_is_named_as_the_reason(lang: Language) -> None:
    """Self 100, situation 100, knowledge 0: the knowledge item differs, the situation agrees."""
    score = _demand(
        80,
        "combined",
        (_view("self", 100, 3), _view("situation", 100, 1), _view("knowledge", 0, 1)),
        ("knowledge",),
    )
    text = basis_text(score, lang, "self", per_view=True) or ""
    agrees = msg(
        "rules4.basis.kept_agrees",
        lang,
        name=msg("rules4.basis.named_situation", lang, score=100),
    )
    assert agrees in text
    assert msg("rules4.basis.named_knowledge", lang, score=0).lower() in text.lower()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agreeing_views_only_name_the_weights(lang: Language) -> None:
    score = _demand(70, "combined", (_view("self", 75, 3), _view("situation", 67, 1)))
    text = basis_text(score, lang, "self", per_view=True)
    assert text == combined_sentence(lang)
    assert text == msg("rules4.basis.combined", lang, cap=FULL_VIEW_ANSWERS, level=95)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_method_page_describes_the_rules_of_its_bank(
    v3: Bank, r4: Bank, lang: Language
) -> None:
    """The methodology page and its DIN section: rules 4's paragraphs for a rules-4 bank, rules
    3's unchanged for bank v3."""

    def page(bank: Bank) -> str:
        texts = [p for section in methodology(bank, lang) for p in section.paragraphs]
        texts += [p for _, _, paragraphs in din_sections(bank, lang) for p in paragraphs]
        return _flat(" ".join(texts))

    old, new = page(v3), page(r4)
    rule3 = {
        "de": "Weichen das Selbstbild und der Mittelwert",
        "en": "where the self-view and the mean",
    }
    rule4 = {
        "de": "Das Selbstbild wird mit jeder übrigen Sicht einzeln verglichen.",
        "en": "The self-view is compared with each other view on its own.",
    }
    firm3 = {"de": "Eine Anforderung mit weniger als 4 gewerteten", "en": "fewer than 4 scored"}
    firm4 = {"de": "aus Sichten, deren Wert auf derselben Seite", "en": "from views whose score"}
    assert rule3[lang] in old
    assert rule4[lang] not in old
    assert rule4[lang] in new
    assert rule3[lang] not in new
    assert firm3[lang] in old
    assert firm4[lang] in new
    # The self view weighs as the lightest other view at most and counts up to their upper bound.
    cap4 = {
        "de": "hebt den Wert nicht über das, was die übrigen Sichten zulassen",
        "en": "does not lift the score beyond what the other views allow",
    }
    assert cap4[lang] in new
    assert cap4[lang] not in old


def _provisional_on_many_answers(bank: Bank) -> tuple[Result, str, ProfileId]:
    """A random person with a demand that is provisional under rules 4 although its score rests
    on four answers or more (its views lie on both sides of a band edge)."""
    for person in random_answers(bank, 200, seed=41, answered_share=0.9):
        result = build_result(person, bank)
        for match, score in zip(result.match.dimensions, result.scores, strict=True):
            if match.band == "provisional" and score.scored_answers >= bank.rules.min_firm_answers:
                return result, match.dimension, person.profile
    raise AssertionError("no such person")


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_provisional_says_how_many_answers_agree(r4: Bank, lang: Language, viewer: Viewer) -> None:
    """The card of a provisional demand names the answers that support its verdict under rules 4
    (those of the views on the same side), never the larger count the score rests on."""
    result, dimension, profile = _provisional_on_many_answers(r4)
    summary = summarize(result, r4, lang, viewer)
    card = next(c for c in summary.cards if c.dimension == dimension)
    score = next(s for s in result.scores if s.dimension == dimension)
    target = r4.profiles[profile].targets[dimension]
    supporting = supporting_answers(score, target, r4.rules)
    assert supporting < r4.rules.min_firm_answers <= score.scored_answers
    expected = voiced(
        "rules4.basis.verdict_provisional",
        lang,
        viewer,
        scored=supporting,
        minimum=r4.rules.min_firm_answers,
        low=target.low,
        high=target.high,
    )
    assert card.verdict == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_reading_says_how_rules_4_combine(v3: Bank, r4: Bank, lang: Language) -> None:
    person = random_answers(v3, 1, seed=7, answered_share=1.0, form="short")[0]
    old = combined_reading(build_result(person, v3), v3, lang) or ""
    new = combined_reading(build_result(person, r4), r4, lang) or ""
    assert new.startswith(msg("reading4.reading", lang))
    assert not old.startswith(msg("reading4.reading", lang))


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_headline_says_each_other_view_was_compared(
    r4: Bank, lang: Language, viewer: Viewer
) -> None:
    """The sentence under the headline names the demands resting on the other views with rules
    4's reason (each other view on its own), not rules 3's mean."""
    for person in random_answers(r4, 100, seed=42, answered_share=1.0, form="full"):
        result = build_result(person, r4)
        resting = [s for s in result.scores if s.basis == "evidence"]
        if resting and len(resting) < sum(s.score is not None for s in result.scores):
            break
    else:
        raise AssertionError("no person with some demands resting on the other views")
    text = rests_on(result, r4, lang, viewer) or ""
    names = ", ".join(
        msg(
            "ux3.basis.rests_item",
            lang,
            name=r4.dimension(s.dimension).name(lang),
            own=next(v.score for v in s.views if v.view == "self"),
            evidence=s.score,
        )
        for s in resting
    )
    assert voiced("rules4.basis.rests", lang, viewer, names=names) in text
    assert voiced("ux3.basis.rests", lang, viewer, names=names) not in text


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_provisional_groups_keys_and_stations_say_too_few_answers_point_its_way(
    v3: Bank, r4: Bank, lang: Language, viewer: Viewer
) -> None:
    """Under rules 4 a verdict is provisional when too few answers point its way, even where the
    score rests on many: the group's intro, the chart key and the path's stations say that, never
    rules 3's "too few scored answers for a firm assessment"; rules 3 keep their words."""
    result, _, _ = _provisional_on_many_answers(r4)
    found = {}
    answers = result.answers.model_copy(update={"background": "starter"})
    for bank, key in ((r4, "rules4.basis"), (v3, None)):
        scored = build_result(answers, bank)
        summary = summarize(scored, bank, lang, viewer)
        if not any(card.band == "provisional" for card in summary.cards):
            continue
        group = next(g for g in summary.groups if g.key == "provisional")
        chart = chart_key(summary, lang, viewer, uncertain=True)
        path = career_path(scored, bank, lang, viewer)
        assert path is not None
        station = next(s for s in path.stations if s.provisional)
        names = ", ".join(station.provisional)
        line = station_lines(station, lang, viewer)[-1]
        found[bank.rules.per_view_disagreement] = (group.intro, chart, line, names)
        if key:
            assert group.intro == voiced(f"{key}.group_provisional_intro", lang, viewer)
            assert msg(f"{key}.provisional_key", lang) in chart
            assert line == msg(f"{key}.path_provisional", lang, names=names)
    assert True in found
    old_intro = voiced("v2.group_provisional_intro", lang, viewer)
    assert found[True][0] != old_intro
    assert msg("nav.provisional_key", lang) not in found[True][1]
    if False in found:
        assert found[False][0] == old_intro
        assert msg("nav.provisional_key", lang) in found[False][1]
        assert found[False][2] == msg("nav.path_provisional", lang, names=found[False][3])
