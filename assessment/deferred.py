"""Modules imported on their first use, one thread at a time (issue 24).

The first start page needs neither pydantic nor the validated bank nor the codes; the modules that
do stand behind a `DeferredModule`, declared once at the top of the module using them:

    if TYPE_CHECKING:
        from assessment.codes import share
    else:
        share = DeferredModule("assessment.codes.share")

mypy sees the real module; at run time the first attribute looked up (`share.decode_code`)
imports it. Imports by script threads are serialised (`import_serially`): two threads importing
the same library for the first time at once can see a partially initialised module. Only look
up a deferred module's attributes inside functions, never while a module is being imported.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType
from typing import Any

# Re-entrant: a module imported under the lock may itself use a deferred module while it loads.
IMPORT_LOCK = threading.RLock()


def import_serially(*modules: str) -> None:
    """Import modules one thread at a time (at once when another thread has finished them)."""
    with IMPORT_LOCK:
        for name in modules:
            importlib.import_module(name)


class DeferredModule:
    """A module imported on its first attribute look-up; later look-ups go straight to it."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._imported(), attribute)

    def _imported(self) -> ModuleType:
        """Return the module, importing it (under the import lock) the first time."""
        module = self._module
        if module is None:
            with IMPORT_LOCK:
                module = importlib.import_module(self._name)
            self._module = module
        return module

    def __repr__(self) -> str:
        state = "imported" if self._module is not None else "not imported yet"
        return f"<deferred module {self._name!r}, {state}>"
