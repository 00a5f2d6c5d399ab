"""The three views of a demand in words (rules 3): Selbstbild, Situationsurteil and Wissen side by
side, what the verdict rests on, the consistency notice and the review of the knowledge questions.

Everything here is read by the Summary (render/summary.py) and shown by every surface from it;
the numbers come from the engine (DimensionScore.views and .basis, Result.self_based), nothing is
computed anew except the counts the "rests on" sentence states (a view reaches a demand's target
range when its score is at or above the range's lower end).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict

from assessment.bank.models import UNSURE, VIEWS, Bank, KnowledgeItem, LikertItem
from assessment.bank.pagination import numbers_within_kind
from assessment.engine import scoring
from assessment.engine.matching import ProfileMatch
from assessment.engine.result import Result
from assessment.engine.scoring import DimensionScore, ViewScore
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced
from assessment.render.brief import range_percent
from assessment.render.review import knowledge_label

if TYPE_CHECKING:  # pragma: no cover - imported for the type only
    from assessment.render.summary import Summary

# The quality flag of the consistency notice (engine/quality.py, rules 3).
CONSISTENCY_FLAG = "self_above_evidence"
# Rules 4: the consistency notice on the traps (the same consequences, its own words).
LOOK_GOOD_FLAG = "look_good_answers"
CONSISTENCY_FLAGS = frozenset({CONSISTENCY_FLAG, LOOK_GOOD_FLAG})
# The fourth column: the colleagues' view (Fremdbild), where one exists.
PEERS = "peers"


class PeerRow(Protocol):
    """One demand of a Fremdbild comparison (peer/compare.py DimensionMirror)."""

    @property
    def dimension(self) -> str: ...
    @property
    def peers(self) -> int: ...
    @property
    def low(self) -> int | None: ...
    @property
    def median(self) -> int | None: ...
    @property
    def high(self) -> int | None: ...


class PeerView(Protocol):
    """A Fremdbild comparison (peer/compare.py Mirror), read without importing it (layers)."""

    @property
    def enough(self) -> bool: ...
    @property
    def dimensions(self) -> Sequence[PeerRow]: ...


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ViewCell(_Frozen):
    """One view of one demand as shown: its heading, score and uncertainty, or why none."""

    view: str
    label: str
    score: int | None
    uncertainty: int | None
    text: str
    detail: str


class KnowledgeOptionReview(_Frozen):
    """One answer to a knowledge question after the result: whether it is the right one."""

    option: str
    text: str
    right: bool
    chosen: bool


class KnowledgeReview(_Frozen):
    """A knowledge question after the result: the person's answer, the right one, why, where."""

    item: str
    dimension: str
    dimension_name: str
    question: str
    options: tuple[KnowledgeOptionReview, ...]
    answer_text: str
    correct: bool
    right_text: str
    explanation: str
    source: str
    url: str | None = None
    not_counted: str | None = None
    # "Wissensfrage 2 von 8 · Datenschutz · Ihre Antwort: richtig" (render/review.py).
    label: str


def view_labels(lang: Language) -> tuple[str, ...]:
    """Return the headings of the three views, in VIEWS order."""
    return tuple(msg(f"views.{view}", lang) for view in VIEWS)


def scored_in_view(view: ViewScore) -> int:
    """Return how many answers a view's score rests on: every answer given, less the statements'
    "can't judge yet" (never scored; a knowledge question's "can't say" is scored as not known)."""
    return view.answered - (view.unsure if view.view == "self" else 0)


