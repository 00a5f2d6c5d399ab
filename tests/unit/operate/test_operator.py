"""The operator file: the example parses; every mistake is refused with a de/en message."""

from __future__ import annotations

import os
import threading
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from assessment.operate.operator import (
    ALLOWED_HOSTS_ENV,
    MAX_OPERATOR_FILE_BYTES,
    OPERATOR_FILE_ENV,
    OperatorError,
    deployment_problem,
    load_operator_file,
    parse_operator,
)

EXAMPLE = Path(__file__).resolve().parents[3] / "deploy" / "operator.example.toml"


def _example() -> dict[str, Any]:
    with EXAMPLE.open("rb") as handle:
        return tomllib.load(handle)


def test_example_file_parses() -> None:
    """deploy/operator.example.toml is a complete, valid operator file."""
    operator = load_operator_file(EXAMPLE)
    assert operator.provider.address.postal_code == "47051"
    assert operator.privacy.legal_basis == "legitimate_interest"
    assert operator.privacy.logs_query_string is False
    assert operator.privacy.data_protection_officer is not None
    assert operator.accessibility.enforcement_body.url == "https://www.lbb.nrw.de"


def test_misspelt_key_is_refused_with_its_place() -> None:
    """An unknown key fails loudly, naming where it is, in German and English."""
    raw = _example()
    raw["provider"]["emial"] = "x@example.org"
    with pytest.raises(OperatorError) as caught:
        parse_operator(tomli_w.dumps(raw), "op.toml")
    assert caught.value.key == "operator.invalid"
    assert "„provider.emial“" in caught.value.message("de")
    assert "op.toml" in caught.value.message("en")


@pytest.mark.parametrize(
    ("section", "field", "value"),
    [
        ("provider", "email", "not-an-address"),
        ("provider", "vat_id", "123"),
        ("privacy", "legal_basis", "consent"),
        ("privacy", "log_retention_days", 365),
        ("accessibility", "feedback_email", ""),
    ],
)
def test_wrong_values_are_refused(section: str, field: str, value: object) -> None:
    """E-mail, VAT id, legal basis, retention and required fields are checked."""
    raw = _example()
    raw[section][field] = value
    with pytest.raises(OperatorError, match=f"{section}.{field}"):
        parse_operator(tomli_w.dumps(raw))


def test_address_needs_a_german_postal_code() -> None:
    """A postal code is five digits."""
    raw = _example()
    raw["provider"]["address"]["postal_code"] = "4705"
    with pytest.raises(OperatorError, match=r"provider\.address\.postal_code"):
        parse_operator(tomli_w.dumps(raw))


def test_missing_supervisory_authority_is_refused() -> None:
    """The privacy notice cannot be written without the supervisory authority."""
    raw = _example()
    del raw["privacy"]["supervisory_authority"]
    with pytest.raises(OperatorError, match=r"privacy\.supervisory_authority"):
        parse_operator(tomli_w.dumps(raw))


def test_officer_is_optional() -> None:
    """Without a data protection officer the file is still valid."""
    raw = _example()
    del raw["privacy"]["data_protection_officer"]
    assert parse_operator(tomli_w.dumps(raw)).privacy.data_protection_officer is None


def test_broken_files(tmp_path: Path) -> None:
    """Missing, not TOML, not UTF-8 and oversized files each get their own message."""
    cases = {
        "operator.unreadable": tmp_path / "missing.toml",
        "operator.not_toml": tmp_path / "broken.toml",
        "operator.not_utf8": tmp_path / "latin1.toml",
        "operator.too_large": tmp_path / "large.toml",
    }
    cases["operator.not_toml"].write_text("[provider\n", encoding="utf-8")
    cases["operator.not_utf8"].write_bytes('name = "Müller"'.encode("latin-1"))
    cases["operator.too_large"].write_text("#" * (MAX_OPERATOR_FILE_BYTES + 1), encoding="utf-8")
    for key, path in cases.items():
        with pytest.raises(OperatorError) as caught:
            load_operator_file(path)
        assert caught.value.key == key
        assert caught.value.message("de") != caught.value.message("en")


def test_public_deployment_without_operator_file_is_a_problem() -> None:
    """Allowed hosts set (served to others) and no operator file: refused with a reason."""
    problem = deployment_problem({ALLOWED_HOSTS_ENV: "selbstcheck.example.org"})
    assert problem is not None
    assert problem.key == "operator.missing_for_public"
    assert OPERATOR_FILE_ENV in problem.message("de")


def test_private_use_and_configured_deployments_are_fine(tmp_path: Path) -> None:
    """No allowed hosts: private use needs no file; a valid file satisfies a public deployment."""
    assert deployment_problem({}) is None
    hosts = {ALLOWED_HOSTS_ENV: "selbstcheck.example.org"}
    assert deployment_problem({**hosts, OPERATOR_FILE_ENV: str(EXAMPLE)}) is None
    broken = tmp_path / "operator.toml"
    broken.write_text("[provider]\n", encoding="utf-8")
    problem = deployment_problem({**hosts, OPERATOR_FILE_ENV: str(broken)})
    assert problem is not None
    assert problem.key == "operator.invalid"


def _load_within(path: Path, seconds: float = 5.0) -> OperatorError | object:
    """Load an operator file in a thread; fail the test when it has not returned in time."""
    outcome: list[object] = []

    def load() -> None:
        try:
            outcome.append(load_operator_file(path))
        except OperatorError as error:
            outcome.append(error)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"loading {path.name} did not return within {seconds} s"
    return outcome[0]


def test_a_fifo_or_device_is_refused_at_once(tmp_path: Path) -> None:
    """A named pipe (which would block every page until someone writes to it) and a device are
    refused without reading, with their own message — as the command line refuses them."""
    fifo = tmp_path / "operator.fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        refused = _load_within(path)
        assert isinstance(refused, OperatorError)
        assert refused.key == "operator.not_regular"
        assert str(path) in refused.message("de")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """An operator file saved with a UTF-8 BOM (Windows editors) is read like one without."""
    marked = tmp_path / "operator.toml"
    marked.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert load_operator_file(marked) == load_operator_file(EXAMPLE)


@pytest.mark.parametrize(
    "where",
    [
        ("provider", "name"),
        ("provider", "represented_by"),
        ("provider", "content_responsible"),
        ("provider", "phone"),
        ("provider", "address", "street"),
        ("provider", "address", "city"),
        ("privacy", "hosting"),
        ("privacy", "supervisory_authority", "name"),
        ("accessibility", "enforcement_body", "name"),
    ],
)
@pytest.mark.parametrize("brk", ["\n# Überschrift\n- Liste", "\r\n", "\u2028", "\x0b"])
def test_line_breaks_in_single_line_entries_are_refused(where: tuple[str, ...], brk: str) -> None:
    """A name or address with a line break (which would start a heading or list on the legal
    pages) is refused, naming the entry."""
    raw = _example()
    table = raw
    for key in where[:-1]:
        table = table[key]
    table[where[-1]] = f"Erika{brk}Mustermann"
    with pytest.raises(OperatorError) as caught:
        parse_operator(tomli_w.dumps(raw))
    assert caught.value.key == "operator.invalid"
    assert ".".join(where) in caught.value.message("en")
