"""`incidents geocode` (dashboard/cli/geocode.py), run in-process."""

import json

from click.testing import CliRunner

from dashboard.cli import main


def run(*args):
    return CliRunner().invoke(main, ["geocode", *args])


def test_one_name_as_json_has_the_design_shape():
    result = run("Kharkov", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert set(answer) >= {"query", "match", "alternatives", "ambiguous", "geo_precision"}
    assert answer["match"]["name"] == "Kharkiv" and answer["match"]["geonameid"] == 706483
    assert set(answer["match"]) >= {
        "name",
        "latitude",
        "longitude",
        "admin1",
        "country",
        "population",
        "geonameid",
    }


def test_file_gives_a_list_in_input_order_and_exit_1_when_one_is_missing(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Sumy\n\nQwertyuiopgrad\nZaporozhye\n12345\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", "--file", str(names), "--json"])
    assert result.exit_code == 1
    answers = json.loads(result.stdout)
    assert [a["query"] for a in answers] == ["Sumy", "Qwertyuiopgrad", "Zaporozhye", "12345"]
    assert [bool(a["match"]) for a in answers] == [True, False, True, False]
    assert "no letters" in answers[3]["error"]
    assert result.stderr.count("\n") == 1 and "2 of 4 not found" in result.stderr


def test_hints_text_output_and_usage_errors():
    result = run("Ivanivka", "--region", "Kherson Oblast")
    assert result.exit_code == 0 and "Kherson Oblast" in result.output
    assert "AMBIGUOUS" in run("Ivanivka").output
    assert run("Kharkiv", "--region", "Narnia").exit_code == 2
    assert run().exit_code == 2
    empty = run("")
    assert empty.exit_code == 1 and "Traceback" not in empty.output


def test_help_lists_every_command_though_they_load_lazily():
    from dashboard.cli import LAZY_COMMANDS

    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == set(LAZY_COMMANDS)


def test_every_command_module_is_registered():
    import importlib
    import pkgutil

    import dashboard.cli
    from dashboard.cli import LAZY_COMMANDS

    for info in pkgutil.iter_modules(dashboard.cli.__path__):
        module = importlib.import_module(f"dashboard.cli.{info.name}")
        defined = {command.name for command in getattr(module, "COMMANDS", ())}
        assert defined == {name for name, where in LAZY_COMMANDS.items() if where == info.name}


def test_geocode_starts_without_the_dashboard_stack():
    import subprocess
    import sys

    heavy = ("streamlit", "folium", "pandas", "sqlalchemy")
    code = (
        "import sys; from dashboard.cli import main; "
        "main(['geocode', 'Kharkiv', '--json'], standalone_mode=False); "
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"
    assert '"Kharkiv"' in result.stdout
