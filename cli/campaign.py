"""The campaign-day commands of ``ayni``: ``backup``, ``restore`` and ``serve``.

With access control on (see :mod:`ayni.core.people.users`) each asks the PIN of ``--user`` first (hidden),
and the role decides.
"""

from __future__ import annotations

import ipaddress
import shlex
import shutil
import sys
import time
from pathlib import Path

import click

from ayni.core.i18n import Text

from .context import CliError, Settings, WholeNumber, pass_settings, say

SAY = {
    "backup_done": Text("Copia verificada: {path} ({rows} filas en {tables} tablas).",
                        "Verified copy: {path} ({rows} rows in {tables} tables)."),
    "backup_next": Text("Próxima copia en {minutes} min (Ctrl+C para detener).",
                        "Next copy in {minutes} min (Ctrl+C to stop)."),
    "backup_stopped": Text("Copias detenidas.", "Backups stopped."),
    "restore_confirm": Text("¿Reemplazar {db} ({now} filas) por {src} ({then} filas)? La actual se guarda como copia.",
                            "Replace {db} ({now} rows) with {src} ({then} rows)? The current one is kept as a copy."),
    "restore_aborted": Text("No se restauró nada.", "Nothing was restored."),
    "restore_done": Text("Restaurada {src} en {db} ({rows} filas).", "Restored {src} into {db} ({rows} rows)."),
    "restore_kept": Text("La base anterior quedó en {path}.", "The previous database is kept at {path}."),
    "serve_url": Text("Ayni en el navegador: {url}", "Ayni in the browser: {url}"),
    "serve_local": Text("Solo esta computadora puede abrirlo (127.0.0.1). Use --host 0.0.0.0 para la red local.",
                        "Only this computer can open it (127.0.0.1). Use --host 0.0.0.0 for the local network."),
    "serve_lan": Text("⚠ ATENCIÓN: escuchando en todas las interfaces ({host}): cualquiera en la red local puede "
                      "abrir Ayni; cada persona inicia sesión con su nombre y PIN. Abra en otras máquinas {urls}",
                      "⚠ WARNING: listening on all interfaces ({host}): anyone on the local network can open "
                      "Ayni; each person logs in with their name and PIN. Other machines open {urls}"),
    "serve_needs_users": Text(
        "No se puede servir Ayni a la red ({host}) sin control de acceso: cree primero un admin con PIN "
        "(ayni users add NOMBRE --role admin).",
        "Ayni cannot be served to the network ({host}) without access control: first add an admin with a PIN "
        "(ayni users add NAME --role admin)."),
    "serve_offline": Text("Página sin recursos de internet: {note}", "Page without internet resources: {note}"),
    "serve_tls": Text(
        "TLS con un certificado propio (autofirmado) {path}, válido hasta {until}. El navegador avisará la primera "
        "vez: acéptelo solo si su huella SHA-256 es\n  {fingerprint}",
        "TLS with a self-signed certificate {path}, valid until {until}. The browser warns the first time: "
        "accept it only if its SHA-256 fingerprint is\n  {fingerprint}"),
    "serve_clear": Text("⚠ Sin --tls los PIN viajan sin cifrar por la red: use ayni serve --tls.",
                        "⚠ Without --tls PINs travel over the network in clear text: use ayni serve --tls."),
    "serve_missing": Text("Falta textual-serve ({error}); instálelo con pip install textual-serve.",
                          "textual-serve is missing ({error}); install it with pip install textual-serve."),
}


# -- backups ------------------------------------------------------------------------------------


def _require_on(settings: Settings, action: str) -> None:
    from ayni.core.people.users import require

    store = settings.open()
    try:
        require(store, action)
    finally:
        store.close()


@click.command()
@click.argument("dest", type=click.Path(path_type=str))
@click.option("--every", "minutes", type=WholeNumber(1, 24 * 60), default=None,
              help="Repetir cada N minutos / repeat every N minutes.")
@click.option("--force", is_flag=True,
              help="Reemplazar DEST aunque no sea una copia de Ayni / replace DEST even if it is not an Ayni backup.")
@pass_settings
def backup(settings: Settings, dest: str, minutes: int | None, force: bool):
    """Copia de seguridad verificada / verified online backup (DEST: file or folder; never the database itself)."""
    from ayni.core.storage import backup as backups

    _require_on(settings, "backup")
    try:
        while True:
            copy = backups.backup(settings.db, dest, force=force)
            click.echo(say(SAY, "backup_done", settings.lang, path=copy.path, rows=copy.total, tables=len(copy.counts)))
            if minutes is None:
                return
            click.echo(say(SAY, "backup_next", settings.lang, minutes=minutes))
            time.sleep(minutes * 60)
    except KeyboardInterrupt:
        click.echo(say(SAY, "backup_stopped", settings.lang))


