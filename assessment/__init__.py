"""Selbstcheck IT-Leitung Duisburg: the assessment domain (bank, scoring, matching, share codes).

Kept import-light on purpose: submodules are imported where they are used.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
