"""`mockpath serve --seed`: seeds loaded into a database file, kept across restarts."""

from __future__ import annotations

import httpx
from click.testing import CliRunner

from mockpath.cli import main
from tests.cli.test_serve import Served
from tests.seeds.conftest import FIXTURES

QUICKSTART_KEY = ("MOCKPATHQUICKSTART0000001", "bW9ja3BhdGgtcXVpY2tzdGFydC1zZWNyZXQtMDAwMDE")
EXAMPLE_KEY = ("MOCKPATHEXAMPLEKEY0000001", "bW9ja3BhdGgtZXhhbXBsZS1zZWNyZXQtMDAwMDAwMDE")


def tenant_of(served: Served, key: tuple[str, str]) -> dict:
    response = httpx.get(
        f"{served.base_url}/tenants/current", auth=key, follow_redirects=True, timeout=10
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_seeds_are_loaded_once_and_kept_across_restarts(tmp_path) -> None:
    home, db = tmp_path / "home", tmp_path / "data" / "mockpath.db"
    home.mkdir()
    seeds = ["--seed", str(FIXTURES / "quickstart.yaml"), "--seed", str(FIXTURES / "example.yaml")]
    served = Served(home, "--db", str(db), "--password-scheme", "fast", *seeds)
    try:
        quickstart = tenant_of(served, QUICKSTART_KEY)
        assert tenant_of(served, EXAMPLE_KEY)["key"] == "example"
        app = httpx.get(
            f"{quickstart['applications']['href']}?name=Flask+Test", auth=QUICKSTART_KEY
        ).json()["items"][0]
        created = httpx.post(
            f"{app['href']}/accounts",
            auth=QUICKSTART_KEY,
            json={"email": "kept@example.com", "password": "Passw0rdABC"},
        )
        assert created.status_code == 201
        assert "seed:     tenant quickstart loaded, API key MOCKPATHQUICKSTART0000001" in (
            served.output
        )
        # the database's first tenant is the seeded one: serve reports its key
        assert "API key:  MOCKPATHQUICKSTART0000001" in served.output
    finally:
        assert served.stop() == 0
    again = Served(home, "--db", str(db), "--password-scheme", "fast", *seeds)
    try:
        tenant_id = quickstart["href"].rsplit("/", 1)[1]
        assert tenant_of(again, QUICKSTART_KEY)["href"] == f"{again.base_url}/tenants/{tenant_id}"
        assert "seed:     tenant quickstart already in the database" in again.output
        account = created.json()["href"].replace(served.base_url, again.base_url)
        kept = httpx.get(account, auth=QUICKSTART_KEY)
        assert kept.status_code == 200
    finally:
        assert again.stop() == 0


def test_admin_token_enables_fresh_tenants(tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    served = Served(home, "--db", str(tmp_path / "m.db"), "--admin-token", "tok")
    try:
        root = served.base_url.removesuffix("/v1")
        made = httpx.post(f"{root}/__mockpath/tenants", headers={"Authorization": "Bearer tok"})
        assert made.status_code == 201
        assert httpx.post(f"{root}/__mockpath/tenants").status_code == 401
    finally:
        served.stop()


def test_a_bad_seed_stops_serve_with_one_message(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tenants:\n  - key: x\n    directories: [{name: D, colour: red}]\n")
    result = CliRunner().invoke(
        main,
        ["serve", "--port", "0", "--db", str(tmp_path / "m.db"), "--seed", str(bad)],
        env={"HOME": str(tmp_path)},
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {bad}: tenants[0].directories[0].colour: Extra inputs are not permitted\n"
    )
