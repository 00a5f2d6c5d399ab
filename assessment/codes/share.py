"""Share and progress codes: answers packed into a short, URL-safe, checksummed string.

Layout (bytes, then base64url without padding):
  format | bank version | flags (form, profile, language, kind[, background]) | [page] | answers
  | crc32
Answers are one mixed-radix integer over the form's items in order: a five-point item takes 0
for "unanswered" or its value 1–5, a scenario 0 or 1–4 for options a–d. Format 2 (banks with
rules 2) adds the background in the flags and 6 = "can't judge yet" for statements that offer it.
Banks whose rules keep retake marks (rules 3, format 2 as well: the layout follows from the bank
version in the header) take a knowledge item as 0, 1–4 for a–d or 5 for "can't say"; after the
items follow one binary digit per scenario and knowledge item of the form, in form order: 1 = the
answer was changed after the rationales were shown (`Answers.revised`). The flags' top bit of a
progress code says that the result with its rationales has been shown (`DecodedCode.seen`).
A short-form code of a bank whose rules have extra questions and whose answers answer any
(`extra_answered`) takes the extended layout: after the short form's items, every extra
candidate of the full form (`extra_candidates`, in the full form's order) in the same digits,
then the short form's retake marks; its length tells it apart (a short-form code without extra
answers keeps the plain layout, so no earlier code changes).
Banks whose rules offer a fourth background (rules 3: "specialist") keep the flags' background
bits at 0 and carry the background as the lowest digit of the answers instead: 0 = none, then
1–4 in the bank's order of backgrounds (`Bank.backgrounds`). Formats 1 and 2 of banks v1 and v2
are unchanged.
Banks whose rules have a frequency scale (rules 4) take a frequency statement as 0, 1–4 for its
answers (never, once, 2–3 times, more often: the same values 1–4 as in the answers) or 5 for "no
occasion" (UNSURE), the digits of a knowledge item; no bank before v4 has such a statement.
Banks whose rules ask the working-conditions block (`preferences`, bank v3) add, after the marks,
one digit per preference item in bank order: 0 unanswered, 1 want, 2 can live with, 3 would chafe.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import zlib
from itertools import compress
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessment.bank.load import QUESTIONS_DIR, load_bank
from assessment.bank.models import (
    FORM_IDS,
    FREQUENCY_MAX,
    FREQUENCY_VALUES,
    LIKERT_MAX,
    PREFERENCE_ANSWERS,
    PROFILE_IDS,
    SCENARIO_OPTION_IDS,
    UNSURE,
    Bank,
    Experience,
    FormId,
    Item,
    KnowledgeItem,
    LikertItem,
    PreferenceItem,
    ProfileId,
    Scenario,
)
from assessment.codes.links import MAX_CODE_LENGTH as MAX_CODE_LENGTH
from assessment.engine.answers import Answers, check_answers, extra_answered, extra_candidates
from assessment.errors import BankError, CodeError
from assessment.i18n import LANGUAGES, Language

CodeKind = Literal["result", "progress"]
CODE_FORMAT = 1
# Codes of banks whose rules carry the background (in the flags; and can't-judge-yet answers).
CODE_FORMAT_V2 = 2
# Peer codes (assessment/peer/codes.py) start with one of these format bytes: 3 (the first
# release), 5 (names its invitation) and 6 (a summary code); refused here by name.
PEER_CODE_FORMAT_V1: Final = 3
PEER_CODE_FORMAT_V2: Final = 5
SUMMARY_CODE_FORMAT: Final = 6
PEER_CODE_FORMAT = PEER_CODE_FORMAT_V1
PEER_CODE_FORMATS = (PEER_CODE_FORMAT_V1, PEER_CODE_FORMAT_V2, SUMMARY_CODE_FORMAT)
_UNSURE_DIGIT = LIKERT_MAX + 1
_BACKGROUNDS: tuple[Experience | None, ...] = (None, "starter", "changer", "experienced")
MAX_PAGE = 255
_CHECKSUM_BYTES = 4
_HEADER_BYTES = 3
_ALPHABET = re.compile(r"^[A-Za-z0-9_-]*$")
_KINDS: tuple[CodeKind, ...] = ("result", "progress")
_KNOWLEDGE_UNSURE_DIGIT = len(SCENARIO_OPTION_IDS) + 1
# A frequency statement (rules 4): 0 unanswered, 1–4 never … more often, 5 no occasion.
_FREQUENCY_UNSURE_DIGIT = FREQUENCY_MAX + 1
# The flags bit of a progress code (rules with retake marks) saying the rationales were shown.
_SEEN_FLAG = 1 << 7


class DecodedCode(BaseModel):
    """What a code carries: the answers, and for a progress code the page to resume on."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: CodeKind
    answers: Answers
    page: int = Field(default=0, ge=0, le=MAX_PAGE)
    seen: bool = Field(
        default=False,
        description=(
            "A progress code of rules with retake marks: the result page has shown the"
            " rationales and explanations (answers changed afterwards are marked)"
        ),
    )


