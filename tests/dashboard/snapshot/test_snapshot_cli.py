"""`incidents snapshot` through the installed console script, as cron would run it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.browser import require_browser

INCIDENTS = str(Path(sys.executable).with_name("incidents"))


def run(*args, db_url, env=None):
    return subprocess.run(
        [INCIDENTS, "snapshot", *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def one_line_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.mark.browser
def test_png_at_a_preset_size_and_density(db_url, tmp_path):
    require_browser()
    out = tmp_path / "briefing.png"
    result = run(
        "-o",
        str(out),
        "--size",
        "square",
        "--scale",
        "2",
        "--region",
        "Sumy Oblast",
        "--title",
        "Daily briefing",
        db_url=db_url,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out} (1 incident,")
    with Image.open(out) as image:
        assert image.size == (2160, 2160)


@pytest.mark.browser
def test_a_filter_matching_nothing_makes_an_empty_map_not_an_error(db_url, tmp_path):
    require_browser()
    out = tmp_path / "empty.png"
    result = run("-o", str(out), "--region", "Nowhere", "--width", "800", "--height", "600", db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert "no incidents match these filters" in result.stderr
    with Image.open(out) as image:
        assert image.size == (800, 600)


def test_html_needs_no_browser(db_url, tmp_path):
    out = tmp_path / "map.html"
    result = run(
        "-o",
        str(out),
        "--title",
        "<script>alert(1)</script>",
        db_url=db_url,
        env={"CHROMIUM_PATH": str(tmp_path / "no-chromium")},
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_unknown_extension_is_a_usage_error(db_url, tmp_path):
    result = run("-o", str(tmp_path / "map.jpg"), db_url=db_url)
    assert result.returncode == 2
    assert "'.jpg' is not a snapshot format; use .png or .html" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "map.jpg").exists()


def test_unwritable_path_is_one_line_and_exit_1(db_url, tmp_path):
    result = run("-o", str(tmp_path / "missing" / "map.png"), db_url=db_url)
    assert result.returncode == 1
    assert "cannot write" in one_line_error(result) and "does not exist" in result.stderr


def test_no_browser_says_how_to_install_one_and_writes_nothing(db_url, tmp_path):
    out = tmp_path / "map.png"
    result = run("-o", str(out), db_url=db_url, env={"CHROMIUM_PATH": str(tmp_path / "no-chromium")})
    assert result.returncode == 1
    assert "apt-get install chromium" in one_line_error(result)
    assert not out.exists()


def test_bad_scale_is_a_usage_error(db_url, tmp_path):
    result = run("-o", str(tmp_path / "map.png"), "--scale", "3", db_url=db_url)
    assert result.returncode == 2
    assert not (tmp_path / "map.png").exists()


def test_unknown_layer_is_a_usage_error(db_url, tmp_path):
    result = run("-o", str(tmp_path / "map.html"), "--layers", "incidents,bogus", db_url=db_url)
    assert result.returncode == 2
    assert "layers bogus: choose from incidents" in result.stderr
    assert not (tmp_path / "map.html").exists()
