"""Issue 15, point 2 and issue 18, point 5: a shared result and a comparison opened by someone
else are worded about the person, never to the reader as if they were the person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import re
from typing import get_args

import pytest
from pypdf import PdfReader

from assessment.bank.load import load_bank
from assessment.bank.models import UNSURE, Bank, LikertItem, Scenario
from assessment.codes.share import encode_share_code
from assessment.engine.answers import Answers
from assessment.engine.matching import AxisFit, Band, Level
from assessment.engine.quality import FlagKind
from assessment.engine.result import Result, build_result
from assessment.group.overview import parse_codes, score_group
from assessment.group.pdf import build_group_pdf
from assessment.i18n import LANGUAGES, Language
from assessment.messages import OTHER_VOICE, load_catalogue, msg, placeholders, voiced
from assessment.peer.compare import mirror_codes
from assessment.peer.pdf import build_mirror_pdf
from assessment.peer.text import describe_mirror, mirror_json, render_mirror_text
from assessment.render.pdf.result import build_pdf
from assessment.render.summary import GENERIC_YOU, Summary, about_the_role, summarize
from tests.personas import FIREFIGHTER, MODERNIZER, TECHNICIAN, persona_answers, random_answers
from tests.unit.peer.test_peer import own_answers, peer_code

DAY = dt.date(2026, 12, 3)
LINK = "http://localhost:8501/?r=CODE"
# Addressing the reader: formal German "Sie/Ihr…" (a sentence may start with "Sie" = "they"),
# English "you".
SECOND_PERSON: dict[Language, re.Pattern[str]] = {
    "de": re.compile(r"(?<![.:!?] )\bSie\b|\b(Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b"),
    "en": re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE),
}
# The one third-person text that rightly speaks to the reader: whom they may pass the link to.
ADDRESSES_THE_READER = {
    "other.pdf.link_note",
    "other.ui.peer.share_intro",
    "other.ui.peer.share_intro_summary",
}


def _other_keys() -> list[str]:
    return [key for key in load_catalogue() if key.startswith(f"{OTHER_VOICE}.")]


def test_every_third_person_text_mirrors_a_text_for_the_person() -> None:
    """Each "other." text replaces an existing text and fills the same placeholders."""
    catalogue = load_catalogue()
    keys = _other_keys()
    assert len(keys) > 50
    for key in keys:
        own = key.removeprefix(f"{OTHER_VOICE}.")
        assert own in catalogue, key
        for lang in LANGUAGES:
            assert placeholders(catalogue[key][lang]) == placeholders(catalogue[own][lang]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_third_person_texts_never_address_the_reader_as_the_person(lang: Language) -> None:
    """No third-person text says "Sie/Ihr" or "you/your" (the link note asks the reader)."""
    found = [
        (key, match.group())
        for key in _other_keys()
        if key not in ADDRESSES_THE_READER
        if (match := SECOND_PERSON[lang].search(load_catalogue()[key][lang]))
    ]
    assert found == []


def test_every_machine_value_has_its_third_person_text() -> None:
    """Every level, verdict band, axis fit and quality flag the rules produce can be voiced."""
    keys = set(load_catalogue())
    for level in get_args(Level):
        assert f"other.level.{level}_headline" in keys
        assert f"other.v2.level_{level}_text" in keys
    for level in ("strong", "partial", "gaps", "insufficient"):
        assert f"other.level.{level}_text" in keys
    for band in set(get_args(Band)) - {"unknown"}:
        assert f"other.v2.verdict_{band}" in keys
    for fit in get_args(AxisFit):
        assert f"other.v2.axis_fit_{fit}" in keys
    for kind in get_args(FlagKind):
        # Rules 4's consistency notice on the traps has words of its own (render/views.py).
        own = "other.rules4.look_good.notice" if kind == "look_good_answers" else None
        assert (own or f"other.quality.{kind}") in keys


def _message_texts(summary: Summary) -> list[str]:
    """Return the summary's texts that come from the catalogue (not the bank's own prose)."""
    texts = [
        summary.headline,
        summary.met_text,
        summary.overall_text,
        summary.caveat,
        summary.comparison_text,
        summary.axes_intro or "",
        *summary.quality_notices,
        *summary.salary_lines,
        *(group.intro or "" for group in summary.groups),
    ]
    for card in summary.cards:
        texts += [card.verdict, card.band_label, card.score_text, card.strength or ""]
        # The axis text ends with the setting's rationale (bank prose); its first sentence is ours.
        texts.append((card.axis_text or "").split(". ")[0])
    return texts


def _results(bank: Bank) -> list[Result]:
    people = random_answers(bank, 30, seed=15)
    if bank.version == 1:
        people += [persona_answers(t) for t in (FIREFIGHTER, MODERNIZER, TECHNICIAN)]
    return [build_result(answers, bank) for answers in people]


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_shared_summary_speaks_about_the_person(version: int, lang: Language) -> None:
    """For many answer patterns of both banks, every catalogue text of the shared summary is
    in the third person, while the person's own summary still speaks to them."""
    bank = load_bank(version)
    own_headlines = []
    for result in _results(bank):
        other = summarize(result, bank, lang, "other")
        assert other.viewer == "other"
        assert [t for t in _message_texts(other) if SECOND_PERSON[lang].search(t)] == []
        own = summarize(result, bank, lang)
        assert own == summarize(result, bank, lang, "self")
        own_headlines.append(own.headline)
    assert any(SECOND_PERSON[lang].search(headline) for headline in own_headlines)