@click.command()
@click.argument("src", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="No preguntar / do not ask for confirmation.")
@pass_settings
def restore(settings: Settings, src: Path, yes: bool):
    """Restaurar una copia / restore a backup (keeps the replaced database as .before-restore)."""
    from ayni.core.storage import backup as backups
    from ayni.core.hooks.plugins import default_plugins

    plugins = default_plugins()
    counts = backups.check_restorable(src, plugins)  # refuse a bad file before asking anything
    now = 0
    if Path(settings.db).exists() and Path(settings.db).stat().st_size:  # an empty file has nobody to ask
        _require_on(settings, "restore")
        import sqlite3

        conn = sqlite3.connect(settings.db)
        try:
            now = sum(backups.row_counts(conn).values())
        finally:
            conn.close()
    if not yes and not click.confirm(say(SAY, "restore_confirm", settings.lang, db=settings.db, now=now, src=src,
                                         then=sum(counts.values())), default=False, err=True):
        raise CliError(say(SAY, "restore_aborted", settings.lang))
    done = backups.restore(src, settings.db, plugins)
    click.echo(say(SAY, "restore_done", settings.lang, src=src, db=settings.db, rows=sum(done.counts.values())))
    if done.kept:
        click.echo(say(SAY, "restore_kept", settings.lang, path=done.kept))


# -- serving browsers ---------------------------------------------------------------------------


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _lan_addresses() -> list[str]:
    """This machine's addresses on the local network (no traffic is sent)."""
    import socket

    found = set()
    try:
        found.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    except OSError:
        pass
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # picks the outgoing interface; UDP connect sends nothing
        found.add(probe.getsockname()[0])
    except OSError:
        pass
    finally:
        probe.close()
    return sorted(a for a in found if not a.startswith("127."))


def tui_command(settings: Settings, protected: bool) -> str:
    """The command each browser's own app process runs. With access control (``protected``) it names
    no user: every browser starts at the login screen, and writes as whoever logs in there. Without
    it (this computer only) the browsers are the person who started ``ayni serve``: ``--user``."""
    exe = shutil.which("ayni", path=str(Path(sys.executable).parent)) or shutil.which("ayni")
    base = [exe] if exe else [sys.executable, "-c", "from ayni.cli import main; main()"]
    user = [] if protected else ["--user", settings.user]
    return shlex.join([*base, "--db", str(Path(settings.db).resolve()), "--lang", settings.lang, *user, "tui"])


def _certificate_names(host: str) -> list[str]:
    """What the certificate must be valid for: this computer, and the address browsers will use."""
    import socket

    wildcard = host in ("0.0.0.0", "::", "")
    return list(dict.fromkeys(["127.0.0.1", "localhost", *([socket.gethostname(), *_lan_addresses()]
                                                           if wildcard else [host])]))


def _certificate(settings: Settings, host: str):
    """The kept (or a new) self-signed certificate beside the database, and a line saying so."""
    from ayni.core.dates import format_date
    from .tls import ensure_certificate

    cert = ensure_certificate(Path(settings.db).resolve().parent, _certificate_names(host))
    return cert, say(SAY, "serve_tls", settings.lang, path=cert.cert_path, fingerprint=cert.fingerprint,
                     until=format_date(cert.not_after, settings.lang))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Dirección donde escuchar / address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=WholeNumber(1, 65535), default=8000, show_default=True)
@click.option("--tls", is_flag=True, help="HTTPS con un certificado autofirmado / HTTPS with a self-signed certificate.")
@pass_settings
def serve(settings: Settings, host: str, port: int, tls: bool):
    """Servir la interfaz a navegadores / serve the UI to browsers on the local network."""
    from ayni.core.people.users import access_control_on

    store = settings.open(login=False)
    try:
        protected = access_control_on(store.db)
    finally:
        store.close()
    if not _loopback(host) and not protected:
        raise CliError(say(SAY, "serve_needs_users", settings.lang, host=host))
    try:
        from .serve import offline_server
    except ImportError as error:
        raise CliError(say(SAY, "serve_missing", settings.lang, error=error)) from None
    cert, cert_line = _certificate(settings, host) if tls else (None, None)
    server, note = offline_server(tui_command(settings, protected), host, port, title="Ayni",
                                  ssl_context=cert.server_context() if cert else None)
    scheme = "https" if tls else "http"
    if _loopback(host):
        click.echo(say(SAY, "serve_url", settings.lang, url=f"{scheme}://{host}:{port}"))
        click.echo(say(SAY, "serve_local", settings.lang))
    else:
        urls = ", ".join(f"{scheme}://{a}:{port}" for a in _lan_addresses()) or f"{scheme}://<IP>:{port}"
        click.echo(say(SAY, "serve_url", settings.lang, url=f"{scheme}://{host}:{port}"))
        click.secho(say(SAY, "serve_lan", settings.lang, host=host, urls=urls), fg="yellow", bold=True, err=True)
        if not tls:
            click.secho(say(SAY, "serve_clear", settings.lang), fg="yellow", bold=True, err=True)
    if cert_line:
        click.echo(cert_line)
    click.echo(say(SAY, "serve_offline", settings.lang, note=note))
    server.serve()
