"""Places: gazetteer, geocoding, regions and the offline basemap (bottom layer).

Imports neither `incidents` nor `dashboard`.
"""


class GeodataError(Exception):
    """Root of every error raised by geodata."""


class InvalidQueryError(GeodataError, ValueError):
    """A place name, hint or coordinate that cannot be looked up as given."""


class GazetteerDataError(GeodataError, RuntimeError):
    """The installed GeoNames or Natural Earth data is missing or unreadable."""


class OnlineGeocoderError(GeodataError, ConnectionError):
    """The opt-in online geocoder could not be set up or reached."""


class GeocoderSettingsError(GeodataError, ValueError):
    """Settings that name no usable geocoder, or options it cannot take."""
