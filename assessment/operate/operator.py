"""The operator file: who runs this app, for the Impressum, privacy notice and accessibility
statement. TOML, path from SELBSTCHECK_OPERATOR_FILE; parsed into a strict model or rejected."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessment.errors import SelbstcheckError
from assessment.files import FileRefusedError, read_regular_file

OPERATOR_FILE_ENV = "SELBSTCHECK_OPERATOR_FILE"
# Set by every public deployment (README, "Deployment and privacy"): its presence means the app
# is served to others, and then the operator's legal pages are required.
ALLOWED_HOSTS_ENV = "STREAMLIT_SERVER_ALLOWED_HOSTS"
MAX_OPERATOR_FILE_BYTES = 64_000
LegalBasis = Literal["public_task", "legitimate_interest"]
LEGAL_BASES: tuple[LegalBasis, ...] = ("public_task", "legitimate_interest")

EMAIL_PATTERN = r"^[^@\s<>()\[\]]+@[^@\s<>()\[\]]+\.[^@\s<>()\[\]]+$"
URL_PATTERN = r"^https://[^\s<>()\[\]\"']+$"
# One line of text: no line break or other control character (the legal pages show each entry
# as one line; a line break would start a new paragraph, heading or list there).
SINGLE_LINE_PATTERN = "^[^\x00-\x1f\x7f\u0085\u2028\u2029]*$"
_Line = Field(min_length=1, max_length=300, pattern=SINGLE_LINE_PATTERN)
_OptionalLine = Field(default=None, min_length=1, max_length=300, pattern=SINGLE_LINE_PATTERN)
_OptionalPhone = Field(default=None, min_length=3, max_length=50, pattern=SINGLE_LINE_PATTERN)
_Email = Field(min_length=3, max_length=200, pattern=EMAIL_PATTERN)
_OptionalEmail = Field(default=None, min_length=3, max_length=200, pattern=EMAIL_PATTERN)
_OptionalUrl = Field(default=None, min_length=8, max_length=300, pattern=URL_PATTERN)


class OperatorError(SelbstcheckError):
    """An operator file that is missing, unreadable or breaks a rule of the model."""


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, str_strip_whitespace=True
    )


class Address(_Strict):
    """A postal address."""

    street: str = _Line
    postal_code: str = Field(pattern=r"^[0-9]{5}$")
    city: str = _Line
    country: str = Field(
        default="Deutschland", min_length=1, max_length=100, pattern=SINGLE_LINE_PATTERN
    )


class Authority(_Strict):
    """A public body named on a legal page (supervisory authority, enforcement body)."""

    name: str = _Line
    address: Address
    email: str | None = _OptionalEmail
    phone: str | None = _OptionalPhone
    url: str | None = _OptionalUrl


class Provider(_Strict):
    """The person or body responsible for the service (Diensteanbieter, § 5 DDG)."""

    name: str = _Line
    address: Address
    email: str = _Email
    phone: str | None = _OptionalPhone
    represented_by: str | None = _OptionalLine
    register_entry: str | None = _OptionalLine
    vat_id: str | None = Field(default=None, pattern=r"^DE[0-9]{9}$")
    content_responsible: str | None = _OptionalLine


class Contact(_Strict):
    """A named contact (the data protection officer)."""

    name: str = _Line
    email: str = _Email
    address: Address | None = None


class Privacy(_Strict):
    """What the operator decides about personal data: legal basis and the proxy's logs."""

    legal_basis: LegalBasis
    hosting: str | None = _OptionalLine
    log_retention_days: int = Field(ge=0, le=90)
    logs_query_string: bool
    data_protection_officer: Contact | None = None
    supervisory_authority: Authority


class Accessibility(_Strict):
    """The accessibility statement's operator facts: feedback, enforcement and dates."""

    feedback_email: str = _Email
    feedback_phone: str | None = _OptionalPhone
    enforcement_body: Authority
    statement_date: dt.date
    last_reviewed: dt.date


class Operator(_Strict):
    """Everything the legal pages need from the operator, checked once at load."""

    provider: Provider
    privacy: Privacy
    accessibility: Accessibility


def parse_operator(text: str, source: str = "operator.toml") -> Operator:
    """Return the operator described by TOML text; raise OperatorError naming what is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise OperatorError("operator.not_toml", file=source, problem=str(error)) from error
    try:
        return Operator.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "-"
        raise OperatorError(
            "operator.invalid", file=source, entry=where, problem=first["msg"]
        ) from error


def load_operator_file(path: Path) -> Operator:
    """Return the operator of a file; raise OperatorError when it is missing or wrong.

    Read as the command line reads its input files (assessment/files.py): a regular file only
    (a FIFO or device is refused at once, never waited on), at most MAX_OPERATOR_FILE_BYTES,
    UTF-8 with or without a byte order mark.
    """
    try:
        data = read_regular_file(path, MAX_OPERATOR_FILE_BYTES)
    except FileRefusedError as refusal:
        if refusal.kind == "not_regular":
            raise OperatorError("operator.not_regular", file=str(path)) from None
        raise OperatorError(
            "operator.too_large", file=str(path), limit=MAX_OPERATOR_FILE_BYTES
        ) from None
    except OSError as error:
        raise OperatorError("operator.unreadable", file=str(path)) from error
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise OperatorError("operator.not_utf8", file=str(path)) from error
    return parse_operator(text, str(path))


def operator_path(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Return the operator file the environment names, or None when it names none."""
    value = environ.get(OPERATOR_FILE_ENV, "").strip()
    return Path(value) if value else None


def deployment_problem(environ: Mapping[str, str] = os.environ) -> OperatorError | None:
    """Return why a public deployment may not run, or None when its operator file is fine.

    A deployment is public when it sets STREAMLIT_SERVER_ALLOWED_HOSTS; it then needs a valid
    operator file. Without the variable the app runs for private use and needs none.
    """
    path = operator_path(environ)
    if path is None:
        if environ.get(ALLOWED_HOSTS_ENV, "").strip():
            return OperatorError("operator.missing_for_public", variable=OPERATOR_FILE_ENV)
        return None
    try:
        load_operator_file(path)
    except OperatorError as error:
        return error
    return None
