"""`incidents history ID`: every version of one record, who made it, when, and what changed."""

import click

from dashboard.cli.options import db_option, echo_json, fail, open_store, printable


@click.command("history")
@db_option
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the versions as JSON.")
def history_command(db_url, record_id, as_json):
    """The versions of the record ID, oldest first: when each came, from which import,
    what it changed, and the record as it is now (or that it was deleted).

    Exit 1 when the store has never held a record with this id.
    """
    from incidents.storage.history import DELETED

    store = open_store(db_url)
    versions = store.history(record_id)
    decisions = store.decisions(record_id)
    if not versions:
        fail(f"no record has the id {record_id!r}; `incidents list --json` shows the ids")
    last = versions[-1]
    current = None if last["change"] == DELETED else last["record"]
    if as_json:
        echo_json(
            {
                "id": record_id,
                "versions": [version | {"when": _iso(version["when"])} for version in versions],
                "current": current,
                "decisions": [decision | {"when": _iso(decision["when"])} for decision in decisions],
            }
        )
        return
    for line in _described(record_id, versions, current):
        click.echo(line)
    for decision in decisions:
        when = f"{decision['when']:%Y-%m-%d %H:%M} UTC" if decision["when"] else "(time unknown)"
        pair = f"{decision['incident']} and {decision['candidate']}"
        click.echo(
            printable(f"review {when}: {pair} {decision['decision'].replace('_', ' ')} by {decision['by']}")
        )


def _described(record_id: str, versions: list[dict], current: dict | None):
    from incidents.storage.history import change_text

    kinds = sorted({version["kind"] for version in versions})
    yield printable(f"{record_id} ({', '.join(kinds)}): {len(versions)} version(s)")
    for version in versions:
        when = f"{version['when']:%Y-%m-%d %H:%M} UTC" if version["when"] else "(time unknown)"
        source = version["file_name"] or "an unknown import"
        batch = f" (batch {version['batch_id'][:8]})" if version["batch_id"] else ""
        verb = "by" if version["change"] == "deleted" else "from"
        kind = f" [{version['kind']}]" if len(kinds) > 1 else ""
        # Who made a change without a stated reason: whoever imported the batch.
        who = f", imported by {version['by']}" if version.get("by") and not version.get("reason") else ""
        yield printable(
            f"{version['version']}. {when}  {version['change']} {verb} {source}{batch}{kind}{who}"
        )
        if version.get("reason"):
            by = f" (by {version['by']})" if version.get("by") else ""
            yield "     " + printable(f"{version['reason']}{by}")
        for change in version["changes"]:
            yield "     " + printable(change_text(change, width=200))
    if current is None:
        yield "deleted; the record as it was:"
        current = versions[-1]["record"]
    else:
        yield "current record:"
    for name, value in current.items():
        yield printable(f"  {name}: {'–' if value is None else value}")


def _iso(when) -> str | None:
    return when.isoformat() if when else None


COMMANDS = [history_command]
