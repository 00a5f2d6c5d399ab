"""Rules 3, "Ihre Arbeitsweise zwischen zwei Polen": each clear lean with what its pole costs, a
paragraph per setting and the person's own situations of the same demand; one line for the rest.

Read by every surface (page, PDF, CLI); the numbers come from Result.leans (engine/leans.py), the
words from the bank (questions/vN/leans.toml) and the catalogue block [leans].
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assessment.bank.models import SETTING_IDS, Bank, Pole, TradeoffItem
from assessment.engine.leans import AxisLean, clear_pole
from assessment.engine.result import Result
from assessment.i18n import Language, Viewer
from assessment.messages import msg, voiced

# Situations are counted in words up to this number ("in einer der zwei Situationen").
COUNT_WORDS = 6


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class SettingLean(_Frozen):
    """How a lean plays out in one concrete setting, and what that setting prefers (if anything)."""

    profile: str
    name: str
    text: str
    preference: str | None = None


class LeanParagraph(_Frozen):
    """One clear lean: where, what it costs, the three settings, and the person's own choices."""

    dimension: str
    name: str
    pole: Pole
    lean: str
    cost: str
    settings: tuple[SettingLean, ...]
    preference: str | None
    contrast: str | None


class LeanSection(_Frozen):
    """The whole section: intro, the clear leans, and one line each for the other axes."""

    heading: str
    intro: str
    leans: tuple[LeanParagraph, ...]
    # Said once where no shown lean's axis has a preferred range in any setting.
    no_preference: str | None = None
    none_clear: str | None = None
    no_lean: str | None = None
    unanswered: str | None = None

    def lines(self) -> tuple[str, ...]:
        """Return every sentence in reading order, for plain-text surfaces and tests."""
        out: list[str] = [self.intro]
        if self.no_preference:
            out.append(self.no_preference)
        if self.none_clear:
            out.append(self.none_clear)
        for lean in self.leans:
            out += [f"{lean.name}: {lean.lean}", lean.cost]
            out += [
                f"{s.name}: {s.text}" + (f" {s.preference}" if s.preference else "")
                for s in lean.settings
            ]
            out += [text for text in (lean.preference, lean.contrast) if text]
        out += [text for text in (self.no_lean, self.unanswered) if text]
        return tuple(out)


def count_word(count: int, lang: Language) -> str:
    """Return a small count as a word ("einer", "zwei", …), larger ones as digits."""
    return msg(f"leans.count_{count}", lang) if 1 <= count <= COUNT_WORDS else str(count)


def _joined(parts: list[str], lang: Language) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + msg("leans.and", lang) + parts[-1]


def contrast_text(
    lean: AxisLean, poles: tuple[str, str], lang: Language, viewer: Viewer
) -> str | None:
    """Return the sentence that sets a clear lean beside the person's own situations of the same
    demand, true of its counts: all the same pole, all the other, all neither, or a mix."""
    if lean.pole is None or lean.situations == 0:
        return None
    pole, other = (poles[0], poles[1]) if lean.pole == "a" else (poles[1], poles[0])
    same = lean.chose(lean.pole)
    different = lean.chose("b" if lean.pole == "a" else "a")
    neither = lean.chose_neither
    n = lean.situations
    size = "1" if n == 1 else "2" if n == 2 else "n"
    for kind, count in (("all", same), ("other", different), ("neither", neither)):
        if count == n:
            return voiced(
                f"leans.contrast_{kind}_{size}",
                lang,
                viewer,
                pole=pole,
                other=other,
                n=count_word(n, lang),
            )
    parts = [
        msg(f"leans.part_{kind}", lang, k=count_word(count, lang), other=other)
        for kind, count in (("same", same), ("other", different), ("neither", neither))
        if count
    ]
    return voiced(
        "leans.contrast_mixed",
        lang,
        viewer,
        pole=pole,
        n=count_word(n, lang),
        parts=_joined(parts, lang),
    )


