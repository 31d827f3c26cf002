"""`incidents serve`: run the dashboard with Streamlit, offline."""

import subprocess
import sys
from pathlib import Path

import click

from dashboard.assets import ensure_static_assets
from dashboard.cli.options import db_option
from dashboard.settings import MAX_UPLOAD_MB

APP = Path(__file__).resolve().parent.parent / "app.py"


def streamlit_command(port: int) -> list[str]:
    """The `streamlit run` command line: headless, no usage statistics, static files served."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
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
        "--server.maxUploadSize",
        str(MAX_UPLOAD_MB),
    ]


@click.command("serve")
@db_option
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
def serve_command(db_url, port):
    """Run the dashboard at http://localhost:PORT."""
    ensure_static_assets()
    env = None
    if db_url:
        import os

        env = {**os.environ, "INCIDENTS_DB": db_url}
    sys.exit(subprocess.call(streamlit_command(port), env=env))


COMMANDS = [serve_command]
