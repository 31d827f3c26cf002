"""The changes a dashboard user makes to the data, each refused unless the user's role
allows it and each written to the audit trail under the user's name. No Streamlit.

The pages leave out what a role may not do; these refuse it too (AccessError, a
PermissionError), so a page that forgot, or a crafted rerun, changes nothing.
"""

from dashboard.state.corrections import corrections_file
from incidents.importing.batch import Batch, BatchResult
from incidents.importing.importer import prepare_batch
from incidents.rules.access import EDIT, MANAGE_USERS, AccessError, User, require
from incidents.storage import audit, users


def import_upload(
    store, user: User, data: bytes, *, name: str, format: str | None, progress=None
) -> BatchResult:
    """Validate, geocode and store an uploaded file as one batch."""
    require(user, EDIT)
    batch = prepare_batch(data, name=name, format=format, progress=progress)
    result = store.write_batch(batch, progress=progress, by=user.name)
    audit.record_import(store, user.name, name, result)
    return result


def store_reviewed(store, user: User, batch: Batch, *, name: str) -> BatchResult:
    """Store records a user reviewed (the Extract page's accepted candidates)."""
    require(user, EDIT)
    result = store.write_batch(batch, by=user.name)
    audit.record_import(store, user.name, name, result)
    return result


def retry_corrections(
    store, user: User, edited: list[dict], *, name: str, open_rows: dict[int, int]
) -> BatchResult:
    """Import a user's corrections of rejected rows; the rows now stored are closed.

    `open_rows`: {row number in the original file: its rejection id}."""
    require(user, EDIT)
    label = f"{name} (corrections)"
    result = store.write_batch(
        prepare_batch(corrections_file(edited), name=label, format="json"), by=user.name
    )
    # The JSON rows are numbered from 1 in the order shown, so the k-th edited row is the
    # k-th record of the retry.
    still_rejected = {rejection.row for rejection in result.rejections}
    fixed = [open_rows[row["row"]] for k, row in enumerate(edited, start=1) if k not in still_rejected]
    closed = store.dismiss_rejections(fixed)
    summary = result.summary()
    audit.record(
        store,
        user.name,
        "correction",
        f"{len(edited)} rejected row(s) of {name} retried (batch {result.batch_id}): "
        f"stored {summary['stored']}, updated {summary['updated']}, still rejected "
        f"{summary['rejected']}; {closed} rejection(s) closed",
    )
    return result


def dismiss_rejections(store, user: User, ids: list[int]) -> int:
    """Mark rejected rows as dealt with; returns how many were open."""
    require(user, EDIT)
    closed = store.dismiss_rejections(ids)
    if closed:
        shown = ", ".join(str(identifier) for identifier in sorted(ids)[:20])
        more = f" and {len(ids) - 20} more" if len(ids) > 20 else ""
        audit.record(store, user.name, "dismissal", f"{closed} rejected row(s) dismissed (ids {shown}{more})")
    return closed


def merge_incidents(store, user: User, target: str, others: list[str]) -> None:
    """A reviewer's "one strike": `others` become reports of `target` (audited by the store)."""
    require(user, EDIT)
    store.merge_incidents(target, others, by=user.name)


def keep_apart(store, user: User, first: str, second: str) -> None:
    require(user, EDIT)
    store.keep_apart(first, second, by=user.name)


def split_incident(store, user: User, incident_id: str) -> list[str]:
    require(user, EDIT)
    return store.split(incident_id, [], by=user.name)


def add_account(store, user: User, name: str, role: str, password: str) -> None:
    """An admin creates an account (audited under the admin's name)."""
    require(user, MANAGE_USERS)
    users.add_user(store, name, role, password, by=user.name)


def set_account_role(store, user: User, name: str, role: str) -> None:
    require(user, MANAGE_USERS)
    _not_oneself(user, name)
    users.set_role(store, name, role, by=user.name)


def remove_account(store, user: User, name: str) -> None:
    require(user, MANAGE_USERS)
    _not_oneself(user, name)
    users.remove_user(store, name, by=user.name)


def _not_oneself(user: User, name: str) -> None:
    # An admin who demotes or removes themselves may leave the desk without any admin;
    # another admin (or `incidents users` on the server) can do it.
    if name == user.name:
        raise AccessError(f"{name!r} cannot change their own account here: ask another admin")
