"""Measure the Flask-Stormpath quickstart flow: register, log in, load the account.

Each flow is what one user of the quickstart costs the server (client-call-sequences.md
§2.4, §2.8): `POST /applications/<id>/accounts`, `POST .../loginAttempts`, then
`GET /accounts/<id>`. The requests go through `requests`, the HTTP library of the
Python SDK, one flow after another. Prints flows per second and the p50/p95/p99
latency of each operation. A measurement, not a test: nothing is asserted beyond each
request succeeding.

    python bench/quickstart_flow.py                  # own server, bcrypt, 50 flows
    python bench/quickstart_flow.py -n 200 --scheme fast
    python bench/quickstart_flow.py --url http://127.0.0.1:8080/v1 \\
        --key-id ID --key-secret SECRET [--application "Flask Test"]
"""

from __future__ import annotations

import argparse
import base64
import math
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import requests

OPERATIONS = ("register", "login", "load")


@dataclass(frozen=True)
class Target:
    base_url: str  # ends in /v1
    key_id: str
    key_secret: str
    application_href: str


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=lambda: {op: [] for op in OPERATIONS})

    @contextmanager
    def measure(self, operation: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.samples[operation].append(time.perf_counter() - start)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@contextmanager
def own_server(scheme: str) -> Iterator[Target]:
    """A mockpath server in this process with a fresh tenant and its quickstart app."""
    from mockpath import Settings, create_app
    from mockpath.domain.tenants import create_quickstart_application, create_tenant
    from mockpath.server import ServerThread

    app = create_app(Settings(password_scheme=scheme))  # type: ignore[arg-type]
    with ServerThread(app) as server:
        with app.state.store.write() as tx:
            made = create_tenant(tx, app.state.hasher)
            application = create_quickstart_application(tx, made.tenant.id)
        yield Target(
            base_url=server.base_url,
            key_id=made.api_key.id,
            key_secret=made.api_key.secret,
            application_href=f"{server.base_url}/applications/{application.id}",
        )


def external_server(url: str, key_id: str, key_secret: str, name: str) -> Target:
    """The application called `name` on a running server (as Flask-Stormpath finds it)."""
    base = url.rstrip("/")
    session = requests.Session()
    session.auth = (key_id, key_secret)
    tenant = session.get(f"{base}/tenants/current", timeout=30)
    tenant.raise_for_status()
    found = session.get(tenant.json()["applications"]["href"], params={"name": name}, timeout=30)
    found.raise_for_status()
    items = found.json()["items"]
    if not items:
        raise SystemExit(f"no application named {name!r} on {base}")
    return Target(base, key_id, key_secret, items[0]["href"])


def run_flows(target: Target, count: int) -> tuple[Timings, float]:
    """`count` flows, one after another; returns the timings and the wall time."""
    session = requests.Session()
    session.auth = (target.key_id, target.key_secret)
    timings = Timings()
    tag = uuid.uuid4().hex[:10]
    started = time.perf_counter()
    for n in range(count):
        email = f"bench-{tag}-{n}@example.com"
        password = f"Bench-{tag}-Passw0rd"
        with timings.measure("register"):
            created = session.post(
                f"{target.application_href}/accounts",
                json={
                    "email": email,
                    "password": password,
                    "givenName": "Bench",
                    "surname": str(n),
                    "username": "",
                    "middleName": "",
                    "customData": None,
                    "status": "ENABLED",
                },
                timeout=60,
            )
        _expect(created, 201)
        value = base64.b64encode(f"{email}:{password}".encode()).decode()
        with timings.measure("login"):
            attempt = session.post(
                f"{target.application_href}/loginAttempts",
                json={"type": "basic", "value": value},
                timeout=60,
            )
        _expect(attempt, 200)
        with timings.measure("load"):
            loaded = session.get(attempt.json()["account"]["href"], timeout=60)
        _expect(loaded, 200)
    return timings, time.perf_counter() - started


def _expect(response: requests.Response, status: int) -> None:
    if response.status_code != status:
        raise SystemExit(
            f"{response.request.method} {response.url} gave {response.status_code}: "
            f"{response.text[:300]}"
        )


def report(timings: Timings, wall: float, count: int, where: str) -> str:
    lines = [
        f"quickstart flow (register, login, load) x {count} against {where}",
        f"flows: {count} in {wall:.2f} s = {count / wall:.1f} flows/s",
        f"{'operation':<10} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}",
    ]
    for operation in OPERATIONS:
        values = timings.samples[operation]
        p50, p95, p99 = (percentile(values, share) * 1000 for share in (0.5, 0.95, 0.99))
        lines.append(f"{operation:<10} {len(values):>6} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--flows", type=int, default=50, help="number of flows (50)")
    parser.add_argument(
        "--scheme",
        choices=("bcrypt", "fast"),
        default="bcrypt",
        help="password hashing of the server started here (bcrypt, as Stormpath did)",
    )
    parser.add_argument("--url", help="use a running server at this base URL (ending in /v1)")
    parser.add_argument("--key-id", help="API key id for --url")
    parser.add_argument("--key-secret", help="API key secret for --url")
    parser.add_argument(
        "--application", default="Flask Test", help="application name for --url (Flask Test)"
    )
    args = parser.parse_args(argv)
    if args.flows < 1:
        parser.error("-n must be at least 1")
    if args.url:
        if not (args.key_id and args.key_secret):
            parser.error("--url needs --key-id and --key-secret")
        target = external_server(args.url, args.key_id, args.key_secret, args.application)
        timings, wall = run_flows(target, args.flows)
        print(report(timings, wall, args.flows, target.base_url))
        return 0
    with own_server(args.scheme) as target:
        timings, wall = run_flows(target, args.flows)
    print(report(timings, wall, args.flows, f"a server started here ({args.scheme} hashing)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
