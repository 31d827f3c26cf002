"""Record and article text is data: no template engine ever sees it as source.

A corpus of template payloads goes into every text field of stored records, into the
article text of the Extract page and into a snapshot's title and filters, then through
every render path: the map (as folium and streamlit-folium build it), the standalone
HTML and PNG snapshots, the Map, Data and Extract pages in a real browser. Each payload
must show as written, none may evaluate (the one that would create a file creates
none), and no page may show an exception.
"""

import csv
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from streamlit.testing.v1 import AppTest
from streamlit_folium import generate_leaflet_string

from dashboard.map.build import base_map, build_map, layer_groups
from dashboard.map.elements import script_json
from dashboard.snapshot import make_snapshot
from incidents.importing.importer import prepare_batch
from incidents.rules.filters import IncidentFilter
from incidents.storage.store import Store
from tests.browser import MAP_FRAME, folium_frame, streamlit_server, wait_for_app

INCIDENTS = str(Path(sys.executable).with_name("incidents"))
APP = str(Path(__file__).resolve().parents[3] / "dashboard" / "app.py")

# What payloads would become if evaluated, where no other text on a page can contain it
# (a bare "1337" or "49" can be part of a data version hash): none may appear. That the
# numeric ones did not evaluate shows in each payload being on the page as written.
EVALUATED = ("looplooploop", "uid=0(")


def payloads(marker: Path) -> list[str]:
    """The corpus; the second payload creates `marker` if any engine runs it."""
    return [
        "{{ 7*191 }}",
        "{{ lipsum.__globals__.os.popen('touch " + str(marker) + "').read() }}",
        "{{ lipsum.__globals__.os.popen(dict(id=1)|first).read()|trim }}",
        "{% for x in range(3) %}loop{% endfor %}",
        "Apartment block {#12 damaged",
        "unclosed {{ brace",
        "${7*7}",
        "<%= 7*7 %>",
        "{{'x'}} and {% if %}",
        "</script><!-- <script>alert(1)</script>",
    ]


TEXT_FIELDS = ("place", "damage", "description", "source_name")


def payload_rows(texts: list[str]) -> list[dict]:
    """One record per payload, the payload in every text field, at its own point."""
    return [
        {
            "date": "2025-07-20",
            "place": text,
            "country": "UA",
            "latitude": 48.0 + index * 0.4,
            "longitude": 30.0 + index * 0.6,
            "event_type": "drone_strike",
            "attacker": "RU",
            "injured": 2,
            "damage": text,
            "description": text,
            "source_name": text,
            "source_url": "https://example.org/report?q=" + text,
        }
        for index, text in enumerate(texts)
    ]


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def marker(tmp_path) -> Path:
    path = tmp_path / "evaluated"
    yield path
    assert not path.exists(), "a payload ran on the server"


@pytest.fixture
def texts(marker) -> list[str]:
    return payloads(marker)


@pytest.fixture
def stored(db_url, tmp_path, texts) -> list[dict]:
    """The payload records imported from a CSV as a user would, through the importer."""
    source = write_csv(tmp_path / "payloads.csv", payload_rows(texts))
    store = Store(db_url)
    result = store.write_batch(prepare_batch(source.read_bytes(), name=source.name))
    assert result.summary()["stored"] == len(texts), result.summary()
    records = store.read_incidents()
    assert sorted(r["place"] for r in records) == sorted(texts)
    return records


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """Every template source Jinja compiles while the test runs."""
    sources: list[str] = []
    original = jinja2.Environment.compile

    def compile(self, source, *args, **kwargs):
        sources.append(source if isinstance(source, str) else repr(source))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return sources


def assert_no_payload_compiled(sources: list[str], texts: list[str]) -> None:
    for text in texts:
        leaked = [source[:200] for source in sources if text in source]
        assert not leaked, f"{text!r} was compiled as template source: {leaked[:1]}"


def visible_text(page_or_frame, selector: str) -> list[str]:
    return page_or_frame.locator(selector).all_inner_texts()


