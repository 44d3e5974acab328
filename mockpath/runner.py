"""`mockpath run`: run a command with the Stormpath variables pointing at mockpath.

Without --url a server is started in this process for the command's lifetime (127.0.0.1,
a free port, in-memory state, the seed files loaded). The child gets the STORMPATH_*
variables of `StormpathServer.environment()`, an apiKey.properties in a temporary
directory, and PYTHONPATH starting with a directory whose sitecustomize.py points the
Python SDK's `Client.BASE_URL` at the server. The exit code is the command's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType

import click

from mockpath.bootstrap import BootstrapError, KeyPair, read_key_file
from mockpath.domain.tenants import DEFAULT_APPLICATION
from mockpath.seeds import SeedError
from mockpath.testing import (
    MockpathConnectionError,
    StormpathServer,
    key_from_environment,
    open_server,
)

SITECUSTOMIZE_DIR = Path(__file__).resolve().parent / "_sitecustomize"


class CommandNotFound(click.ClickException):
    exit_code = 127  # as a shell reports it


class CommandNotExecutable(click.ClickException):
    exit_code = 126


def child_environment(server: StormpathServer, base: Mapping[str, str]) -> dict[str, str]:
    """`base` plus the server's STORMPATH_* variables; PYTHONPATH gets the
    sitecustomize directory in front of what it held."""
    env = {**base, **server.environment()}
    paths = [str(SITECUSTOMIZE_DIR)]
    if base.get("PYTHONPATH"):
        paths.append(base["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def run_command(command: Sequence[str], env: Mapping[str, str]) -> int:
    """Run `command` and return its exit code (128 + N when killed by signal N).

    Ctrl-C reaches the child from the terminal; we wait for it to finish. SIGTERM
    sent to us is passed on to the child."""
    try:
        child = subprocess.Popen(list(command), env=dict(env))
    except FileNotFoundError:
        raise CommandNotFound(f"command not found: {command[0]}") from None
    except PermissionError:
        raise CommandNotExecutable(f"command not executable: {command[0]}") from None
    previous = None
    if threading.current_thread() is threading.main_thread():

        def forward(signum: int, frame: FrameType | None) -> None:
            child.send_signal(signum)

        previous = signal.signal(signal.SIGTERM, forward)
    try:
        while True:
            try:
                code = child.wait()
                break
            except KeyboardInterrupt:
                continue
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 128 - code if code < 0 else code


def _key(api_key_file: Path | None) -> KeyPair | None:
    if api_key_file is None:
        return key_from_environment(os.environ)
    try:
        key = read_key_file(api_key_file)
    except BootstrapError as exc:
        raise click.ClickException(str(exc)) from None
    if key is None:
        raise click.ClickException(f"{api_key_file}: no apiKey.id and apiKey.secret in it")
    return key


FILE = click.Path(dir_okay=False, path_type=Path)


@click.command(
    "run",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@click.option(
    "--seed",
    "seeds",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Seed file loaded into the started server (repeatable).",
)
@click.option(
    "--url",
    envvar="MOCKPATH_URL",
    show_envvar=True,
    help="Use the mockpath server at this URL instead of starting one.",
)
@click.option(
    "--api-key-file",
    type=FILE,
    help="Key for --url (default: the STORMPATH_API_KEY_ID/_SECRET variables).",
)
@click.option(
    "--application",
    default=DEFAULT_APPLICATION,
    show_default=True,
    help="Application named in STORMPATH_APPLICATION_NAME/_HREF (created if missing).",
)
@click.option(
    "--password-scheme",
    type=click.Choice(["bcrypt", "fast"]),
    default="bcrypt",
    show_default=True,
    envvar="MOCKPATH_PASSWORD_SCHEME",
    show_envvar=True,
    help="How the started server hashes new passwords.",
)
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
def run(
    seeds: tuple[Path, ...],
    url: str | None,
    api_key_file: Path | None,
    application: str,
    password_scheme: str,
    command: tuple[str, ...],
) -> None:
    """Run COMMAND with the Stormpath variables pointing at mockpath.

    \b
    mockpath run --seed fixtures/quickstart.yaml -- python app.py

    The child sees STORMPATH_CLIENT_BASEURL, STORMPATH_CLIENT_APIKEY_ID/_SECRET,
    STORMPATH_API_KEY_ID/_SECRET/_FILE and STORMPATH_APPLICATION_HREF/_NAME; a Python
    child also gets the SDK's Client.BASE_URL set. Exits with COMMAND's exit code.
    """
    key = _key(api_key_file) if url else None
    if url and key is None:
        raise click.ClickException("--url needs a key: --api-key-file or STORMPATH_API_KEY_*")
    with tempfile.TemporaryDirectory(prefix="mockpath-run-") as key_dir:
        try:
            with open_server(
                Path(key_dir),
                seeds=seeds,
                url=url,
                key=key,
                password_scheme="fast" if password_scheme == "fast" else "bcrypt",
                application=application,
            ) as server:
                click.echo(
                    f"mockpath: {server.base_url} (tenant {server.tenant.key}, "
                    f'application "{server.application.name}", key {server.api_key_id})',
                    err=True,
                )
                code = run_command(command, child_environment(server, os.environ))
        except (SeedError, MockpathConnectionError) as exc:
            raise click.ClickException(str(exc)) from None
    raise SystemExit(code)
