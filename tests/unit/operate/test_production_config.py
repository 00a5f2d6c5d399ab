"""The production configuration in .streamlit/config.toml, and the settings a deployment injects."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from assessment.operate.operator import OPERATOR_FILE_ENV, deployment_problem

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / ".streamlit" / "config.toml"
STREAMLIT = Path(sys.executable).with_name("streamlit")
DEPLOYMENT_ENV = {
    "STREAMLIT_SERVER_COOKIE_SECRET": "same-secret-on-every-replica-0123456789abcdef",
    "STREAMLIT_SERVER_ALLOWED_HOSTS": "selbstcheck.example.org 127.0.0.1",
}
EXAMPLE_OPERATOR = ROOT / "deploy" / "operator.example.toml"


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    """The parsed config.toml."""
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def test_no_usage_statistics(config: dict[str, Any]) -> None:
    """Streamlit's telemetry is off: the browser sends nothing to Streamlit's metrics hosts."""
    assert config["browser"]["gatherUsageStats"] is False


def test_no_error_details_reach_a_person(config: dict[str, Any]) -> None:
    """Uncaught errors show a generic message: no type, message, traceback or search links."""
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["showErrorLinks"] is False
    assert config["client"]["toolbarMode"] == "viewer"


def test_xsrf_and_cors_protection_on(config: dict[str, Any]) -> None:
    """XSRF protection and CORS protection are both on, as Streamlit recommends."""
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True


def test_server_runs_headless_without_watchers_or_static_files(config: dict[str, Any]) -> None:
    """A server does not open a browser, watch its sources, or serve a static folder."""
    server = config["server"]
    assert server["headless"] is True
    assert server["runOnSave"] is False
    assert server["fileWatcherType"] == "none"
    assert server["enableStaticServing"] is False
    assert server["maxUploadSize"] == 1


def test_secrets_and_hosts_are_left_to_the_environment(config: dict[str, Any]) -> None:
    """The cookie secret and allowed hosts are never in the file; each deployment sets them."""
    assert "cookieSecret" not in config["server"]
    assert "allowedHosts" not in config["server"]
    text = CONFIG.read_text(encoding="utf-8")
    for variable in DEPLOYMENT_ENV:
        assert variable in text, f"config.toml should name {variable} for deployments"


def test_every_option_is_one_streamlit_knows(config: dict[str, Any]) -> None:
    """A misspelt option would be ignored silently; every key names a real Streamlit option."""
    from streamlit import config as st_config

    known = set(st_config.get_config_options())
    for section, options in config.items():
        if section == "theme":
            continue  # the theme has nested tables; the UI owns it
        for name in options:
            assert f"{section}.{name}" in known, f"unknown option {section}.{name}"


def test_deployment_environment_reaches_streamlit() -> None:
    """STREAMLIT_SERVER_COOKIE_SECRET and STREAMLIT_SERVER_ALLOWED_HOSTS override the file."""
    shown = subprocess.run(
        [str(STREAMLIT), "config", "show"],
        cwd=ROOT,
        env={**os.environ, **DEPLOYMENT_ENV},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert f'cookieSecret = "{DEPLOYMENT_ENV["STREAMLIT_SERVER_COOKIE_SECRET"]}"' in shown
    hosts = shown.split("allowedHosts = [", 1)[1].split("]", 1)[0]
    assert [h.strip().strip('",') for h in hosts.split() if h.strip()] == [
        "selbstcheck.example.org",
        "127.0.0.1",
    ]
    assert 'showErrorDetails = "none"' in shown
    assert "gatherUsageStats = false" in shown


def test_this_environment_names_its_operator_when_it_serves_others() -> None:
    """Where STREAMLIT_SERVER_ALLOWED_HOSTS is set, a valid operator file must be configured.

    Run in a deployment's environment, this fails when the legal pages would be missing.
    """
    problem = deployment_problem(os.environ)
    assert problem is None, problem.message("de") if problem else ""


def test_a_deployment_without_operator_file_fails_the_check() -> None:
    """The check above refuses the deployment environment without SELBSTCHECK_OPERATOR_FILE
    and accepts it with the example file."""
    problem = deployment_problem(DEPLOYMENT_ENV)
    assert problem is not None
    assert problem.key == "operator.missing_for_public"
    configured = {**DEPLOYMENT_ENV, OPERATOR_FILE_ENV: str(EXAMPLE_OPERATOR)}
    assert deployment_problem(configured) is None
