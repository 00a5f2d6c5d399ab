"""The keys of the choices a person makes on the start page (form, setting, background) and the
bounds of the expected salary: plain constants, imported by the start page without pydantic."""

from __future__ import annotations

from typing import Literal

FormId = Literal["short", "full"]
ProfileId = Literal["duisburg", "public", "mittelstand", "industry"]
# The background chosen on the start page. "specialist" (experienced in IT, not yet leading) is
# offered from rules 3 on; "experienced" then reads "experienced in heading IT" (issue 22).
Experience = Literal["starter", "changer", "specialist", "experienced"]

FORM_IDS: tuple[FormId, ...] = ("short", "full")
PROFILE_IDS: tuple[ProfileId, ...] = ("duisburg", "public", "mittelstand", "industry")
# The concrete settings a comparison ranks; "duisburg" is the general profile behind "noch offen".
SETTING_IDS: tuple[ProfileId, ...] = ("public", "mittelstand", "industry")
# The backgrounds of banks with rules 2 (kept as released); rules 3 add "specialist".
EXPERIENCE_LEVELS: tuple[Experience, ...] = ("starter", "changer", "experienced")
EXPERIENCE_LEVELS_SPECIALIST: tuple[Experience, ...] = (
    "starter",
    "changer",
    "specialist",
    "experienced",
)
# Plausible input bounds for a monthly gross salary in euro; outside them the input is refused.
MIN_EXPECTED_SALARY = 500
MAX_EXPECTED_SALARY = 50_000
