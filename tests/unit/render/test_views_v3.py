"""Rules 3 on every surface: the three views per demand side by side, what the verdict rests on,
the consistency notice, the knowledge review (page texts, CLI, PDF, JSON), the methodology's
statement of the combination rule, and the knowledge pages of the questionnaire."""

from __future__ import annotations

import json
import re

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, VIEWS, Bank, KnowledgeItem
from assessment.bank.pagination import MAX_KNOWLEDGE_PER_PAGE, paginate
from assessment.engine import quality, scoring
from assessment.engine.result import Result, build_result
from assessment.i18n import LANGUAGES, Language
from assessment.messages import msg
from assessment.render import methodology as method
from assessment.render.export import result_json
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import Summary, summarize
from assessment.render.text import render_text, section_headings, views_text
from assessment.render.views import PEERS, with_peers
from tests.banks import RELEASED, AnswerSet, answer_sets

V3 = [v for v in RELEASED if load_bank(v).rules.views_apart]
pytestmark = pytest.mark.skipif(not V3, reason="no bank with rules 3")


def _v3_sets() -> list[AnswerSet]:
    return [s for v in V3 for s in answer_sets(v)]


def _selfabove() -> AnswerSet:
    return next(s for s in _v3_sets() if "selfabove" in s.name)


def _scored(answer_set: AnswerSet) -> tuple[Bank, Result]:
    bank = load_bank(answer_set.version)
    return bank, build_result(answer_set.answers, bank)


