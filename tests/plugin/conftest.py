"""pytester runs the generated tests in this process and afterwards drops every module
they imported first. A module dropped and imported again is a second copy: httpx
would no longer recognise the first copy's httpcore errors, and live servers of other
tests would meet new copies of their classes. So everything the generated tests use is
loaded here, once, before any of them runs."""

from __future__ import annotations

import httpx
import pytest

from mockpath.server import ServerThread


@pytest.fixture(scope="session", autouse=True)
def modules_loaded_before_pytester(live_server: ServerThread) -> None:
    import mockpath.pytest_plugin
    import mockpath.runner
    import mockpath.seeds
    import mockpath.testing

    with httpx.Client(auth=("id", "secret")) as client:
        client.get(f"{live_server.base_url}/tenants/current")
    try:
        mockpath.testing.http_json("GET", f"{live_server.base_url}/tenants/current")
    except mockpath.testing.MockpathConnectionError:
        pass  # a 401: the point was urllib's modules
    assert mockpath.pytest_plugin and mockpath.runner and mockpath.seeds
