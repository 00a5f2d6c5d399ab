"""Fremdbild: colleagues rate the same demands; the person sees self and others side by side."""
