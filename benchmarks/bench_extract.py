"""How long extraction takes on a 5,000-word article (goal: under a second)."""

import statistics
import time

from benchmarks.eval_extract import load_cases
from incidents.extract import extract_incidents

SIZES = (500, 1000, 5000, 20000)  # words
REPEATS = 5


def article(words: int) -> str:
    """Devset paragraphs, one per line, repeated until the article has `words` words."""
    paragraphs = [case["text"] for case in load_cases() if not case["id"].startswith("00-")]
    lines, count = [], 0
    while count < words:
        paragraph = paragraphs[len(lines) % len(paragraphs)]
        lines.append(paragraph)
        count += len(paragraph.split())
    return "\n".join(lines)


def main() -> None:
    start = time.perf_counter()
    extract_incidents("In Kharkiv, a drone strike injured two people.", published="2025-07-22")
    first = time.perf_counter() - start
    print(f"first call (loads the gazetteer): {first:.2f} s")
    print(f"{'words':>8}{'records':>9}{'median s':>10}{'max s':>8}{'words/s':>10}")
    for size in SIZES:
        text = article(size)
        times, records = [], 0
        for _ in range(REPEATS):
            start = time.perf_counter()
            result = extract_incidents(text, published="2025-07-22")
            times.append(time.perf_counter() - start)
            records = len(result.incidents) + len(result.air_defence)
        median = statistics.median(times)
        words = len(text.split())
        print(f"{words:>8}{records:>9}{median:>10.3f}{max(times):>8.3f}{words / median:>10.0f}")


if __name__ == "__main__":
    main()