def _setting_preference(
    bank: Bank,
    setting: str,
    dimension: str,
    poles: tuple[str, str],
    lang: Language,
    viewer: Viewer,
) -> str | None:
    """Return a setting's preferred range on the axis with its reason and support, naming a pole
    only when the whole range lies on its side of the middle; None where it has none."""
    from assessment.render.summary import about_the_role, support_text

    target = bank.profiles[setting].axes.get(dimension)  # type: ignore[index]
    if target is None:
        return None
    side = clear_pole((target.low + target.high) // 2, (target.high - target.low + 1) // 2, 1.0)
    return msg(
        "leans.preference" if side else "leans.preference_middle",
        lang,
        low=target.low,
        high=target.high,
        pole=poles[0] if side == "a" else poles[1],
        why=about_the_role(target.rationale(lang), lang, viewer),
        support=support_text(target.support, lang) or "",
    ).strip()


def _paragraph(
    lean: AxisLean, bank: Bank, lang: Language, viewer: Viewer, ranges_shown: bool
) -> LeanParagraph | None:
    dimension = bank.dimension(lean.dimension)
    texts = bank.leans_of(lean.dimension)
    if lean.pole is None or dimension.axis is None or texts is None:
        return None
    poles = (dimension.axis.a(lang), dimension.axis.b(lang))
    pole_texts = texts.pole(lean.pole)
    preferences = {
        s: _setting_preference(bank, s, lean.dimension, poles, lang, viewer) for s in SETTING_IDS
    }
    any_preference = any(preferences.values())
    settings = []
    for setting in SETTING_IDS:
        paragraph = pole_texts.setting(setting)
        if paragraph is None:  # pragma: no cover - check-bank refuses it (load._read_leans)
            continue
        settings.append(
            SettingLean(
                profile=setting,
                name=bank.profiles[setting].name(lang),
                text=paragraph(lang),
                preference=(preferences[setting] or msg("leans.no_preference", lang))
                if any_preference
                else None,
            )
        )
    return LeanParagraph(
        dimension=lean.dimension,
        name=dimension.name(lang),
        pole=lean.pole,
        lean=msg(
            "leans.lean",
            lang,
            pole=poles[0 if lean.pole == "a" else 1],
            position=lean.position,
            error=lean.uncertainty,
            a=poles[0],
            b=poles[1],
        ),
        cost=pole_texts.cost(lang),
        settings=tuple(settings),
        preference=None
        if any_preference or not ranges_shown
        else msg("leans.no_preference_any", lang),
        contrast=contrast_text(lean, poles, lang, viewer),
    )


def lean_section(result: Result, bank: Bank, lang: Language, viewer: Viewer) -> LeanSection | None:
    """Return the section for a bank with lean texts (rules 3), None otherwise or when no axis
    is in the form."""
    if not bank.rules.lean_texts:
        return None
    with_axis = [
        d.id for d in bank.dimensions if d.axis is not None and bank.leans_of(d.id) is not None
    ]
    form = result.answers.form
    in_form = [
        d
        for d in with_axis
        if any(isinstance(item, TradeoffItem) for item in bank.form_items_of(form, d))
    ]
    if not in_form:
        return None
    by_dimension = {lean.dimension: lean for lean in result.leans}
    clear = [d for d in in_form if d in by_dimension and by_dimension[d].pole is not None]
    ranges_shown = any(d in bank.profiles[s].axes for d in clear for s in SETTING_IDS)
    paragraphs = tuple(
        p
        for d in in_form
        if d in by_dimension
        and (p := _paragraph(by_dimension[d], bank, lang, viewer, ranges_shown)) is not None
    )
    unclear = [
        bank.dimension(d).name(lang)
        for d in in_form
        if d in by_dimension and by_dimension[d].pole is None
    ]
    missing = [bank.dimension(d).name(lang) for d in in_form if d not in by_dimension]
    has_ranges = any(p.axes for p in bank.profiles.values())
    intro = (
        voiced("leans.intro", lang, viewer)
        + " "
        + (
            msg("leans.intro_compare_some", lang)
            if has_ranges
            else voiced("leans.intro_compare", lang, viewer)
        )
    )
    return LeanSection(
        heading=voiced("leans.heading", lang, viewer),
        intro=intro,
        leans=paragraphs,
        no_preference=msg("leans.no_preference_all", lang)
        if paragraphs and not ranges_shown
        else None,
        none_clear=voiced("leans.none_clear", lang, viewer) if unclear and not paragraphs else None,
        no_lean=voiced("leans.no_lean", lang, viewer, names=", ".join(unclear))
        if unclear
        else None,
        unanswered=msg("leans.unanswered", lang, names=", ".join(missing)) if missing else None,
    )
