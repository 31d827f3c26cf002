"""The map's HTML: untrusted text is escaped and the page names no CDN."""

import re

from dashboard.map.build import build_map
from dashboard.map.popups import incident_popup_html, source_html
from incidents.importing.seed import read_seed

PAYLOAD = "<img src=x onerror=alert(1)>"


def hostile_record(**overrides):
    incidents, _ = read_seed()
    return {
        **incidents[0],
        "place": PAYLOAD,
        "damage": PAYLOAD,
        "description": PAYLOAD,
        **overrides,
    }


def test_popup_escapes_record_text():
    html = incident_popup_html(hostile_record())
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_only_http_links_become_links():
    assert "<a " in source_html({"source_name": "x", "source_url": "https://example.org/a"})
    assert "<a " not in source_html({"source_name": "x", "source_url": "javascript:alert(1)"})
    assert 'href="https://e.org/?a=1&amp;b=&quot;2&quot;"' in source_html(
        {"source_name": "x", "source_url": 'https://e.org/?a=1&b="2"'}
    )


def test_map_script_cannot_be_broken_out_of():
    html = build_map([hostile_record(description="</script><script>alert(1)</script>")]).get_root().render()
    assert "</script><script>alert(1)" not in html
    assert "<img src=x" not in html


def test_rendered_map_loads_only_local_assets():
    html = build_map(read_seed()[0]).get_root().render()
    urls = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert urls == []
