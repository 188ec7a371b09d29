"""``ayni serve``: the page works without internet (no external resources, the font served locally),
a browser session gets its own Ayni app, and the network is refused without access control."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from ayni.cli import main
from ayni.cli.tls import CERT_FILE, ensure_certificate

pytest.importorskip("textual_serve")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, context: ssl.SSLContext | None = None) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10, context=context) as response:
        return response.status, response.read()


async def _first_screen(url: str, context: ssl.SSLContext | None = None) -> bytes:
    import aiohttp

    got = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url, ssl=context or True) as ws:
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        deadline = time.monotonic() + 30
        while b"Buscar" not in got and time.monotonic() < deadline:
            message = await ws.receive(timeout=30)
            if message.type == aiohttp.WSMsgType.BINARY:
                got += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                got += message.data.encode()
            else:
                break
    return got


def _start(db: Path, *options: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    ayni = Path(sys.executable).with_name("ayni")
    server = subprocess.Popen([str(ayni), "--db", str(db), "serve", "--port", str(port), *options],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return server, port


def _first_page(url: str, context: ssl.SSLContext | None = None) -> tuple[int, bytes]:
    deadline = time.monotonic() + 90  # a bound only: on a busy machine (or under xdist) starting takes over 10 s
    while time.monotonic() < deadline:
        try:
            return _get(url, context)
        except (OSError, ssl.SSLError):
            time.sleep(0.1)
    pytest.fail("the server did not start")


def test_serve_page_is_offline_and_each_browser_gets_the_app(shared_db):
    server, port = _start(shared_db)
    try:
        base = f"http://127.0.0.1:{port}"
        status, page = _first_page(base + "/")
        assert status == 200
        text = page.decode()
        assert "fonts.googleapis.com" not in text
        assert [u for u in text.split('"') if u.startswith("https://")] == []
        assert f"{base}/static/fonts/RobotoMono" in text
        status, font = _get(f"{base}/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert status == 200 and len(font) > 10_000
        assert b"Buscar" in asyncio.run(_first_screen(f"ws://127.0.0.1:{port}/ws"))
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}" in output and "Solo esta computadora" in output


def test_serving_to_the_network_needs_access_control(shared_db):
    result = CliRunner().invoke(main, ["--db", str(shared_db), "--lang", "en", "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "cannot be served to the network (0.0.0.0) without access control" in result.output


def test_serve_with_tls_speaks_https_and_wss_with_the_certificate_it_prints(shared_db):
    server, port = _start(shared_db, "--tls")
    cert_path = shared_db.parent / CERT_FILE
    try:
        for _ in range(100):
            if cert_path.exists():
                break
            time.sleep(0.1)
        trusting = ssl.create_default_context(cafile=cert_path)  # checks the name 127.0.0.1 too
        status, page = _first_page(f"https://127.0.0.1:{port}/", trusting)
        assert status == 200
        assert f'data-session-websocket-url="wss://127.0.0.1:{port}/ws"' in page.decode()
        assert b"Buscar" in asyncio.run(_first_screen(f"wss://127.0.0.1:{port}/ws", trusting))
        with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
            _get(f"https://127.0.0.1:{port}/")  # nobody trusts it without being told to
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"https://127.0.0.1:{port}" in output
    assert ensure_certificate(shared_db.parent, ["127.0.0.1"]).fingerprint in output  # the one kept is reused
