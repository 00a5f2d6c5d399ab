"""Typed errors: each carries a catalogue key, so its message exists in German and English."""

from __future__ import annotations

from pathlib import Path

from assessment.i18n import Language
from assessment.messages import msg


class SelbstcheckError(Exception):
    """Base of every error the product reports to a person; never shown as a traceback."""

    key: str

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: Language) -> str:
        """Return the message for a person in the given language."""
        return msg(self.key, language, **self.params)

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from key and params: pickling (st.cache_data) must not feed the English
        # message back in as a key.
        return (_rebuild, (type(self), self.key, self.params))


def _rebuild(kind: type[SelbstcheckError], key: str, params: dict[str, object]) -> SelbstcheckError:
    return kind(key, **params)


class CodeError(SelbstcheckError):
    """A share or progress code that cannot be read (truncated, corrupted, unknown version …)."""

    @property
    def reason(self) -> str:
        return self.key.removeprefix("code.")


class AnswersError(SelbstcheckError):
    """Answers that do not fit the bank they name (unknown item, value out of range …)."""


class BankError(Exception):
    """A question bank file that breaks a rule; names the file and the offending entry."""

    def __init__(self, path: Path | str, entry: str, problem: str) -> None:
        self.path = Path(path)
        self.entry = entry
        self.problem = problem
        super().__init__(f"{self.path.name}: {entry}: {problem}")
