"""“Stationen bis zur IT-Leitung”: the usual next roles for starters and changers (issue 20).

Read from the bank's optional path file (questions/v3/path.toml) and pointed at the person's own
open demands: each station says which demands it builds, and those the person has not yet met
(below, borderline, an Erfahrungsfeld or unscored) are named first; a provisional one is named
as not yet firmly judged, with its score. Starters and
changers see the whole path; experienced people (and results without a background) one short
paragraph. People experienced in IT but not yet leading (bank v3) see the stations written for
them (path.toml `backgrounds`), without the first station they usually have behind them.
Every time span is either sourced or marked as this check's reading; the page, the
PDF and the CLI text render the same PathView.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assessment.bank.models import Bank, CareerPath, Experience, PathStation
from assessment.engine.matching import DimensionMatch
from assessment.engine.result import Result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced

# Bands that leave a demand open on the way to the role (anything but within, above and
# provisional).
OPEN_BANDS = frozenset({"below", "borderline", "experience", "unknown"})
# A provisional score rests on too few scored answers for a firm verdict either way: a station
# names it as such, with its score, never as open (a provisional 100 is not a gap).
PROVISIONAL_BAND = "provisional"
# Backgrounds that see the whole path; everyone else sees the short paragraph.
PATH_BACKGROUNDS = ("starter", "changer", "specialist")
# Settings whose readers also see the route through the public-sector pay grades.
PUBLIC_SETTINGS = ("public", "duisburg")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class StationView(_Frozen):
    """One station as shown: what it is, how long it usually takes, what it builds."""

    id: str
    name: str
    what: str
    span: str
    builds: tuple[str, ...]
    focus: tuple[str, ...]
    # The demands it builds whose score is provisional: "Krisenfestigkeit (vorläufig 100)".
    provisional: tuple[str, ...] = ()
    # Rules 4: a verdict is provisional when too few answers point its way (firm_answers).
    agreeing: bool = False


class PathView(_Frozen):
    """The stations to heading IT in one language, for one result."""

    heading: str
    intro: str
    short: bool
    stations: tuple[StationView, ...] = ()
    total: str | None = None
    next_text: str | None = None
    public_heading: str | None = None
    public_steps: tuple[str, ...] = ()


def open_demands(result: Result, bank: Bank) -> tuple[str, ...]:
    """Return the person's open demands, weakest first: heavier weight first, then the larger
    distance to the band (an unscored demand counts as far), then the bank's order."""
    order = {d: n for n, d in enumerate(bank.dimension_ids)}

    def distance(match: DimensionMatch) -> int:
        if match.score is None:
            return match.low
        return max(match.low - match.score, 0)

    found = [m for m in result.match.dimensions if m.band in OPEN_BANDS]
    found.sort(key=lambda m: (-m.weight, -distance(m), order[m.dimension]))
    return tuple(m.dimension for m in found)


def shows_path(result: Result, bank: Bank) -> bool:
    """Return whether a result has the stations at all (rules with starter_path, a path file)."""
    return bank.rules.starter_path and bank.path is not None


def _label(text: str, reading: bool, lang: Language) -> str:
    return msg("path.reading", lang, text=text) if reading else text


def _station(
    station: PathStation,
    open_ids: tuple[str, ...],
    provisional: dict[str, int | None],
    bank: Bank,
    lang: Language,
) -> StationView:
    names = {d: bank.dimension(d).name(lang) for d in bank.dimension_ids}
    focus = tuple(names[d] for d in open_ids if d in station.builds)
    return StationView(
        id=station.id,
        name=station.name(lang),
        what=station.what(lang),
        span=_label(station.span(lang), station.reading, lang),
        builds=tuple(names[d] for d in station.builds),
        focus=focus,
        provisional=tuple(
            msg("nav.provisional_score", lang, name=names[d], score=score)
            for d, score in provisional.items()
            if d in station.builds and score is not None
        ),
        agreeing=bank.rules.per_view_disagreement,
    )


