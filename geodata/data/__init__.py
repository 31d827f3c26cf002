"""Data files shipped with geodata (see README.md here for their source and licence)."""
