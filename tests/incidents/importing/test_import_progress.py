"""Import progress: validation reports how far it got, ending at the row count."""

from incidents.importing.importer import VALIDATING, prepare_batch

HEADER = "date,place,country,latitude,longitude,event_type,attacker,injured,source_name\n"


def test_row_by_row_validation_reports_progress_to_the_end():
    # A bad row sends the file through the row validator, which reports as it goes.
    rows = [f"2025-07-{1 + n % 28:02d},Sumy,UA,50.9,34.8,drone_strike,RU,1,TEST {n}\n" for n in range(1200)]
    data = (HEADER + "".join(rows) + "2025-07-21,Sumy,UA,95,34.8,drone_strike,RU,1,TEST\n").encode()
    reports = []
    batch = prepare_batch(data, name="progress.csv", progress=lambda *report: reports.append(report))
    assert batch.read == 1201 and len(batch.rejections) == 1
    assert {stage for stage, _, _ in reports} == {VALIDATING}
    assert [done for _, done, _ in reports] == sorted(done for _, done, _ in reports)
    assert reports[-1] == (VALIDATING, 1201, 1201)
    assert len(reports) >= 3


def test_a_file_vouched_for_at_once_reports_done():
    data = (HEADER + "2025-07-21,Sumy,UA,50.9,34.8,drone_strike,RU,1,TEST\n").encode()
    reports = []
    prepare_batch(data, name="one.csv", progress=lambda *report: reports.append(report))
    assert reports[-1] == (VALIDATING, 1, 1)