def view_cells(score: DimensionScore, lang: Language) -> tuple[ViewCell, ...]:
    """Return the three views of one demand, in VIEWS order; a view the form asks nothing about
    in this demand, or with too few answers, reads "—" with the reason."""
    by_view = {view.view: view for view in score.views}
    cells = []
    for view in VIEWS:
        label = msg(f"views.{view}", lang)
        found = by_view.get(view)
        if found is None:
            cells.append(
                ViewCell(
                    view=view,
                    label=label,
                    score=None,
                    uncertainty=None,
                    text=msg("views.dash", lang),
                    detail=msg(f"views.no_items_{view}", lang),
                )
            )
            continue
        kind = "self" if view == "self" else "knowledge"  # scenarios offer no "can't say"
        # A "can't say" to a knowledge question is scored as not known: said with its count
        # (UX pass M2); a "can't judge yet" statement is not scored.
        unsure_key = "ux.single.unsure_knowledge" if view == "knowledge" else f"views.unsure_{kind}"
        unsure = msg(unsure_key, lang, count=found.unsure) if found.unsure else ""
        detail = msg("views.answered", lang, answered=found.answered, total=found.total) + unsure
        if found.score is None:
            text = msg("views.dash", lang)
            detail = msg("views.too_few", lang) + " · " + detail
        else:
            text = msg("views.value", lang, score=found.score, error=found.uncertainty or 0)
            if scored_in_view(found) == 1:  # one question carries this view (UX pass M2)
                detail += " · " + msg("ux.single.one_question", lang)
        cells.append(
            ViewCell(
                view=view,
                label=label,
                score=found.score,
                uncertainty=found.uncertainty,
                text=text,
                detail=detail,
            )
        )
    return tuple(cells)


def _own_score(score: DimensionScore) -> int | None:
    """Return the self view's score of a demand (rules 3), None where it has none."""
    return next((v.score for v in score.views if v.view == "self"), None)


def basis_text(
    score: DimensionScore, lang: Language, viewer: Viewer, per_view: bool = False
) -> str | None:
    """Return how the demand's verdict follows from its views (rules 3), or None without views.

    Resting on the evidence names what was compared, with both numbers: the self view against
    the mean of the views that count (UX pass 3, M-A) – the demand's score is that mean. With
    `per_view` (rules 4) the sentence says what rules 4 compared: each other view on its own."""
    if score.basis is None:
        return None
    if per_view:
        return _basis_v4(score, lang, viewer)
    if score.basis == "evidence":
        scored = {view.view for view in score.views if view.score is not None}
        if "knowledge" not in scored:  # the knowledge cell reads "—": do not name it
            which = "situation"
        elif "situation" not in scored:
            which = "knowledge"
        else:
            which = "both"
        own, evidence = _own_score(score), score.score
        return voiced(f"ux3.basis.{which}", lang, viewer, own=own, evidence=evidence)
    return msg("views.basis_combined", lang)


def _named(views: Sequence[ViewScore], lang: Language) -> str:
    """Return evidence views by name with their scores ("das Situationsurteil (40) und …")."""
    return msg("rules4.basis.names_and", lang).join(
        msg(f"rules4.basis.named_{view.view}", lang, score=view.score) for view in views
    )


def combined_sentence(lang: Language) -> str:
    """Return rules 4's sentence on how the views combine: weights and the self view's cap."""
    return msg(
        "rules4.basis.combined",
        lang,
        cap=scoring.FULL_VIEW_ANSWERS,
        level=range_percent(scoring.DISAGREEMENT_Z),
    )


def _basis_v4(score: DimensionScore, lang: Language, viewer: Viewer) -> str:
    """Return the basis sentence of rules 4 (engine/scoring.py "Rules 4"): the other views the
    score rests on where the self view is set aside, else the weighted mean, and where an other
    view differs from the self view beyond the uncertainty, why the self view still counts."""
    own = score.view("self")
    evidence = [v for v in score.views if v.view != "self" and v.score is not None]
    if score.basis == "evidence" and own is not None and own.score is not None:
        side = "below" if (score.score or 0) < own.score else "above"
        return voiced(
            "rules4.basis.apart",
            lang,
            viewer,
            count=len(evidence),
            names=_named(evidence, lang),
            evidence=score.score,
            side=msg(f"rules4.basis.side_{side}", lang),
            own=own.score,
            minimum=scoring.MIN_OUTVOTING_ANSWERS,
        )
    text = combined_sentence(lang)
    differing = [v for v in evidence if v.view in score.differing]
    if not differing or own is None or own.score is None:
        return text
    agreeing = [v for v in evidence if v.view not in score.differing]
    if agreeing:
        reason = msg("rules4.basis.kept_agrees", lang, name=_named(agreeing, lang))
    elif len({v.score is not None and v.score < own.score for v in differing}) > 1:
        reason = msg("rules4.basis.kept_split", lang)
    else:  # every differing view rests on fewer answers than can set the self view aside
        reason = msg("rules4.basis.kept_single", lang)
    kept = voiced(
        "rules4.basis.kept",
        lang,
        viewer,
        count=len(differing),
        names=_named(differing, lang),
        own=own.score,
        reason=reason,
    )
    return f"{text} {kept[:1].upper()}{kept[1:]}"


