"""The legal pages (Impressum, privacy notice, accessibility statement) built from the operator
file and the app's own facts; plain text, no markup, in German or English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from assessment.i18n import Language, format_day
from assessment.messages import msg
from assessment.operate import facts

if TYPE_CHECKING:  # pydantic models: the views import this module before any operator is read
    from assessment.operate.operator import Address, Authority, Operator

LegalPageId = Literal["impressum", "datenschutz", "barrierefreiheit"]
LEGAL_PAGES: tuple[LegalPageId, ...] = ("impressum", "datenschutz", "barrierefreiheit")
_TITLE_KEYS: dict[LegalPageId, str] = {
    "impressum": "legal.impressum_title",
    "datenschutz": "legal.privacy_title",
    "barrierefreiheit": "legal.accessibility_title",
}


@dataclass(frozen=True)
class Block:
    """A paragraph (lines kept apart, e.g. an address) or, when bulleted, a list."""

    lines: tuple[str, ...]
    bulleted: bool = False


@dataclass(frozen=True)
class Section:
    """A titled part of a legal page; the first section of a page may have no heading."""

    heading: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class LegalPage:
    """One legal page in one language."""

    page: LegalPageId
    title: str
    sections: tuple[Section, ...]


def legal_title(page: LegalPageId, lang: Language) -> str:
    """Return the title of a legal page (the footer's link text)."""
    return msg(_TITLE_KEYS[page], lang)


def _address(address: Address) -> tuple[str, ...]:
    return (address.street, f"{address.postal_code} {address.city}", address.country)


def _authority(authority: Authority, lang: Language) -> Block:
    lines = [authority.name, *_address(authority.address)]
    if authority.email:
        lines.append(msg("legal.email", lang, email=authority.email))
    if authority.phone:
        lines.append(msg("legal.phone", lang, phone=authority.phone))
    if authority.url:
        lines.append(msg("legal.web", lang, url=authority.url))
    return Block(tuple(lines))


def _impressum(operator: Operator, lang: Language) -> tuple[Section, ...]:
    provider = operator.provider
    head = [provider.name, *_address(provider.address)]
    if provider.represented_by:
        head.append(msg("legal.imp_represented", lang, name=provider.represented_by))
    contact = [msg("legal.email", lang, email=provider.email)]
    if provider.phone:
        contact.append(msg("legal.phone", lang, phone=provider.phone))
    sections = [
        Section(msg("legal.imp_provider", lang), (Block(tuple(head)),)),
        Section(msg("legal.imp_contact", lang), (Block(tuple(contact)),)),
    ]
    if provider.register_entry:
        sections.append(
            Section(msg("legal.imp_register", lang), (Block((provider.register_entry,)),))
        )
    if provider.vat_id:
        vat = msg("legal.imp_vat", lang, vat_id=provider.vat_id)
        sections.append(Section(None, (Block((vat,)),)))
    if provider.content_responsible:
        sections.append(
            Section(msg("legal.imp_content", lang), (Block((provider.content_responsible,)),))
        )
    sections.append(Section(None, (Block((msg("legal.imp_source", lang),)),)))
    return tuple(sections)


def _privacy(operator: Operator, lang: Language) -> tuple[Section, ...]:
    provider, privacy = operator.provider, operator.privacy
    controller = (
        provider.name,
        *_address(provider.address),
        msg("legal.email", lang, email=provider.email),
    )
    officer = privacy.data_protection_officer
    officer_block = (
        Block(
            (
                officer.name,
                *(_address(officer.address) if officer.address else ()),
                msg("legal.email", lang, email=officer.email),
            )
        )
        if officer
        else Block((msg("legal.dp_no_officer", lang),))
    )
    if privacy.log_retention_days == 0:
        logs: tuple[Block, ...] = (Block((msg("legal.dp_logs_none", lang),)),)
    else:
        query = "legal.dp_logs_query" if privacy.logs_query_string else "legal.dp_logs_no_query"
        logs = (
            Block((msg("legal.dp_logs_kept", lang, days=privacy.log_retention_days),)),
            Block(facts.log_fields(lang), bulleted=True),
            Block((msg(query, lang),)),
        )
    parameters = tuple(
        msg("legal.dp_param", lang, name=name, content=content)
        for name, content in facts.link_parameters(lang)
    )
    sections = [
        Section(msg("legal.dp_controller", lang), (Block(controller),)),
        Section(msg("legal.dp_officer", lang), (officer_block,)),
        Section(
            msg("legal.dp_app", lang),
            (
                Block((msg("legal.dp_app_intro", lang),)),
                Block(facts.processing_facts(lang), bulleted=True),
            ),
        ),
        Section(
            msg("legal.dp_link", lang),
            (Block(parameters, bulleted=True), Block((facts.codes_readable(lang),))),
        ),
        Section(msg("legal.dp_logs", lang), logs),
        Section(
            msg("legal.dp_basis", lang),
            (Block((msg(f"legal.dp_basis_{privacy.legal_basis}", lang),)),),
        ),
    ]
    if privacy.hosting:
        hosting = msg("legal.dp_hosting_text", lang, hosting=privacy.hosting)
        sections.append(Section(msg("legal.dp_hosting", lang), (Block((hosting,)),)))
    sections += [
        Section(
            msg("legal.dp_recipients", lang),
            (
                Block((msg("legal.dp_recipients_text", lang),)),
                Block((msg("legal.dp_no_decision", lang),)),
            ),
        ),
        Section(
            msg("legal.dp_rights", lang),
            (
                Block((msg("legal.dp_rights_text", lang),)),
                Block((msg("legal.dp_complaint", lang),)),
                _authority(privacy.supervisory_authority, lang),
            ),
        ),
    ]
    return tuple(sections)


def _accessibility(operator: Operator, lang: Language) -> tuple[Section, ...]:
    a11y = operator.accessibility
    limits = facts.accessibility_limits(lang)
    status = (
        (Block((msg("legal.a11y_partial", lang),)), Block(limits, bulleted=True))
        if limits
        else (Block((msg("legal.a11y_full", lang),)),)
    )
    feedback = [msg("legal.email", lang, email=a11y.feedback_email)]
    if a11y.feedback_phone:
        feedback.append(msg("legal.phone", lang, phone=a11y.feedback_phone))
    method = msg(
        "legal.a11y_method_text",
        lang,
        date=format_day(a11y.statement_date, lang),
        reviewed=format_day(a11y.last_reviewed, lang),
        tested=facts.how_tested(lang),
    )
    return (
        Section(None, (Block((msg("legal.a11y_intro", lang, provider=operator.provider.name),)),)),
        Section(msg("legal.a11y_status", lang), status),
        Section(
            msg("legal.a11y_done", lang),
            (Block(facts.accessibility_guarantees(lang), bulleted=True),),
        ),
        Section(msg("legal.a11y_method", lang), (Block((method,)),)),
        Section(
            msg("legal.a11y_feedback", lang),
            (Block((msg("legal.a11y_feedback_text", lang),)), Block(tuple(feedback))),
        ),
        Section(
            msg("legal.a11y_enforcement", lang),
            (
                Block((msg("legal.a11y_enforcement_text", lang),)),
                _authority(a11y.enforcement_body, lang),
            ),
        ),
    )


def build_legal_page(page: LegalPageId, operator: Operator, lang: Language) -> LegalPage:
    """Return a legal page for an operator in a language."""
    builders = {
        "impressum": _impressum,
        "datenschutz": _privacy,
        "barrierefreiheit": _accessibility,
    }
    return LegalPage(page, legal_title(page, lang), builders[page](operator, lang))


def page_text(page: LegalPage) -> str:
    """Return a page as plain text (for tests and the command line)."""
    parts = [page.title]
    for section in page.sections:
        if section.heading:
            parts.append(section.heading)
        for block in section.blocks:
            parts.extend(f"- {line}" if block.bulleted else line for line in block.lines)
    return "\n".join(parts)
