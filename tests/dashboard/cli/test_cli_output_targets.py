"""`incidents export -o` and `incidents snapshot -o` write a regular file, whole or not at all.

Run through the installed console script, as cron would run them. A target that is not
a regular file (a directory, a FIFO, a device, a symlink to one) or is read-only is
refused with exit 1 and one line naming the path and the problem; a write that fails
midway leaves no temporary file and the old target as it was.
"""

import json
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from incidents.storage.store import Store

INCIDENTS = str(Path(sys.executable).with_name("incidents"))
OLD = b"the previous export\n"


def run(*args, db_url, limit_file_size=None):
    def limited():  # a real failing write: the kernel refuses to grow a file past the limit
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [INCIDENTS, *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=120,  # a FIFO opened for writing would block: fail instead of hanging
        preexec_fn=limited if limit_file_size else None,
    )


def export(output, db_url, *options, **kwargs):
    return run("export", "--format", "csv", "-o", str(output), *options, db_url=db_url, **kwargs)


def snapshot(output, db_url, **kwargs):
    return run("snapshot", "-o", str(output), db_url=db_url, **kwargs)


def one_line_error(result) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write "), result.stderr
    return lines[0]


@pytest.fixture
def out(tmp_path) -> Path:
    """Where the targets are, apart from the database (in tmp_path, with its -wal files)."""
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def seeded(db_url: str) -> str:
    Store(db_url).load_seed_if_empty()
    return db_url


def state(path: Path):
    """What a test checks is left alone: the kind of file, its link, its bytes and mode."""
    status = os.lstat(path)
    link = os.readlink(path) if path.is_symlink() else None
    data = path.read_bytes() if stat.S_ISREG(status.st_mode) else None
    return stat.S_IFMT(status.st_mode), stat.S_IMODE(status.st_mode), link, data


def directory(where, name):
    (where / name).mkdir()
    return where / name, "it is a directory, not a regular file"


def fifo(where, name):
    os.mkfifo(where / name)
    return where / name, "it is a named pipe (FIFO), not a regular file"


def read_only(where, name):
    (where / name).write_bytes(OLD)
    (where / name).chmod(0o444)  # root may still write it: the mode bits say no
    return where / name, "it is read-only; make it writable"


def link_to_directory(where, name):
    (where / "folder").mkdir()
    (where / name).symlink_to(where / "folder")
    return where / name, f"it links to {where / 'folder'}, which is a directory"


def link_to_dev_null(where, name):
    (where / name).symlink_to("/dev/null")
    return where / name, "it links to /dev/null, which is a device"


BAD_TARGETS = [directory, fifo, read_only, link_to_directory, link_to_dev_null]


@pytest.mark.parametrize(
    "make_target", BAD_TARGETS + ["/dev/null", "/dev/full"], ids=lambda t: getattr(t, "__name__", t)
)
def test_export_refuses_a_target_that_is_not_a_writable_regular_file(make_target, out, db_url):
    if isinstance(make_target, str):
        target, problem = Path(make_target), "it is a device, not a regular file"
    else:
        target, problem = make_target(out, "out.csv")
    before, listing = state(target), sorted(os.listdir(target.parent))
    line = one_line_error(export(target, db_url))
    assert line.startswith(f"error: cannot write {target}: {problem}")
    assert state(target) == before and sorted(os.listdir(target.parent)) == listing


@pytest.mark.parametrize("make_target", BAD_TARGETS, ids=lambda t: t.__name__)
def test_html_snapshot_refuses_a_target_that_is_not_a_writable_regular_file(make_target, out, db_url):
    target, problem = make_target(out, "map.html")
    before, listing = state(target), sorted(os.listdir(out))
    line = one_line_error(snapshot(target, db_url))
    assert line.startswith(f"error: cannot write {target}: {problem}")
    assert state(target) == before and sorted(os.listdir(out)) == listing


def test_png_snapshot_refuses_a_read_only_file_before_starting_a_browser(out, db_url):
    target, problem = read_only(out, "map.png")
    line = one_line_error(snapshot(target, db_url))
    assert line.startswith(f"error: cannot write {target}: {problem}")
    assert target.read_bytes() == OLD and os.listdir(out) == ["map.png"]


