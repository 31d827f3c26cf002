"""`incidents geocode`: offline place-name lookup (DESIGN.md, "Command line").

Exit codes: 0 every name found, 1 a name not found or rejected (one line on stderr; with
--json the full list is still printed), 2 usage error.
"""

import click

from dashboard.cli.errors import CommandError
from geodata import GeodataError, InvalidQueryError
from geodata.places import PlaceMatch, check_hints, resolve_place


def _answer(query: str, match: PlaceMatch | None, error: str | None = None) -> dict:
    answer = {
        "query": query,
        "match": match.to_dict() if match else None,
        "alternatives": [a.to_dict() for a in match.alternatives] if match else [],
        "ambiguous": bool(match and match.ambiguous),
        "geo_precision": match.geo_precision if match else None,
    }
    if error:
        answer["error"] = error
    return answer


def _line(answer: dict) -> str:
    match = answer["match"]
    if match is None:
        return f"{answer['query']}: {answer.get('error') or 'not found'}"
    where = ", ".join(p for p in (match["admin1"], match["country"]) if p and p != match["name"])
    text = (
        f"{answer['query']}: {match['name']} ({where}) "
        f"{match['latitude']:.5f}, {match['longitude']:.5f} [{match['geo_precision']}]"
    )
    if answer["ambiguous"]:
        others = "; ".join(f"{a['name']} ({a['admin1'] or a['country']})" for a in answer["alternatives"][:3])
        text += f" AMBIGUOUS, also: {others}"
    return text


def _read_queries(path: str) -> list[str]:
    try:
        with click.open_file(path, encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="--file") from None


@click.command("geocode")
@click.argument("names", nargs=-1)
@click.option("--file", "file_path", metavar="FILE", help="One place name per line ('-' for stdin).")
@click.option("--country", metavar="CC", help="ISO country code hint, e.g. UA.")
@click.option("--region", metavar="ADMIN1", help="Oblast or federal subject hint, e.g. 'Kharkiv Oblast'.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list for several names or --file).")
def geocode_command(names, file_path, country, region, as_json):
    """Look up place names offline in the GeoNames gazetteer."""
    if not names and not file_path:
        raise click.UsageError("give one or more NAMEs or --file FILE")
    queries = list(names) + (_read_queries(file_path) if file_path else [])
    try:
        check_hints(country=country, region=region)
    except InvalidQueryError as exc:
        raise click.BadParameter(str(exc), param_hint="--country/--region") from None
    answers = []
    for query in queries:
        try:
            answers.append(_answer(query, resolve_place(query, country=country, region=region)))
        except GeodataError as exc:
            answers.append(_answer(query, None, str(exc)))
    if as_json:
        # Imported here: dashboard.cli.options pulls in pandas and SQLAlchemy for the record
        # commands, which would dominate a geocode run's start-up.
        from dashboard.cli.options import echo_json

        echo_json(answers[0] if len(answers) == 1 and not file_path else answers)
    else:
        for answer in answers:
            click.echo(_line(answer))
    missing = [a for a in answers if a["match"] is None]
    if missing:
        first = missing[0]
        reason = first.get("error") or "not in the gazetteer"
        raise CommandError(f"{len(missing)} of {len(answers)} not found; {first['query'][:60]!r}: {reason}")


COMMANDS = [geocode_command]
