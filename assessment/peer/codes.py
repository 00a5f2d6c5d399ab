"""Invitation links and peer codes: short, URL-safe, checksummed, never a person's own answers.

Invitation (base64url without padding):
  format 7 | bank version | flags (form, language) | invitation id (3 bytes) | display name
  (UTF-8, ≤ 30 characters) | crc32
  (format 4, released with bank v2, has no invitation id; such links still open.)
Peer code:
  format 5 | bank version | flags (form, language, names an invitation) | [invitation id] |
  ratings | crc32
  (format 3, released with bank v2, has no invitation id and also rates the trade-offs; such
  codes still decode. Their trade-off ratings are read and never compared.)
The ratings are one mixed-radix integer over the rated items in order (format 5: the form's
statements; format 3: its statements and trade-offs): 0 = not rated, 1–5, 6 = "Kann ich nicht
beurteilen". A frequency statement (rules 4) is rated 1–4 (never, once, 2–3 times, more often)
or 6; its digit 5 is refused. Scenarios and validity statements are not in the peer
questionnaire. Only the canonical string of a content is accepted, as for share codes.

The invitation id is derived from the person's answers (bank version, form, responses without
the targeted extra questions; not the language or setting), so the person's page knows which
invitation is theirs without storing anything: three bytes of SHA-256, which no one can turn
back into answers. A code is no signature: whoever has an invitation link can make codes for
it, and whoever holds a code can read it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import re
import unicodedata
import zlib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import (
    FORM_IDS,
    LIKERT_MAX,
    LIKERT_MIN,
    UNSURE,
    Bank,
    FormId,
    LikertItem,
    TradeoffItem,
    answer_values,
)
from assessment.codes.share import (
    MAX_CODE_LENGTH,
    PEER_CODE_FORMAT_V1,
    PEER_CODE_FORMAT_V2,
    SUMMARY_CODE_FORMAT,
)
from assessment.engine.answers import Answers, without_extra
from assessment.errors import BankError, CodeError, SelbstcheckError
from assessment.i18n import LANGUAGES, Language

# Invitations of format 4 (bank v2's first release) name no invitation; format 7 does.
INVITATION_FORMAT_V1 = 4
INVITATION_FORMAT = 7
PeerCodeFormat = Literal[3, 5]
_INVITATION_ID_BYTES = 3
INVITATION_ID_PATTERN = r"^[0-9A-F]{6}$"
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
    """What an invitation link carries: bank version, form, language, the invitation's id and an
    optional name (no id: a link of format 4, made before invitations had one)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    bank_version: int = Field(ge=1, le=255)
    form: FormId
    language: Language = "de"
    name: str | None = Field(default=None, min_length=1, max_length=MAX_NAME_LENGTH)
    invitation_id: str | None = Field(default=None, pattern=INVITATION_ID_PATTERN)


