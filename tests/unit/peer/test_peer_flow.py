"""The colleague flow's wording (issue 22, point 4): the name given in the invitation in every
statement, grammatical whatever the name; "mindestens drei" agrees with the comparison's rule."""

from __future__ import annotations

import pytest

from assessment.bank.load import load_bank
from assessment.bank.models import FORM_IDS
from assessment.i18n import Language
from assessment.messages import msg
from assessment.peer.codes import named_statement, peer_statement, peer_statements
from assessment.peer.compare import MIN_PEERS
from tests.banks import RELEASED

PEER_BANKS = [v for v in RELEASED if load_bank(v).peer]
NAMES = ("Kim", "Thomas", "Anna K.", "Dr. Özlem Yıldız-Schmidt")


def test_named_german_keeps_die_person_as_subject_and_adds_the_name() -> None:
    """German pronouns agree with "die Person", so the name goes in brackets beside it."""
    text = "Bevor die Person einen Plan vorschlägt, sieht sie sich an, was der Person fehlt."
    assert named_statement(text, "Thomas", "de") == (
        "Bevor die Person (Thomas) einen Plan vorschlägt, sieht sie sich an, was der Person fehlt."
    )
    assert named_statement("Der Person fällt das leicht.", "Kim", "de") == (
        "Der Person (Kim) fällt das leicht."
    )


def test_named_english_puts_the_name_in_place_of_this_person() -> None:
    """English statements use the singular "they", right for any name."""
    text = "If this person's plan fails, this person says so before they are asked."
    assert named_statement(text, "Kim", "en") == (
        "If Kim's plan fails, Kim says so before they are asked."
    )
    assert named_statement("This person plans ahead.", "Thomas", "en") == "Thomas plans ahead."
    assert named_statement("No one person knows it.", "Kim", "en") == "No one person knows it."


@pytest.mark.parametrize("version", PEER_BANKS)
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_colleague_statement_names_the_person(
    version: int, lang: Language, name: str
) -> None:
    bank = load_bank(version)
    for form in FORM_IDS:
        for item in peer_statements(bank, form):
            plain = peer_statement(item, lang)
            named = peer_statement(item, lang, name)
            if lang == "de":
                assert named.count(f"Person ({name})") == 1, plain
                assert named.replace(f" ({name})", "", 1) == plain
            else:
                assert name in named, plain
                assert "this person" not in named.lower(), named
            assert peer_statement(item, lang, None) == plain


def test_at_least_three_in_the_invitation_is_the_comparisons_minimum() -> None:
    """The invitation section says "mindestens drei" / "at least three": the number the
    comparison needs before it shows figures."""
    words = {3: ("drei", "three")}
    assert MIN_PEERS in words, "the invitation text names the minimum as a word: update it"
    german, english = words[MIN_PEERS]
    assert f"mindestens {german} Kolleginnen und Kollegen" in msg("nav.peer.ask_three", "de")
    assert f"at least {english} colleagues" in msg("nav.peer.ask_three", "en")
