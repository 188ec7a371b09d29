"""Serving the terminal UI to browsers on the local network with textual-serve, offline.

What textual-serve 1.1 does, read from its installed source: each browser that opens the page gets
its own process running the command (here ``ayni … tui``, about 37 MB each); the page
(``templates/app_index.html``) loads xterm's CSS and ``textual.js`` from the server's own
``/static`` folder, but also a stylesheet from ``fonts.googleapis.com`` (Roboto Mono), unreachable in
the field and render-blocking while the browser tries. The package already ships Roboto Mono
(``static/fonts/*.ttf``), so :func:`offline_server` renders the page from a copy of the installed
template in which that link becomes a local ``@font-face`` pointing at the shipped font. It also
builds the page's absolute URLs (static files, the websocket) from the address the browser used,
instead of from the listening address, which for ``0.0.0.0`` would be useless to other machines.

textual-serve's ``Server.serve`` calls aiohttp's ``web.run_app`` without an SSL context and has no
option for one, so the server here runs ``run_app`` itself the same way, with the context when
given; the page's websocket URL then starts with ``wss://`` because the request's scheme is https.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

_FONT_LINK = re.compile(r'<link[^>]*href="https://fonts\.googleapis\.com/[^"]*"[^>]*/?>', re.S)
_LOCAL_FONT = (
    "<style>@font-face { font-family: 'Roboto Mono'; font-style: normal; "
    "src: url('{{ config.static.url }}fonts/%s') format('truetype'); }</style>"
)


def offline_templates(package_dir: Path, into: Path) -> str:
    """Write textual-serve's page template without internet resources into ``into``; returns a note
    on what was changed (or what is still external)."""
    source = (package_dir / "templates" / "app_index.html").read_text(encoding="utf-8")
    fonts = sorted(p.name for p in (package_dir / "static" / "fonts").glob("RobotoMono-*wght.ttf")
                   if "Italic" not in p.name)
    page, replaced = _FONT_LINK.subn(_LOCAL_FONT % fonts[0] if fonts else "", source)
    into.mkdir(parents=True, exist_ok=True)
    (into / "app_index.html").write_text(page, encoding="utf-8")
    external = sorted(set(re.findall(r'(?:href|src)="(https?://[^"]+)"', page)))
    if external:
        return "still external: " + ", ".join(external)
    if replaced:
        return f"Google Fonts link replaced by the bundled font {fonts[0] if fonts else '(none: system monospace)'}"
    return "no external resources found"


def offline_server(command: str, host: str, port: int, title: str = "Ayni", ssl_context=None):
    """A textual-serve server for ``command`` whose page works without internet, over TLS when an
    ``ssl.SSLContext`` is given; and the note."""
    import asyncio
    import signal

    import textual_serve
    from aiohttp import web
    from textual_serve.server import Server

    package_dir = Path(textual_serve.__file__).parent
    templates = Path(tempfile.mkdtemp(prefix="ayni-serve-"))
    note = offline_templates(package_dir, templates)

    class OfflineServer(Server):
        """textual-serve with the offline page, and URLs from the address each browser used."""

        async def handle_index(self, request):
            # the page's URLs are absolute: build them from the Host header the browser sent
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        def serve(self, debug: bool = False) -> None:
            """What ``Server.serve`` does, with the SSL context passed to aiohttp."""
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, self.request_exit)
            web.run_app(self._make_app(), host=self.host, port=self.port, ssl_context=ssl_context,
                        handle_signals=False, loop=loop, print=lambda *args: None)

    scheme = "https" if ssl_context is not None else "http"
    server = OfflineServer(command, host=host, port=port, title=title, templates_path=templates,
                           public_url=f"{scheme}://{host}:{port}")
    return server, note
