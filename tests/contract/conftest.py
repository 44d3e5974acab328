"""Drive the real Node.js Stormpath SDK (npm `stormpath@0.20.1`) against the live server.

Fixtures:

* ``node_packages`` (session): makes sure ``tests/contract/node/node_modules`` holds
  the packages pinned in its package.json, running ``npm ci`` once if not; fails (never skips) when
  ``node`` or ``npm`` is missing or the install fails.
* ``run_node`` (session): ``run_node(script_name, env, *args, timeout=60) -> dict``
  runs ``node tests/contract/node/<script_name> <args...>`` with a clean environment
  (``PATH``, an empty temporary ``HOME`` and working directory, plus ``env``) and
  returns the one JSON object the script printed on stdout.
* ``sdk_env``: the ``STORMPATH_CLIENT_*`` variables that point the SDK's config loader
  (stormpath-config) at the live server with the test tenant's API key.

Every test that uses ``run_node`` is marked ``node``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mockpath.server import ServerThread
from tests.contract.python_sdk_wire import SdkWire

NODE_DIR = Path(__file__).parent / "node"
NPM_TIMEOUT = 600

RunNode = Callable[..., dict[str, Any]]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "run_node" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.node)


def _installed_version(package: str) -> str | None:
    manifest = NODE_DIR / "node_modules" / package / "package.json"
    try:
        version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None
    return version if isinstance(version, str) else None


def _lock_path() -> Path:
    digest = hashlib.sha256(str(NODE_DIR.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"mockpath-npm-{digest}.lock"


def _text(output: str | bytes | None) -> str:
    if isinstance(output, bytes):
        return output.decode(errors="replace")
    return output or ""


def _packages_ready() -> bool:
    # package.json pins exact versions; any dependency missing or at another
    # version (package.json changed since the last install) means reinstall.
    manifest = json.loads((NODE_DIR / "package.json").read_text(encoding="utf-8"))
    pinned: dict[str, str] = manifest.get("dependencies", {})
    return all(_installed_version(name) == version for name, version in pinned.items())


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"`{name}` is not on PATH: the Node contract tests need Node.js and npm "
            "(install them, e.g. `apt-get install nodejs npm`)",
            pytrace=False,
        )
    return path


def _npm_install() -> None:
    npm = _tool("npm")
    has_lock = (NODE_DIR / "package-lock.json").exists()
    command = [npm, "ci" if has_lock else "install", "--no-audit", "--no-fund"]
    try:
        done = subprocess.run(
            command,
            cwd=NODE_DIR,
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(
            f"`{' '.join(command)}` timed out after {NPM_TIMEOUT}s:\n"
            f"{_text(exc.stdout)}\n{_text(exc.stderr)}",
            pytrace=False,
        )
    if done.returncode != 0 or not _packages_ready():
        pytest.fail(
            f"`{' '.join(command)}` in {NODE_DIR} failed (exit {done.returncode}):\n"
            f"{done.stdout}\n{done.stderr}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def node_packages() -> Path:
    """The folder of the contract scripts, with the pinned npm packages installed."""
    _tool("node")
    if not _packages_ready():
        # One installer at a time (pytest-xdist workers share the folder); the lock
        # lives outside it because `npm ci` empties node_modules.
        with open(_lock_path(), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not _packages_ready():
                    _npm_install()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    return NODE_DIR


@pytest.fixture(scope="session")
def node_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty HOME and working directory: no ~/.stormpath or ./stormpath.yml leaks in."""
    return tmp_path_factory.mktemp("node-home")


@pytest.fixture(scope="session")
def run_node(node_packages: Path, node_home: Path) -> RunNode:
    """Run a script of tests/contract/node and return the JSON object it printed."""
    node = _tool("node")

    def run(
        script_name: str, env: dict[str, str], *args: str, timeout: float = 60
    ) -> dict[str, Any]:
        script = node_packages / script_name
        if not script.is_file():
            pytest.fail(f"no such contract script: {script}", pytrace=False)
        clean_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(node_home), **env}
        command = [node, str(script), *args]
        try:
            done = subprocess.run(
                command,
                cwd=node_home,
                env=clean_env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            pytest.fail(
                f"{script_name} did not finish within {timeout}s\n"
                f"stdout:\n{_text(exc.stdout)}\nstderr:\n{_text(exc.stderr)}",
                pytrace=False,
            )
        if done.returncode != 0:
            pytest.fail(
                f"{script_name} exited with {done.returncode}\n"
                f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}",
                pytrace=False,
            )
        lines = done.stdout.strip().splitlines()
        try:
            result = json.loads(lines[-1]) if lines else None
        except ValueError:
            result = None
        if not isinstance(result, dict):
            pytest.fail(
                f"{script_name} printed no JSON object\n"
                f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}",
                pytrace=False,
            )
        return result

    return run


@pytest.fixture
def sdk_env(live_server: ServerThread, tenant: Any) -> dict[str, str]:
    """SDK configuration through the environment, as stormpath-config reads it."""
    return {
        "STORMPATH_CLIENT_BASEURL": live_server.base_url,
        "STORMPATH_CLIENT_APIKEY_ID": tenant.api_key_id,
        "STORMPATH_CLIENT_APIKEY_SECRET": tenant.api_key_secret,
    }


@pytest.fixture
def sdk(live_server: ServerThread, tenant: Any) -> Iterator[SdkWire]:
    """The Python SDK's request layer, replayed, for one Flask process (its caches are
    what this object remembers), signed with the test tenant's key."""
    wire = SdkWire(live_server.base_url, tenant.api_key_id, tenant.api_key_secret)
    yield wire
    wire.close()
