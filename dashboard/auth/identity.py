"""Who acts when nobody signs in: the person logged in to this machine. No Streamlit."""

import getpass
import os

from incidents.rules.access import ADMIN, User

# Set by `incidents serve`: "1" sign-in on, "0" off (--no-auth), unset: decided by the app.
AUTH_ENV = "INCIDENTS_AUTH"
SESSION_HOURS = 8  # a signed-in session ends this long after sign-in


def os_user_name() -> str:
    """The operating system's name for the current user ("local" if it has none)."""
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER (some containers)
        return os.environ.get("USERNAME") or "local"


def local_user() -> User:
    """The single local user of a dashboard without sign-in: may do everything, as before
    accounts existed; named after the OS user in the audit trail."""
    return User(os_user_name(), ADMIN)
