"""Tests of incidents.storage."""