def markable(item: Item) -> bool:
    """Return whether a changed answer to an item is marked after the rationales were shown."""
    return isinstance(item, Scenario | KnowledgeItem)


def _radix(item: Item) -> int:
    if isinstance(item, Scenario):
        return len(SCENARIO_OPTION_IDS) + 1
    if isinstance(item, KnowledgeItem):
        return _KNOWLEDGE_UNSURE_DIGIT + 1
    if _frequency(item):
        return _FREQUENCY_UNSURE_DIGIT + 1
    return _UNSURE_DIGIT + 1 if getattr(item, "presumes", None) else LIKERT_MAX + 1


def _frequency(item: Item) -> bool:
    """Return whether an item is a frequency statement (rules 4): digits 1–4, 5 no occasion."""
    return isinstance(item, LikertItem) and item.scale == "frequency"


# A preference answer's digit: 0 unanswered, 1–3 (want, can live with, would chafe).
_PREFERENCE_RADIX = len(PREFERENCE_ANSWERS) + 1
_LAYOUTS: dict[
    tuple[int, FormId, bool],
    tuple[
        Bank, tuple[Item, ...], tuple[int, ...], tuple[Item, ...], tuple[PreferenceItem, ...], int
    ],
] = {}


def preference_items(bank: Bank) -> tuple[PreferenceItem, ...]:
    """Return the working-conditions items a code of this bank carries (none before rules with
    `preferences`)."""
    if not bank.rules.preferences or bank.preferences is None:
        return ()
    return bank.preferences.items


def _layout(
    bank: Bank, form: FormId, extended: bool = False
) -> tuple[tuple[Item, ...], tuple[int, ...], tuple[Item, ...], tuple[PreferenceItem, ...], int]:
    """Return the items a code of a form holds (extended: followed by the extra candidates), the
    radix of each, the items whose revision is marked (each one more binary digit after the
    items; the form's own only), the preference items (each one more digit after the marks) and
    the bytes the answers take (cached)."""
    cached = _LAYOUTS.get((id(bank), form, extended))
    if cached is None or cached[0] is not bank:
        own = bank.form_items(form)
        items = own + (extra_candidates(bank, form) if extended else ())
        radices = tuple(_radix(item) for item in items)
        marked = tuple(item for item in own if markable(item)) if bank.rules.retake_marks else ()
        prefs = preference_items(bank)
        capacity = (
            math.prod(radices)
            * 2 ** len(marked)
            * _PREFERENCE_RADIX ** len(prefs)
            * _background_radix(bank)
        )
        size = max(1, ((capacity - 1).bit_length() + 7) // 8)
        cached = (bank, items, radices, marked, prefs, size)
        _LAYOUTS[id(bank), form, extended] = cached
    return cached[1], cached[2], cached[3], cached[4], cached[5]


def _background_radix(bank: Bank) -> int:
    """Return the radix of the background digit (1: the background lives in the flags)."""
    return len(bank.backgrounds) + 1 if bank.rules.specialist_background else 1


def _chars(size: int) -> int:
    """Return the length of the unpadded base64 text of size bytes."""
    return math.ceil(size * 4 / 3)


def _could_be_cut_off(text: str) -> bool:
    """Return whether a text too short for any code starts the way every code starts."""
    first = _b64decode(text + "A" * (-len(text) % 4))[0]  # "A" pads with zero bits
    unknown = max(0, 8 - 6 * len(text))  # bits of the format byte that text does not reach
    return first >> unknown == CODE_FORMAT >> unknown


def _b64decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):  # pragma: no cover - alphabet and length checked
        raise CodeError("code.corrupted") from None


