"""Tests of dashboard.snapshot."""
