"""The self-signed certificate of ``ayni serve --tls``: made for the names asked, kept and reused,
made again when it expires or a new name is needed; the key readable by its owner only."""

from __future__ import annotations

import datetime as dt
import ssl
import stat

from ayni.cli.tls import CERT_FILE, KEY_FILE, VALID_DAYS, ensure_certificate

NAMES = ["127.0.0.1", "localhost", "192.168.1.20"]
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def test_a_certificate_is_made_for_the_names_and_kept_beside_the_database(tmp_path):
    cert = ensure_certificate(tmp_path, NAMES, now=NOW)
    assert cert.cert_path == tmp_path / CERT_FILE and cert.key_path == tmp_path / KEY_FILE
    assert cert.names == set(NAMES)
    assert cert.not_after == NOW + dt.timedelta(days=VALID_DAYS)
    assert stat.S_IMODE(cert.key_path.stat().st_mode) == 0o600
    assert len(cert.fingerprint.split(":")) == 32
    assert isinstance(cert.server_context(), ssl.SSLContext)


def test_it_is_reused_until_it_expires(tmp_path):
    first = ensure_certificate(tmp_path, NAMES, now=NOW)
    assert ensure_certificate(tmp_path, NAMES[:2], now=NOW + dt.timedelta(days=30)) == first
    renewed = ensure_certificate(tmp_path, NAMES, now=NOW + dt.timedelta(days=VALID_DAYS))
    assert renewed.fingerprint != first.fingerprint
    assert renewed.not_after == NOW + dt.timedelta(days=2 * VALID_DAYS)


def test_a_new_name_makes_a_new_certificate(tmp_path):
    first = ensure_certificate(tmp_path, NAMES[:2], now=NOW)
    wider = ensure_certificate(tmp_path, NAMES, now=NOW)
    assert wider.fingerprint != first.fingerprint and wider.names == set(NAMES)


def test_a_damaged_certificate_file_is_replaced(tmp_path):
    ensure_certificate(tmp_path, NAMES, now=NOW)
    (tmp_path / CERT_FILE).write_text("not a certificate")
    assert ensure_certificate(tmp_path, NAMES, now=NOW).names == set(NAMES)


def test_the_certificate_covers_this_computer_and_the_address_served():
    import socket

    from ayni.cli.campaign import _certificate_names

    assert _certificate_names("192.168.1.20") == NAMES
    everywhere = _certificate_names("0.0.0.0")
    assert everywhere[:2] == ["127.0.0.1", "localhost"] and socket.gethostname() in everywhere
