"""The snapshot's one error type; the CLI and the dashboard turn it into a message."""


class SnapshotError(Exception):
    """A snapshot that cannot be made: bad request, no browser, map not drawn in time."""
