"""The plugin's fixtures, run by pytester in generated test files."""

from __future__ import annotations

import os

import pytest

INI = "[pytest]\nfilterwarnings = error\n"


@pytest.fixture(autouse=True)
def strict_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini(INI)


def test_session_server_registers_logs_in_and_reads_an_account(pytester) -> None:
    pytester.makepyfile(
        """
        import base64
        import httpx

        def test_flow(stormpath_server):
            s = stormpath_server
            assert s.base_url.startswith("http://127.0.0.1:") and s.base_url.endswith("/v1")
            assert s.application.name == "Flask Test"
            assert s.application.href == f"{s.base_url}/applications/{s.application.id}"
            assert s.tenant.href == f"{s.base_url}/tenants/{s.tenant.id}"
            auth = (s.api_key_id, s.api_key_secret)
            with httpx.Client(auth=auth, timeout=10) as http:
                created = http.post(
                    f"{s.application.href}/accounts",
                    json={"email": "jane@example.com", "password": "Passw0rdABC",
                          "givenName": "Jane", "surname": "Doe"},
                )
                assert created.status_code == 201, created.text
                value = base64.b64encode(b"jane@example.com:Passw0rdABC").decode()
                login = http.post(f"{s.application.href}/loginAttempts",
                                  json={"type": "basic", "value": value})
                assert login.status_code == 200, login.text
                href = login.json()["account"]["href"]
                assert href == created.json()["href"]
                account = http.get(href)
                assert account.status_code == 200
                assert account.json()["fullName"] == "Jane Doe"
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_helpers_create_accounts_groups_and_memberships(pytester) -> None:
    pytester.makepyfile(
        """
        import httpx

        def test_helpers(stormpath_server):
            s = stormpath_server
            account = s.create_account("ada@example.com", "Passw0rdABC", given_name="Ada",
                                       surname="Lovelace", custom_data={"team": "engine"})
            group = s.create_group("admins", description="Admins")
            membership = s.add_to_group(account, group)
            assert account.startswith(s.base_url + "/accounts/")
            assert membership.startswith(s.base_url + "/groupMemberships/")
            with httpx.Client(auth=(s.api_key_id, s.api_key_secret), timeout=10) as http:
                found = http.get(account, params={"expand": "customData,groups"}).json()
            assert found["givenName"] == "Ada"
            assert found["customData"]["team"] == "engine"
            assert [g["href"] for g in found["groups"]["items"]] == [group]
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_function_fixture_gives_each_test_its_own_tenant(pytester) -> None:
    pytester.makepyfile(
        """
        import httpx

        SEEN = []

        def emails(s):
            with httpx.Client(auth=(s.api_key_id, s.api_key_secret), timeout=10) as http:
                page = http.get(f"{s.application.href}/accounts").json()
            return [a["email"] for a in page["items"]]

        def test_first(stormpath, stormpath_server):
            stormpath.create_account("only-here@example.com", "Passw0rdABC")
            stormpath_server.create_account("shared@example.com", "Passw0rdABC")
            assert emails(stormpath) == ["only-here@example.com"]
            SEEN.append(stormpath.tenant.id)

        def test_second(stormpath, stormpath_server):
            assert emails(stormpath) == []
            assert emails(stormpath_server) == ["shared@example.com"]
            assert stormpath.tenant.id not in SEEN
            assert stormpath.api_key_id != stormpath_server.api_key_id
            assert stormpath.base_url == stormpath_server.base_url
            assert stormpath.application.name == "Flask Test"
        """
    )
    pytester.runpytest().assert_outcomes(passed=2)


def test_environment_is_set_for_the_fixtures_and_restored(pytester, monkeypatch) -> None:
    monkeypatch.setenv("STORMPATH_API_KEY_ID", "outer-id")
    monkeypatch.delenv("STORMPATH_CLIENT_BASEURL", raising=False)
    monkeypatch.delenv("STORMPATH_APPLICATION_HREF", raising=False)
    pytester.makepyfile(
        """
        import os
        from pathlib import Path

        NAMES = ["STORMPATH_CLIENT_BASEURL", "STORMPATH_CLIENT_APIKEY_ID",
                 "STORMPATH_CLIENT_APIKEY_SECRET", "STORMPATH_API_KEY_ID",
                 "STORMPATH_API_KEY_SECRET", "STORMPATH_API_KEY_FILE",
                 "STORMPATH_APPLICATION_HREF", "STORMPATH_APPLICATION_NAME"]

        def expected(s):
            return [s.base_url, s.api_key_id, s.api_key_secret, s.api_key_id,
                    s.api_key_secret, str(s.api_key_file), s.application.href,
                    s.application.name]

        def test_function_tenant(stormpath_server, stormpath):
            assert [os.environ[n] for n in NAMES] == expected(stormpath)
            text = Path(os.environ["STORMPATH_API_KEY_FILE"]).read_text()
            assert text == (f"apiKey.id = {stormpath.api_key_id}\\n"
                            f"apiKey.secret = {stormpath.api_key_secret}\\n")

        def test_session_tenant_is_back(stormpath_server):
            assert [os.environ[n] for n in NAMES] == expected(stormpath_server)
        """
    )
    pytester.runpytest().assert_outcomes(passed=2)
    assert os.environ["STORMPATH_API_KEY_ID"] == "outer-id"
    assert "STORMPATH_CLIENT_BASEURL" not in os.environ
    assert "STORMPATH_APPLICATION_HREF" not in os.environ


def test_sdk_base_url_is_patched_while_the_server_runs(pytester) -> None:
    pytester.makepyfile(
        **{
            "stormpath/__init__.py": "",
            "stormpath/client.py": """
                class Client:
                    BASE_URL = "https://api.stormpath.com/v1"
            """,
        }
    )
    pytester.syspathinsert()
    import stormpath.client  # the stand-in written above, not the SDK

    pytester.makepyfile(
        test_base_url="""
        from stormpath.client import Client

        def test_without_fixture():
            assert Client.BASE_URL == "https://api.stormpath.com/v1"

        def test_session(stormpath_server):
            assert Client.BASE_URL == stormpath_server.base_url

        def test_function(stormpath):
            assert Client.BASE_URL == stormpath.base_url
        """
    )
    pytester.runpytest().assert_outcomes(passed=3)
    assert stormpath.client.Client.BASE_URL == "https://api.stormpath.com/v1"


def test_a_seeded_session_and_its_per_test_copies(pytester) -> None:
    pytester.makefile(
        ".yaml",
        seed="""
        tenants:
          - key: ci
            api_keys: [{id: CIKEY0000000000000000001, secret: ci-secret}]
            directories:
              - name: People
                accounts: [{email: ada@example.com, password: Passw0rdABC}]
            applications:
              - name: Web
                account_stores: [{directory: People}]
        """,
    )
    pytester.makepyfile(
        """
        import httpx

        def count(s):
            with httpx.Client(auth=(s.api_key_id, s.api_key_secret), timeout=10) as http:
                return http.get(f"{s.application.href}/accounts").json()["size"]

        def test_session(stormpath_server):
            assert stormpath_server.api_key_id == "CIKEY0000000000000000001"
            assert stormpath_server.tenant.key == "ci"
            assert stormpath_server.application.name == "Web"
            assert count(stormpath_server) == 1

        def test_copy(stormpath):
            assert stormpath.api_key_id != "CIKEY0000000000000000001"
            assert stormpath.application.name == "Web"
            stormpath.create_account("new@example.com", "Passw0rdABC")
            assert count(stormpath) == 2
        """
    )
    pytester.runpytest("--mockpath-seed", "seed.yaml").assert_outcomes(passed=2)


def test_a_bad_seed_file_names_the_file_and_the_field(pytester) -> None:
    pytester.makefile(".yaml", bad="tenants:\n  - key: x\n    applications:\n      - {}\n")
    pytester.makepyfile("def test_it(stormpath_server):\n    pass\n")
    result = pytester.runpytest("--mockpath-seed", "bad.yaml")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*mockpath: *bad.yaml: tenants[[]0[]].applications[[]0[]].name: Field required*"]
    )


def test_runs_under_xdist_with_a_server_per_worker(pytester) -> None:
    pytester.makepyfile(
        """
        import os
        import pytest

        @pytest.mark.parametrize("n", range(6))
        def test_record(stormpath, n, pytestconfig):
            stormpath.create_account(f"user{n}@example.com", "Passw0rdABC")
            worker = os.environ["PYTEST_XDIST_WORKER"]
            out = pytestconfig.rootpath / f"seen-{worker}-{n}"
            out.write_text(stormpath.base_url + " " + str(stormpath.api_key_file))
        """
    )
    result = pytester.runpytest_subprocess("-p", "xdist", "-n", "2")
    result.assert_outcomes(passed=6)
    seen: dict[str, set[str]] = {}
    key_files = set()
    for path in pytester.path.glob("seen-gw*"):
        url, key_file = path.read_text().split(" ")
        seen.setdefault(path.name.split("-")[1], set()).add(url)
        key_files.add(key_file)
    assert set(seen) == {"gw0", "gw1"}
    assert all(len(urls) == 1 for urls in seen.values())  # one server per worker
    assert seen["gw0"] != seen["gw1"]
    assert len(key_files) == 6  # no two tests share a key file
