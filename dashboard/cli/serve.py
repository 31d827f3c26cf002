"""`incidents serve`: run the dashboard with Streamlit, offline.

It listens on this machine only (127.0.0.1) unless `--host` names another address, and
nothing leaves the machine when it starts: Streamlit would otherwise look up the machine's
external IP (HTTP to checkip.amazonaws.com) and its LAN address (a UDP connect to 8.8.8.8)
to print "Network URL" / "External URL". It skips both when `server.address` and
`browser.serverAddress` are set (streamlit/web/bootstrap.py `_print_url`), and a set
`browser.serverAddress` is also what its WebSocket origin check tries before those lookups
(streamlit/web/server/server_util.py `is_url_from_allowed_origins`).

The command replaces itself with Streamlit (exec), so SIGTERM or SIGINT sent to
`incidents serve` reaches the server itself and stops it.

Sign-in (`dashboard.auth`): on with `--auth`, and on by itself when the host is not
loopback and the store has accounts; a non-loopback host with neither sign-in nor an
explicit `--no-auth` is refused. The app learns the choice from $INCIDENTS_AUTH.
"""

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

import click

from dashboard.auth.identity import AUTH_ENV, SESSION_HOURS
from dashboard.cli.options import db_option, fail
from dashboard.map.assets import ensure_static_assets
from dashboard.state.settings import MAX_UPLOAD_MB

