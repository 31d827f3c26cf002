"""Tests of dashboard.state."""
