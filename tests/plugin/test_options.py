"""Plugin options: ini keys and flags, and a server started elsewhere (--mockpath-url)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from mockpath import Settings, create_app
from mockpath.bootstrap import KeyPair, write_key_file
from mockpath.pytest_plugin import OPTIONS
from mockpath.seeds import fresh_tenant
from mockpath.server import ServerThread

ADMIN_TOKEN = "admin-token-for-tests"


@dataclass(frozen=True)
class External:
    url: str
    tenant_id: str
    key: KeyPair


@pytest.fixture(scope="module")
def external() -> Iterator[External]:
    """A server the inner runs did not start (as docker-compose would run it)."""
    app = create_app(Settings(password_scheme="fast", admin_token=ADMIN_TOKEN))
    with app.state.store.write() as tx:
        made = fresh_tenant(tx, app.state.hasher)
    with ServerThread(app) as server:
        yield External(server.url, made.tenant_id, KeyPair(made.api_key_id, made.api_key_secret))


EXTERNAL_TESTS = """
import httpx

def test_session(stormpath_server):
    s = stormpath_server
    assert s.base_url == "{url}/v1"
    assert s.tenant.id == "{tenant_id}"
    assert s.application.name == "Flask Test"
    account = s.create_account("ext@example.com", "Passw0rdABC", given_name="Ext")
    with httpx.Client(auth=(s.api_key_id, s.api_key_secret), timeout=10) as http:
        assert http.get(account).json()["givenName"] == "Ext"
