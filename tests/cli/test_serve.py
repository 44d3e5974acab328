"""`mockpath serve` as a user runs it: a subprocess (`python -m mockpath serve`) on a
free port, with HOME pointing at a temporary directory."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from mockpath.cli import main

STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def read_key(path: Path) -> tuple[str, str]:
    values = dict(line.split(" = ", 1) for line in path.read_text().splitlines())
    return values["apiKey.id"], values["apiKey.secret"]


class Served:
    """One `mockpath serve` process; its output goes to a file the test can read."""

    def __init__(self, home: Path, *args: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.log = home.parent / f"serve-{self.port}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKPATH_")}
        env["HOME"] = str(home)
        command = [sys.executable, "-m", "mockpath", "serve", "--port", str(self.port), *args]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        self._wait_until_up()

    @property
    def output(self) -> str:
        return self.log.read_text()

    def _wait_until_up(self) -> None:
        pause = threading.Event()
        for _ in range(STARTUP_SECONDS * 10):
            if self.process.poll() is not None:
                pytest.fail(f"mockpath serve exited with {self.process.returncode}:\n{self.output}")
            try:
                httpx.get(f"{self.base_url}/tenants/current", timeout=1)
                return
            except httpx.TransportError:
                pause.wait(0.1)
        self.kill()
        pytest.fail(f"mockpath serve did not answer:\n{self.output}")

    def stop(self) -> int:
        """SIGTERM, as a supervisor sends it; returns the exit code."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"mockpath serve ignored SIGTERM:\n{self.output}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


Serve = Callable[..., Served]


@pytest.fixture
def serve(home: Path) -> Iterator[Serve]:
    """Start `mockpath serve` with `serve(*args)`; whatever is left is killed at the end."""
    started: list[Served] = []

    def start(*args: str) -> Served:
        served = Served(home, *args)
        started.append(served)
        return served

    yield start
    for served in started:
        served.kill()


def current_tenant(served: Served, key: tuple[str, str]) -> dict[str, Any]:
    response = httpx.get(
        f"{served.base_url}/tenants/current", auth=key, follow_redirects=True, timeout=10
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_serve_bootstraps_a_new_database_and_answers_with_the_written_key(
    serve: Serve, home: Path, tmp_path: Path
) -> None:
    db = tmp_path / "data" / "mockpath.db"

    served = serve("--db", str(db))
    key_file = home / ".stormpath" / "apiKey.properties"
    key = read_key(key_file)
    tenant = current_tenant(served, key)

    assert db.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert str(tenant["href"]).startswith(f"{served.base_url}/tenants/")
    assert served.base_url in served.output
    assert str(key_file) in served.output
    assert key[0] in served.output
    assert key[1] not in served.output
    assert "curl -L -u" in served.output
    assert "(created now)" in served.output
    refused = httpx.get(f"{served.base_url}/tenants/current", timeout=10)
    assert refused.status_code == 401
    assert refused.json()["status"] == 401
    assert served.stop() == 0


def test_restart_on_the_same_database_keeps_tenant_key_and_data(
    serve: Serve, home: Path, tmp_path: Path
) -> None:
    db = tmp_path / "mockpath.db"
    key_file = home / ".stormpath" / "apiKey.properties"
    first = serve("--db", str(db), "--password-scheme", "fast")
    key = read_key(key_file)
    tenant = current_tenant(first, key)
    made = httpx.post(
        f"{first.base_url}/applications", json={"name": "Kept Across Restarts"}, auth=key
    )
    assert made.status_code == 201, made.text
    assert first.stop() == 0

    second = serve("--db", str(db), "--password-scheme", "fast")

    assert read_key(key_file) == key
    again = current_tenant(second, key)
    assert again["href"] == str(tenant["href"]).replace(first.base_url, second.base_url)
    listed = httpx.get(str(again["applications"]["href"]), auth=key, timeout=10)
    names = sorted(item["name"] for item in listed.json()["items"])
    assert names == ["Flask Test", "Kept Across Restarts", "Stormpath"]
    assert "(created now)" not in second.output
    assert second.stop() == 0


def test_a_default_key_file_holding_another_key_is_left_alone(
    serve: Serve, home: Path, tmp_path: Path
) -> None:
    default_file = home / ".stormpath" / "apiKey.properties"
    default_file.parent.mkdir()
    default_file.write_text("apiKey.id = SOMEONEELSE\napiKey.secret = theirs\n")
    db = tmp_path / "second.db"

    served = serve("--db", str(db))

    beside = tmp_path / "second.apiKey.properties"
    assert default_file.read_text() == "apiKey.id = SOMEONEELSE\napiKey.secret = theirs\n"
    assert stat.S_IMODE(beside.stat().st_mode) == 0o600
    assert str(beside) in served.output
    assert "holds another key" in served.output
    current_tenant(served, read_key(beside))
    assert served.stop() == 0


def test_serve_uses_what_init_wrote(serve: Serve, home: Path, tmp_path: Path) -> None:
    db = tmp_path / "mockpath.db"
    key_file = home / ".stormpath" / "apiKey.properties"
    init = CliRunner().invoke(
        main, ["init", "--db", str(db), "--application", "Shop"], env={"HOME": str(home)}
    )
    assert init.exit_code == 0, init.output
    key = read_key(key_file)

    served = serve("--db", str(db))

    tenant = current_tenant(served, key)
    listed = httpx.get(str(tenant["applications"]["href"]), auth=key, timeout=10)
    assert sorted(item["name"] for item in listed.json()["items"]) == ["Shop", "Stormpath"]
    assert read_key(key_file) == key
    assert "(created now)" not in served.output

    clash = CliRunner().invoke(main, ["serve", "--port", str(served.port), "--db", str(db)])

    assert clash.exit_code == 1
    assert clash.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{served.port}")
    assert clash.stderr.count("\n") == 1
    assert served.stop() == 0
