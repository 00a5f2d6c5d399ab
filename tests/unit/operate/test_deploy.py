"""The shipped deployment files: what nginx logs and sends, how systemd confines a replica, and
where `make run` listens. The scale-out tests (tests/e2e/test_scaleout.py) run the same nginx
configuration against live replicas."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.i18n import Language
from assessment.messages import msg
from assessment.operate import facts
from assessment.operate.legal import build_legal_page, page_text
from assessment.operate.operator import load_operator_file
from assessment.ui.launcher import CONTENT_SECURITY_POLICY

ROOT = Path(__file__).resolve().parents[3]
NGINX_SITE = ROOT / "deploy" / "nginx.conf"
UNIT = ROOT / "deploy" / "selbstcheck@.service"
EXAMPLE_OPERATOR = ROOT / "deploy" / "operator.example.toml"
DEPLOY_README = ROOT / "deploy" / "README.md"
# nginx sends the launcher's policy, word for word: one policy whoever answers.
FULL_CSP = CONTENT_SECURITY_POLICY
# nginx variables that carry the query string, the Referer, cookies or the browser's name.
QUERY_VARIABLES = re.compile(
    r"\$(request|request_uri|args|query_string|arg_\w+|http_referer|http_cookie|cookie_\w+"
    r"|http_user_agent|remote_addr|binary_remote_addr)\b"
)
MAX_EXPOSURE = 2.5


def _site() -> str:
    return NGINX_SITE.read_text(encoding="utf-8")


def _log_format(text: str, name: str) -> str:
    """Return the format string of `log_format NAME …;` (its quoted parts joined)."""
    match = re.search(rf"^log_format {name}(?: escape=\w+)?\s+((?:'[^']*'\s*)+);", text, re.M)
    assert match, f"no log_format {name}"
    return "".join(re.findall(r"'([^']*)'", match.group(1)))


# -- nginx: the access log and the privacy notice -----------------------------------------------


def test_the_access_log_holds_exactly_the_fields_the_privacy_notice_lists() -> None:
    """The shipped log_format is JSON with facts.LOG_FIELDS, in order, and nothing else."""
    line = _log_format(_site(), "selbstcheck")
    entry = json.loads(line)
    assert list(entry.items()) == list(facts.LOG_FIELDS)
    assert not QUERY_VARIABLES.search(line)
    assert "$uri" in line  # the path without the query string


def test_every_access_log_of_the_site_uses_that_format() -> None:
    """Each access_log line names the selbstcheck format; the error log holds no request lines."""
    text = _site()
    logs = re.findall(r"^\s*access_log\s+([^;]+);", text, re.M)
    assert logs
    for arguments in logs:
        assert arguments == "off" or arguments.split()[1] == "selbstcheck", arguments
    assert re.findall(r"^\s*error_log\s+\S+\s+(\w+);", text, re.M) == ["crit"]
    # No other log format exists that could be chosen by mistake.
    assert re.findall(r"^log_format (\w+)", text, re.M) == ["selbstcheck"]


def test_the_client_address_is_shortened_before_it_is_logged() -> None:
    """The map behind $selbstcheck_client drops the last IPv4 number and all but 32 IPv6 bits."""
    text = _site()
    block = re.search(r"map \$remote_addr \$selbstcheck_client \{(.*?)\n\}", text, re.S)
    assert block
    rules = re.findall(r'"~(\S+)"\s+(\S+);', block.group(1))
    samples = {"192.0.2.77": "192.0.2.0", "2001:db8:85a3::8a2e:370:7334": "2001:db8::"}
    for address, shortened in samples.items():
        for pattern, value in rules:
            python = pattern.replace("(?<", "(?P<")
            found = re.search(python, address)
            if found:
                result = re.sub(r"\$(\w+)", r"\\g<\1>", value)  # nginx's $name as \g<name>
                assert found.expand(result) == shortened, address
                break
        else:
            pytest.fail(f"no rule shortens {address}")
    assert re.search(r"^\s*default\s+-;", block.group(1), re.M)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_example_operators_privacy_notice_states_the_logged_fields(lang: Language) -> None:
    """The notice generated from deploy/operator.example.toml lists every logged field and says
    that no code is logged — as the shipped nginx configuration does."""
    operator = load_operator_file(EXAMPLE_OPERATOR)
    assert operator.privacy.logs_query_string is False
    text = page_text(build_legal_page("datenschutz", operator, lang))
    for field in facts.log_fields(lang):
        assert f"- {field}" in text
    assert msg("legal.dp_logs_no_query", lang) in text
    assert len(facts.log_fields(lang)) == len(facts.LOG_FIELDS)


# -- nginx: what a client learns ----------------------------------------------------------------


def test_nginx_hides_its_version_and_its_replicas() -> None:
    """server_tokens off; no header carries $upstream_addr (an internal address)."""
    text = _site()
    assert re.search(r"^\s*server_tokens off;", text, re.M)
    assert not re.search(r"add_header\s+\S+\s+\$upstream_addr", text)
    assert "X-Replica" not in text


def test_every_csp_header_is_the_full_policy() -> None:
    """Each add_header Content-Security-Policy (server and locations) sends the full policy."""
    policies = re.findall(r'add_header Content-Security-Policy "([^"]*)" always;', _site())
    assert len(policies) >= 2
    assert set(policies) == {FULL_CSP}


def test_the_sticky_cookie_is_secure_behind_tls() -> None:
    """The cookie is HttpOnly and SameSite, and gets `; Secure` exactly when $https is on."""
    text = _site()
    cookie = re.search(r'add_header Set-Cookie "([^"]*)" always;', text)
    assert cookie
    assert "HttpOnly" in cookie.group(1)
    assert "SameSite=Lax" in cookie.group(1)
    secure = re.search(r"\$(\w+)$", cookie.group(1))
    assert secure
    block = re.search(rf"map \$https \${secure.group(1)} \{{(.*?)\n\}}", text, re.S)
    assert block
    assert re.search(r'^\s*on\s+"; Secure";', block.group(1), re.M)
    assert re.search(r'^\s*default\s+"";', block.group(1), re.M)


# -- systemd ------------------------------------------------------------------------------------


def _unit_settings() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


HARDENING = {
    "NoNewPrivileges": "yes",
    "CapabilityBoundingSet": "",
    "AmbientCapabilities": "",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "PrivateUsers": "yes",
    "ProtectHostname": "yes",
    "ProtectClock": "yes",
    "ProtectKernelTunables": "yes",
    "ProtectKernelModules": "yes",
    "ProtectKernelLogs": "yes",
    "ProtectControlGroups": "yes",
    "ProtectProc": "invisible",
    "RestrictSUIDSGID": "yes",
    "RestrictRealtime": "yes",
    "RestrictNamespaces": "yes",
    "LockPersonality": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "IPAddressDeny": "any",
    "IPAddressAllow": "localhost",
    "SystemCallArchitectures": "native",
    "UMask": "0077",
}


def test_the_unit_sets_every_hardening_directive() -> None:
    """The confinement the unit promises, line by line (also where systemd-analyze is missing)."""
    settings = _unit_settings()
    for key, value in HARDENING.items():
        assert settings.get(key) == [value], key
    assert settings["SystemCallFilter"][0] == "@system-service"
    # Vega in V8 (vl-convert, the PDF's charts) compiles to machine code: W+X must stay allowed.
    assert "MemoryDenyWriteExecute" not in settings


def test_the_unit_listens_on_loopback_and_names_the_operator_file() -> None:
    """ExecStart binds 127.0.0.1; SELBSTCHECK_OPERATOR_FILE is set."""
    settings = _unit_settings()
    (command,) = settings["ExecStart"]
    assert "--server.address 127.0.0.1" in command
    assert "SELBSTCHECK_OPERATOR_FILE=/etc/selbstcheck/operator.toml" in settings["Environment"]


def test_the_unit_scores_ok_in_systemd_analyze(tmp_path: Path) -> None:
    """`systemd-analyze security --offline=true` rates the unit at most 2.5 ("OK")."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("systemd-analyze is missing (apt-get install systemd)")
        pytest.skip("systemd-analyze is not installed; test_the_unit_sets_every_hardening_…")
    instance = tmp_path / "selbstcheck@8501.service"
    instance.write_text(UNIT.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [analyze, "security", "--offline=true", "--no-pager", str(instance)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= MAX_EXPOSURE, result.stdout


# -- make run and the deployment README ---------------------------------------------------------


def _make_run(*arguments: str, **environment: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = subprocess.run(
        ["make", "-n", "--always-make", "run", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env={**os.environ, **environment},
    )
    return next(line for line in result.stdout.splitlines() if "assessment.ui.launcher" in line)


def test_make_run_binds_to_localhost_unless_told_otherwise() -> None:
    """`make run` listens on 127.0.0.1, also when HOST is set in the environment;
    `make run HOST=0.0.0.0` opens it."""
    assert "--server.address 127.0.0.1" in _make_run()
    assert "--server.address 127.0.0.1" in _make_run(HOST="0.0.0.0")
    assert "--server.address 0.0.0.0" in _make_run("HOST=0.0.0.0")


def test_the_deployment_readme_sets_the_operator_file() -> None:
    """deploy/README.md puts the operator file in place and names it in the environment."""
    text = DEPLOY_README.read_text(encoding="utf-8")
    assert "SELBSTCHECK_OPERATOR_FILE=/etc/selbstcheck/operator.toml" in text
    assert "deploy/operator.example.toml" in text


def test_the_deployment_names_the_public_address_for_printed_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """deploy/README.md, the unit and the README name SELBSTCHECK_PUBLIC_URL, and the value the
    deployment README puts in /etc/selbstcheck.env is one the app accepts."""
    from assessment.ui import shared

    variable = shared.PUBLIC_URL_VARIABLE
    assert variable in UNIT.read_text(encoding="utf-8")
    assert variable in (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"^\s*{variable}=(\S+)", DEPLOY_README.read_text(encoding="utf-8"), re.M)
    assert found, f"deploy/README.md sets no {variable}"
    monkeypatch.setenv(variable, found.group(1))
    assert shared.configured_base() == found.group(1)


_UNDER_MDWE = """
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
# PR_SET_MDWE with PR_MDWE_REFUSE_EXEC_GAIN (Linux 6.3+)
if sys.argv[1] == "mdwe" and libc.prctl(65, 1, 0, 0, 0) != 0:
    sys.exit(77)
import vl_convert
spec = {"data": {"values": [{"a": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a"}}}
vl_convert.vegalite_to_svg(spec)
"""


def test_memory_deny_write_execute_would_kill_the_pdf_charts() -> None:
    """Why the unit leaves MemoryDenyWriteExecute off: under the same rule (the kernel's
    PR_SET_MDWE, which systemd uses where it can), vl-convert's V8 aborts the whole process.
    Should a later vl-convert survive it, this fails: then set the directive."""

    def chart(mode: str) -> int:
        command = [sys.executable, "-c", _UNDER_MDWE, mode]
        return subprocess.run(command, capture_output=True, timeout=120, check=False).returncode

    assert chart("plain") == 0
    under_mdwe = chart("mdwe")
    if under_mdwe == 77:
        pytest.skip("the kernel has no PR_SET_MDWE (Linux < 6.3)")
    assert under_mdwe != 0