def test_shared_summary_never_shows_the_salary_or_the_strength_addressed_to_the_person() -> None:
    """Someone else never sees a salary check, nor the bank's "Sie bewahren …" strength texts."""
    bank = load_bank(2)
    answers = random_answers(bank, 1, seed=3)[0].model_copy(update={"background": "experienced"})
    result = build_result(answers, bank, "experienced", 6000)
    assert summarize(result, bank, "de").salary_lines
    other = summarize(result, bank, "de", "other")
    assert other.salary_lines == ()
    assert all(card.strength is None for card in other.cards)
    assert any(card.strength for card in summarize(result, bank, "de").cards)


def test_voiced_picks_the_reader_once() -> None:
    """The same key gives the person's text or the third-person text, by the viewer alone."""
    own = voiced("level.gaps_headline", "de", "self", profile="Mittelstand")
    other = voiced("level.gaps_headline", "de", "other", profile="Mittelstand")
    assert own == msg("level.gaps_headline", "de", profile="Mittelstand")
    assert other == (
        "Zwischen dem Profil der Person und den Anforderungen im Umfeld „Mittelstand“ "
        "gibt es deutliche Lücken."
    )
    with pytest.raises(KeyError):
        voiced("overall.met", "de", "other", met=1, scored=2)


def _text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize("version", [1, 2])
def test_pdf_of_a_shared_link_speaks_about_the_person(version: int) -> None:
    """The PDF offered on a shared result says "Das Profil der Person", never "Ihr Profil"."""
    bank = load_bank(version)
    result = _results(bank)[0]
    own = _text(build_pdf(result, bank, "de", LINK, today=DAY))
    other = _text(build_pdf(result, bank, "de", LINK, today=DAY, viewer="other"))
    assert msg("pdf.chart", "de") in own
    assert msg("other.pdf.chart", "de") in other
    for phrase in ("Ihr Profil", "Ihre Antworten", "Ihr Wert", "Ihrer Werte", "Ihre Stärke"):
        assert phrase not in other, phrase
    assert "Antworten der Person" in other


def test_group_pdf_speaks_to_nobody_as_the_person() -> None:
    """The group PDF is about the group: no text in it addresses a reader as one of them."""
    bank = load_bank(2)
    codes = [encode_share_code(answers) for answers in random_answers(bank, 5, seed=9)]
    answers, invalid = parse_codes("\n".join(codes))
    assert not invalid
    for lang in LANGUAGES:
        text = _text(build_group_pdf(score_group(answers, "public"), 0, lang, today=DAY))
        assert SECOND_PERSON[lang].findall(text) == []


# --- issue 18, point 5: every text of every shared surface, the bank's prose included ----------

# Stricter than SECOND_PERSON: any capitalised "Sie"/"Ihr…" counts, also at a sentence's start
# (the shared surfaces say "die Person", never "sie" for her at the start of a sentence).
ADDRESS: dict[Language, re.Pattern[str]] = {
    "de": re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres|Ihnen)\b"),
    "en": SECOND_PERSON["en"],
}
FOOTER = re.compile(
    r"(Selbstcheck IT-Leitung Duisburg|Self-check: IT leadership in Duisburg)"
    r" · (Seite|page) \d+ (von|of) \d+"
)


def addressed(text: str, lang: Language, quoted: tuple[str, ...] = ()) -> list[str]:
    """Return the second-person words in text outside the quoted texts (shown under a label that
    says whom they were written to) and outside the banks' generic English "you" phrases."""
    text = " ".join(text.split())
    for part in sorted(quoted, key=len, reverse=True):
        text = text.replace(" ".join(part.split()), " ")
    if lang == "en":
        for phrase in GENERIC_YOU:
            text = text.replace(phrase, " ")
    return [match.group() for match in ADDRESS[lang].finditer(text)]


