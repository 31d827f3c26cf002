"""Errors of the extraction package."""

from incidents import IncidentError


class ExtractError(IncidentError, ValueError):
    """Bad input to extraction: not text, or a publication date that is not a date."""
