"""The served process: the dashboard's first view is drawn once, then Streamlit listens.

`incidents serve` runs `python -m dashboard.cli.served run APP OPTIONS…`, which takes
the same arguments as `python -m streamlit run`. Before the server listens, the app's
script runs in this process, headless (Streamlit's own `AppTest`), as for a visitor
opening "/" (twice: the second run is the one the map's first report causes, which
draws what lies under the map): the modules are imported and the answers the opening
view asks (`dashboard.state.queries`, cached per process) are in the cache. The first visitor then
waits as long as the next ones (at a million incidents, 11 s became about 3), and the
server is ready a few seconds later. A first view that fails or takes too long only
costs that time: the server starts anyway, and the page says what went wrong as it
would have.

Custom components (the map's streamlit-folium) register their frontend files with the
runtime when first imported inside a run. Imported during the drawing ahead, they were
registered with `AppTest`'s stand-in runtime; `register_components_drawn_ahead`, called
by every run of the app, registers them with the server's.
"""

import logging
import sys
import time

# Beyond this the first view is left to the first visitor (a store too slow to read).
WARM_TIMEOUT_S = 120
# The custom components declared while the first view was drawn ahead.
_DECLARED_AHEAD: list = []


def draw_first_view(app: str) -> str:
    """Run the app's script once as a visitor to "/"; a line saying how it went."""
    started = time.perf_counter()
    # AppTest warns that it runs outside a server ("missing ScriptRunContext"): it does.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        from streamlit.testing.v1 import AppTest

        drawn = run_after_map_report(AppTest.from_file(app, default_timeout=WARM_TIMEOUT_S).run())
    except Exception as exc:  # noqa: BLE001 - whatever it is, the server must still start
        return f"incidents serve: the first view was not drawn ahead ({exc}); the first visitor waits for it"
    finally:
        quiet.setLevel(level)
        # A run that raised (timed out) leaves AppTest's stand-in as the runtime, and
        # Streamlit refuses to start beside another.
        from streamlit.runtime import Runtime

        Runtime._instance = None
    seconds = time.perf_counter() - started
    _DECLARED_AHEAD[:] = declared_components()
    # An exception the script did not catch, or an error it showed (an unreadable store).
    failed = [str(shown.value).splitlines()[0] for shown in [*drawn.exception, *drawn.error]]
    if failed:
        return f"incidents serve: the first view drawn ahead shows an error ({failed[0]}), in {seconds:.1f} s"
    return f"incidents serve: first view drawn ahead in {seconds:.1f} s"


def run_after_map_report(test):
    """`test` (an `AppTest` that has run) run again as a browser's map makes it run: the
    map reports its view as it is drawn, and what lies under it (the timeline, the
    table) comes in the run that report causes."""
    from dashboard.views.map_view import MAP_KEY, OPENING_VIEW, report_of

    test.session_state[MAP_KEY] = report_of(OPENING_VIEW)
    return test.run()


def declared_components() -> list:
    """The custom components the loaded modules hold (`declare_component`'s answers)."""
    from streamlit.components.v1.custom_component import CustomComponent

    found = {}
    for module in list(sys.modules.values()):
        for value in list(getattr(module, "__dict__", {}).values()):
            if isinstance(value, CustomComponent):
                found[value.name] = value
    return list(found.values())


def register_components_drawn_ahead() -> None:
    """In a run of the served app: the components declared while drawing ahead, known to
    the server's runtime (once each); nothing when nothing was drawn ahead."""
    if not _DECLARED_AHEAD:
        return
    from streamlit.runtime import get_instance

    registry = get_instance().component_registry
    for component in _DECLARED_AHEAD:
        if registry.get_component(component.name) is None:
            registry.register_component(component)


def load_options(argv: list[str]) -> None:
    """The command line's options in Streamlit's config, as `streamlit run` sets them:
    the first view is drawn with the server's options, and Streamlit, reading them again
    at its start, finds nothing changed (else it warns that the server must restart)."""
    from streamlit.web import bootstrap
    from streamlit.web.cli import main as streamlit_main

    run = streamlit_main.get_command(None, "run")
    with run.make_context("run", list(argv[1:])) as parsed:
        flags = {name: value for name, value in parsed.params.items() if name not in ("target", "args")}
    bootstrap.load_config_options(flag_options=flags)


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] != "run":
        raise SystemExit("usage: python -m dashboard.cli.served run APP [streamlit options]")
    load_options(argv)
    print(draw_first_view(argv[1]), file=sys.stderr, flush=True)
    from streamlit.web.cli import main as streamlit_main

    streamlit_main(args=argv, prog_name="streamlit")


if __name__ == "__main__":
    # Through the imported module, not this `__main__` copy of it: the app's runs import
    # `dashboard.cli.served`, and must find what was declared ahead there.
    from dashboard.cli import served

    served.main(sys.argv[1:])