def edge_answers(bank: Bank) -> list[Answers]:
    """Answer patterns at the edges: all high, all low, and (bank v2) can't judge wherever
    allowed, for every background."""
    people = []
    for value in (5, 1, UNSURE):
        responses: dict[str, int | str] = {}
        for item in bank.form_items("full"):
            if isinstance(item, Scenario):
                best = max(item.options, key=lambda o: o.score) if value == 5 else item.options[0]
                responses[item.id] = best.id
            elif value == UNSURE:
                if getattr(item, "presumes", None) and bank.rules.honest_verdicts:
                    responses[item.id] = UNSURE
                else:
                    responses[item.id] = 3
            elif isinstance(item, LikertItem) and item.keying == "minus":
                responses[item.id] = 6 - int(value)
            else:
                responses[item.id] = value
        for background in (
            ("starter", "changer", "experienced") if bank.rules.has_background else (None,)
        ):
            people.append(
                Answers(
                    bank_version=bank.version,
                    form="full",
                    background=background,
                    responses=responses,
                )
            )
    return people


@functools.cache
def _patterns(version: int) -> tuple[Result, ...]:
    """Random answers of both forms (and, for v1, the personas), and the extremes."""
    bank = load_bank(version)
    return (*_results(bank), *(build_result(answers, bank) for answers in edge_answers(bank)))


def quoted_texts(summary: Summary) -> tuple[str, ...]:
    """The texts a shared result quotes as they were written to the person: the next steps (under
    "Nächste Schritte, die der Check der Person vorschlägt") and the scenario review (introduced as
    the questionnaire's own words)."""
    texts: list[str] = [step for card in summary.cards for step in card.next_steps]
    for review in summary.scenarios:
        texts.append(review.situation)
        for option in review.options:
            texts += [option.text, option.rationale]
    return tuple(texts)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_of_the_shared_summary_is_about_the_person(version: int, lang: Language) -> None:
    """Every text of the shared summary, the bank's texts about the role included (courage,
    leadership, motivation: "Ob Sie dabei …"), is free of "Sie/Ihr"/"you" – but for the next steps
    and the scenario review, which are quoted as written to the person."""
    bank = load_bank(version)
    for result in _patterns(version):
        other = summarize(result, bank, lang, "other")
        quoted = quoted_texts(other)
        found = {
            text: words
            for text in _strings(other.model_dump(exclude={"scenarios"}))
            if (words := addressed(text, lang, quoted))
        }
        assert found == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_role_texts_lose_only_the_sentences_that_speak_to_the_person(lang: Language) -> None:
    """Someone else reads the article's implication without "Ob Sie dabei viel abgeben …" but
    with everything else; the person still reads it whole."""
    bank = load_bank(2)
    text = bank.dimension("leadership").anchor.implication(lang)
    own = about_the_role(text, lang, "self")
    other = about_the_role(text, lang, "other")
    assert own == text
    dropped = {"de": "Ob Sie dabei viel abgeben", "en": "Whether you hand a lot over"}[lang]
    kept = {"de": "Führung heißt hier: Prioritäten setzen", "en": "Leading here means"}[lang]
    assert dropped in own
    assert dropped not in other
    assert kept in other
    assert other.startswith(text[:40])
    # A sentence whose "you" means "one" stays: its demand's core would be lost otherwise.
    foundation = bank.dimension("foundation").anchor.implication("en")
    assert about_the_role(foundation, "en", "other") == foundation


def _pdf_text(document: bytes) -> str:
    return FOOTER.sub(" ", _text(document))


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_shared_pdf_speaks_about_the_person_for_every_answer_pattern(
    version: int, lang: Language
) -> None:
    """The PDF offered on a shared link, for several answer patterns: no "Sie/Ihr"/"you" but the
    note on whom to pass the link to and the next steps quoted as written to the person."""
    bank = load_bank(version)
    results = _patterns(version)
    # A random pattern, all high (strengths) and all low (development areas, next steps).
    high, low = (-9, -6) if version == 2 else (-3, -2)
    for result in (results[0], results[high], results[low]):
        other = summarize(result, bank, lang, "other")
        text = _pdf_text(build_pdf(result, bank, lang, LINK, today=DAY, viewer="other"))
        allowed = (*quoted_texts(other), msg("other.pdf.link_note", lang))
        assert addressed(text, lang, allowed) == [], text
    own = _pdf_text(build_pdf(results[0], bank, lang, LINK, today=DAY))
    assert addressed(own, lang)


def _mirror_texts(codes: list[str], lang: Language, viewer: str) -> list[str]:
    mirror = mirror_codes(own_answers(), codes)
    text = describe_mirror(mirror, load_bank(2), lang, viewer)  # type: ignore[arg-type]
    return [s for s in _strings(dataclasses.asdict(text)) if s not in ("self", "other")]


