"""Measure what the pytest plugin costs: starting the session server, and the fresh
tenant the `stormpath` fixture makes for every test.

Starts the server as `stormpath_server` does (in-memory, fast hashing), then makes N
tenants as `stormpath` does (tenant, key, "Flask Test" with its directory, key file).
Also the per-test copy of the seeded tenant of fixtures/example.yaml. Prints the
median and p95 per tenant. A measurement, not a test.

    python bench/plugin_isolation.py [-n 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="tenants to make (default 200)")
    args, _ = parser.parse_known_args()  # `make bench` hands every script the same args

    started = time.perf_counter()
    from mockpath.testing import open_server

    imported = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = [ROOT / "fixtures" / "example.yaml"]
        for label, files in (("no seed", []), ("example.yaml", seeds)):
            begin = time.perf_counter()
            with open_server(Path(tmp), seeds=files) as server:
                ready = time.perf_counter()
                costs = []
                for i in range(args.n):
                    key_dir = Path(tmp, f"{label}-{i}")
                    key_dir.mkdir()
                    one = time.perf_counter()
                    server.new_tenant(key_dir)
                    costs.append((time.perf_counter() - one) * 1000)
            costs.sort()
            print(
                f"{label}: server ready in {(ready - begin) * 1000:.0f} ms; per-test tenant "
                f"median {statistics.median(costs):.1f} ms, "
                f"p95 {costs[int(len(costs) * 0.95) - 1]:.1f} ms over {args.n}"
            )
    print(f"importing mockpath.testing: {(imported - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