def encode_code(
    answers: Answers,
    kind: CodeKind = "result",
    page: int = 0,
    root: Path = QUESTIONS_DIR,
    *,
    seen: bool = False,
) -> str:
    """Return the code for answers (checked against their bank version).

    seen (a progress code of rules with retake marks only): the result page has shown the
    rationales.
    """
    bank = load_bank(answers.bank_version, root)
    check_answers(answers, bank)
    if seen and not (bank.rules.retake_marks and kind == "progress"):
        raise ValueError("only a progress code of rules with retake marks says 'seen'")
    items, radices, marked, prefs, size = _layout(
        bank, answers.form, extended=bool(extra_answered(answers, bank))
    )
    revised = set(answers.revised)
    number = 0
    for preference in reversed(prefs):
        value = answers.responses.get(preference.id)
        number = number * _PREFERENCE_RADIX + (value if isinstance(value, int) else 0)
    for item in reversed(marked):
        number = number * 2 + (item.id in revised)
    for item, radix in zip(reversed(items), reversed(radices), strict=True):
        response = answers.responses.get(item.id)
        digit = 0
        if isinstance(response, int):
            digit = response
        elif response == UNSURE:
            digit = (
                _KNOWLEDGE_UNSURE_DIGIT
                if isinstance(item, KnowledgeItem)
                else _FREQUENCY_UNSURE_DIGIT
                if _frequency(item)
                else _UNSURE_DIGIT
            )
        elif isinstance(response, str):
            digit = SCENARIO_OPTION_IDS.index(response) + 1
        number = number * radix + digit
    if bank.rules.specialist_background:
        background = answers.background
        number = number * _background_radix(bank) + (
            0 if background is None else bank.backgrounds.index(background) + 1
        )
    flags = (
        FORM_IDS.index(answers.form)
        | PROFILE_IDS.index(answers.profile) << 1
        | LANGUAGES.index(answers.language) << 3
        | _KINDS.index(kind) << 4
    )
    code_format = CODE_FORMAT
    if bank.rules.has_background:
        code_format = CODE_FORMAT_V2
        if not bank.rules.specialist_background:
            flags |= _BACKGROUNDS.index(answers.background) << 5
    if seen:
        flags |= _SEEN_FLAG
    body = bytes([code_format, answers.bank_version, flags])
    if kind == "progress":
        body += bytes([min(max(page, 0), MAX_PAGE)])
    body += number.to_bytes(size, "big")
    body += zlib.crc32(body).to_bytes(_CHECKSUM_BYTES, "big")
    return base64.urlsafe_b64encode(body).decode("ascii").rstrip("=")


def encode_share_code(answers: Answers) -> str:
    """Return the share code of a finished (or partly finished) set of answers."""
    return encode_code(answers, "result")


def encode_progress_code(answers: Answers, page: int, *, seen: bool = False) -> str:
    """Return the progress code of an unfinished questionnaire on a given page (seen: the
    rationales have been shown, rules with retake marks only)."""
    return encode_code(answers, "progress", page, seen=seen)


