"""Invitation links and peer codes: short, URL-safe, checksummed, never a person's own answers.

Invitation (base64url without padding):
  format 4 | bank version | flags (form, language) | display name (UTF-8, ≤ 30 characters) | crc32
Peer code:
  format 3 | bank version | flags (form, language) | ratings | crc32
The ratings are one mixed-radix integer over the form's statements and trade-offs in order:
0 = not rated, 1–5, 6 = "Kann ich nicht beurteilen". Scenarios and validity statements are not
in the peer questionnaire. Only the canonical string of a content is accepted, as for share codes.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import unicodedata
import zlib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessment.bank import QUESTIONS_DIR, load_bank
from assessment.errors import BankError, CodeError, SelbstcheckError
from assessment.i18n import LANGUAGES, Language
from assessment.models import (
    FORM_IDS,
    LIKERT_MAX,
    LIKERT_MIN,
    UNSURE,
    Bank,
    FormId,
    LikertItem,
    TradeoffItem,
)
from assessment.sharecode import MAX_CODE_LENGTH, PEER_CODE_FORMAT

INVITATION_FORMAT = 4
MAX_NAME_LENGTH = 30
# An invitation holds at most 30 characters of four UTF-8 bytes each, plus header and checksum.
MAX_INVITATION_LENGTH = 200
_CHECKSUM_BYTES = 4
_HEADER_BYTES = 3
_NA_DIGIT = LIKERT_MAX + 1
_RADIX = _NA_DIGIT + 1
_ALPHABET = re.compile(r"^[A-Za-z0-9_-]*$")

# A rating 1–5, or "na": "Kann ich nicht beurteilen".
PeerValue = (
    Annotated[int, Field(ge=LIKERT_MIN, le=LIKERT_MAX)] | Annotated[str, Field(pattern=r"^na$")]
)
PeerItem = LikertItem | TradeoffItem


class InvitationError(SelbstcheckError):
    """An invitation link that cannot be read, or a display name that cannot go into one."""


class Invitation(BaseModel):
    """What an invitation link carries: bank version, form, language and an optional name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bank_version: int = Field(ge=1, le=255)
    form: FormId
    language: Language = "de"
    name: str | None = Field(default=None, min_length=1, max_length=MAX_NAME_LENGTH)


class PeerAnswers(BaseModel):
    """A colleague's ratings of one form's statements and trade-offs about the person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bank_version: int = Field(ge=1, le=255)
    form: FormId
    language: Language = "de"
    responses: dict[str, PeerValue] = Field(
        default_factory=dict,
        description='Item id → 1–5, or "na" (can\'t judge); unrated items absent',
        max_length=500,
    )


def peer_items(bank: Bank, form: FormId) -> tuple[PeerItem, ...]:
    """Return the items of a form that a colleague rates: statements and trade-offs, in order."""
    return tuple(
        item for item in bank.form_items(form) if isinstance(item, LikertItem | TradeoffItem)
    )


def peer_statement(item: LikertItem, lang: Language) -> str:
    """Return a statement's third-person text (a peer-enabled bank has one for every statement)."""
    if item.peer is None:
        raise CodeError("code.peer_unavailable", version=0)
    return item.peer(lang)


def peer_poles(item: TradeoffItem, lang: Language) -> tuple[str, str]:
    """Return a trade-off's two poles in the third person."""
    if item.peer is None:
        raise CodeError("code.peer_unavailable", version=0)
    return item.peer.a(lang), item.peer.b(lang)


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64decode(text: str, error: SelbstcheckError) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise error from None


def _with_checksum(body: bytes) -> bytes:
    return body + zlib.crc32(body).to_bytes(_CHECKSUM_BYTES, "big")


def _checked_body(raw: bytes, error: SelbstcheckError) -> bytes:
    body, checksum = raw[:-_CHECKSUM_BYTES], raw[-_CHECKSUM_BYTES:]
    if zlib.crc32(body).to_bytes(_CHECKSUM_BYTES, "big") != checksum:
        raise error
    return body


def _peer_bank(version: int, root: Path) -> Bank:
    try:
        bank = load_bank(version, root)
    except BankError:
        raise CodeError("code.unknown_version", version=version) from None
    if not bank.peer:
        raise CodeError("code.peer_unavailable", version=version)
    return bank


def clean_name(name: str | None) -> str | None:
    """Return a display name as it goes into a link (trimmed; None when empty).

    Raise InvitationError when it is too long or holds control characters.
    """
    if name is None:
        return None
    cleaned = unicodedata.normalize("NFC", name.strip())
    if not cleaned:
        return None
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InvitationError("peer.name_too_long", limit=MAX_NAME_LENGTH)
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise InvitationError("peer.name_characters")
    return cleaned


def encode_invitation(invitation: Invitation, root: Path = QUESTIONS_DIR) -> str:
    """Return the invitation token for the link (its bank version must offer the peer view)."""
    try:
        _peer_bank(invitation.bank_version, root)
    except CodeError:
        raise InvitationError("peer.invite_unavailable") from None
    name = clean_name(invitation.name) or ""
    flags = FORM_IDS.index(invitation.form) | LANGUAGES.index(invitation.language) << 1
    body = bytes([INVITATION_FORMAT, invitation.bank_version, flags]) + name.encode("utf-8")
    return _b64encode(_with_checksum(body))