APP = Path(__file__).resolve().parent.parent / "app.py"
DEFAULT_HOST = "127.0.0.1"
LOCALHOST = "localhost"


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1); a wildcard is not."""
    if host.lower() == LOCALHOST:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_host(host: str) -> str:
    """`localhost`, or the IP address in its canonical spelling; anything else raises.

    Host names other than localhost are refused: resolving one could ask a DNS server, and
    the address a name resolves to can change after the check that it is loopback.
    """
    if host.strip().lower() == LOCALHOST:
        return LOCALHOST
    try:
        return str(ipaddress.ip_address(host.strip().strip("[]")))
    except ValueError:
        raise ValueError(
            f"{host!r} is not an IP address: give one (127.0.0.1, ::1, 0.0.0.0, ::, a LAN "
            "address) or localhost"
        ) from None


def _bind_address(host: str) -> str:
    """What Streamlit binds: `localhost` becomes 127.0.0.1, so no name is resolved."""
    return DEFAULT_HOST if host == LOCALHOST else host


def _browser_address(host: str) -> str:
    """The address shown in the printed URL (and trusted as the app's own origin)."""
    if host == LOCALHOST:
        return LOCALHOST
    address = ipaddress.ip_address(host)
    if address.is_unspecified or str(address) == DEFAULT_HOST:
        # A wildcard is not an address a browser can open; this machine reaches it as localhost.
        return LOCALHOST
    return f"[{address}]" if address.version == 6 else str(address)


def streamlit_command(port: int, host: str = DEFAULT_HOST) -> list[str]:
    """The `streamlit run` command line: headless, on `host`, nothing sent anywhere."""
    host = normalize_host(host)
    return [
        sys.executable,
        "-m",
        "dashboard.cli.served",  # `streamlit run`, after drawing the first view once
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        _bind_address(host),
        "--browser.serverAddress",
        _browser_address(host),
        "--server.headless",
        "true",
        "--server.enableStaticServing",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--global.developmentMode",
        "false",
        "--client.toolbarMode",
        "viewer",
        # Tables' own "Download as CSV" writes formulas as they are; the Data page's
        # downloads are neutralised (dashboard/app.py sets this too, for `streamlit run`).
        "--client.disableDataExport",
        "true",
        "--server.maxUploadSize",
        str(MAX_UPLOAD_MB),
        # A full garbage collection after every run held the one interpreter for a
        # quarter of a second at a million incidents (its caches are large): every
        # session waited. Reference counting frees what a run leaves; Python's own
        # generational collection still runs.
        "--runner.postScriptGC",
        "false",
        # A served dashboard does not change under its users: no watching of its files
        # (which reloads changed modules in the middle of their sessions).
        "--server.fileWatcherType",
        "none",
    ]


def sharing_warning(host: str, port: int, *, auth: bool = False) -> str | None:
    """The warning printed at start when `host` is not loopback, else None."""
    if is_loopback(host):
        return None
    address = ipaddress.ip_address(host)
    where = (
        "all of this machine's network interfaces"
        if address.is_unspecified
        else (f"[{address}]" if address.version == 6 else str(address))
    )
    if auth:
        return (
            f"note: the dashboard listens on {where}, port {port}, with sign-in (sessions last "
            f"{SESSION_HOURS} h). It speaks plain HTTP: passwords cross the network readable "
            "unless a TLS reverse proxy (or a VPN) is in front of it."
        )
    return (
        f"warning: the dashboard listens on {where}, port {port}: anyone who can reach "
        "this port can read and change the incident data (sign-in is off: --no-auth). "
        f"Leave out --host to keep it on this machine ({DEFAULT_HOST}), or use --auth."
    )


class SignInRequired(ValueError):
    """A shared host without sign-in and without an explicit --no-auth."""


def sign_in_on(host: str, *, auth: bool, no_auth: bool, has_users) -> bool:
    """Whether the served app asks for sign-in. `has_users()` is asked only when it matters.

    Raises SignInRequired when `host` is not loopback and neither flag decides."""
    if auth and no_auth:
        raise SignInRequired("--auth and --no-auth contradict each other: give one")
    if auth or no_auth:
        return auth
    if is_loopback(host):
        return False
    if has_users():
        return True  # accounts exist: sharing them is what they are for
    raise SignInRequired(
        f"--host {host} shares the dashboard with the network, and the store has no accounts: "
        "add one (`incidents users add NAME --role admin`) and start with --auth, or give "
        "--no-auth to let anyone who reaches the port read and change the data"
    )


def _host_option(ctx, param, value):
    try:
        return normalize_host(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


@click.command("serve")
@db_option
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option(
    "--host",
    metavar="ADDRESS",
    default=DEFAULT_HOST,
    show_default=True,
    callback=_host_option,
    help="Address to listen on. The default serves this machine only; 0.0.0.0 or :: "
    "(every interface) or a LAN address shares the dashboard with the network.",
)
@click.option(
    "--auth",
    is_flag=True,
    help=f"Ask for sign-in on every page (accounts: `incidents users`); sessions last {SESSION_HOURS} h.",
)
@click.option(
    "--no-auth", is_flag=True, help="Serve a non-loopback --host without sign-in (warned about at start)."
)
def serve_command(db_url, port, host, auth, no_auth):
    """Run the dashboard at http://localhost:PORT."""
    try:
        auth = sign_in_on(host, auth=auth, no_auth=no_auth, has_users=lambda: _has_users(db_url))
    except SignInRequired as exc:
        raise click.UsageError(str(exc)) from None
    if auth and not _has_users(db_url):
        fail("--auth needs an account to sign in with: add one with `incidents users add NAME --role admin`")
    ensure_static_assets()
    env = dict(os.environ)
    if db_url:
        env["INCIDENTS_DB"] = db_url
    env[AUTH_ENV] = "1" if auth else "0"
    warning = sharing_warning(host, port, auth=auth)
    if warning:
        click.echo(warning, err=True)
    command = streamlit_command(port, host)
    if os.name == "nt":  # no exec that keeps the process there: pass Streamlit's exit code on
        click.get_current_context().exit(subprocess.call(command, env=env))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        # Become Streamlit: the same process, so signals sent to `incidents serve` stop it.
        os.execve(command[0], command, env)
    except OSError as exc:
        fail(f"cannot start Streamlit ({command[0]}): {exc}")


def _has_users(db_url: str | None) -> bool:
    from incidents import IncidentError
    from incidents.storage.store import Store
    from incidents.storage.users import has_users

    try:
        store = Store(db_url)
    except IncidentError as exc:
        fail(str(exc))
    try:
        return has_users(store)
    finally:
        store.close()


COMMANDS = [serve_command]