def decode_code(code: str, root: Path = QUESTIONS_DIR) -> DecodedCode:
    """Return what a code carries, or raise CodeError saying what is wrong with it."""
    text = code.strip()
    if not text:
        raise CodeError("code.empty")
    if len(text) > MAX_CODE_LENGTH:
        raise CodeError("code.too_long", limit=MAX_CODE_LENGTH)
    if not _ALPHABET.match(text):
        raise CodeError("code.bad_characters")
    if len(text) < 4:
        # Too short to read the header: "cut off" only if it begins like every code.
        raise CodeError("code.truncated" if _could_be_cut_off(text) else "code.not_a_code")
    code_format, version, flags = _b64decode(text[:4])
    if code_format == SUMMARY_CODE_FORMAT:
        raise CodeError("code.summary_code")
    if code_format in PEER_CODE_FORMATS:
        raise CodeError("code.peer_code")
    # Format 2's top flag bit (seen) is checked against the bank's rules below.
    if code_format not in (CODE_FORMAT, CODE_FORMAT_V2) or (
        code_format == CODE_FORMAT and flags >> 5
    ):
        raise CodeError("code.not_a_code")
    if len(text) < _chars(_HEADER_BYTES + _CHECKSUM_BYTES):
        raise CodeError("code.truncated")
    form_index, profile_index = flags & 1, flags >> 1 & 3
    language_index, kind_index = flags >> 3 & 1, flags >> 4 & 1
    try:
        bank = load_bank(version, root)
    except BankError:
        raise CodeError("code.unknown_version", version=version) from None
    if (code_format == CODE_FORMAT_V2) != bank.rules.has_background:
        raise CodeError("code.corrupted")
    form = FORM_IDS[form_index]
    kind = _KINDS[kind_index]
    seen = bool(flags & _SEEN_FLAG) if code_format == CODE_FORMAT_V2 else False
    if seen and not (bank.rules.retake_marks and kind == "progress"):
        raise CodeError("code.not_a_code")
    head = _HEADER_BYTES + (1 if kind == "progress" else 0)
    items, radices, marked, prefs, size = _layout(bank, form)
    expected = _chars(head + size + _CHECKSUM_BYTES)
    if len(text) != expected and extra_candidates(bank, form):
        # A code carrying extra answers (its canonical check refuses one that carries none).
        extended = _layout(bank, form, extended=True)
        if len(text) == _chars(head + extended[4] + _CHECKSUM_BYTES):
            items, radices, marked, prefs, size = extended
            expected = len(text)
    if len(text) < expected:
        raise CodeError("code.truncated")
    if len(text) > expected:
        raise CodeError("code.wrong_length")
    raw = _b64decode(text)
    body, checksum = raw[:-_CHECKSUM_BYTES], raw[-_CHECKSUM_BYTES:]
    if zlib.crc32(body).to_bytes(_CHECKSUM_BYTES, "big") != checksum:
        raise CodeError("code.corrupted")
    number = int.from_bytes(body[head:], "big")
    background: Experience | None = None
    if code_format == CODE_FORMAT_V2:
        background = _BACKGROUNDS[flags >> 5 & 3]
    if bank.rules.specialist_background:
        if background is not None:
            raise CodeError("code.not_a_code")
        number, digit = divmod(number, _background_radix(bank))
        background = bank.backgrounds[digit - 1] if digit else None
    responses: dict[str, int | str] = {}
    for item, radix in zip(items, radices, strict=True):
        number, digit = divmod(number, radix)
        if not digit:
            continue
        if isinstance(item, Scenario):
            responses[item.id] = SCENARIO_OPTION_IDS[digit - 1]
        elif isinstance(item, KnowledgeItem):
            responses[item.id] = (
                UNSURE if digit == _KNOWLEDGE_UNSURE_DIGIT else SCENARIO_OPTION_IDS[digit - 1]
            )
        elif _frequency(item):
            responses[item.id] = UNSURE if digit == _FREQUENCY_UNSURE_DIGIT else digit
        else:
            responses[item.id] = UNSURE if digit == _UNSURE_DIGIT else digit
    revised: list[str] = []
    for item in marked:
        number, digit = divmod(number, 2)
        if digit:
            revised.append(item.id)
    for preference in prefs:
        number, digit = divmod(number, _PREFERENCE_RADIX)
        if digit:
            responses[preference.id] = digit
    if number:
        raise CodeError("code.corrupted")
    try:
        answers = Answers(
            bank_version=version,
            form=form,
            profile=PROFILE_IDS[profile_index],
            language=LANGUAGES[language_index],
            background=background,
            responses=responses,
            revised=tuple(revised),
        )
    except ValidationError:  # pragma: no cover - digits are in range by construction
        raise CodeError("code.corrupted") from None
    decoded = DecodedCode(
        kind=kind, answers=answers, page=body[3] if kind == "progress" else 0, seen=seen
    )
    check_canonical(text, decoded, root)
    return decoded


