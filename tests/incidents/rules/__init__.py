"""Tests of incidents.rules."""
