"""The legal pages say what the operator file and the app's facts say, in both languages."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from assessment.codes.links import (
    INVITE_NAME_PARAM,
    INVITE_PARAM,
    PEERS_PARAM,
    PROGRESS_PARAM,
    RATED_PARAM,
    SHARE_PARAM,
)
from assessment.i18n import Language
from assessment.messages import msg
from assessment.operate import facts
from assessment.operate.legal import LEGAL_PAGES, build_legal_page, page_text
from assessment.operate.operator import Operator, load_operator_file, parse_operator
from assessment.ui import peer, state

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "deploy" / "operator.example.toml"


@pytest.fixture(scope="module")
def operator() -> Operator:
    return load_operator_file(EXAMPLE)


def _variant(**privacy: object) -> Operator:
    with EXAMPLE.open("rb") as handle:
        raw = tomllib.load(handle)
    raw["privacy"].update(privacy)
    return parse_operator(tomli_w.dumps(raw))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_impressum_names_provider_address_contact_and_representative(
    operator: Operator, lang: Language
) -> None:
    """Name, full address, e-mail, phone, representative, register entry are on the page."""
    text = page_text(build_legal_page("impressum", operator, lang))
    provider = operator.provider
    for value in (
        provider.name,
        provider.address.street,
        f"{provider.address.postal_code} {provider.address.city}",
        provider.email,
        str(provider.phone),
        str(provider.represented_by),
        str(provider.register_entry),
        str(provider.content_responsible),
    ):
        assert value in text
    assert msg("legal.imp_provider", lang) in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_privacy_notice_states_every_fact_and_the_operators_choices(
    operator: Operator, lang: Language
) -> None:
    """Controller, officer, every processing fact, every link parameter, logs, basis, rights."""
    text = page_text(build_legal_page("datenschutz", operator, lang))
    for fact in facts.processing_facts(lang):
        assert fact in text
    for name, content in facts.link_parameters(lang):
        assert msg("legal.dp_param", lang, name=name, content=content) in text
    assert facts.codes_readable(lang) in text
    assert operator.privacy.data_protection_officer is not None
    assert operator.privacy.data_protection_officer.email in text
    assert operator.privacy.supervisory_authority.name in text
    assert msg("legal.dp_logs_kept", lang, days=7) in text
    assert msg("legal.dp_logs_no_query", lang) in text
    assert msg("legal.dp_basis_legitimate_interest", lang) in text
    assert msg("legal.dp_rights_text", lang) in text


def test_every_parameter_the_app_reads_is_explained() -> None:
    """The link table names exactly the query parameters the app reads."""
    read = {
        PROGRESS_PARAM,
        SHARE_PARAM,
        state.LANG_PARAM,
        state.BACKGROUND_PARAM,
        state.VIEW_PARAM,
        INVITE_PARAM,
        INVITE_NAME_PARAM,
        RATED_PARAM,
        peer.PAGE_PARAM,
        PEERS_PARAM,
        state.EXTRA_PARAM,
    }
    assert set(facts.LINK_PARAMETERS) == read


def test_logs_with_query_string_and_without_logs() -> None:
    """The notice follows the operator's log settings, not boilerplate."""
    with_query = page_text(build_legal_page("datenschutz", _variant(logs_query_string=True), "de"))
    assert msg("legal.dp_logs_query", "de") in with_query
    assert msg("legal.dp_logs_no_query", "de") not in with_query
    none = page_text(build_legal_page("datenschutz", _variant(log_retention_days=0), "de"))
    assert msg("legal.dp_logs_none", "de") in none
    assert msg("legal.dp_logs_kept", "de", days=0) not in none
    public = page_text(build_legal_page("datenschutz", _variant(legal_basis="public_task"), "en"))
    assert msg("legal.dp_basis_public_task", "en") in public


def test_without_officer_the_notice_says_so() -> None:
    """No officer configured: the notice says none is appointed."""
    with EXAMPLE.open("rb") as handle:
        raw = tomllib.load(handle)
    del raw["privacy"]["data_protection_officer"]
    operator = parse_operator(tomli_w.dumps(raw))
    text = page_text(build_legal_page("datenschutz", operator, "de"))
    assert msg("legal.dp_no_officer", "de") in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_accessibility_statement(operator: Operator, lang: Language) -> None:
    """Status with every known limit, how it was tested, dates, feedback and enforcement."""
    text = page_text(build_legal_page("barrierefreiheit", operator, lang))
    assert msg("legal.a11y_partial", lang) in text
    for limit in facts.accessibility_limits(lang):
        assert limit in text
    for guarantee in facts.accessibility_guarantees(lang):
        assert guarantee in text
    assert facts.AXE_CORE_VERSION in text
    assert ("30. November 2026" if lang == "de" else "30 November 2026") in text
    assert operator.accessibility.feedback_email in text
    assert operator.accessibility.enforcement_body.name in text


def test_pages_differ_by_language_and_have_titles(operator: Operator) -> None:
    """Each page has its own title in each language."""
    for page in LEGAL_PAGES:
        german = build_legal_page(page, operator, "de")
        english = build_legal_page(page, operator, "en")
        assert german.title != english.title
        assert page_text(german) != page_text(english)


def test_readme_states_the_same_facts() -> None:
    """The README's facts block is the one generated from assessment/operate/facts.py."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(facts.README_BEGIN)
    end = readme.index(facts.README_END) + len(facts.README_END)
    assert readme[start:end] == facts.facts_markdown("en"), (
        "run: python -m assessment.operate.facts"
    )