def check_canonical(text: str, decoded: DecodedCode, root: Path = QUESTIONS_DIR) -> None:
    """Raise CodeError unless text is exactly the code that its decoded content encodes to.

    base64 leaves unused bits in the last character, so several strings can decode to the same
    answers; only the one this product writes is accepted (a duplicate check compares codes).
    """
    if encode_code(decoded.answers, decoded.kind, decoded.page, root, seen=decoded.seen) != text:
        raise CodeError("code.not_canonical")


# --- many codes at once (the group view) ----------------------------------------------------
# decode_answers_many decodes codes of the common shape in one pass: the mixed-radix number is
# split into chunks that fit 63 bits (a few big-integer divisions per code), and numpy takes the
# digits out of every code's chunks at once. It accepts exactly the codes decode_code accepts and
# returns equal answers; any code it is not sure of is left to decode_code (None), which then
# says what is wrong with it (tests/unit/codes/test_decode_many.py compares the two).

# A chunk's radix product stays below this, so that a chunk fits a signed 64-bit integer.
_CHUNK_LIMIT = 1 << 63
# The largest radix of an item (a statement that offers "can't judge yet": 0–5 and 6).
_MAX_RADIX = _UNSURE_DIGIT + 1


def digit_values(item: Item) -> tuple[int | str | None, ...]:
    """Return the response each digit of an item in a code stands for (digit 0: unanswered),
    as decode_code reads it; its length is the item's radix."""
    if isinstance(item, Scenario):
        return (None, *SCENARIO_OPTION_IDS)
    if isinstance(item, KnowledgeItem):
        return (None, *SCENARIO_OPTION_IDS, UNSURE)
    if _frequency(item):
        return (None, *FREQUENCY_VALUES, UNSURE)
    likert: tuple[int | str | None, ...] = (None, *range(1, LIKERT_MAX + 1))
    return (*likert, UNSURE) if getattr(item, "presumes", None) else likert


class _ManyLayout:
    """One layout's digits (items, then retake marks, then preferences) in 63-bit chunks."""

    __slots__ = ("bank", "chunks", "extra_from", "ids", "marked", "prefs", "radices", "values")

    def __init__(self, bank: Bank, form: FormId, extended: bool) -> None:
        items, radices, marked, prefs, _ = _layout(bank, form, extended)
        self.bank = bank
        self.ids = tuple(item.id for item in items)
        self.values = tuple(digit_values(item) for item in items)
        if tuple(len(values) for values in self.values) != radices:  # pragma: no cover
            raise AssertionError("digit_values disagrees with the layout's radices")
        self.marked = tuple(item.id for item in marked)
        self.prefs = tuple(item.id for item in prefs)
        # Extended layouts: the digits from here on are the extra candidates.
        self.extra_from = len(bank.form_items(form)) if extended else len(items)
        self.radices = (*radices, *(2,) * len(marked), *(_PREFERENCE_RADIX,) * len(prefs))
        chunks: list[tuple[int, tuple[int, ...]]] = []
        product, current = 1, list[int]()
        for radix in self.radices:
            if product * radix >= _CHUNK_LIMIT:
                chunks.append((product, tuple(current)))
                product, current = 1, []
            product *= radix
            current.append(radix)
        if current:
            chunks.append((product, tuple(current)))
        self.chunks = tuple(chunks)


