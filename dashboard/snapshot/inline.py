"""Turn a map page that links the app's static files into one self-contained file.

Scripts and stylesheets served by the app (`/app/static/vendor/...`) are copied into
the page, and the images their CSS refers to become data URIs, so the file opens from
disk with no server and no network. A link to anything else cannot be honoured offline
and is refused rather than left to fail silently in the reader's browser.
"""

import base64
import mimetypes
import re
from pathlib import Path

from dashboard.map.assets import STATIC_URL, vendor_file
from dashboard.snapshot.errors import SnapshotError

_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"[^>]*>\s*</script>', re.IGNORECASE)
_STYLESHEET = re.compile(r'<link\b[^>]*\bhref="([^"]+)"[^>]*>', re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def inline_assets(page: str) -> str:
    page = _SCRIPT.sub(lambda m: f"<script>{_script_text(_local_file(m.group(1)))}</script>", page)
    return _STYLESHEET.sub(lambda m: f"<style>{_css_text(_local_file(m.group(1)))}</style>", page)


def _local_file(url: str) -> Path:
    if not url.startswith(STATIC_URL + "/"):
        raise SnapshotError(
            f"the map links {url}, which is not one of the app's own files; "
            "a standalone snapshot cannot fetch it"
        )
    path = vendor_file(url)
    if not path.is_file():
        raise SnapshotError(f"the map's asset {url} is missing at {path}; reinstall the package")
    return path


def _script_text(path: Path) -> str:
    # "</script" inside the code would end the element early; "<\/" means the same in JS.
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def _css_text(path: Path) -> str:
    def data_uri(match: re.Match) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "#")):
            return match.group(0)
        image = (path.parent / ref).resolve()
        if not image.is_file():
            raise SnapshotError(f"{path.name} refers to {ref}, which is missing at {image}")
        mime = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
        return f'url("data:{mime};base64,{base64.b64encode(image.read_bytes()).decode()}")'

    return _CSS_URL.sub(data_uri, path.read_text(encoding="utf-8")).replace("</style", "<\\/style")
