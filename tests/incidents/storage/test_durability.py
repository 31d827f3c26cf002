"""Real processes: an importer killed mid-batch changes nothing; four at once lose nothing."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from incidents.storage.store import Store
from tests.incidents.helpers import balanced, synthetic_csv

# Imports a file, printing after each chunk written inside the (open) transaction.
IMPORTER = """
import sys
from incidents.importing.importer import VALIDATING, import_file
from incidents.storage.store import Store
store = Store(sys.argv[1])
def progress(stage, done, total):
    if stage != VALIDATING:  # only the writing stages: the kill must land mid-transaction
        print(f"written {done}/{total}", flush=True)
import_file(store, sys.argv[2], progress=progress)
print("committed", flush=True)
"""


def snapshot(url):
    store = Store(url)
    state = (
        store.count(),
        store.totals(),
        len(store.batches()),
        len(store.rejections()),
        sorted(r["id"] for r in store.read_incidents()),
    )
    store.close()
    return state


def test_sigkill_mid_batch_leaves_the_store_as_it_was(store_url, tmp_path):
    store = Store(store_url)
    store.load_seed_if_empty()
    store.close()
    before = snapshot(store_url)
    path = synthetic_csv(tmp_path / "big.csv", 20_000, prefix="kill")
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, store_url, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    )
    first = process.stdout.readline()
    assert first.startswith("written 5000/20000"), first  # rows are in, not yet committed
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert snapshot(store_url) == before
    # ...and the store still takes the same file afterwards, whole.
    store = Store(store_url)
    from incidents.importing.importer import import_file

    assert import_file(store, path).stored == 20_000
    store.close()


def test_four_importers_at_once_lose_no_row(store_url, tmp_path):
    shared = [f"shared-{n},2025-07-02,Place {n},Region 1,UA,50.1,30.1,drone,RU,,,,same" for n in range(500)]
    files = []
    for k in range(4):
        path = synthetic_csv(tmp_path / f"part{k}.csv", 2500, prefix=f"p{k}")
        with open(path, "a", encoding="utf-8") as out:
            out.write("\n".join(shared) + "\n")
        files.append(path)
    command = [
        sys.executable,
        "-c",
        "from dashboard.cli import main; main()",
        "import",
        "--json",
        "--db",
        store_url,
    ]
    processes = [
        subprocess.Popen([*command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path in files
    ]
    summaries = []
    deadline = time.monotonic() + 240
    for process in processes:
        out, err = process.communicate(timeout=max(1, deadline - time.monotonic()))
        assert process.returncode == 0, err
        summaries.append(json.loads(out))
    assert all(balanced(summary) and summary["read"] == 3000 for summary in summaries)
    assert sum(s["stored"] for s in summaries) == 4 * 2500 + 500
    assert sum(s["duplicates"] for s in summaries) == 3 * 500
    store = Store(store_url)
    assert store.count() == 4 * 2500 + 500 + 4  # and the seed, loaded once
    assert len(store.batches()) == 5
    store.close()


@pytest.fixture(autouse=True)
def _run_from_the_repository(monkeypatch):
    # The subprocesses import the packages from the working tree.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    monkeypatch.setenv("PYTHONPATH", root + os.pathsep + os.environ.get("PYTHONPATH", ""))