_MANY_LAYOUTS: dict[tuple[int, FormId, bool], _ManyLayout] = {}


def _many_layout(bank: Bank, form: FormId, extended: bool) -> _ManyLayout:
    cached = _MANY_LAYOUTS.get((id(bank), form, extended))
    if cached is None or cached.bank is not bank:
        cached = _MANY_LAYOUTS[id(bank), form, extended] = _ManyLayout(bank, form, extended)
    return cached


# What one accepted code carries besides its digits: version, form, profile, language, background.
_Head = tuple[int, FormId, ProfileId, Language, Experience | None]


def _read_fast(
    text: str, root: Path, banks: dict[int, Bank | None]
) -> tuple[_ManyLayout, _Head, list[int]] | None:
    """Return a code's layout, header and 63-bit chunks, or None when decode_code must judge."""
    size = len(text)
    if not 4 <= size <= MAX_CODE_LENGTH or not _ALPHABET.match(text):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-size % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) < _HEADER_BYTES + _CHECKSUM_BYTES:
        return None
    code_format, version, flags = raw[0], raw[1], raw[2]
    if code_format not in (CODE_FORMAT, CODE_FORMAT_V2) or (
        code_format == CODE_FORMAT and flags >> 5
    ):
        return None
    if version not in banks:
        try:
            banks[version] = load_bank(version, root)
        except BankError:
            banks[version] = None
    bank = banks[version]
    if bank is None:
        return None
    rules = bank.rules
    if (code_format == CODE_FORMAT_V2) != rules.has_background:
        return None
    form = FORM_IDS[flags & 1]
    kind = _KINDS[flags >> 4 & 1]
    seen = code_format == CODE_FORMAT_V2 and flags & _SEEN_FLAG
    if seen and not (rules.retake_marks and kind == "progress"):
        return None
    head = _HEADER_BYTES + (1 if kind == "progress" else 0)
    _, _, _, _, plain_size = _layout(bank, form)
    extended = False
    if size != _chars(head + plain_size + _CHECKSUM_BYTES):
        if not extra_candidates(bank, form):
            return None
        if size != _chars(head + _layout(bank, form, extended=True)[4] + _CHECKSUM_BYTES):
            return None
        extended = True
    # Only the string this product writes: no stray bits in the last character.
    if base64.urlsafe_b64encode(raw).rstrip(b"=") != text.encode("ascii"):
        return None
    body = raw[:-_CHECKSUM_BYTES]
    if zlib.crc32(body) != int.from_bytes(raw[-_CHECKSUM_BYTES:], "big"):
        return None
    number = int.from_bytes(body[head:], "big")
    background: Experience | None = None
    if code_format == CODE_FORMAT_V2:
        background = _BACKGROUNDS[flags >> 5 & 3]
    if rules.specialist_background:
        if background is not None:
            return None
        number, digit = divmod(number, _background_radix(bank))
        background = bank.backgrounds[digit - 1] if digit else None
    layout = _many_layout(bank, form, extended)
    chunks = []
    for product, _ in layout.chunks:
        number, chunk = divmod(number, product)
        chunks.append(chunk)
    if number:
        return None
    header = (version, form, PROFILE_IDS[flags >> 1 & 3], LANGUAGES[flags >> 3 & 1], background)
    return layout, header, chunks


