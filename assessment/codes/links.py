"""Links that carry codes: build `?r=` share links, and pull a code out of pasted text.

Plain Python (no pydantic, no bank): the start page imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qs, urlencode

from assessment.errors import CodeError

SHARE_PARAM = "r"
PROGRESS_PARAM = "p"
# ?view=invite&i=TOKEN opens a colleague's questionnaire; ?r=CODE&peers=C1,C2 the comparison.
INVITE_VIEW = "invite"
INVITE_PARAM = "i"
PEERS_PARAM = "peers"
# On a colleague's questionnaire: the peer code of the ratings given so far (a reload resumes).
RATED_PARAM = "rated"
# Anything longer than this cannot be a code of ours; refused before any decoding work.
MAX_CODE_LENGTH = 200

# On the own result page: the name typed for the invitation, so that a reload keeps it (the
# server keeps nothing; the invitation link carries the same name).
INVITE_NAME_PARAM = "name"
# Pasted text longer than this cannot hold one of our links.
MAX_PASTED_LENGTH = 2_000


def share_link(base_url: str, code: str) -> str:
    """Return the share link for a code on a base URL such as http://localhost:8501/."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode({SHARE_PARAM: code})}"


def method_link(base_url: str, lang: str, back: Mapping[str, str] | None = None) -> str:
    """Return the address of the methodology page on a base URL (or a link on it); back: the
    parameters of the result it was opened from (`p` and `bg`, or `r`), for its way back."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    return f"{base}?{urlencode({'view': 'method', 'lang': lang, **(back or {})})}"


def invite_link(base_url: str, token: str, lang: str | None = None) -> str:
    """Return the invitation link of a token on a base URL; with lang, the link opens in that
    language, else in the reader's browser language or, failing that, the invitation's own."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    params = {"view": INVITE_VIEW, INVITE_PARAM: token}
    if lang is not None:
        params["lang"] = lang
    return f"{base}?{urlencode(params)}"


def mirror_link(base_url: str, code: str, peer_codes: list[str], lang: str | None = None) -> str:
    """Return the link of the comparison of a share code with peer codes; with lang, the link
    opens in that language, else in the reader's browser language or the share code's."""
    base = base_url.split("?", 1)[0].split("#", 1)[0]
    params = {SHARE_PARAM: code, PEERS_PARAM: ",".join(peer_codes)}
    if lang is not None:
        params["lang"] = lang
    return f"{base}?{urlencode(params, safe=',')}"


def codes_from_text(text: str, limit: int) -> list[str]:
    """Return the codes in pasted text (separated by commas, spaces or lines), at most limit."""
    stripped = text.strip()[:MAX_PASTED_LENGTH]
    tokens = [token for token in stripped.replace(",", " ").split() if token]
    return tokens[:limit]


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
