"""Tests of the pages (AppTest and real Chromium)."""