def decode_invitation(token: str, root: Path = QUESTIONS_DIR) -> Invitation:
    """Return what an invitation token carries, or raise InvitationError saying what is wrong."""
    text = token.strip()
    damaged = InvitationError("peer.invite_damaged")
    if not text:
        raise InvitationError("peer.invite_empty")
    if len(text) > MAX_INVITATION_LENGTH or not _ALPHABET.match(text):
        raise damaged
    if len(text) < math.ceil((_HEADER_BYTES + _CHECKSUM_BYTES) * 4 / 3) or len(text) % 4 == 1:
        raise damaged
    body = _checked_body(_b64decode(text, damaged), damaged)
    code_format, version, flags = body[:_HEADER_BYTES]
    if code_format != INVITATION_FORMAT or flags >> 2:
        raise damaged
    try:
        name = body[_HEADER_BYTES:].decode("utf-8") or None
        invitation = Invitation(
            bank_version=version,
            form=FORM_IDS[flags & 1],
            language=LANGUAGES[flags >> 1 & 1],
            name=clean_name(name),
        )
    except (UnicodeDecodeError, ValidationError, InvitationError):
        raise damaged from None
    try:
        if encode_invitation(invitation, root) != text:
            raise damaged
    except InvitationError:
        raise InvitationError("peer.invite_unavailable") from None
    return invitation


_LAYOUTS: dict[tuple[int, FormId], tuple[Bank, int, int]] = {}


def _layout(bank: Bank, form: FormId) -> tuple[int, int]:
    """Return how many items a colleague rates and the bytes their ratings take (cached)."""
    cached = _LAYOUTS.get((id(bank), form))
    if cached is None or cached[0] is not bank:
        count = len(peer_items(bank, form))
        size = max(1, ((_RADIX**count - 1).bit_length() + 7) // 8)
        cached = (bank, count, size)
        _LAYOUTS[id(bank), form] = cached
    return cached[1], cached[2]


def check_peer_answers(answers: PeerAnswers, bank: Bank) -> PeerAnswers:
    """Return the ratings if every one names a statement or trade-off of the form."""
    allowed = {item.id for item in peer_items(bank, answers.form)}
    for item_id in answers.responses:
        if item_id not in allowed:
            raise CodeError("code.peer_unknown_item", item=item_id)
    return answers


def encode_peer_code(answers: PeerAnswers, root: Path = QUESTIONS_DIR) -> str:
    """Return the peer code of a colleague's ratings."""
    bank = _peer_bank(answers.bank_version, root)
    check_peer_answers(answers, bank)
    _, size = _layout(bank, answers.form)
    number = 0
    for item in reversed(peer_items(bank, answers.form)):
        value = answers.responses.get(item.id)
        digit = 0 if value is None else _NA_DIGIT if value == UNSURE else int(value)
        number = number * _RADIX + digit
    flags = FORM_IDS.index(answers.form) | LANGUAGES.index(answers.language) << 1
    body = bytes([PEER_CODE_FORMAT, answers.bank_version, flags]) + number.to_bytes(size, "big")
    return _b64encode(_with_checksum(body))


def _chars(size: int) -> int:
    return math.ceil(size * 4 / 3)


def decode_peer_code(code: str, root: Path = QUESTIONS_DIR) -> PeerAnswers:
    """Return a colleague's ratings from a peer code, or raise CodeError saying what is wrong."""
    text = code.strip()
    if not text:
        raise CodeError("code.empty")
    if len(text) > MAX_CODE_LENGTH:
        raise CodeError("code.too_long", limit=MAX_CODE_LENGTH)
    if not _ALPHABET.match(text):
        raise CodeError("code.bad_characters")
    if len(text) < 4:
        raise CodeError("code.truncated")
    code_format, version, flags = _b64decode(text[:4], CodeError("code.corrupted"))
    if code_format in (1, 2):
        raise CodeError("code.share_not_peer")
    if code_format != PEER_CODE_FORMAT or flags >> 2:
        raise CodeError("code.peer_not_a_code")
    bank = _peer_bank(version, root)
    form = FORM_IDS[flags & 1]
    _, size = _layout(bank, form)
    expected = _chars(_HEADER_BYTES + size + _CHECKSUM_BYTES)
    if len(text) < expected:
        raise CodeError("code.truncated")
    if len(text) > expected:
        raise CodeError("code.wrong_length")
    body = _checked_body(_b64decode(text, CodeError("code.corrupted")), CodeError("code.corrupted"))
    number = int.from_bytes(body[_HEADER_BYTES:], "big")
    responses: dict[str, int | str] = {}
    for item in peer_items(bank, form):
        number, digit = divmod(number, _RADIX)
        if digit:
            responses[item.id] = UNSURE if digit == _NA_DIGIT else digit
    if number:
        raise CodeError("code.corrupted")
    answers = PeerAnswers.model_validate(
        {
            "bank_version": version,
            "form": form,
            "language": LANGUAGES[flags >> 1 & 1],
            "responses": responses,
        }
    )
    if encode_peer_code(answers, root) != text:
        raise CodeError("code.not_canonical")
    return answers


def is_peer_code(text: str) -> bool:
    """Return whether a text begins like a peer code (for routing, not for trust)."""
    stripped = text.strip()
    if len(stripped) < 4 or not _ALPHABET.match(stripped[:4]):
        return False
    return _b64decode(stripped[:4], CodeError("code.corrupted"))[0] == PEER_CODE_FORMAT