def test_export_failing_midway_leaves_the_old_file_and_no_temporary(out, db_url):
    target = out / "out.csv"
    target.write_bytes(OLD)
    # The four seed incidents are ~1.7 kB of CSV: past 1 kB the kernel says "File too large".
    line = one_line_error(export(target, seeded(db_url), limit_file_size=1024))
    assert line.startswith(f"error: cannot write {target}: File too large")
    assert target.read_bytes() == OLD and sorted(os.listdir(out)) == ["out.csv"]


def test_html_snapshot_failing_midway_leaves_the_old_file_and_no_temporary(out, db_url):
    target = out / "map.html"
    target.write_bytes(OLD)
    line = one_line_error(snapshot(target, seeded(db_url), limit_file_size=64 * 1024))
    assert line.startswith(f"error: cannot write {target}: File too large")
    assert target.read_bytes() == OLD and sorted(os.listdir(out)) == ["map.html"]


def test_export_whose_records_fail_midway_leaves_the_old_file(out, db_url, monkeypatch):
    from incidents import IncidentError

    seed = Store(seeded(db_url)).read_incidents()

    def two_then_lost(self, record_filter=None):
        yield from seed[:2]
        raise IncidentError("the database went away after 2 rows")

    monkeypatch.setattr(Store, "iter_incidents", two_then_lost)
    target = out / "out.json"
    target.write_bytes(OLD)
    result = CliRunner().invoke(main, ["export", "--format", "json", "-o", str(target)])
    assert result.exit_code == 1 and result.stderr == "error: the database went away after 2 rows\n"
    assert target.read_bytes() == OLD and sorted(os.listdir(out)) == ["out.json"]


def test_a_failed_rename_is_an_output_error_and_leaves_no_temporary(out, monkeypatch):
    import errno

    from incidents.formats import files

    def refuse(source, destination):
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(source), None, str(destination))

    target = out / "out.csv"
    target.write_bytes(OLD)
    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(files.OutputError, match=f"cannot write {target}: Invalid cross-device link"):
        with files.atomic_write(target) as written:
            written.write("new")
    assert target.read_bytes() == OLD and os.listdir(out) == ["out.csv"]


def test_nothing_matching_writes_no_file_and_keeps_an_old_one(out, db_url):
    target = out / "out.csv"
    target.write_bytes(OLD)
    result = export(target, db_url, "--region", "Nowhere")
    assert result.returncode == 1 and result.stderr == "error: no incidents match these filters\n"
    assert target.read_bytes() == OLD and sorted(os.listdir(out)) == ["out.csv"]


def test_replacing_a_file_keeps_its_permissions_and_a_link_stays_a_link(out, db_url):
    real = out / "real.json"
    real.write_bytes(OLD)
    real.chmod(0o600)
    (out / "latest.json").symlink_to("real.json")
    result = run("export", "--format", "json", "-o", str(out / "latest.json"), db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert os.readlink(out / "latest.json") == "real.json"
    assert len(json.loads(real.read_text(encoding="utf-8"))) == 4
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(os.listdir(out)) == ["latest.json", "real.json"]


def test_standard_output_is_still_a_target(db_url):
    result = run("export", "--format", "json", "-o", "-", db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4


def test_export_of_our_own_csv_imports_again_with_the_same_records(tmp_path):
    first, second = f"sqlite:///{tmp_path / 'first.sqlite'}", f"sqlite:///{tmp_path / 'second.sqlite'}"
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,date,time,place,admin1,country,latitude,longitude,event_type,attacker,killed,injured,"
        "households_without_power,damage,description,source_name,source_url\n"
        "rt-1,2025-07-21,23:40,Odesa,Odesa Oblast,UA,46.48,30.72,missile_strike,RU,0,3,1200,"
        '"port, grain silo","Missiles hit the port; 3 injured, ""heavy"" damage",Suspilne,'
        "https://suspilne.media/x\n"
        "rt-2,2025-07-21,,Belgorod,Belgorod Oblast,RU,50.6,36.6,drone_strike,UA,,,,,,TASS,\n",
        encoding="utf-8",
    )
    assert run("import", str(rows), db_url=first).returncode == 0
    exported = tmp_path / "exported.csv"
    assert run("export", "--format", "csv", "-o", str(exported), db_url=first).returncode == 0
    again = run("import", str(exported), "--json", db_url=second)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert (summary["read"], summary["rejected"]) == (6, 0)  # the 4 seed incidents are in both
    assert summary["stored"] + summary["duplicates"] == 6

    def listed(db_url):
        records = json.loads(run("list", "--json", db_url=db_url).stdout)
        return sorted(records, key=lambda record: record["id"])

    assert listed(second) == listed(first)
