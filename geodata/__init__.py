"""Places: gazetteer, geocoding, regions and the offline basemap (bottom layer).

Imports neither `incidents` nor `dashboard`.
"""


class GeodataError(Exception):
    """Root of every error raised by geodata."""