def stations_for(path: CareerPath, background: Experience | None) -> tuple[PathStation, ...]:
    """Return the stations written for a background (all of them for none)."""
    if background is None:
        return path.stations
    return tuple(s for s in path.stations if background in s.backgrounds) or path.stations


def best_station(
    path: CareerPath, open_ids: tuple[str, ...], background: Experience | None = None
) -> PathStation | None:
    """Return the first station (before the role itself) that builds the most of the person's
    open demands, the weakest counting most; None when no station builds any of them."""
    weights = {d: len(open_ids) - n for n, d in enumerate(open_ids)}
    own = stations_for(path, background)
    candidates = own[:-1] or own
    scored = [(sum(weights.get(d, 0) for d in s.builds), -n, s) for n, s in enumerate(candidates)]
    best = max(scored, key=lambda entry: (entry[0], entry[1]))
    return best[2] if best[0] > 0 else None


def career_path(
    result: Result, bank: Bank, lang: Language, viewer: Viewer = "self"
) -> PathView | None:
    """Return the stations to heading IT for a result, or None where its rules show none."""
    path = bank.path
    if path is None or not bank.rules.starter_path:
        return None
    heading = msg("path.heading", lang)
    if result.answers.background not in PATH_BACKGROUNDS:
        route = " → ".join(s.short(lang) for s in path.stations)
        return PathView(heading=heading, intro=msg("path.short", lang, route=route), short=True)
    open_ids = open_demands(result, bank)
    background = result.answers.background
    stations = stations_for(path, background)
    provisional = {
        m.dimension: m.score for m in result.match.dimensions if m.band == PROVISIONAL_BAND
    }
    best = best_station(path, open_ids, background)
    next_text = None
    if best is not None:
        names = [bank.dimension(d).name(lang) for d in open_ids if d in best.builds]
        next_text = voiced(
            "path.next", lang, viewer, station=best.name(lang), names=", ".join(names)
        )
    public_heading = None
    public_steps: tuple[str, ...] = ()
    if path.public is not None and result.match.profile in PUBLIC_SETTINGS:
        public_heading = path.public.heading(lang)
        public_steps = tuple(
            _label(step.text(lang), step.reading, lang)
            if step.source is None
            else msg("path.sourced", lang, text=step.text(lang), source=step.source)
            for step in path.public.steps
        )
    return PathView(
        heading=heading,
        intro=path.intro(lang),
        short=False,
        stations=tuple(_station(s, open_ids, provisional, bank, lang) for s in stations),
        total=_label(path.total(lang), path.total_reading, lang),
        next_text=next_text,
        public_heading=public_heading,
        public_steps=public_steps,
    )


def station_lines(station: StationView, lang: Language, viewer: Viewer) -> tuple[str, ...]:
    """Return a station's lines below its name: what it is, its span, what it builds."""
    lines = [station.what, msg("path.span", lang, span=station.span)]
    lines.append(msg("path.builds", lang, names=", ".join(station.builds)))
    if station.focus:
        lines.append(voiced("path.focus", lang, viewer, names=", ".join(station.focus)))
    if station.provisional:
        key = "rules4.basis.path_provisional" if station.agreeing else "nav.path_provisional"
        lines.append(msg(key, lang, names=", ".join(station.provisional)))
    return tuple(lines)


def path_text(view: PathView, lang: Language, viewer: Viewer) -> tuple[str, ...]:
    """Return the stations as plain lines (the CLI text and the PDF's paragraphs)."""
    lines = [view.intro]
    if view.next_text:
        lines.append(view.next_text)
    for n, station in enumerate(view.stations, start=1):
        lines.append(f"{n}. {station.name}")
        lines += [f"   {line}" for line in station_lines(station, lang, viewer)]
    if view.total:
        lines.append(view.total)
    if view.public_heading:
        lines.append(view.public_heading)
        lines += [f"- {step}" for step in view.public_steps]
    return tuple(lines)
