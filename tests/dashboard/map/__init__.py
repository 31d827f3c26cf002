"""Tests of dashboard.map."""