def decode_answers_many(
    texts: list[str], root: Path = QUESTIONS_DIR
) -> list[tuple[Answers, bytes] | None]:
    """Return the answers of each code (as decode_code(text).answers) with their response
    digits (`response_digits`), or None where the code is not one this fast path reads;
    decode_code then returns its answers or says what is wrong with it.

    Every answers returned equals decode_code's: the same checks (header, length, checksum,
    canonical form, digits in range) pass, and the digits are read in the same order.
    """
    import numpy as np

    found: list[tuple[Answers, bytes] | None] = [None] * len(texts)
    banks: dict[int, Bank | None] = {}  # each version loaded once (None: no such bank)
    by_layout: dict[int, tuple[_ManyLayout, list[int], list[_Head], list[list[int]]]] = {}
    for index, text in enumerate(texts):
        read = _read_fast(text.strip(), root, banks)
        if read is not None:
            layout, header, chunks = read
            group = by_layout.setdefault(id(layout), (layout, [], [], []))
            group[1].append(index)
            group[2].append(header)
            group[3].append(chunks)
    for layout, indices, headers, chunk_rows in by_layout.values():
        packed = np.array(chunk_rows, dtype=np.int64).reshape(len(indices), len(layout.chunks))
        columns = []
        for position, (_, radices) in enumerate(layout.chunks):
            rest = packed[:, position].copy()
            for radix in radices:
                columns.append(rest % radix)
                rest //= radix
        digits = np.stack(columns, axis=1).astype(np.intp) if columns else None
        items = len(layout.ids)
        marks_end = items + len(layout.marked)
        # Each item's response per digit, looked up for every code at once.
        table = np.empty((items, _MAX_RADIX), dtype=object)
        for column, values in enumerate(layout.values):
            table[column, : len(values)] = values
        responses_of = (
            table[np.arange(items), digits[:, :items]].tolist()
            if digits is not None
            else [[] for _ in indices]
        )
        rows = _rows(digits, len(indices))
        for index, header, row, given in zip(indices, headers, rows, responses_of, strict=True):
            own = row[:items]
            if layout.extra_from < items and not any(own[layout.extra_from :]):
                continue  # an extended code without extra answers is not canonical
            responses: dict[str, int | str] = dict(
                zip(compress(layout.ids, own), compress(given, own), strict=True)
            )
            prefs = row[marks_end:]
            responses.update(
                zip(compress(layout.prefs, prefs), compress(prefs, prefs), strict=True)
            )
            revised = tuple(compress(layout.marked, row[items:marks_end]))
            version, form, profile, language, background = header
            answers = Answers.model_construct(
                bank_version=version,
                form=form,
                profile=profile,
                language=language,
                background=background,
                responses=responses,
                revised=tuple(sorted(set(revised))),
            )
            found[index] = answers, bytes(own) + bytes(prefs)
    return found


def _rows(digits: Any, count: int) -> list[list[int]]:
    """Return a digit matrix as lists of Python ints (empty rows for a layout without digits)."""
    return [[] for _ in range(count)] if digits is None else list(digits.tolist())


def response_digits(answers: Answers, root: Path = QUESTIONS_DIR) -> bytes:
    """Return the digits a code of these answers gives their responses (the form's items, the
    extra questions where any is answered, then the preferences): two answers to one form of one
    bank have equal response digits exactly when they have equal responses."""
    bank = load_bank(answers.bank_version, root)
    layout = _many_layout(bank, answers.form, extended=bool(extra_answered(answers, bank)))
    responses = answers.responses
    own = [
        values.index(responses.get(item_id))
        for item_id, values in zip(layout.ids, layout.values, strict=True)
    ]
    prefs = [_preference_digit(responses.get(item_id)) for item_id in layout.prefs]
    return bytes(own) + bytes(prefs)


def _preference_digit(value: int | str | None) -> int:
    return value if isinstance(value, int) else 0
