"""The `mockpath` command: `init` writes a database and an API key file, `serve` runs it.

Every option also reads a `MOCKPATH_*` environment variable (named in `--help`).
Failures are `click.ClickException`s, so a user sees one line and exit code 1.
"""

from __future__ import annotations

import ipaddress
import shlex
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import click
import uvicorn

from mockpath import __version__
from mockpath.app import create_app
from mockpath.bootstrap import (
    Bootstrap,
    BootstrapError,
    KeyPair,
    database_url,
    default_key_file,
    ensure_application,
    ensure_tenant,
    find_tenant,
    key_file_beside,
    open_store,
    read_key_file,
    write_key_file,
)
from mockpath.domain.passwords import PasswordHasher, Scheme
from mockpath.domain.tenants import DEFAULT_APPLICATION
from mockpath.runner import run
from mockpath.seeds import SeedError, load_seed_files
from mockpath.settings import Settings, default_db_path
from mockpath.store.sql import SqlStore

FILE = click.Path(dir_okay=False, path_type=Path)

db_option = click.option(
    "--db",
    type=FILE,
    envvar="MOCKPATH_DB",
    show_envvar=True,
    help="SQLite file holding the state (created if missing). [default: ~/.mockpath/mockpath.db]",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mockpath")
def main() -> None:
    """mockpath: a local, offline emulator of the Stormpath REST API v1."""


@contextmanager
def _one_line_errors() -> Iterator[None]:
    try:
        yield
    except (BootstrapError, SeedError) as exc:
        raise click.ClickException(str(exc)) from exc


# --- init ------------------------------------------------------------------------


@main.command()
@db_option
@click.option(
    "--api-key-file",
    type=FILE,
    envvar="MOCKPATH_API_KEY_FILE",
    show_envvar=True,
    help="Where to write the tenant's API key. [default: ~/.stormpath/apiKey.properties]",
)
@click.option(
    "--application",
    default=DEFAULT_APPLICATION,
    show_default=True,
    envvar="MOCKPATH_APPLICATION",
    show_envvar=True,
    help="Application to create, with its own directory as default account and group store.",
)
@click.option("--force", is_flag=True, help="Overwrite an API key file that holds another key.")
def init(db: Path | None, api_key_file: Path | None, application: str, force: bool) -> None:
    """Create a tenant, its API key and an application, and write the key file.

    On a database that already has a tenant, that tenant is kept: the application is
    added to it if it has none of that name, and the key file gets the tenant's key.
    An existing key file that holds another key is only replaced with --force; without
    it nothing is written at all.
    """
    db = (db or default_db_path()).expanduser()
    key_file = (api_key_file or default_key_file()).expanduser()
    name = application.strip()
    if not name:
        raise click.ClickException("--application must not be empty")
    with _one_line_errors():
        if key_file.exists() and not force:
            held = read_key_file(key_file)
            if held is None or held != _current_key(db):
                raise click.ClickException(
                    f"{key_file} already exists with another key; pass --force to overwrite it"
                )
        store = open_store(db)
        try:
            with store.write() as tx:
                state = ensure_tenant(tx, PasswordHasher("bcrypt"))
                state = ensure_application(tx, state, name)
                # written inside the transaction: a file that cannot be written leaves
                # the database as it was
                rewrite = read_key_file(key_file) != state.key
                if rewrite:
                    write_key_file(key_file, state.key)
        finally:
            store.close()
    _report_init(db, key_file, state, rewrite)


def _current_key(db: Path) -> KeyPair | None:
    """The tenant key of an existing database; None (and no file made) otherwise."""
    if not db.is_file():
        return None
    store = open_store(db)
    try:
        with store.read() as tx:
            state = find_tenant(tx)
    finally:
        store.close()
    return None if state is None else state.key


def _report_init(db: Path, key_file: Path, state: Bootstrap, rewrote: bool) -> None:
    tenant = f"tenant {state.tenant.key} ({state.tenant.id})"
    click.echo(f"{'Created' if state.created_tenant else 'Kept'} {tenant} in {db}")
    if state.application is not None:
        verb = "Created" if state.created_application else "Kept"
        click.echo(f'{verb} application "{state.application.name}" ({state.application.id})')
    if rewrote:
        click.echo(f"Wrote API key {state.key.id} to {key_file} (mode 0600)")
    else:
        click.echo(f"{key_file} already holds API key {state.key.id}")
    click.echo(f"Start the server with: mockpath serve --db {shlex.quote(str(db))}")


# --- serve -----------------------------------------------------------------------


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="MOCKPATH_HOST",
    show_envvar=True,
    help="Address to listen on. Anything but loopback exposes the emulator to the network.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    envvar="MOCKPATH_PORT",
    show_envvar=True,
    help="TCP port (0 picks a free one).",
)
@db_option
@click.option(
    "--public-url",
    envvar="MOCKPATH_PUBLIC_URL",
    show_envvar=True,
    help="Base URL used in every href instead of the request's own, "
    "e.g. http://mockpath:8080/v1 behind a proxy or in compose.",
)
@click.option(
    "--password-scheme",
    type=click.Choice(["bcrypt", "fast"]),
    default="bcrypt",
    show_default=True,
    envvar="MOCKPATH_PASSWORD_SCHEME",
    show_envvar=True,
    help="How new passwords are hashed: bcrypt as Stormpath did, or fast for test suites.",
)
@click.option(
    "--seed",
    "seeds",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Seed file (YAML/JSON) loaded before serving; repeatable. Tenants whose key the "
    "database already has are kept as they are.",
)
@click.option(
    "--admin-token",
    envvar="MOCKPATH_ADMIN_TOKEN",
    show_envvar=True,
    help="Enable the /__mockpath admin endpoints for this bearer token (off by default).",
)
def serve(
    host: str,
    port: int,
    db: Path | None,
    public_url: str | None,
    password_scheme: str,
    seeds: tuple[Path, ...],
    admin_token: str | None,
) -> None:
    """Serve the Stormpath API under http://HOST:PORT/v1 until stopped.

    A database without a tenant is first set up as `mockpath init` would. The tenant
    key is then kept in ~/.stormpath/apiKey.properties when that file is absent or
    already holds it; otherwise in <db>.apiKey.properties beside the database.
    """
    db = (db or default_db_path()).expanduser()
    scheme: Scheme = "fast" if password_scheme == "fast" else "bcrypt"
    settings = Settings(
        host=host,
        port=port,
        database_url=database_url(db),
        public_url=public_url or None,
        password_scheme=scheme,
        admin_token=admin_token or None,
    )
    sock = _listen(host, port)
    _stop_cleanly_on_signals()
    store: SqlStore | None = None
    try:
        with _one_line_errors():
            store = open_store(db)
            seeded = load_seed_files(store, PasswordHasher(scheme), seeds)
            with store.write() as tx:
                state = find_tenant(tx)
                if state is None:
                    state = ensure_tenant(tx, PasswordHasher(scheme))
                    state = ensure_application(tx, state)
                key_file, moved_from = _serve_key_file(db, state.key)
        port = sock.getsockname()[1]
        _report_serve(settings, port, db, state, key_file, moved_from)
        for tenant in seeded:
            done = "loaded" if tenant.created else "already in the database"
            click.echo(f"  seed:     tenant {tenant.key} {done}, API key {tenant.api_key_id}")
        app = create_app(settings, store)
        config = uvicorn.Config(app, host=host, port=port, lifespan="off", log_level="info")
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        if store is not None:
            store.close()


