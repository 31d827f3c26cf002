"""Tests of incidents.formats."""
