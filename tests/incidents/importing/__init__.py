"""Tests of incidents.importing."""