def _serve_key_file(db: Path, key: KeyPair) -> tuple[Path, Path | None]:
    """The key file that holds `key` (written when needed), and the default file
    when that one was passed over because it holds another key."""
    default, beside = default_key_file(), key_file_beside(db)
    for path in (default, beside):
        if _holds(path, key):
            return path, None
    if not default.exists():
        write_key_file(default, key)
        return default, None
    write_key_file(beside, key)
    return beside, default


def _holds(path: Path, key: KeyPair) -> bool:
    try:
        return read_key_file(path) == key
    except BootstrapError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError:
            sock.close()
            raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}") from exc
    return sock


def _report_serve(
    settings: Settings,
    port: int,
    db: Path,
    state: Bootstrap,
    key_file: Path,
    moved_from: Path | None,
) -> None:
    url = f"http://{_url_host(settings.host)}:{port}/v1"
    secret = f"$(sed -n 's/^apiKey.secret *= *//p' {shlex.quote(str(key_file))})"
    made = " (created now)" if state.created_tenant else ""
    click.echo(f"mockpath {__version__}: Stormpath API v1 at {url}")
    click.echo(f"  database: {db}, tenant {state.tenant.key}{made}")
    click.echo(f"  API key:  {state.key.id}, id and secret in {key_file}")
    if moved_from is not None:
        click.echo(f"  ({moved_from} holds another key, so this database's key is beside it)")
    if settings.public_url:
        click.echo(f"  hrefs:    {settings.public_url}")
    if not _is_loopback(settings.host):
        click.echo(f"  warning:  listening on {settings.host}, reachable from other machines")
    click.echo(f'  try:      curl -L -u "{state.key.id}:{secret}" {url}/tenants/current')


def _url_host(host: str) -> str:
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _stop_cleanly_on_signals() -> None:
    """SIGTERM and SIGINT end `serve` with exit code 0 once uvicorn has shut down.

    uvicorn catches both, shuts down gracefully, then raises the signal again for the
    handler that was there before: this one, so the store is closed on the way out.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


main.add_command(run)