def assert_nothing_evaluated(text: str) -> None:
    for result in EVALUATED:
        assert result not in text, f"{result!r} on the page: a payload was evaluated"


# -- the map as folium, streamlit-folium and the snapshot build it ----------------------


def test_no_record_text_reaches_a_template_compiler(stored, texts, compiled):
    page = build_map(stored, layers=("incidents", "casualties", "regions", "heat")).get_root().render()
    # streamlit-folium renders the base map, then each layer group's script on its own.
    fmap = base_map()
    fmap.get_root().render()
    scripts = [generate_leaflet_string(group) for group in layer_groups(stored)]
    snapshot = make_snapshot("html", stored, title=texts[1])
    make_snapshot("html", stored, IncidentFilter(places=(texts[0],), text=texts[3]), title=texts[2])

    assert_no_payload_compiled(compiled, texts)
    for output in (page, "\n".join(scripts), snapshot.data.decode("utf-8")):
        for text in texts:
            assert script_json(text)[1:-1] in output, f"{text!r} is not in the page as data"
        assert "uid=0(" not in output and "looplooploop" not in output


def test_braces_in_a_place_do_not_break_the_map(stored):
    html = build_map([r for r in stored if "{#" in r["place"]]).get_root().render()
    assert "Apartment block" in html


# -- snapshots through the command line ------------------------------------------------


def run_cli(*args, db_url):
    return subprocess.run([INCIDENTS, *args, "--db", db_url], capture_output=True, text=True, timeout=180)


def import_payloads(db_url, tmp_path, texts) -> None:
    source = write_csv(tmp_path / "payloads.csv", payload_rows(texts))
    result = run_cli("import", str(source), "--json", db_url=db_url)
    assert result.returncode == 0, result.stderr


@pytest.mark.browser
def test_html_snapshot_shows_every_payload_as_written(db_url, tmp_path, texts, file_page):
    import_payloads(db_url, tmp_path, texts)
    out = tmp_path / "map.html"
    result = run_cli("snapshot", "-o", str(out), "--title", texts[0], "--place", texts[4], db_url=db_url)
    assert result.returncode == 0, result.stderr
    file_page.goto(out.as_uri())
    file_page.wait_for_function("() => window.__snapshot && window.__snapshot.ready")
    caption = file_page.locator(".snapshot-caption").inner_text()
    assert texts[0] in caption and texts[4] in caption
    assert file_page.title() == texts[0]
    assert file_page.locator(".incident-marker").count() == 1
    file_page.locator(".incident-marker").first.click()
    popup = file_page.locator(".leaflet-popup-content").inner_text()
    assert popup.startswith(texts[4]) and popup.count(texts[4]) >= 3  # place, damage, description...
    assert file_page.errors == []

    everything = tmp_path / "all.html"
    assert run_cli("snapshot", "-o", str(everything), db_url=db_url).returncode == 0
    file_page.goto(everything.as_uri())
    file_page.wait_for_function("() => window.__snapshot && window.__snapshot.ready")
    shown = popup_texts(file_page)
    for text in texts:
        assert any(item.startswith(text) for item in shown), f"{text!r} not shown as written"
    assert_nothing_evaluated("\n".join(shown) + file_page.locator("body").inner_text())
    assert file_page.errors == [] and file_page.requested == []


