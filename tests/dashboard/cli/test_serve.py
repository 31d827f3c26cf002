"""`incidents serve` as a user runs it: the installed console script starting real Streamlit.

It listens on loopback unless told otherwise, sends nothing off the machine when it starts,
and stops (port freed) when it gets SIGTERM or SIGINT.
"""

import contextlib
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.cli.serve import is_loopback, sharing_warning, streamlit_command
from tests.browser import free_port

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and relies on exec and POSIX signals"
)

INCIDENTS = str(Path(sys.executable).with_name("incidents"))
START_TIMEOUT = 60.0

# Loaded by every Python process started with its folder on PYTHONPATH: records (to the
# file named by $NET_HOOK_RECORD, one JSON line per call) and refuses every destination
# that is not this machine's loopback, and every host name other than localhost.
NETWORK_HOOK = r"""
import ipaddress
import json
import os
import socket

_RECORD = os.environ["NET_HOOK_RECORD"]
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
_REFUSED = 101  # ENETUNREACH


def _note(call, target):
    with open(_RECORD, "a", encoding="utf-8") as record:
        record.write(json.dumps({"pid": os.getpid(), "call": call, "target": repr(target)}) + "\n")


def _local(host, *, wildcard_ok=False):
    if host is None or host == "" or host == b"":
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or (wildcard_ok and address.is_unspecified)


def _host_of(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        return address[0]
    return None  # Unix sockets, netlink...: local by nature


def _refuse(call, target):
    _note(call, target)
    raise OSError(_REFUSED, f"{call} to {target!r} refused by the test's network hook")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_sendto = socket.socket.sendto
_getaddrinfo = socket.getaddrinfo
_gethostbyname = socket.gethostbyname
_create_connection = socket.create_connection


def connect(self, address):
    if not _local(_host_of(self, address)):
        _refuse("connect", address)
    return _connect(self, address)


def connect_ex(self, address):
    if not _local(_host_of(self, address)):
        _note("connect_ex", address)
        return _REFUSED
    return _connect_ex(self, address)


def sendto(self, data, *args):
    if not _local(_host_of(self, args[-1])):
        _refuse("sendto", args[-1])
    return _sendto(self, data, *args)


def getaddrinfo(host, *args, **kwargs):
    # A wildcard is resolved to bind a listening socket, which sends nothing.
    if not _local(host, wildcard_ok=True):
        _note("getaddrinfo", host)
        raise socket.gaierror(socket.EAI_NONAME, "refused by the test's network hook")
    return _getaddrinfo(host, *args, **kwargs)


def gethostbyname(host):
    if not _local(host):
        _note("gethostbyname", host)
        raise socket.gaierror(socket.EAI_NONAME, "refused by the test's network hook")
    return _gethostbyname(host)


def create_connection(address, *args, **kwargs):
    if not _local(address[0]):
        _refuse("create_connection", address)
    return _create_connection(address, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
socket.create_connection = create_connection

with open(_RECORD + ".loaded", "a", encoding="utf-8") as loaded:
    loaded.write(f"{os.getpid()}\n")
"""


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    db_url: str
    stdout: Path
    stderr: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def network_hook(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The record file, and the environment that loads the hook in every Python process."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(NETWORK_HOOK, encoding="utf-8")
    record = tmp_path / "network.jsonl"
    pythonpath = os.pathsep.join(filter(None, [str(hook_dir), os.environ.get("PYTHONPATH")]))
    return record, {"PYTHONPATH": pythonpath, "NET_HOOK_RECORD": str(record)}


def recorded(record: Path) -> list[dict]:
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        response.read()
        return response.status


@contextlib.contextmanager
def serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    """`incidents serve --port FREE --db sqlite:///TMP/x.sqlite ARGS`, once it answers."""
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    environment = {**os.environ, **(env or {})}
    environment.pop("INCIDENTS_DB", None)  # only --db may name the store
    stdout, stderr = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        # A session of its own: the clean-up below can reach any process it leaves behind.
        process = subprocess.Popen(
            [INCIDENTS, "serve", "--port", str(port), "--db", db_url, *args],
            env=environment,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    server = Server(process, port, db_url, stdout, stderr)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with {process.returncode}:\n{stderr.read_text()}")
            try:
                if get(f"{server.base}/_stcore/health") == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no answer on {server.base}:\n{stderr.read_text()}") from None
                time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # anything the command left running


def wait_for_output(path: Path, text: str, *, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        content = path.read_text(encoding="utf-8", errors="replace")
        if text in content:
            return content
        if time.monotonic() > deadline:
            raise TimeoutError(f"{text!r} not printed in {timeout} s:\n{content}")
        time.sleep(0.1)


def _proc_address(hex_address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """An address as /proc/net/tcp{,6} prints it: 32-bit words in host byte order."""
    raw = bytes.fromhex(hex_address)
    if sys.byteorder == "little":
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(raw)


def listening_addresses(port: int) -> set:
    """The local addresses of the TCP sockets listening on `port` (from /proc/net)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                address, local_port = fields[1].split(":")
                if fields[3] == "0A" and int(local_port, 16) == port:  # 0A: LISTEN
                    found.add(_proc_address(address))
    return found


def non_loopback_local_addresses() -> list[str]:
    """This machine's own IPv4 addresses other than loopback (from the kernel's table)."""
    with contextlib.suppress(FileNotFoundError):
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
        addresses = {
            previous.split()[-1]
            for previous, line in zip(lines, lines[1:], strict=False)
            if line.strip() == "/32 host LOCAL"
        }
        return sorted(a for a in addresses if not ipaddress.ip_address(a).is_loopback)
    return []


def accepts(address: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((address, port), timeout=2):
        return True
    return False


def port_is_free(port: int) -> bool:
    """Nothing listens on the port: a new server could bind it (as Streamlit does, reusing)."""
    if listening_addresses(port):
        return False
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


# --- listening address ------------------------------------------------------------------


def test_serve_listens_on_loopback_only_by_default(tmp_path):
    with serve(tmp_path) as server:
        assert listening_addresses(server.port) == {ipaddress.ip_address("127.0.0.1")}
        # Bound to 127.0.0.1 itself, not to every interface: other addresses refuse.
        for address in ["127.0.0.2", *non_loopback_local_addresses()]:
            assert not accepts(address, server.port), address
        assert accepts("127.0.0.1", server.port)

        # The command became the server (same process: `streamlit run` after drawing the
        # first view), with --db in its environment.
        pid = server.process.pid
        assert b"dashboard.cli.served\0run" in Path(f"/proc/{pid}/cmdline").read_bytes()
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert f"INCIDENTS_DB={server.db_url}".encode() in environ
        assert "warning" not in server.stderr.read_text()


# --- nothing leaves the machine ---------------------------------------------------------


def test_the_network_hook_records_and_refuses_what_would_leave(tmp_path):
    """The hook of the next test can fail: it catches each way out Streamlit has used."""
    record, env = network_hook(tmp_path)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        code = f"""
import contextlib, socket
with contextlib.suppress(OSError):
    socket.create_connection(("checkip.amazonaws.com", 80), timeout=1)
with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    s.connect(("8.8.8.8", 1))
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    with contextlib.suppress(OSError):
        s.sendto(b"x", ("192.0.2.1", 9))
    assert s.connect_ex(("192.0.2.1", 9)) != 0
with contextlib.suppress(OSError):
    socket.getaddrinfo("example.org", 443)
socket.create_connection(("127.0.0.1", {listener.getsockname()[1]}), timeout=5).close()
socket.getaddrinfo("localhost", 80)
"""
        subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, check=True, timeout=30)
    calls = [(entry["call"], entry["target"]) for entry in recorded(record)]
    assert calls == [
        ("create_connection", "('checkip.amazonaws.com', 80)"),
        ("connect", "('8.8.8.8', 1)"),
        ("sendto", "('192.0.2.1', 9)"),
        ("connect_ex", "('192.0.2.1', 9)"),
        ("getaddrinfo", "'example.org'"),
    ]


@pytest.mark.parametrize("host", [None, "0.0.0.0"], ids=["default", "host-0.0.0.0"])
def test_nothing_leaves_the_machine_at_start(tmp_path, host):
    record, env = network_hook(tmp_path)
    args = ["--host", host, "--no-auth"] if host else []
    with serve(tmp_path, *args, env=env) as server:
        assert get(f"{server.base}/") == 200
        assert get(f"{server.base}/_stcore/health") == 200
        # Streamlit prints this after it has worked out the URLs to show (where it used to
        # look up the machine's addresses), so every start-up lookup is behind us.
        printed = wait_for_output(server.stdout, "You can now view")
        assert "Network URL" not in printed and "External URL" not in printed

        loaded = (tmp_path / "network.jsonl.loaded").read_text().split()
        assert str(server.process.pid) in loaded  # the hook ran inside Streamlit
        assert recorded(record) == []

        if host:
            assert listening_addresses(server.port) == {ipaddress.ip_address(host)}
            warning = server.stderr.read_text()
            assert "anyone who can reach this port can read and change" in warning


# --- signals ----------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_to_serve_stops_the_server_and_frees_the_port(tmp_path, signum):
    with serve(tmp_path) as server:
        os.kill(server.process.pid, signum)  # to the `incidents serve` process only
        deadline = time.monotonic() + 10
        while not (server.process.poll() is not None and port_is_free(server.port)):
            assert time.monotonic() < deadline, f"port {server.port} still held 10 s after {signum!r}"
            time.sleep(0.1)


# --- the command line -------------------------------------------------------------------


def test_the_command_line_puts_the_host_in():
    default = streamlit_command(8502)
    assert option(default, "--server.port") == "8502"
    assert option(default, "--server.address") == "127.0.0.1"
    assert option(default, "--browser.serverAddress") == "localhost"
    assert option(default, "--browser.gatherUsageStats") == "false"

    shared = streamlit_command(8502, "0.0.0.0")
    assert option(shared, "--server.address") == "0.0.0.0"
    # Set, so Streamlit prints this instead of looking up the machine's LAN and public IPs.
    assert option(shared, "--browser.serverAddress") == "localhost"

    assert option(streamlit_command(8502, "localhost"), "--server.address") == "127.0.0.1"
    assert option(streamlit_command(8502, "[::1]"), "--server.address") == "::1"
    lan = streamlit_command(8502, "192.168.1.20")
    assert (option(lan, "--server.address"), option(lan, "--browser.serverAddress")) == (
        "192.168.1.20",
        "192.168.1.20",
    )
    assert option(streamlit_command(8502, "fd00::2"), "--browser.serverAddress") == "[fd00::2]"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("fd00::2", False),
        ("example.org", False),
    ],
)
def test_what_counts_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_the_warning_names_where_it_listens():
    assert sharing_warning("127.0.0.1", 8501) is None
    assert sharing_warning("localhost", 8501) is None
    assert "all of this machine's network interfaces, port 8501" in sharing_warning("::", 8501)
    assert "192.168.1.20, port 8501" in sharing_warning("192.168.1.20", 8501)


def test_a_host_name_is_a_usage_error():
    result = CliRunner().invoke(main, ["serve", "--host", "dashboard.example.org"])
    assert result.exit_code == 2
    assert "not an IP address" in result.output
