"""Languages and bilingual text: the one place that knows German comes first."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
DEFAULT_LANGUAGE: Language = "de"
# Who reads a result: the person themselves, or someone they shared it with (coach, colleague).
Viewer = Literal["self", "other"]


class Text(BaseModel):
    """A piece of prose in both languages; neither may be empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, language: Language) -> str:
        return self.de if language == "de" else self.en


def parse_language(value: object) -> Language:
    """Return a supported language for any outside value, German when it is not one."""
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return "en" if value.strip().lower() == "en" else "de"
    return DEFAULT_LANGUAGE