def _reaching(scores: Sequence[DimensionScore], match: ProfileMatch) -> dict[str, tuple[int, int]]:
    """Return per view (demands whose view score reaches the target range, demands it scores)."""
    lows = {m.dimension: m.low for m in match.dimensions}
    counts: dict[str, tuple[int, int]] = dict.fromkeys(VIEWS, (0, 0))
    for score in scores:
        for view in score.views:
            if view.score is None:
                continue
            met, scored = counts[view.view]
            counts[view.view] = (met + (view.score >= lows[score.dimension]), scored + 1)
    return counts


def rests_on(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> str | None:
    """Return the sentence under the headline that says what the verdict rests on: per view in
    how many demands it reaches the target range, the demands whose verdict rests on situations
    and knowledge (the consistency notice says where it still includes the self-description)."""
    if not bank.rules.views_apart:
        return None
    counts = _reaching(result.scores, result.match)
    parts = []
    for view in VIEWS:
        met, scored = counts[view]
        if scored:
            parts.append(voiced(f"views.rests_{view}", lang, viewer, met=met, scored=scored))
        else:
            parts.append(voiced(f"views.rests_{view}_none", lang, viewer))
    text = "; ".join(parts) + "."
    evidence = [s for s in result.scores if s.basis == "evidence"]
    per_view = bank.rules.per_view_disagreement  # rules 4: each other view on its own
    if evidence and len(evidence) == sum(s.score is not None for s in result.scores):
        key = "rules4.basis.rests_all" if per_view else "ux3.basis.rests_all"
        text += " " + voiced(key, lang, viewer, count=len(evidence))
    elif evidence:
        names = ", ".join(
            msg(
                "ux3.basis.rests_item",
                lang,
                name=bank.dimension(s.dimension).name(lang),
                own=_own_score(s),
                evidence=s.score,
            )
            for s in evidence
        )
        key = "rules4.basis.rests" if per_view else "ux3.basis.rests"
        text += " " + voiced(key, lang, viewer, names=names)
    return text


def consistency_notice(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> str | None:
    """Return the consistency notice (rules 3) when it fired, else None; where only the notice
    on the traps fired (rules 4), its own words, quoting the trap it names first."""
    if not bank.rules.consistency_notice:
        return None
    if not (result.self_based or any(f.kind in CONSISTENCY_FLAGS for f in result.quality)):
        return None
    carried = [bank.dimension(d).name(lang) for d in result.self_carried]
    including = [
        bank.dimension(s.dimension).name(lang)
        for s in result.scores
        if s.basis == "combined"
        and s.dimension not in result.self_carried
        and any(v.view == "self" and v.score is not None for v in s.views)
    ]
    parts = []
    if carried:  # the verdict rests mainly on the self-description there: said plainly
        parts.append(voiced("views.self_based.carried", lang, viewer, names=", ".join(carried)))
    if including:
        parts.append(voiced("views.consistency_includes", lang, viewer, names=", ".join(including)))
    if not parts:
        parts.append(voiced("views.consistency_evidence", lang, viewer))
    traps = next((f for f in result.quality if f.kind == LOOK_GOOD_FLAG and f.where), None)
    quoted = None if traps is None else bank.item(traps.where[0])
    if isinstance(quoted, LikertItem) and all(f.kind != CONSISTENCY_FLAG for f in result.quality):
        statement = quoted.text(lang)
        return voiced(
            "rules4.look_good.notice",
            lang,
            viewer,
            statement=statement,
            basis=" ".join(parts),
        )
    return voiced("views.consistency", lang, viewer, basis=" ".join(parts))


def consistency_tentative(result: Result, lang: Language, viewer: Viewer) -> str:
    """Return why the verdict is provisional when only a consistency notice fired: the self view
    above the evidence (rules 3), else the answers on the traps (rules 4)."""
    if any(f.kind == CONSISTENCY_FLAG for f in result.quality):
        return voiced("views.tentative_text", lang, viewer)
    return voiced("rules4.look_good.tentative_text", lang, viewer)


def self_based_overall(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> str | None:
    """Return the sentence the overall statement adds where the consistency notice fired and some
    demands' verdicts rest mainly on the self-description (Result.self_carried), else None."""
    if not (bank.rules.consistency_notice and result.self_carried):
        return None
    names = ", ".join(bank.dimension(d).name(lang) for d in result.self_carried)
    return voiced("views.self_based.overall", lang, viewer, names=names)


def knowledge_reviews(
    result: Result, bank: Bank, lang: Language, viewer: Viewer
) -> tuple[KnowledgeReview, ...]:
    """Return every knowledge question of the form the person answered, with the right answer,
    its explanation and its source (after the result only)."""
    reviews = []
    responses = result.answers.responses
    numbers = numbers_within_kind(bank, result.answers.form)
    for item in bank.form_items(result.answers.form):
        if not isinstance(item, KnowledgeItem) or item.id not in responses:
            continue
        chosen = str(responses[item.id])
        right = item.option(item.key)
        if chosen == UNSURE:
            answer = voiced("views.answer_unsure", lang, viewer)
        else:
            given = item.option(chosen)
            verdict = "right" if chosen == item.key else "wrong"
            answer = voiced(
                f"views.answer_{verdict}", lang, viewer, option=chosen, text=given.text(lang)
            )
        # Items of one setting count only for people heading there (KnowledgeItem.counts_for,
        # engine3 on main); shown all the same, with a note.
        counts_for = getattr(item, "counts_for", None)
        counted = counts_for is None or bool(counts_for(result.answers.profile))
        reviews.append(
            KnowledgeReview(
                item=item.id,
                dimension=item.dimension,
                dimension_name=bank.dimension(item.dimension).name(lang),
                question=item.stem(lang),
                options=tuple(
                    KnowledgeOptionReview(
                        option=option.id,
                        text=option.text(lang),
                        right=option.id == item.key,
                        chosen=option.id == chosen,
                    )
                    for option in item.options
                ),
                answer_text=answer,
                correct=chosen == item.key,
                right_text=msg("views.right_answer", lang, option=item.key, text=right.text(lang)),
                explanation=item.explanation(lang),
                source=msg("views.source", lang, source=item.source.cite()),
                url=item.source.url,
                not_counted=None if counted else voiced("views.not_counted", lang, viewer),
                label=knowledge_label(item, chosen, numbers[item.id], bank, lang, viewer),
            )
        )
    return tuple(reviews)


def peer_cells(mirror: PeerView, lang: Language) -> Mapping[str, ViewCell]:
    """Return per demand the colleagues' view (the fourth column) from a Fremdbild comparison
    (peer/compare.py Mirror); nothing when it has too few colleagues."""
    dimensions = mirror.dimensions
    label = msg("views.peers", lang)
    cells: dict[str, ViewCell] = {}
    for row in dimensions:
        if row.median is None or row.low is None or row.high is None:
            cells[row.dimension] = ViewCell(
                view=PEERS,
                label=label,
                score=None,
                uncertainty=None,
                text=msg("views.dash", lang),
                detail=msg("views.peers_too_few", lang),
            )
        else:
            cells[row.dimension] = ViewCell(
                view=PEERS,
                label=label,
                score=row.median,
                uncertainty=None,
                text=msg("views.peers_value", lang, median=row.median),
                detail=msg("views.peers_detail", lang, low=row.low, high=row.high, count=row.peers),
            )
    return cells


def with_peers(summary: Summary, mirror: PeerView) -> Summary:
    """Return the summary with the colleagues' view as a fourth column of every demand's views
    (rules 3 summaries only; a summary without views is returned as it is)."""
    if not any(card.views for card in summary.cards) or not mirror.enough:
        return summary
    cells = peer_cells(mirror, summary.language)
    cards = tuple(
        card.model_copy(update={"views": (*card.views, cells[card.dimension])})
        if card.dimension in cells
        else card
        for card in summary.cards
    )
    brief = summary.brief
    if brief is not None:  # the colleagues' view is there: no need to ask for it any more
        brief = brief.model_copy(
            update={"where": tuple(entry for entry in brief.where if entry.key != "peers")}
        )
    return summary.model_copy(
        update={
            "cards": cards,
            "view_labels": (*summary.view_labels, msg("views.peers", summary.language)),
            "brief": brief,
        }
    )