"""


def test_external_server_with_a_key_file(pytester, external) -> None:
    key_file = pytester.path / "apiKey.properties"
    write_key_file(key_file, external.key)
    pytester.makepyfile(EXTERNAL_TESTS.format(url=external.url, tenant_id=external.tenant_id))
    result = pytester.runpytest(
        "--mockpath-url", external.url, "--mockpath-api-key-file", "apiKey.properties"
    )
    result.assert_outcomes(passed=1)


def test_external_server_from_ini_and_environment(pytester, external, monkeypatch) -> None:
    monkeypatch.setenv("STORMPATH_API_KEY_ID", external.key.id)
    monkeypatch.setenv("STORMPATH_API_KEY_SECRET", external.key.secret)
    pytester.makeini(f"[pytest]\nmockpath_url = {external.url}/v1\n")
    pytester.makepyfile(
        EXTERNAL_TESTS.replace("ext@", "ini@").format(
            url=external.url, tenant_id=external.tenant_id
        )
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_the_flag_wins_over_the_ini_key(pytester, external, monkeypatch) -> None:
    monkeypatch.setenv("STORMPATH_CLIENT_APIKEY_ID", external.key.id)
    monkeypatch.setenv("STORMPATH_CLIENT_APIKEY_SECRET", external.key.secret)
    monkeypatch.delenv("STORMPATH_API_KEY_ID", raising=False)
    pytester.makeini("[pytest]\nmockpath_url = http://127.0.0.1:9/v1\n")
    pytester.makepyfile(
        "def test_it(stormpath_server):\n"
        f"    assert stormpath_server.base_url == '{external.url}/v1'\n"
    )
    pytester.runpytest("--mockpath-url", external.url).assert_outcomes(passed=1)


def test_fresh_tenants_on_an_external_server_need_the_admin_token(
    pytester, external, monkeypatch
) -> None:
    monkeypatch.setenv("STORMPATH_API_KEY_ID", external.key.id)
    monkeypatch.setenv("STORMPATH_API_KEY_SECRET", external.key.secret)
    monkeypatch.delenv("MOCKPATH_ADMIN_TOKEN", raising=False)
    pytester.makepyfile(
        """
        SEEN = []

        def test_one(stormpath, stormpath_server):
            assert stormpath.tenant.id != stormpath_server.tenant.id
            assert stormpath.base_url == stormpath_server.base_url
            stormpath.create_account("iso@example.com", "Passw0rdABC")
            SEEN.append(stormpath.tenant.id)

        def test_two(stormpath):
            assert stormpath.tenant.id not in SEEN
            stormpath.create_account("iso@example.com", "Passw0rdABC")  # no 409
        """
    )
    args = ["--mockpath-url", external.url]
    pytester.runpytest(*args, "--mockpath-admin-token", ADMIN_TOKEN).assert_outcomes(passed=2)
    monkeypatch.setenv("MOCKPATH_ADMIN_TOKEN", ADMIN_TOKEN)
    pytester.runpytest(*args).assert_outcomes(passed=2)
    monkeypatch.delenv("MOCKPATH_ADMIN_TOKEN")
    result = pytester.runpytest(*args)
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*mockpath: a fresh tenant on a server at a URL needs its admin*"])
    result = pytester.runpytest(*args, "--mockpath-admin-token", "wrong")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*401 A valid admin bearer token is required.*"])


def test_unreachable_url_and_missing_key(pytester, monkeypatch) -> None:
    for name in ("STORMPATH_API_KEY_ID", "STORMPATH_CLIENT_APIKEY_ID"):
        monkeypatch.delenv(name, raising=False)
    pytester.makepyfile("def test_it(stormpath_server):\n    pass\n")
    result = pytester.runpytest("--mockpath-url", "http://127.0.0.1:9")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*mockpath: an API key is needed for the server at*"])
    monkeypatch.setenv("STORMPATH_API_KEY_ID", "id")
    monkeypatch.setenv("STORMPATH_API_KEY_SECRET", "secret")
    result = pytester.runpytest("--mockpath-url", "http://127.0.0.1:9")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*mockpath: cannot reach http://127.0.0.1:9/v1/tenants/current*"])


def test_config_is_resolved_flag_then_ini_then_default(pytester) -> None:
    pytester.makeini(
        "[pytest]\nmockpath_seed =\n  seeds/a.yaml\n  seeds/b.yaml\n"
        "mockpath_password_scheme = bcrypt\nmockpath_application = Shop\n"
    )
    pytester.makepyfile(
        """
        def test_config(mockpath_config, pytestconfig):
            root = pytestconfig.rootpath
            assert mockpath_config.seeds == (root / "seeds/a.yaml", root / "seeds/b.yaml")
            assert mockpath_config.password_scheme == "fast"
            assert mockpath_config.application == "Shop"
            assert mockpath_config.url is None
            assert mockpath_config.api_key_file is None
        """
    )
    pytester.runpytest("--mockpath-password-scheme", "fast").assert_outcomes(passed=1)


def test_relative_paths_follow_the_ini_file_or_the_working_directory(pytester, monkeypatch) -> None:
    pytester.makeini("[pytest]\nmockpath_api_key_file = keys/apiKey.properties\n")
    pytester.makepyfile(
        test_paths="""
        def test_paths(mockpath_config, pytestconfig):
            expected = pytestconfig.inipath.parent / "keys/apiKey.properties"
            assert mockpath_config.api_key_file == expected
        """
    )
    work = pytester.mkdir("work")
    monkeypatch.chdir(work)
    pytester.runpytest("-c", "../tox.ini", "--rootdir", "..", "..").assert_outcomes(passed=1)
    pytester.makepyfile(
        test_paths="""
        import os
        from pathlib import Path

        def test_paths(mockpath_config):
            assert mockpath_config.api_key_file == Path(os.getcwd(), "mine.properties")
            assert mockpath_config.seeds == (Path(os.getcwd(), "seed.yaml"),)
        """
    )
    flags = ["--mockpath-api-key-file", "mine.properties", "--mockpath-seed", "seed.yaml"]
    result = pytester.runpytest("-c", "../tox.ini", "--rootdir", "..", "..", *flags)
    result.assert_outcomes(passed=1)


def test_flags_and_ini_keys_share_their_help(pytester) -> None:
    result = pytester.runpytest("--help")
    text = " ".join(result.stdout.str().split())
    for name, help_text in OPTIONS.items():
        flag = "--mockpath-" + name.replace("_", "-")
        assert flag in text
        assert f"mockpath_{name} " in text
        assert text.count(" ".join(help_text.split())) == 2, name
