"""Accounts of a team sharing the dashboard: name, role, argon2 password hash, and the
count of failed sign-ins (kept in the store, so every server process sees the same).

Passwords are hashed with argon2id (argon2-cffi's defaults) and never stored, logged or
returned in clear. After FREE_FAILURES failed sign-ins in a row an account refuses
further attempts for a delay that doubles with each further failure (LOCK_FIRST_SECONDS,
at most LOCK_MAX_SECONDS); a successful sign-in resets the count.
"""

import dataclasses
import datetime as dt
import re

import argon2
import sqlalchemy as sa

from incidents import IncidentError
from incidents.rules.access import User, check_role
from incidents.storage import audit
from incidents.storage.schema import metadata

FREE_FAILURES = 5
LOCK_FIRST_SECONDS = 30.0
LOCK_MAX_SECONDS = 3600.0
MIN_PASSWORD = 8
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")

users_table = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("failed_sign_ins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_failed_at", sa.DateTime(timezone=True)),
)

_hasher = argon2.PasswordHasher()
_dummy_hash = None  # verified against for unknown names, so timing does not tell them apart


class UserError(IncidentError, ValueError):
    """A bad user name or password, an unknown user, or a name already taken."""


@dataclasses.dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the user, or None; `wait` > 0: refused without checking,
    try again in that many seconds."""

    user: User | None
    wait: float = 0.0


def check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise UserError(
            f"bad user name {name!r}: 1 to 64 letters, digits, '.', '_', '@' or '-', starting "
            "with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise UserError(f"the password is too short: at least {MIN_PASSWORD} characters")
    return password


def lock_seconds(failures: int) -> float:
    """How long an account with `failures` failed sign-ins in a row refuses attempts."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(LOCK_FIRST_SECONDS * 2 ** (failures - FREE_FAILURES), LOCK_MAX_SECONDS)


def add_user(store, name: str, role: str, password: str, *, by: str) -> User:
    """Create an account; UserError if the name is taken. Recorded in the audit trail."""
    user = User(check_name(name), check_role(role))
    hashed = _hasher.hash(check_password(password))
    now = dt.datetime.now(dt.UTC)
    with _writing(store) as conn:
        if conn.execute(sa.select(users_table.c.name).where(users_table.c.name == name)).first():
            raise UserError(f"user {name!r} exists already: use set-role, or remove it first")
        conn.execute(
            users_table.insert().values(
                name=name, role=role, password_hash=hashed, created_at=now, failed_sign_ins=0
            )
        )
        audit.record(store, by, "user added", f"{name} ({role})", conn=conn, at=now)
    return user


def remove_user(store, name: str, *, by: str) -> None:
    with _writing(store) as conn:
        if not conn.execute(users_table.delete().where(users_table.c.name == name)).rowcount:
            raise UserError(f"no user {name!r}")
        audit.record(store, by, "user removed", name, conn=conn)


def set_role(store, name: str, role: str, *, by: str) -> None:
    check_role(role)
    with _writing(store) as conn:
        before = conn.execute(sa.select(users_table.c.role).where(users_table.c.name == name)).scalar()
        if before is None:
            raise UserError(f"no user {name!r}")
        conn.execute(users_table.update().where(users_table.c.name == name).values(role=role))
        audit.record(store, by, "role changed", f"{name}: {before} → {role}", conn=conn)


def list_users(store) -> list[dict]:
    """[{"name", "role", "created_at", "failed_sign_ins"}] by name; never the hash."""
    columns = (
        users_table.c.name,
        users_table.c.role,
        users_table.c.created_at,
        users_table.c.failed_sign_ins,
    )
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(*columns).order_by(users_table.c.name)).mappings().all()
    return [
        {**row, "created_at": audit.as_utc(row["created_at"]).isoformat(timespec="seconds")} for row in rows
    ]


def has_users(store) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.literal(1)).select_from(users_table).limit(1)).first() is not None


def find_user(store, name: str) -> User | None:
    """The account's current name and role (a session re-reads it: a role change or a
    removal takes effect at once), or None."""
    with store.engine.connect() as conn:
        role = conn.execute(sa.select(users_table.c.role).where(users_table.c.name == name)).scalar()
    return None if role is None else User(name, role)


def sign_in(store, name: str, password: str, *, now: dt.datetime | None = None) -> SignIn:
    """Check a name and password. A locked account is refused without looking at the
    password; a failure is counted in the store (atomically: several servers share it)."""
    global _dummy_hash
    now = now or dt.datetime.now(dt.UTC)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(users_table).where(users_table.c.name == name)).mappings().first()
    if row is None:
        _dummy_hash = _dummy_hash or _hasher.hash("not a password of anyone")
        _verify(_dummy_hash, password)
        return SignIn(None)
    if row["last_failed_at"] is not None:
        unlocked = audit.as_utc(row["last_failed_at"]) + dt.timedelta(
            seconds=lock_seconds(row["failed_sign_ins"])
        )
        if unlocked > now:
            return SignIn(None, wait=(unlocked - now).total_seconds())
    key = users_table.c.name == name
    if not _verify(row["password_hash"], password):
        with store.engine.begin() as conn:
            conn.execute(
                users_table.update()
                .where(key)
                .values(failed_sign_ins=users_table.c.failed_sign_ins + 1, last_failed_at=now)
            )
        return SignIn(None)
    changes = {}
    if row["failed_sign_ins"]:
        changes |= {"failed_sign_ins": 0, "last_failed_at": None}
    if _hasher.check_needs_rehash(row["password_hash"]):
        changes["password_hash"] = _hasher.hash(password)
    if changes:
        with store.engine.begin() as conn:
            conn.execute(users_table.update().where(key).values(changes))
    return SignIn(User(row["name"], row["role"]))


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def _writing(store):
    from incidents.storage.engine import write_transaction

    return write_transaction(store.engine)
