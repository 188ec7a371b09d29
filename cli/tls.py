"""The self-signed TLS certificate of ``ayni serve --tls``, made on the spot with cryptography's x509
builder, so PINs do not cross the campaign's network in clear text.

It is kept beside the database (:data:`CERT_FILE` and :data:`KEY_FILE`, the key readable by its owner
only), reused on later starts so browsers that accepted it once keep accepting it, and made again
when it has expired (or expires within a day) or does not cover the names asked for. No authority
signs it: a volunteer compares its SHA-256 fingerprint, printed at start, with the browser's.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
from pathlib import Path

import attrs

CERT_FILE, KEY_FILE = "ayni-serve.crt", "ayni-serve.key"
VALID_DAYS = 365
RENEW_BEFORE = dt.timedelta(days=1)


@attrs.frozen
class Certificate:
    """A certificate on disk with its key, the names it is valid for, until when, and its SHA-256
    fingerprint as browsers show it (``AB:12:…``)."""

    cert_path: Path
    key_path: Path
    names: frozenset[str]
    not_after: dt.datetime
    fingerprint: str

    def server_context(self) -> ssl.SSLContext:
        """An SSL context for a server presenting this certificate."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_path, self.key_path)
        return context


def ensure_certificate(directory: Path, names: list[str], now: dt.datetime | None = None) -> Certificate:
    """The certificate kept in ``directory`` if it is valid past a day from ``now`` and covers every
    name in ``names`` (host names or IP addresses); otherwise a new one for them, written there."""
    now = now or dt.datetime.now(dt.timezone.utc)
    kept = _load(directory)
    if kept is not None and kept.not_after - RENEW_BEFORE > now and set(names) <= kept.names:
        return kept
    return _make(directory, names, now)


def _load(directory: Path) -> Certificate | None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    cert_path, key_path = directory / CERT_FILE, directory / KEY_FILE
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        alternative = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (OSError, ValueError, x509.ExtensionNotFound):
        return None  # missing or unreadable: a new one is made
    if not key_path.exists():
        return None
    names = {str(n) for n in alternative.get_values_for_type(x509.DNSName)}
    names |= {str(n) for n in alternative.get_values_for_type(x509.IPAddress)}
    return Certificate(cert_path, key_path, frozenset(names), cert.not_valid_after_utc,
                       cert.fingerprint(hashes.SHA256()).hex(":").upper())


def _general_name(name: str):
    from cryptography import x509

    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def _make(directory: Path, names: list[str], now: dt.datetime) -> Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ayni"),
                         x509.NameAttribute(NameOID.COMMON_NAME, names[0] if names else "localhost")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))  # a client clock a little behind still accepts it
        .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([_general_name(n) for n in dict.fromkeys(names)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    _write(directory / KEY_FILE, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                   serialization.NoEncryption()), mode=0o600)
    _write(directory / CERT_FILE, cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
    return _load(directory)


def _write(path: Path, data: bytes, mode: int) -> None:
    """Write ``path`` whole or not at all, created with ``mode`` (the key never readable by others)."""
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(partial, path)
