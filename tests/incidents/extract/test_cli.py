import json

from click.testing import CliRunner

from dashboard.cli import main

TEXT = (
    "Tuesday, July 22, 2025\n"
    "Later Sunday, in Kharkiv, two more civilians were injured in another drone strike.\n"
)


def test_extract_json_from_stdin():
    result = CliRunner().invoke(main, ["extract", "-", "--json"], input=TEXT)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"incidents", "air_defence"}
    assert [(r["place"], r["date"], r["injured"]) for r in data["incidents"]] == [
        ("Kharkiv", "2025-07-20", 2)
    ]


def test_extract_from_a_file_in_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2025-07-22"])
    assert result.exit_code == 0
    assert "Kharkiv" in result.output


def test_nothing_found_exits_1_with_a_reason():
    result = CliRunner().invoke(
        main, ["extract", "-", "--published", "2025-07-22"], input="Peace talks go on.\n"
    )
    assert result.exit_code == 1
    assert "no incidents" in result.output


def test_a_bad_date_is_a_usage_error_naming_it():
    result = CliRunner().invoke(main, ["extract", "-", "--published", "July"], input=TEXT)
    assert result.exit_code == 2
    assert "'July'" in result.output