@pytest.mark.parametrize("answer_set", _v3_sets(), ids=lambda s: s.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_card_shows_the_three_views_with_the_engines_figures(
    answer_set: AnswerSet, lang: Language
) -> None:
    """Each demand: Selbstbild, Situationsurteil, Wissen in that order; a view with a score shows
    it with its uncertainty, one without reads "—" and says why (too few answers, no items)."""
    bank, result = _scored(answer_set)
    summary = summarize(result, bank, lang)
    assert summary.view_labels == tuple(msg(f"views.{v}", lang) for v in VIEWS)
    scores = {s.dimension: s for s in result.scores}
    for card in summary.cards:
        assert tuple(cell.view for cell in card.views) == VIEWS
        engine = {v.view: v for v in scores[card.dimension].views}
        for cell in card.views:
            found = engine.get(cell.view)  # type: ignore[call-overload]
            if found is None:
                assert (cell.text, cell.detail) == (
                    "—",
                    msg(f"views.no_items_{cell.view}", lang),
                )
            elif found.score is None:
                assert cell.text == "—"
                assert cell.detail.startswith(msg("views.too_few", lang))
            else:
                assert cell.text == f"{found.score} ± {found.uncertainty}"
                assert (cell.score, cell.uncertainty) == (found.score, found.uncertainty)
        evidence = scores[card.dimension].basis == "evidence"
        knows = any(v.view == "knowledge" and v.score is not None for v in engine.values())
        # Resting on the evidence names the knowledge part only where it has a score (review D11),
        # and what was compared with both numbers (UX pass 3, M-A).
        own = engine["self"].score if "self" in engine else None
        key = "ux3.basis.both" if knows else "ux3.basis.situation"
        if bank.rules.per_view_disagreement:
            # Rules 4 compare each view on its own: their sentences are checked in
            # tests/unit/render/test_basis_v4.py; here only that a set-aside self view is named.
            assert not evidence or (card.basis is not None and f"({own})" in card.basis)
            continue
        rests = msg(key, lang, own=own, evidence=scores[card.dimension].score)
        assert (card.basis == rests) is evidence


def _reaching(result: Result, view: str) -> tuple[int, int]:
    lows = {m.dimension: m.low for m in result.match.dimensions}
    shown = [
        (v.score, lows[s.dimension])
        for s in result.scores
        for v in s.views
        if v.view == view and v.score is not None
    ]
    return sum(score >= low for score, low in shown), len(shown)


@pytest.mark.parametrize("answer_set", _v3_sets(), ids=lambda s: s.name)
def test_the_rests_on_sentence_is_true_of_the_views(answer_set: AnswerSet) -> None:
    """Under the headline: per view in how many demands it reaches the target range (counted
    here from the engine's view scores and the setting's bands), and the demands whose verdict
    rests on situations and knowledge, by name."""
    bank, result = _scored(answer_set)
    text = summarize(result, bank, "de").rests_on
    assert text is not None
    assert text.startswith("Nach Ihrer Selbstbeschreibung")
    for view, lead in (("self", "Anforderungen"), ("situation", ""), ("knowledge", "")):
        met, scored = _reaching(result, view)
        if scored:
            assert f"bei {met} von {scored}" in text
        else:
            part = "Situationen" if view == "situation" else "Wissensteil"
            assert f"im {part}" in text or f"in den {part}" in text
        del lead
    evidence = [s for s in result.scores if s.basis == "evidence"]
    scored_demands = [s for s in result.scores if s.score is not None]
    if evidence and len(evidence) == len(scored_demands):
        assert f"Bei allen {len(evidence)} bewerteten Anforderungen" in text
    for score in evidence if len(evidence) < len(scored_demands) else ():
        assert bank.dimension(score.dimension).name("de") in text
    if not evidence:
        assert "stützt sich" not in text


def test_the_self_above_person_reads_the_split_in_both_languages() -> None:
    """The sample person at the ceiling in the statements and low in situations and knowledge:
    the sentence says so in numbers, in German and in English."""
    bank, result = _scored(_selfabove())
    de = summarize(result, bank, "de").rests_on or ""
    en = summarize(result, bank, "en").rests_on or ""
    dimensions = len(bank.dimensions)
    assert f"erreichen Sie den Zielbereich bei {dimensions} von {dimensions} Anforderungen" in de
    assert f"in den Situationen bei 0 von {dimensions}" in de
    assert "im Wissensteil bei 0 von" in de
    assert f"you reach the target range in {dimensions} of {dimensions} requirements" in en
    assert f"in the situations in 0 of {dimensions}" in en


def test_v1_and_v2_summaries_carry_none_of_it() -> None:
    """Rules 1 and 2 say nothing of views, a knowledge part or a consistency notice."""
    for version in (1, 2):
        bank = load_bank(version)
        for answer_set in answer_sets(version):
            summary = summarize(build_result(answer_set.answers, bank), bank, "de")
            assert summary.view_labels == ()
            assert summary.rests_on is None
            assert summary.consistency is None
            assert summary.knowledge == ()
            assert all(card.views == () and card.basis is None for card in summary.cards)


# -- the consistency notice ------------------------------------------------------------------


def _notice_result() -> tuple[Bank, Result]:
    bank, result = _scored(_selfabove())
    return bank, result


def test_the_consistency_notice_fires_for_the_self_above_person() -> None:
    """Developmental, without blame, recommends the colleagues' view, and says truthfully how
    far the verdict rests on the self-description; on its own, not among the quality notices."""
    bank, result = _notice_result()
    assert result.self_based
    summary = summarize(result, bank, "de")
    notice = summary.consistency or ""
    assert "kein Vorwurf" in notice
    assert "Fremdbild" in notice
    assert "Kolleginnen und Kollegen" in notice
    if all(s.basis == "evidence" for s in result.scores if s.score is not None):
        assert "hier bei jeder bewerteten Anforderung" in notice
    assert not any("kein Vorwurf" in q for q in summary.quality_notices)
    if summary.tentative and not summary.quality_notices:
        assert msg("views.tentative_text", "de") in summary.overall_text
        assert "Antwortqualität" not in summary.overall_text
    other = summarize(result, bank, "de", viewer="other").consistency or ""
    assert "Die Person beschreibt sich" in other
    assert "Ihre " not in other


@pytest.mark.parametrize("answer_set", _v3_sets(), ids=lambda s: s.name)
def test_the_notice_appears_exactly_when_the_engine_says_so(answer_set: AnswerSet) -> None:
    bank, result = _scored(answer_set)
    assert (summarize(result, bank, "en").consistency is not None) is result.self_based


# -- surfaces --------------------------------------------------------------------------------


def test_cli_text_prints_views_rests_on_notice_and_knowledge_under_headings() -> None:
    """The CLI prints what the page shows, under its headings, in the page's order."""
    bank, result = _notice_result()
    text = render_text(result, bank, "de")
    summary = summarize(result, bank, "de")
    headings = section_headings(summary, with_link=False)
    assert msg("report.consistency", "de") in headings
    assert msg("report.knowledge", "de") in headings
    positions = [text.index(f"{h}\n{'=' * len(h)}") for h in headings]
    assert positions == sorted(positions)
    assert summary.rests_on is not None
    assert re.sub(r"\s+", " ", summary.rests_on)[:60] in re.sub(r"\s+", " ", text)
    assert "  · Selbstbild: 100 ± " in text
    assert "  · Situationsurteil: 0 ± " in text
    assert re.search(r"Wissensfrage 1 von \d+ · ", text)
    assert "Richtig ist: " in text
    assert "Quelle: " in text


def test_json_export_carries_the_views_the_basis_and_the_notice() -> None:
    """The JSON export is the Result: each demand's views and basis, and self_based."""
    _bank, result = _notice_result()
    data = json.loads(result_json(result))
    assert data["self_based"] is True
    for score in data["scores"]:
        views = [v["view"] for v in score["views"]]
        assert views == [v for v in VIEWS if v in views]
        assert views[0] == "self"
        assert score["basis"] in ("combined", "evidence")
    assert Result.model_validate_json(result_json(result)).scores == result.scores


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_shows_views_notice_and_knowledge_review(lang: Language) -> None:
    bank, result = _notice_result()
    summary = summarize(result, bank, lang)
    text = _pdf_text(build_pdf(result, bank, lang, "https://example.org/?r=x"))
    card = summary.cards[0]
    figures = "   ·   ".join(f"{v.label} {v.text}" for v in card.views)
    assert re.sub(r"\s+", " ", figures) in text
    assert msg("views.consistency_heading", lang) in text
    assert msg("views.knowledge_heading", lang) in text
    first = summary.knowledge[0]
    assert first.right_text in text
    assert re.sub(r"\s+", " ", first.source)[:50] in text


def test_knowledge_review_has_every_answered_item_with_answer_key_and_source() -> None:
    """Each answered knowledge question: the answer given (or "can't say"), the right one, the
    explanation, the source with title, section and publisher, the link only where given."""
    bank, result = _notice_result()
    summary = summarize(result, bank, "de")
    items = {i.id: i for i in bank.form_items(result.answers.form) if isinstance(i, KnowledgeItem)}
    answered = [i for i in items if i in result.answers.responses]
    assert [r.item for r in summary.knowledge] == answered
    for review in summary.knowledge:
        item = items[review.item]
        given = result.answers.responses[item.id]
        assert review.correct is (given == item.key)
        assert [o.option for o in review.options if o.right] == [item.key]
        if given == UNSURE:
            assert "Kann ich nicht sagen" in review.answer_text
            assert not any(o.chosen for o in review.options)
        else:
            assert review.answer_text.endswith("nicht richtig.")
        assert review.right_text == f"Richtig ist: {item.key}) {item.option(item.key).text('de')}"
        assert review.explanation == item.explanation("de")
        for part in (item.source.title, item.source.section, item.source.publisher):
            assert part in review.source
        assert review.url == item.source.url


def test_a_right_answer_is_called_correct() -> None:
    strong = next(s for s in _v3_sets() if "strong" in s.name)
    bank, result = _scored(strong)
    reviews = summarize(result, bank, "en").knowledge
    assert reviews
    assert all(r.correct and r.answer_text.endswith("– correct.") for r in reviews)


# -- the colleagues' view --------------------------------------------------------------------


class _Row:
    def __init__(self, dimension: str, peers: int, figures: tuple[int, int, int] | None) -> None:
        self.dimension, self.peers = dimension, peers
        self.low: int | None = figures[0] if figures else None
        self.median: int | None = figures[1] if figures else None
        self.high: int | None = figures[2] if figures else None


class _Mirror:
    def __init__(self, rows: list[_Row], enough: bool = True) -> None:
        self.dimensions, self.enough = rows, enough


def test_the_colleagues_view_is_a_fourth_column_where_a_fremdbild_exists() -> None:
    bank, result = _notice_result()
    summary = summarize(result, bank, "de")
    ids = bank.dimension_ids
    rows = [_Row(ids[0], 4, (55, 62, 70)), *(_Row(d, 2, None) for d in ids[1:])]
    joined = with_peers(summary, _Mirror(rows))
    assert joined.view_labels[-1] == "Kolleginnen und Kollegen"
    card = next(c for c in joined.cards if c.dimension == ids[0])
    assert card.views[-1].view == PEERS
    assert (card.views[-1].text, card.views[-1].detail) == (
        "Median 62",
        "Spanne 55–70, 4 Personen",
    )
    other = next(c for c in joined.cards if c.dimension == ids[1])
    assert other.views[-1].text == "—"
    text = views_text(joined)
    assert text.startswith("Drei Sichten und das Fremdbild")
    assert "· Kolleginnen und Kollegen: Median 62 (Spanne 55–70, 4 Personen)" in text
    # Too few colleagues: no fourth column at all; a v2 summary never gets one.
    assert with_peers(summary, _Mirror(rows, enough=False)) == summary
    v2 = load_bank(2)
    v2_summary = summarize(build_result(answer_sets(2)[0].answers, v2), v2, "de")
    assert with_peers(v2_summary, _Mirror(rows)) == v2_summary


# -- methodology -----------------------------------------------------------------------------


def _views_section(bank: Bank, lang: Language) -> str:
    sections = method.methodology(bank, lang)
    found = [s for s in sections if s.heading == msg("method.views_heading", lang)]
    assert len(found) == 1
    return " ".join(found[0].paragraphs)


@pytest.mark.parametrize("version", V3)
def test_methodology_states_the_combination_rule_with_the_codes_numbers(version: int) -> None:
    """The figures the page states are the engine's constants: 1.96 joint standard errors
    (a 95 % range), at least half of a view's items, the assumed spread, 0/33/67/100."""
    bank = load_bank(version)
    text = _views_section(bank, "de")
    assert f"{str(scoring.DISAGREEMENT_Z).replace('.', ',')}-Fache" in text
    assert f"{round(scoring.MIN_ANSWERED_SHARE * 100)} %" in text
    assert "95-%-Bereichs" in text
    assert "0, 33, 67, 100 Punkte" in text
    knowledge = sum(isinstance(i, KnowledgeItem) for i in bank.form_items("full"))
    assert f"die {knowledge} Wissensfragen" in text
    assert "1.96 times" in _views_section(bank, "en")
    assert f"mindestens {quality.SELF_CEILING} von 100 Punkten" in text
    assert f"mindestens {quality.SELF_GAP} Punkte über" in text
    assert f"mindestens {quality.SELF_MIN_STATEMENTS} gewerteten Aussagen" in text
    assert f"{quality.EVIDENCE_MIN_ANSWERS} beantworteten Situationen" in text


def test_methodology_follows_the_constants(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated, not written down: another constant gives another sentence."""
    bank = load_bank(V3[-1])
    monkeypatch.setattr(scoring, "DISAGREEMENT_Z", 2.576)
    monkeypatch.setattr(scoring, "MIN_ANSWERED_SHARE", 0.6)
    text = _views_section(bank, "de")
    assert "2,576-Fache" in text
    assert "99-%-Bereichs" in text
    assert "60 %" in text


def test_v1_and_v2_methodology_has_no_views_section() -> None:
    for version in (1, 2):
        headings = [s.heading for s in method.methodology(load_bank(version), "de")]
        assert msg("method.views_heading", "de") not in headings


# -- the questionnaire's knowledge pages -----------------------------------------------------


@pytest.mark.parametrize("version", RELEASED)
@pytest.mark.parametrize("form", ["short", "full"])
def test_knowledge_questions_have_pages_of_their_own(version: int, form: str) -> None:
    """A page holds knowledge questions only or none (so its intro fits), at most four, after
    every other page but the working-conditions page (rules with preferences: the last one);
    banks without a knowledge part paginate as before."""
    bank = load_bank(version)
    pages = paginate(bank, form)  # type: ignore[arg-type]
    if bank.asked_preferences():
        assert pages[-1] == bank.asked_preferences()
        pages = pages[:-1]
    kinds = [{isinstance(i, KnowledgeItem) for i in page} for page in pages]
    assert all(len(k) == 1 for k in kinds)
    knowledge_pages = [p for p, k in zip(pages, kinds, strict=True) if k == {True}]
    assert all(len(p) <= MAX_KNOWLEDGE_PER_PAGE for p in knowledge_pages)
    if knowledge_pages:
        assert pages[-len(knowledge_pages) :] == tuple(knowledge_pages)
    assert sum(len(p) for p in pages) == len(bank.form_items(form))  # type: ignore[arg-type]
    if not bank.rules.knowledge_part:
        assert not knowledge_pages


def test_the_knowledge_intro_says_a_guess_never_costs_more_than_cant_say() -> None:
    """UX pass 5, finding 2: "can't say" and a wrong answer both count as not known, so a guess
    never costs more; and the result says how many knowledge questions a score rests on."""
    de, en = msg("ui.quest.knowledge_intro", "de"), msg("ui.quest.knowledge_intro", "en")
    assert "„Kann ich nicht sagen“ und eine falsche Antwort zählen beide als nicht gewusst" in de
    assert "Ein Tipp kostet also nie mehr als „Kann ich nicht sagen“" in de
    assert "auf wie vielen Wissensfragen ihr Wert beruht" in de
    assert "Raten müssen Sie nicht" not in de
    assert "both count as not known, so a guess never costs more than “Can't say”" in en
    assert "how many knowledge questions its score rests on" in en
    assert "no need to guess" not in en


def test_summary_round_trips() -> None:
    """The summary with its new parts is a plain model (the page caches it)."""
    bank, result = _notice_result()
    summary = summarize(result, bank, "en")
    assert Summary.model_validate_json(summary.model_dump_json()) == summary


@pytest.mark.parametrize("answer_set", _v3_sets(), ids=lambda s: s.name)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_demand_has_a_card_and_a_provisional_one_is_never_below(
    answer_set: AnswerSet, lang: Language
) -> None:
    """Rules 3's band "provisional" has its group and verdict: no demand drops off the page, and
    a provisional card names its scored answers and the minimum, never "below the band"."""
    bank, result = _scored(answer_set)
    summary = summarize(result, bank, lang)
    grouped = [d for group in summary.groups for d in group.dimensions]
    assert sorted(grouped) == sorted(bank.dimension_ids)
    scores = {s.dimension: s for s in result.scores}
    below = msg("v2.band_below", lang)
    for card in summary.cards:
        if card.band != "provisional":
            continue
        assert card.band_label == msg("v2.band_provisional", lang)
        assert str(scores[card.dimension].scored_answers) in card.verdict
        assert str(bank.rules.min_firm_answers) in card.verdict
        assert below not in card.verdict


def test_cli_mirror_prints_the_views_with_the_colleagues_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`selbstcheck mirror` on a rules-3 result with three colleagues' codes: every demand's
    views with the colleagues' median as the fourth column."""
    from assessment.cli import run
    from assessment.codes.share import encode_share_code
    from assessment.peer.codes import PeerAnswers, encode_peer_code, peer_items

    selfabove = _selfabove()
    bank = load_bank(selfabove.version)
    own = selfabove.answers
    # Without the knowledge answers, so that the share code of any release carries it.
    own = own.model_copy(
        update={
            "responses": {
                k: v
                for k, v in own.responses.items()
                if not isinstance(bank.item(k), KnowledgeItem)
            }
        }
    )
    codes = [
        encode_peer_code(
            PeerAnswers(
                bank_version=bank.version,
                form="full",
                responses={item.id: value for item in peer_items(bank, "full")},
            )
        )
        for value in (2, 3, 4)
    ]
    assert run(["mirror", encode_share_code(own), *codes]) == 0
    out = capsys.readouterr().out
    views = out[out.index("Drei Sichten und das Fremdbild") :]
    assert views.count("  · Kolleginnen und Kollegen: Median ") == len(bank.dimensions)
    assert views.count("  · Selbstbild: ") == len(bank.dimensions)


def test_each_views_unsure_answer_is_named_as_offered() -> None:
    """A statement's "can't judge yet" and a knowledge question's "can't say" keep their names."""
    cells = []
    for name in ("mixed", "selfabove"):
        bank, result = _scored(next(s for s in _v3_sets() if name in s.name))
        cells += [cell for card in summarize(result, bank, "de").cards for cell in card.views]
    assert any("„Kann ich (noch) nicht einschätzen“" in c.detail for c in cells if c.view == "self")
    assert all("„Kann ich nicht sagen“" not in c.detail for c in cells if c.view == "self")
    knowledge = [c.detail for c in cells if c.view == "knowledge"]
    assert any("„Kann ich nicht sagen“" in d for d in knowledge)


def test_a_knowledge_question_of_another_setting_says_it_does_not_count() -> None:
    """Where the bank marks an item as one setting's (KnowledgeItem.counts_for), a person who
    chose another setting sees it reviewed with the note that it does not count."""
    weak = next(s for s in _v3_sets() if "public" in s.name)
    bank, result = _scored(weak)
    moved = result.answers.model_copy(update={"profile": "industry"})
    reviews = summarize(build_result(moved, bank), bank, "de").knowledge
    items = {i.id: i for i in bank.form_items(moved.form) if isinstance(i, KnowledgeItem)}
    for review in reviews:
        counts_for = getattr(items[review.item], "counts_for", None)
        expected = counts_for is None or counts_for("industry")
        assert (review.not_counted is None) is expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shared_view_speaks_about_the_person_in_every_new_text(lang: Language) -> None:
    """Someone else reading the result: what it rests on, the notice, the basis of each card,
    the answers in the knowledge review and the tentative note are about the person."""
    from assessment.messages import voiced
    from assessment.render.summary import addresses_the_person

    bank, result = _notice_result()
    summary = summarize(result, bank, lang, viewer="other")
    texts = [
        summary.rests_on or "",
        summary.consistency or "",
        summary.overall_text,
        voiced("views.knowledge_intro", lang, "other"),
        *(card.basis or "" for card in summary.cards),
        *(review.answer_text for review in summary.knowledge),
    ]
    assert summary.rests_on
    assert summary.consistency
    assert [t for t in texts if addresses_the_person(t, lang)] == []
    text = _pdf_text(build_pdf(result, bank, lang, "https://example.org/?r=x", viewer="other"))
    assert re.sub(r"\s+", " ", summary.consistency)[:80] in text
