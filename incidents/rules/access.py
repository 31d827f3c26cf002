"""Who may do what: the three roles and the check every change to the data makes. Pure.

One place for the rule, so the pages (which leave out what a role may not do) and the
code that changes the data (which refuses it) never disagree.
"""

import dataclasses

from incidents import IncidentError

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)

# What each action needs; a role may do what it names and everything a lower role may.
VIEW = "view"  # the map, the data and its downloads
EDIT = "edit"  # import, extract, correct, merge, dismiss
MANAGE_USERS = "manage users"
_NEEDS = {VIEW: VIEWER, EDIT: EDITOR, MANAGE_USERS: ADMIN}


class AccessError(IncidentError, PermissionError):
    """The user's role does not allow what was asked."""


class RoleError(IncidentError, ValueError):
    """Not one of the roles."""


@dataclasses.dataclass(frozen=True)
class User:
    """Who acts: a signed-in account, or the local user when sign-in is off."""

    name: str
    role: str

    def __post_init__(self):
        check_role(self.role)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise RoleError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def may(user: User | None, action: str) -> bool:
    """True if `user` may do `action` (VIEW, EDIT, MANAGE_USERS); nobody (None) may do nothing."""
    if user is None:
        return False
    return ROLES.index(user.role) >= ROLES.index(_NEEDS[action])


def require(user: User | None, action: str) -> User:
    """`user`, if it may do `action`; else AccessError naming the user, the role and the action."""
    if not may(user, action):
        who = "nobody is signed in" if user is None else f"{user.name!r} is a {user.role}"
        raise AccessError(f"not allowed to {action}: {who}; this needs the {_NEEDS[action]} role")
    return user
