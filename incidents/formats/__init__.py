"""Files in and out: decoding, CSV/JSON/GeoJSON/ACLED readers, exports, atomic output files."""