@pytest.mark.browser
def test_png_snapshot_with_payloads_renders(db_url, tmp_path, texts):
    import_payloads(db_url, tmp_path, texts)
    out = tmp_path / "map.png"
    result = run_cli("snapshot", "-o", str(out), "--title", texts[1], "--place", texts[0], db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


# Every popup's and tooltip's text, as the browser shows it (popups are HTML, tooltips text).
_POPUP_TEXTS = """(map) => {
    const texts = [];
    const text = (html) => {
        const div = document.createElement("div");
        div.innerHTML = html;
        return div.textContent;
    };
    const visit = (layer) => {
        if (layer.getPopup && layer.getPopup()) texts.push(text(layer.getPopup().getContent()));
        if (layer.getTooltip && layer.getTooltip()) {
            const content = layer.getTooltip().getContent();
            texts.push(typeof content === "string" ? text(content) : content.textContent);
        }
        if (layer.eachLayer) layer.eachLayer(visit);
    };
    map.eachLayer(visit);
    return texts;
}"""


def popup_texts(page_or_frame, map_expression: str = "window.__snapshot.map") -> list[str]:
    return page_or_frame.evaluate(f"() => ({_POPUP_TEXTS})({map_expression})")


def strike_article(texts: list[str]) -> str:
    """A report whose strike sentence (the candidate's description) carries every payload."""
    return (
        "KHARKIV, July 20, 2025. Russian drones struck Kharkiv overnight, injuring two people, "
        + " ".join(texts)
        + " officials said."
    )


# -- the pages in a real browser ---------------------------------------------------------


@pytest.fixture
def payload_app(db_url, stored):
    with streamlit_server(db_url) as base:
        yield base


@pytest.mark.browser
def test_map_and_data_pages_show_payloads_as_written(payload_app, offline_page, texts):
    offline_page.goto(payload_app)
    wait_for_app(offline_page)
    folium_frame(offline_page).locator(".incident-marker").first.wait_for()
    frame = offline_page.locator(MAP_FRAME).element_handle().content_frame()
    frame.wait_for_function(f"() => document.querySelectorAll('.incident-marker').length === {len(texts)}")
    shown = popup_texts(frame, "window.map")
    for text in texts:
        assert any(item.startswith(text) for item in shown), f"{text!r} not shown as written on the map"
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert_nothing_evaluated("\n".join(shown) + offline_page.locator("body").inner_text())

    offline_page.goto(f"{payload_app}/data")
    wait_for_app(offline_page)
    offline_page.get_by_text("Download CSV").wait_for()
    assert offline_page.locator('[data-testid="stException"]').count() == 0
    assert_nothing_evaluated(offline_page.locator("body").inner_text())
    assert offline_page.recorder.page_errors == [] and offline_page.recorder.blocked == []


@pytest.mark.browser
def test_extract_page_shows_article_payloads_as_written(db_url, offline_page, texts):
    article = strike_article(texts)
    with streamlit_server(db_url) as base:
        offline_page.goto(f"{base}/extract")
        wait_for_app(offline_page)
        offline_page.get_by_role("textbox", name="Article text").fill(article)
        offline_page.get_by_role("textbox", name="Publication date").fill("2025-07-20")
        offline_page.get_by_role("textbox", name="Source name").fill(texts[1])
        offline_page.get_by_role("button", name="Extract").click()
        wait_for_app(offline_page)
        offline_page.get_by_text("Candidates", exact=True).wait_for()
        folium_frame(offline_page)
        assert offline_page.locator('[data-testid="stException"]').count() == 0
        assert offline_page.get_by_role("textbox", name="Article text").input_value() == article
        assert_nothing_evaluated(offline_page.locator("body").inner_text())
        frame = offline_page.locator(MAP_FRAME).element_handle().content_frame()
        frame.wait_for_function("() => document.querySelectorAll('.incident-marker').length === 1")
        shown = popup_texts(frame, "window.map")
        # A popup's description is cut to 300 characters: the first payloads are in it.
        assert any(texts[0] in item and texts[1] in item for item in shown), shown
        assert_nothing_evaluated("\n".join(shown))
        assert offline_page.recorder.page_errors == []


def test_extract_page_in_process_compiles_no_article_text(db_url, texts, compiled):
    test = AppTest.from_file(APP, default_timeout=120).run()
    test.switch_page("app_pages/extract.py").run()
    article = strike_article(texts)
    test.text_area(key="extract_text").set_value(article)
    test.text_input(key="extract_source_name").set_value(texts[2])
    test.text_input(key="extract_published").set_value("2025-07-20")
    test.button(key="extract_button").click().run()
    assert not test.exception
    assert test.subheader[0].value == "Candidates" and len(test.data_editor[0].value) == 1
    assert_no_payload_compiled(compiled, texts)
