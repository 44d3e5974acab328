"""Run tests/contract/express/app.js (express-stormpath 3.2.0 on the Node SDK 0.20.1)
against a mockpath server of its own that records every request it serves.

``running_site()`` installs the pinned npm packages if needed (``npm ci``; a missing
Node.js or a failed install fails the test, never skips it), starts the server with a
fresh tenant and the Express site on a free port, and stops both afterwards.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.domain.models import OutboxMessage
from mockpath.domain.outbox import list_outbox
from mockpath.domain.tenants import create_quickstart_application, create_tenant
from mockpath.server import ServerThread

SITE_DIR = Path(__file__).parent / "express"
PINNED = ("express", "express-stormpath", "stormpath")
START_TIMEOUT = 60.0


# --- a mockpath server that remembers what it was asked --------------------------------


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    query: str
    status: int


@dataclass
class Recorder:
    """ASGI wrapper keeping (method, path, query, status) of every request."""

    app: Any
    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path, query = scope["method"], scope["path"], scope["query_string"].decode()

        async def capture(message: Any) -> None:
            # Recorded before the response leaves, so whoever got it sees the record.
            if message["type"] == "http.response.start":
                with self.lock:
                    self.calls.append(Call(method, path, query, message["status"]))
            await send(message)

        await self.app(scope, receive, capture)

    def snapshot(self) -> list[Call]:
        with self.lock:
            return list(self.calls)

    def find(self, method: str, path: str, query: str | None = None) -> list[Call]:
        return [
            c
            for c in self.snapshot()
            if c.method == method and c.path == path and (query is None or c.query == query)
        ]


# --- installing and running the site ---------------------------------------------------


def _installed(package: str) -> str | None:
    manifest = SITE_DIR / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


def ensure_packages() -> None:
    """`npm ci` when a pinned package is missing or at another version; fail, never skip."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            pytest.fail(f"`{tool}` is not on PATH: the express-stormpath test needs Node.js")
    pinned = json.loads((SITE_DIR / "package.json").read_text("utf-8"))["dependencies"]
    if all(_installed(name) == pinned[name] for name in PINNED):
        return
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"],
        cwd=SITE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0 or not all(_installed(n) == pinned[n] for n in PINNED):
        pytest.fail(f"npm ci in {SITE_DIR} failed:\n{done.stdout}\n{done.stderr}")


@dataclass(frozen=True)
class Launch:
    """How a start of app.js went: the port it listens on, or how it ended."""

    port: int | None
    returncode: int | None
    output: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.output)


def _pump(stream: Any, lines: queue.Queue[str | None], keep: list[str]) -> None:
    for line in stream:
        keep.append(line.rstrip("\n"))
        lines.put(line.rstrip("\n"))
    lines.put(None)


def _wait_ready(lines: queue.Queue[str | None]) -> int | None:
    """The port of the "ready <port>" line; None on exit or after START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if line is None:
            return None
        if line.startswith("ready "):
            return int(line.split()[1])


@contextmanager
def launched(env: dict[str, str]) -> Iterator[Launch]:
    """app.js with `env` (plus PATH and an empty HOME and working directory), until it
    is ready or has exited; it is stopped when the block ends."""
    with tempfile.TemporaryDirectory() as home:
        process = subprocess.Popen(
            ["node", str(SITE_DIR / "app.js")],
            cwd=home,
            env={"PATH": os.environ.get("PATH", ""), "HOME": home, "PORT": "0", **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines: queue.Queue[str | None] = queue.Queue()
        output: list[str] = []
        pump = threading.Thread(target=_pump, args=(process.stdout, lines, output), daemon=True)
        pump.start()
        try:
            port = _wait_ready(lines)
            if port is None:
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
            yield Launch(port, process.returncode, output)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            pump.join(timeout=10)
            assert process.stdout is not None
            process.stdout.close()


@dataclass(frozen=True)
class Site:
    """The running Express site and the tenant it serves."""

    url: str
    api_base: str
    tenant_id: str
    api_key_id: str
    api_key_secret: str
    application_id: str
    application_href: str
    directory_id: str
    recorder: Recorder
    ready_at: int  # number of recorded calls when the site said "ready"
    env: dict[str, str]  # the STORMPATH_* variables the site was started with

    def api(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.api_base, auth=(self.api_key_id, self.api_key_secret), timeout=10
        )

    def browser(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)

    def outbox(self) -> list[OutboxMessage]:
        """The emails the server would have sent to the tenant's accounts."""
        with self.recorder.app.state.store.read() as tx:
            return list_outbox(tx, self.tenant_id)

    def another(self, **changes: str | None) -> AbstractContextManager[Launch]:
        """A second app.js on the same server, with variables changed (None removes)."""
        env = {**self.env, **changes}
        return launched({k: v for k, v in env.items() if v is not None})


def _tenant(server: ServerThread, app: Any) -> dict[str, str]:
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
        application = create_quickstart_application(tx, made.tenant.id)
    auth = (made.api_key.id, made.api_key.secret)
    with httpx.Client(base_url=server.base_url, auth=auth) as api:
        mappings = api.get(f"/applications/{application.id}/accountStoreMappings").json()
    return {
        "tenant_id": made.tenant.id,
        "api_key_id": made.api_key.id,
        "api_key_secret": made.api_key.secret,
        "application_id": application.id,
        "application_href": f"{server.base_url}/applications/{application.id}",
        "directory_id": mappings["items"][0]["accountStore"]["href"].rsplit("/", 1)[1],
    }


@contextmanager
def running_site() -> Iterator[Site]:
    """app.js running against a recorded mockpath server with a fresh tenant."""
    ensure_packages()
    app = create_app(Settings(password_scheme="fast"))
    recorder = Recorder(app)
    with ServerThread(recorder) as server:  # type: ignore[arg-type]
        info = _tenant(server, app)
        env = {
            "STORMPATH_CLIENT_BASEURL": server.base_url,
            "STORMPATH_CLIENT_APIKEY_ID": info["api_key_id"],
            "STORMPATH_CLIENT_APIKEY_SECRET": info["api_key_secret"],
            "STORMPATH_APPLICATION_HREF": info["application_href"],
        }
        with launched(env) as launch:
            if launch.port is None:
                pytest.fail(
                    f"the Express site did not start (exit {launch.returncode}):\n" + launch.text
                )
            yield Site(
                url=f"http://127.0.0.1:{launch.port}",
                api_base=server.base_url,
                recorder=recorder,
                ready_at=len(recorder.snapshot()),
                env=env,
                **info,
            )
