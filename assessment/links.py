"""Links that carry codes: build `?r=` share links, and pull a code out of pasted text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from assessment.errors import CodeError
from assessment.sharecode import MAX_CODE_LENGTH

SHARE_PARAM = "r"
PROGRESS_PARAM = "p"
# Pasted text longer than this cannot hold one of our links.
MAX_PASTED_LENGTH = 2_000


def share_link(base_url: str, code: str) -> str:
    """Return the share link for a code on a base URL such as http://localhost:8501/."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode({SHARE_PARAM: code})}"


def method_link(base_url: str, lang: str) -> str:
    """Return the address of the methodology page on a base URL (or a link on it)."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode({'view': 'method', 'lang': lang})}"


def code_from_text(text: str) -> str:
    """Return the code in a pasted code or link (`…?r=CODE` or `…?p=CODE`)."""
    stripped = text.strip()
    if len(stripped) > MAX_PASTED_LENGTH:
        raise CodeError("code.too_long", limit=MAX_CODE_LENGTH)
    if "=" not in stripped and "?" not in stripped:
        return stripped
    query = stripped.split("?", 1)[1] if "?" in stripped else stripped
    params = parse_qs(query.split("#", 1)[0], keep_blank_values=True)
    for name in (SHARE_PARAM, PROGRESS_PARAM):
        if params.get(name):
            return params[name][0].strip()
    raise CodeError("code.empty")