class PeerAnswers(BaseModel):
    """A colleague's ratings of one form's statements and trade-offs about the person."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    bank_version: int = Field(ge=1, le=255)
    form: FormId
    language: Language = "de"
    responses: dict[str, PeerValue] = Field(
        default_factory=dict,
        description=(
            'Item id → 1–5 (1–4 on a frequency statement), or "na" (can\'t judge);'
            " unrated items absent"
        ),
        max_length=500,
    )
    invitation_id: str | None = Field(
        default=None,
        pattern=INVITATION_ID_PATTERN,
        description="The invitation the code answers (None: a code that names none)",
    )
    code_format: PeerCodeFormat = Field(
        default=PEER_CODE_FORMAT_V2,
        description="5 (statements only, names its invitation) or 3 (the first release)",
    )


def invitation_id(answers: Answers, root: Path = QUESTIONS_DIR) -> str:
    """Return the id of a person's invitation: derived from the content of their answers.

    Language, setting, background, timings and the targeted extra questions are left out, so
    switching the language or the setting, or answering extra questions, keeps the invitation
    (extra answers add evidence; they do not change what colleagues were asked about); changing
    an answer of the questionnaire makes a new one."""
    return _hashed_id(without_extra(answers, load_bank(answers.bank_version, root)))


def accepted_invitation_ids(answers: Answers, root: Path = QUESTIONS_DIR) -> tuple[str, ...]:
    """Return the invitation ids whose codes count for the answers: invitation_id first, then
    the id that releases before the extra questions were left out computed for the same answers
    (all responses hashed), when it differs: an invitation made from a result that already
    carried extra answers keeps working."""
    current = invitation_id(answers, root)
    legacy = _hashed_id(answers)
    return (current,) if legacy == current else (current, legacy)


def _hashed_id(answers: Answers) -> str:
    content = json.dumps(
        [answers.bank_version, answers.form, sorted(answers.responses.items())],
        separators=(",", ":"),
    )
    digest = hashlib.sha256(b"selbstcheck invitation\0" + content.encode("utf-8")).digest()
    return digest[:_INVITATION_ID_BYTES].hex().upper()


def canonical_ratings(peer: PeerAnswers, bank: Bank) -> tuple[int, FormId, tuple[int, ...]]:
    """Return what a peer code says about the person, however it is spelt: bank version, form
    and the statements' ratings 1–5 (unrated and "can't judge" alike as 0).

    Language, invitation id, code format and trade-off ratings (never compared) are left out:
    two codes with the same canonical ratings count as one colleague."""
    statements = peer_statements(bank, peer.form)
    values = tuple(
        value if isinstance(value := peer.responses.get(item.id), int) else 0 for item in statements
    )
    return peer.bank_version, peer.form, values


def peer_items(
    bank: Bank, form: FormId, code_format: PeerCodeFormat = PEER_CODE_FORMAT_V2
) -> tuple[PeerItem, ...]:
    """Return the items of a form that a colleague rates, in order: its statements (format 5,
    today's questionnaire), or its statements and trade-offs (format 3, the first release)."""
    kinds = LikertItem if code_format == PEER_CODE_FORMAT_V2 else LikertItem | TradeoffItem
    return tuple(item for item in bank.form_items(form) if isinstance(item, kinds))


def peer_statements(bank: Bank, form: FormId) -> tuple[LikertItem, ...]:
    """Return the statements of a form that a colleague rates today, in order."""
    return tuple(item for item in bank.form_items(form) if isinstance(item, LikertItem))


def peer_statement(item: LikertItem, lang: Language, name: str | None = None) -> str:
    """Return a statement's third-person text (a peer-enabled bank has one for every statement),
    naming the person where the invitation gives a name (named_statement)."""
    if item.peer is None:
        raise CodeError("code.peer_unavailable", version=0)
    text = item.peer(lang)
    return text if name is None else named_statement(text, name, lang)


# The rated person in the banks' third-person texts: "die Person" / "der Person" (German),
# "this person" / "this person's" (English).
_GERMAN_PERSON = re.compile(r"\b([Dd]ie|[Dd]er) Person\b")
_ENGLISH_PERSON = re.compile(r"\b[Tt]his person('s)?\b")


def named_statement(text: str, name: str, lang: Language) -> str:
    """Return a third-person statement naming the person, grammatical whatever the name.

    German keeps "die Person" as the grammatical subject, because the statements' pronouns
    ("sie", "ihr") agree with it and not with a name whose gender is unknown; the name follows
    in brackets at its first mention ("Bevor die Person (Kim) …, sieht sie sich an"). English
    puts the name in place of "this person": its pronouns are the singular "they", right for
    any name ("Before Kim suggests …, they look at …")."""
    if lang == "de":
        return _GERMAN_PERSON.sub(lambda m: f"{m[0]} ({name})", text, count=1)
    return _ENGLISH_PERSON.sub(lambda m: name + ("'s" if m[1] else ""), text)


def peer_poles(item: TradeoffItem, lang: Language) -> tuple[str, str]:
    """Return a trade-off's two poles in the third person."""
    if item.peer is None:
        raise CodeError("code.peer_unavailable", version=0)
    return item.peer.a(lang), item.peer.b(lang)


def b64encode(data: bytes) -> str:
    """Return bytes as base64url without padding (the spelling of every code)."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64decode(text: str, error: SelbstcheckError) -> bytes:
    """Return the bytes of base64url text, or raise error."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise error from None


def with_checksum(body: bytes) -> bytes:
    """Return body followed by its CRC-32."""
    return body + zlib.crc32(body).to_bytes(_CHECKSUM_BYTES, "big")


def checked_body(raw: bytes, error: SelbstcheckError) -> bytes:
    """Return raw without its CRC-32, or raise error when the checksum does not match."""
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
    """Return the invitation token for the link (its bank version must offer the peer view).

    An invitation with an id is written in format 7, one without (the first release) in 4."""
    try:
        _peer_bank(invitation.bank_version, root)
    except CodeError:
        raise InvitationError("peer.invite_unavailable") from None
    name = clean_name(invitation.name) or ""
    flags = FORM_IDS.index(invitation.form) | LANGUAGES.index(invitation.language) << 1
    if invitation.invitation_id is None:
        head = bytes([INVITATION_FORMAT_V1, invitation.bank_version, flags])
    else:
        head = bytes([INVITATION_FORMAT, invitation.bank_version, flags]) + bytes.fromhex(
            invitation.invitation_id
        )
    return b64encode(with_checksum(head + name.encode("utf-8")))


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
    body = checked_body(b64decode(text, damaged), damaged)
    code_format, version, flags = body[:_HEADER_BYTES]
    if code_format not in (INVITATION_FORMAT, INVITATION_FORMAT_V1) or flags >> 2:
        raise damaged
    head = _HEADER_BYTES + (_INVITATION_ID_BYTES if code_format == INVITATION_FORMAT else 0)
    if len(body) < head:
        raise damaged
    try:
        name = body[head:].decode("utf-8") or None
        invitation = Invitation(
            bank_version=version,
            form=FORM_IDS[flags & 1],
            language=LANGUAGES[flags >> 1 & 1],
            name=clean_name(name),
            invitation_id=body[_HEADER_BYTES:head].hex().upper() or None,
        )
    except (UnicodeDecodeError, ValidationError, InvitationError):
        raise damaged from None
    try:
        if encode_invitation(invitation, root) != text:
            raise damaged
    except InvitationError:
        raise InvitationError("peer.invite_unavailable") from None
    return invitation


_LAYOUTS: dict[tuple[int, FormId, int], tuple[Bank, int, int]] = {}


def _layout(bank: Bank, form: FormId, code_format: PeerCodeFormat) -> tuple[int, int]:
    """Return how many items a colleague rates and the bytes their ratings take (cached)."""
    key = (id(bank), form, code_format)
    cached = _LAYOUTS.get(key)
    if cached is None or cached[0] is not bank:
        count = len(peer_items(bank, form, code_format))
        size = max(1, ((_RADIX**count - 1).bit_length() + 7) // 8)
        cached = (bank, count, size)
        _LAYOUTS[key] = cached
    return cached[1], cached[2]


def check_peer_answers(answers: PeerAnswers, bank: Bank) -> PeerAnswers:
    """Return the ratings if every one names an item that its code format rates in the form."""
    allowed = {item.id: item for item in peer_items(bank, answers.form, answers.code_format)}
    for item_id, value in answers.responses.items():
        item = allowed.get(item_id)
        if item is None:
            raise CodeError("code.peer_unknown_item", item=item_id)
        # A frequency statement (rules 4) is rated 1–4 (never … more often) or "na"; the digit
        # 5 of the ratings is no answer to it.
        if isinstance(value, int) and value not in answer_values(item):
            raise CodeError("code.peer_frequency_value", item=item_id)
    if answers.code_format == PEER_CODE_FORMAT_V1 and answers.invitation_id is not None:
        raise CodeError("code.peer_not_a_code")
    return answers


def encode_peer_code(answers: PeerAnswers, root: Path = QUESTIONS_DIR) -> str:
    """Return the peer code of a colleague's ratings (in the format the answers name)."""
    bank = _peer_bank(answers.bank_version, root)
    check_peer_answers(answers, bank)
    _, size = _layout(bank, answers.form, answers.code_format)
    number = 0
    for item in reversed(peer_items(bank, answers.form, answers.code_format)):
        value = answers.responses.get(item.id)
        digit = 0 if value is None else _NA_DIGIT if value == UNSURE else int(value)
        number = number * _RADIX + digit
    flags = FORM_IDS.index(answers.form) | LANGUAGES.index(answers.language) << 1
    head = bytes([answers.code_format, answers.bank_version])
    if answers.invitation_id is not None:
        head += bytes([flags | 1 << 2]) + bytes.fromhex(answers.invitation_id)
    else:
        head += bytes([flags])
    return b64encode(with_checksum(head + number.to_bytes(size, "big")))


def _chars(size: int) -> int:
    return math.ceil(size * 4 / 3)


def code_header(text: str) -> tuple[int, int, int]:
    """Return a code's format byte, bank version and flags; raise CodeError as peer codes do."""
    if not text:
        raise CodeError("code.empty")
    if len(text) > MAX_CODE_LENGTH:
        raise CodeError("code.too_long", limit=MAX_CODE_LENGTH)
    if not _ALPHABET.match(text):
        raise CodeError("code.bad_characters")
    if len(text) < 4:
        raise CodeError("code.truncated")
    code_format, version, flags = b64decode(text[:4], CodeError("code.corrupted"))
    if code_format in (1, 2):
        raise CodeError("code.share_not_peer")
    return code_format, version, flags


def decode_peer_code(code: str, root: Path = QUESTIONS_DIR) -> PeerAnswers:
    """Return a colleague's ratings from a peer code, or raise CodeError saying what is wrong."""
    text = code.strip()
    code_format, version, flags = code_header(text)
    if code_format == SUMMARY_CODE_FORMAT:
        raise CodeError("code.summary_not_peer")
    if code_format == PEER_CODE_FORMAT_V2:
        if flags >> 3:
            raise CodeError("code.peer_not_a_code")
    elif code_format != PEER_CODE_FORMAT_V1 or flags >> 2:
        raise CodeError("code.peer_not_a_code")
    fmt: PeerCodeFormat = (
        PEER_CODE_FORMAT_V2 if code_format == PEER_CODE_FORMAT_V2 else PEER_CODE_FORMAT_V1
    )
    named = bool(flags >> 2 & 1)
    bank = _peer_bank(version, root)
    form = FORM_IDS[flags & 1]
    _, size = _layout(bank, form, fmt)
    head = _HEADER_BYTES + (_INVITATION_ID_BYTES if named else 0)
    expected = _chars(head + size + _CHECKSUM_BYTES)
    if len(text) < expected:
        raise CodeError("code.truncated")
    if len(text) > expected:
        raise CodeError("code.wrong_length")
    body = checked_body(b64decode(text, CodeError("code.corrupted")), CodeError("code.corrupted"))
    number = int.from_bytes(body[head:], "big")
    responses: dict[str, int | str] = {}
    for item in peer_items(bank, form, fmt):
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
            "invitation_id": body[_HEADER_BYTES:head].hex().upper() or None,
            "code_format": fmt,
        }
    )
    if encode_peer_code(answers, root) != text:
        raise CodeError("code.not_canonical")
    return answers


def code_format_of(text: str) -> int | None:
    """Return the format byte a text begins with (for routing, not for trust), or None."""
    stripped = text.strip()
    if len(stripped) < 4 or not _ALPHABET.match(stripped[:4]):
        return None
    return b64decode(stripped[:4], CodeError("code.corrupted"))[0]


def is_peer_code(text: str) -> bool:
    """Return whether a text begins like a colleague's peer code (for routing, not for trust)."""
    return code_format_of(text) in (PEER_CODE_FORMAT_V1, PEER_CODE_FORMAT_V2)


def is_summary_code(text: str) -> bool:
    """Return whether a text begins like a summary code (for routing, not for trust)."""
    return code_format_of(text) == SUMMARY_CODE_FORMAT
