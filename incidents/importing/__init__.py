"""The import pipeline: rows to validated, geocoded batches (row by row or column-wise), the seed."""
