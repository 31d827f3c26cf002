"""Small builders shared by the incident tests."""

from pathlib import Path

CORPUS = Path(__file__).parent / "data" / "corpus"

HEADER = (
    "id,date,place,admin1,country,latitude,longitude,event_type,attacker,killed,injured,"
    "households_without_power,description"
)


def csv_file(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def synthetic_csv(path: Path, count: int, *, prefix: str, start: int = 0) -> Path:
    """`count` valid rows with coordinates and ids `prefix-N`."""
    rows = [
        f"{prefix}-{n},2025-07-{1 + n % 28:02d},Place {n % 97},Region {n % 7},UA,"
        f"{45 + (n % 1000) / 100},{30 + (n % 700) / 100},drone strike,RU,{n % 3},{n % 5},,row {n}"
        for n in range(start, start + count)
    ]
    return csv_file(path, *rows)


def balanced(summary: dict) -> bool:
    counts = ("stored", "attached", "updated", "duplicates", "outdated", "deleted", "rejected")
    return summary["read"] == sum(summary.get(name, 0) for name in counts)