MIRROR_CASES = {
    "three": [peer_code(v) for v in (1, 3, 5)],
    "similar": [peer_code(3) for _ in range(3)],
    "too_few": [peer_code(2), peer_code(4)],
    "refused": [peer_code(1), peer_code(2), peer_code(5), peer_code(3, "full"), "junk"],
}


@pytest.mark.parametrize("case", MIRROR_CASES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_comparison_opened_by_someone_else_speaks_about_the_person(
    case: str, lang: Language
) -> None:
    """The comparison's texts for someone else: "Wert der Person", "ihre Kolleg/innen", never
    "Ihr Wert", "Ihr Selbstbild", "Sie (0–100)"; the person still reads "Ihr Wert"."""
    codes = MIRROR_CASES[case]
    other = _mirror_texts(codes, lang, "other")
    assert [(text, addressed(text, lang)) for text in other if addressed(text, lang)] == []
    own = _mirror_texts(codes, lang, "self")
    assert any(addressed(text, lang) for text in own)


def test_comparison_for_someone_else_names_the_person_in_every_row() -> None:
    """Rows, lines and headings use the person's texts, in both languages."""
    mirror = mirror_codes(own_answers(), MIRROR_CASES["three"])
    bank = load_bank(2)
    de = describe_mirror(mirror, bank, "de", "other")
    assert de.self_heading == "Selbstbild der Person (0–100)"
    assert all(row.self_text.startswith("Wert der Person: ") for row in de.rows)
    assert describe_mirror(mirror, bank, "de").self_heading == "Sie (0–100)"
    en = describe_mirror(mirror, bank, "en", "other")
    assert en.chart_name == msg("other.peer.chart_name", "en")
    assert all(row.self_text.startswith("This person's score: ") for row in en.rows)
    assert "this person" in json_texts(mirror_json(mirror, bank, "en", "other"))
    # The CLI is used by the person: it keeps speaking to them.
    assert "Your score" in render_mirror_text(mirror, bank, "en")


def json_texts(document: str) -> str:
    import json

    return json.dumps(json.loads(document)["texts"], ensure_ascii=False)


@pytest.mark.parametrize("case", ["three", "too_few"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_comparison_pdf_for_someone_else_speaks_about_the_person(case: str, lang: Language) -> None:
    """The comparison's PDF offered to someone else has no "Sie/Ihr"/"you"; the person's has."""
    mirror = mirror_codes(own_answers(), MIRROR_CASES[case])
    bank = load_bank(2)
    other = _pdf_text(build_mirror_pdf(mirror, bank, lang, LINK, today=DAY, viewer="other"))
    assert addressed(other, lang) == [], other
    own = _pdf_text(build_mirror_pdf(mirror, bank, lang, LINK, today=DAY))
    assert addressed(own, lang)


# Every sentence of the released banks' role texts that someone else does not read, by bank,
# dimension, text and language: each one speaks to the person ("Ob Sie dabei …", "what appeals
# to you"). A new entry here means a bank text that needs a look, not a silent loss.
DROPPED = {
    (2, "leadership", "why", "de"),
    (2, "courage", "why", "de"),
    (2, "motivation", "definition", "de"),
    (2, "motivation", "why", "de"),
    (2, "budget", "why", "en"),
    (2, "legacy", "why", "en"),
    (2, "learning", "definition", "en"),
    (2, "leadership", "why", "en"),
    (2, "pragmatism", "why", "en"),
    (2, "courage", "definition", "en"),
    (2, "courage", "why", "en"),
    (2, "motivation", "definition", "en"),
    (2, "motivation", "why", "en"),
}


def test_only_the_listed_role_sentences_are_left_out_for_someone_else() -> None:
    """Over every role text of banks v1 and v2 (definitions, the article's implications, the
    settings' rationales), exactly the listed texts lose exactly one sentence for someone else."""
    dropped = set()
    for version in (1, 2):
        bank = load_bank(version)
        for dimension in bank.dimensions:
            texts = {"definition": dimension.definition, "why": dimension.anchor.implication}
            for profile in bank.profiles.values():
                if dimension.id in profile.targets:
                    texts[f"rationale {profile.id}"] = profile.targets[dimension.id].rationale
                if dimension.id in profile.axes:
                    texts[f"axis {profile.id}"] = profile.axes[dimension.id].rationale
            for name, text in texts.items():
                for lang in LANGUAGES:
                    whole, shown = text(lang), about_the_role(text(lang), lang, "other")
                    if shown != whole:
                        dropped.add((version, dimension.id, name, lang))
                        assert len(shown) < len(whole)
                        assert whole.count(". ") - shown.count(". ") <= 1, (name, shown)
    assert dropped == DROPPED
