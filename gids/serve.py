"""`./run.sh serve` for editors: a page reloads by itself after a change, and a mistake shows in the browser.

- Live reload: MkDocs writes a small inline script into every page it serves; the development policy
  of csp.py allows it under `serve` (a published build never has it).
- A build that fails while serving would leave the browser waiting for ever (MkDocs keeps every
  request until a build succeeds). Instead the failed build empties the served folder and leaves one
  Dutch page, shown for every address: what went wrong, in which file and on which line, with the
  warnings that stopped a strict build. That page reloads by itself as soon as a build succeeds again.
  MkDocs serves it for every address as it is, without its live-reload script, and has no public way
  to tell which build is served; so the page asks MkDocs' reload address (/livereload/…, the one its
  own script asks) for the number of the build served now, and then waits for a newer one. That
  address is MkDocs' behaviour, not a documented interface (README, "Onderhoud en toekomst").
"""

from __future__ import annotations

import html
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

ERROR_PAGE = "404.html"  # what MkDocs' server shows for an address it does not have


class Messages(logging.Handler):
    """The errors and warnings of the build that is running: MkDocs logs a build error, then raises a bare
    "Aborted with a BuildError!", and in strict mode counts the warnings without repeating them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


messages = Messages()


def start_build() -> None:
    """At the start of every build (pipeline.py): fresh lists of this build's errors and warnings."""
    messages.errors, messages.warnings = [], []
    # ProperDocs logs as "properdocs" and makes MkDocs' logger ("mkdocs", plugins' messages) a child of it:
    # listen where both arrive. Under MkDocs itself that is "mkdocs".
    logger = logging.getLogger("mkdocs")
    if logger.parent is not None and logger.parent.name == "properdocs":
        logger = logger.parent
    if messages not in logger.handlers:
        logger.addHandler(messages)


def error_page(error: BaseException, errors: list[str], warnings: list[str]) -> str:
    """The page shown after a failed build; it reloads when the server has a newer build."""
    text = "\n".join(errors) or str(error).strip() or type(error).__name__
    details = "".join(f"<li>{html.escape(message)}</li>" for message in warnings)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>De gids kon niet gebouwd worden</title>
<style>
body {{ font: 18px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
h1 {{ color: #8a1c1c; font-size: 1.5rem; }}
pre {{ white-space: pre-wrap; background: #fdf3ec; border-left: 0.3rem solid #a2461b; padding: 1rem; }}
</style>
</head>
<body>
<h1>De gids kon niet gebouwd worden</h1>
<p>Er staat een fout in een bestand. Dit is wat de bouw meldde:</p>
<pre id="fout">{html.escape(text)}</pre>
{f"<p>Waarschuwingen:</p><ul id='waarschuwingen'>{details}</ul>" if details else ""}
<p>Verbeter de fout en bewaar het bestand. Deze pagina laadt dan vanzelf opnieuw.</p>
<script>
// MkDocs' server answers /livereload/N/… with the number of the build it serves, at once when that is
// newer than N, else when a newer one is done (or after a minute). Asked with 0, it says the current one.
(function poll(served) {{
  var request = new XMLHttpRequest();
  request.onloadend = function () {{
    var now = parseFloat(this.responseText);
    if (this.status !== 200 || !(now > 0)) {{ setTimeout(function () {{ poll(served); }}, 3000); }}
    else if (served && now > served) {{ location.reload(); }}
    else {{ poll(now); }}
  }};
  request.open("GET", "/livereload/" + served + "/" + Date.now());
  request.send();
}})(0);
</script>
</body>
</html>
"""


def keep_serving(server: LiveReloadServer, site_dir: str) -> None:
    """Wraps the server's builder: a failed rebuild shows the error page instead of a stuck browser."""
    build: Callable = server.builder

    def build_or_show_error(config=None):
        try:
            build(config)
        except Exception as error:  # noqa: BLE001  (every failure of a rebuild is shown, none stops the server)
            folder = Path(site_dir)
            for child in folder.iterdir() if folder.is_dir() else []:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
            folder.mkdir(parents=True, exist_ok=True)
            page = error_page(error, messages.errors, messages.warnings)
            (folder / ERROR_PAGE).write_text(page, encoding="utf-8")
            logging.getLogger("mkdocs.plugins.gids.serve").error(f"De bouw is mislukt: {error}")

    server.builder = build_or_show_error
