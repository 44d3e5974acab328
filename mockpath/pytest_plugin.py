"""pytest plugin: a mockpath server for the test session and a clean tenant per test.

Fixtures:
    stormpath_server  (session) the server and one tenant shared by every test
    stormpath         (function) a fresh tenant of that server for one test
    mockpath_config   (session) the resolved options below

While either fixture is active, the STORMPATH_* variables name its tenant and, when
the Python SDK is importable, `stormpath.client.Client.BASE_URL` points at mockpath;
both are restored afterwards. Every option is an ini key and a command-line flag
(the flag wins). Under pytest-xdist each worker runs its own server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest

if TYPE_CHECKING:
    from mockpath.bootstrap import KeyPair
    from mockpath.testing import StormpathServer

# Only light imports at module level: pytest loads this module in every run of every
# project that has mockpath installed. The server's modules load with the fixtures.

OPTIONS: dict[str, str] = {
    "seed": "Seed file (YAML or JSON) loaded into the session server; repeatable "
    "(ini: one per line).",
    "url": "Use the mockpath server already running at this URL instead of starting one.",
    "api_key_file": "apiKey.properties with the key for --mockpath-url (default: the "
    "STORMPATH_API_KEY_ID/_SECRET or STORMPATH_CLIENT_APIKEY_ID/_SECRET variables).",
    "admin_token": "Admin token of the server at --mockpath-url, for a fresh tenant per "
    "test (default: $MOCKPATH_ADMIN_TOKEN).",
    "password_scheme": "Password hashing of the started server: fast (default) or bcrypt.",
    "application": "Name of the application the fixtures hand out (default: Flask Test).",
}

CONFIG_KEY = pytest.StashKey["MockpathConfig"]()


@dataclass(frozen=True)
class MockpathConfig:
    """The plugin options, resolved once: command line, then ini file, then default."""

    seeds: tuple[Path, ...] = ()
    url: str | None = None
    api_key_file: Path | None = None
    admin_token: str | None = None
    password_scheme: Literal["bcrypt", "fast"] = "fast"
    application: str | None = None  # None: the quickstart's "Flask Test"

    def api_key(self) -> KeyPair | None:
        """The key for a server at `url`: from api_key_file, else the environment."""
        from mockpath.bootstrap import BootstrapError, read_key_file
        from mockpath.testing import key_from_environment

        if self.api_key_file is not None:
            try:
                key = read_key_file(self.api_key_file)
            except BootstrapError as exc:
                raise pytest.UsageError(str(exc)) from None
            if key is None:
                raise pytest.UsageError(f"{self.api_key_file}: no apiKey.id and apiKey.secret")
            return key
        return key_from_environment(os.environ)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mockpath", "Stormpath API emulator (mockpath)")
    for name, help_text in OPTIONS.items():
        flag = "--mockpath-" + name.replace("_", "-")
        if name == "seed":
            group.addoption(
                flag, action="append", dest="mockpath_seed", metavar="FILE", help=help_text
            )
            parser.addini("mockpath_seed", help_text, type="paths", default=[])
        else:
            group.addoption(flag, dest=f"mockpath_{name}", help=help_text)
            parser.addini(f"mockpath_{name}", help_text, default=None)


def _resolve(config: pytest.Config) -> MockpathConfig:
    def pick(name: str) -> str | None:
        value = config.getoption(f"mockpath_{name}")
        return value if value is not None else pick_ini(name)

    def pick_ini(name: str) -> str | None:
        return str(config.getini(f"mockpath_{name}") or "") or None

    here = config.invocation_params.dir
    cli_seeds = config.getoption("mockpath_seed")
    seeds = [here / s for s in cli_seeds] if cli_seeds else list(config.getini("mockpath_seed"))
    # relative paths: from where pytest was started (flags) or the ini file's folder
    ini_dir = config.inipath.parent if config.inipath else config.rootpath
    flag_file, ini_file = config.getoption("mockpath_api_key_file"), pick_ini("api_key_file")
    key_file = here / flag_file if flag_file else (ini_dir / ini_file if ini_file else None)
    scheme = pick("password_scheme") or "fast"
    if scheme not in ("fast", "bcrypt"):
        raise pytest.UsageError(f"mockpath password scheme must be fast or bcrypt, not {scheme!r}")
    return MockpathConfig(
        seeds=tuple(Path(s) for s in seeds),
        url=pick("url"),
        api_key_file=key_file,
        admin_token=pick("admin_token") or os.environ.get("MOCKPATH_ADMIN_TOKEN") or None,
        password_scheme="bcrypt" if scheme == "bcrypt" else "fast",
        application=pick("application"),
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[CONFIG_KEY] = _resolve(config)


@pytest.fixture(scope="session")
def mockpath_config(pytestconfig: pytest.Config) -> MockpathConfig:
    """The mockpath options of this run."""
    return pytestconfig.stash[CONFIG_KEY]


@pytest.fixture(scope="session")
def stormpath_server(
    mockpath_config: MockpathConfig, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StormpathServer]:
    """mockpath for the whole session (started on 127.0.0.1 unless --mockpath-url) and
    one tenant on it; state made through it is shared by every test of the session."""
    from mockpath.seeds import SeedError
    from mockpath.testing import MockpathConnectionError, open_server, patched_client

    cfg = mockpath_config
    named = {"application": cfg.application} if cfg.application else {}
    try:
        with open_server(
            tmp_path_factory.mktemp("mockpath"),
            seeds=cfg.seeds,
            url=cfg.url,
            key=cfg.api_key() if cfg.url else None,
            admin_token=cfg.admin_token,
            password_scheme=cfg.password_scheme,
            **named,
        ) as server:
            with patched_client(server):
                yield server
    except (SeedError, MockpathConnectionError) as exc:
        pytest.fail(f"mockpath: {exc}", pytrace=False)


@pytest.fixture
def stormpath(
    stormpath_server: StormpathServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[StormpathServer]:
    """A fresh tenant for this test alone (a copy of the seeded tenant when seed files
    are given), with its own key; the SDK variables name it during the test."""
    from mockpath.seeds import SeedError
    from mockpath.testing import MockpathConnectionError, patched_client

    try:
        server = stormpath_server.new_tenant(tmp_path_factory.mktemp("stormpath"))
    except (SeedError, MockpathConnectionError) as exc:
        pytest.fail(f"mockpath: {exc}", pytrace=False)
    with patched_client(server):
        yield server
