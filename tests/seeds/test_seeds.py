"""Seed files: validation messages, loading through the domain, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockpath.seeds import SeedError, load_seed_files, load_tenant_copy, read_seed_file
from tests.seeds.conftest import login, path_of, unique_key, unique_key_id

# $stormpath2$: one SHA-256 round over salt + "password" (the salt is "salt")
STORMPATH2_OF_PASSWORD = (
    "$stormpath2$SHA-256$1$c2FsdA==$E2Ab2k6njlWge5iGbSvmvgdE44ZvE8AMgRyrYIoo8yI="
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(excinfo: pytest.ExceptionInfo[SeedError]) -> list[str]:
    return str(excinfo.value).splitlines()


# --- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "tenants:\n  - key: a\n    applications:\n      - description: no name\n",
            "tenants[0].applications[0].name: Field required",
        ),
        (
            "tenants:\n  - key: a\n    colour: blue\n",
            "tenants[0].colour: Extra inputs are not permitted",
        ),
        (
            "tenants:\n  - key: a\n    directories:\n      - name: D\n        accounts:\n"
            "          - email: a@example.com\n",
            "tenants[0].directories[0].accounts[0]: give exactly one of password and password_hash",
        ),
        (
            "tenants:\n  - key: a\n    applications:\n      - name: A\n        status: paused\n",
            "tenants[0].applications[0].status: Input should be 'ENABLED' or 'DISABLED'",
        ),
        (
            "tenants:\n  - key: a\n    applications:\n      - name: A\n"
            "        create_directory: 3\n",
            "tenants[0].applications[0].create_directory: must be true, false or the name of "
            "the directory to create",
        ),
        (
            "tenants:\n  - key: Not A Key\n",
            "tenants[0].key: String should match pattern '^[a-z0-9][a-z0-9-]*$'",
        ),
        ("tenants: []\n", "tenants: List should have at least 1 item after validation, not 0"),
        (
            "- just a list\n",
            "(top level): Input should be a valid dictionary or instance of SeedFile",
        ),
    ],
    ids=["missing", "extra", "password", "status", "create-directory", "key", "empty", "list"],
)
def test_invalid_files_name_the_file_and_the_field(tmp_path, yaml_text, expected) -> None:
    path = write(tmp_path, "bad.yaml", yaml_text)
    with pytest.raises(SeedError) as excinfo:
        read_seed_file(path)
    assert problems(excinfo) == [f"{path}: {expected}"]


def test_every_problem_is_reported(tmp_path) -> None:
    path = write(tmp_path, "bad.yaml", "tenants:\n  - name: x\n    api_keys: [{id: A}]\n")
    with pytest.raises(SeedError) as excinfo:
        read_seed_file(path)
    assert problems(excinfo) == [
        f"{path}: tenants[0].key: Field required",
        f"{path}: tenants[0].api_keys[0].secret: Field required",
    ]


def test_unparsable_empty_and_missing_files(tmp_path) -> None:
    broken = write(tmp_path, "broken.yaml", "tenants: [\n")
    with pytest.raises(SeedError, match=rf"^{broken}: not valid YAML: "):
        read_seed_file(broken)
    bad_json = write(tmp_path, "broken.json", "{")
    with pytest.raises(SeedError, match=rf"^{bad_json}: not valid JSON: "):
        read_seed_file(bad_json)
    empty = write(tmp_path, "empty.yaml", "# nothing\n")
    with pytest.raises(SeedError, match=rf"^{empty}: the file is empty$"):
        read_seed_file(empty)
    with pytest.raises(SeedError, match="cannot read"):
        read_seed_file(tmp_path / "absent.yaml")


def test_json_files_are_read_as_json(tmp_path) -> None:
    data = {"tenants": [{"key": "j", "applications": [{"name": "A", "create_directory": True}]}]}
    seed = read_seed_file(write(tmp_path, "seed.json", json.dumps(data)))
    assert seed.tenants[0].applications[0].create_directory is True


# --- loading -------------------------------------------------------------------------


def test_known_api_key_and_application_with_created_directory(load, client_for) -> None:
    key_id = unique_key_id()
    (tenant,) = load(
        {
            "tenants": [
                {
                    "key": unique_key(),
                    "api_keys": [{"id": key_id, "secret": "s3cret"}],
                    "applications": [{"name": "Flask Test", "create_directory": True}],
                }
            ]
        }
    )
    assert (tenant.api_key_id, tenant.api_key_secret, tenant.created) == (key_id, "s3cret", True)
    api = client_for(tenant)
    ((app_id, name),) = tenant.applications
    assert name == "Flask Test"
    created = api.post(
        f"/applications/{app_id}/accounts",
        json={"email": "a@example.com", "password": "Passw0rdABC"},
    )
    assert created.status_code == 201, created.text
    assert api.get(path_of(created.json()["directory"]["href"])).json()["name"] == "Flask Test"


def test_accounts_groups_and_mappings(load, client_for) -> None:
    (tenant,) = load(
        f"""
tenants:
  - key: {unique_key()}
    directories:
      - name: People
        groups: [{{name: admins, custom_data: {{level: 3}}}}]
        accounts:
          - email: jo@example.com
            username: jo
            password: Passw0rdABC
            given_name: Jo
            groups: [admins]
            custom_data: {{shoe: 42}}
          - email: ex@example.com
            password_hash: {STORMPATH2_OF_PASSWORD}
    applications:
      - name: Shop
        account_stores: [{{directory: People}}]
      - name: Admin
        create_directory: Admin users
        account_stores: [{{directory: People, group: admins}}]
"""
    )
    api = client_for(tenant)
    (shop, _), (admin, _) = tenant.applications
    session = login(api, shop, "jo", "Passw0rdABC")
    assert session.status_code == 200, session.text
    account = api.get(
        path_of(session.json()["account"]["href"]), params={"expand": "customData,groups"}
    ).json()
    assert account["givenName"] == "Jo"
    assert account["customData"]["shoe"] == 42
    assert [g["name"] for g in account["groups"]["items"]] == ["admins"]
    assert login(api, admin, "jo", "Passw0rdABC").status_code == 200
    assert login(api, admin, "ex@example.com", "password").status_code == 400  # not in admins
    assert login(api, shop, "ex@example.com", "password").status_code == 200  # imported hash
    mappings = api.get(
        f"/applications/{admin}/accountStoreMappings", params={"expand": "accountStore"}
    ).json()["items"]
    assert [(m["accountStore"]["name"], m["isDefaultAccountStore"]) for m in mappings] == [
        ("Admin users", True),
        ("admins", False),
    ]


@pytest.mark.parametrize(
    ("directory", "where", "message"),
    [
        (
            {"name": "D", "accounts": [{"email": "a@example.com", "password": "short"}]},
            "directories[0].accounts[0].password",
            "Account password minimum length not satisfied.",
        ),
        (
            {"name": "D", "accounts": [{"email": "a@example.com", "password_hash": "$1$x$y"}]},
            "directories[0].accounts[0].password_hash",
            "must be a bcrypt hash",
        ),
        (
            {"name": "D", "accounts": [{"email": "nobody", "password": "Passw0rdABC"}]},
            "directories[0].accounts[0].email",
            "Account email address is in an invalid format.",
        ),
        (
            {
                "name": "D",
                "accounts": [
                    {"email": "a@example.com", "password": "Passw0rdABC"},
                    {"email": "A@example.com", "password": "Passw0rdABC"},
                ],
            },
            "directories[0].accounts[1].email",
            "already exists",
        ),
        (
            {
                "name": "D",
                "accounts": [
                    {"email": "a@example.com", "password": "Passw0rdABC", "groups": ["x"]}
                ],
            },
            "directories[0].accounts[0].groups[0]",
            "no group named 'x' in directory 'D'",
        ),
        (
            {"name": "D", "strength": {"min_length": 0}},
            "directories[0].strength",
            "minLength",
        ),
        (
            {"name": "D", "custom_data": {"bad key!": 1}},
            "directories[0].custom_data",
            "Custom data field name 'bad key!' is invalid",
        ),
    ],
    ids=["weak", "hash", "email", "duplicate", "group", "strength", "custom-data"],
)
def test_load_errors_name_the_field(load, directory, where, message) -> None:
    data = {"tenants": [{"key": unique_key(), "directories": [directory]}]}
    with pytest.raises(SeedError) as excinfo:
        load(data, "fixtures/bad.yaml")
    (line,) = problems(excinfo)
    assert line.startswith(f"fixtures/bad.yaml: tenants[0].{where}: "), line
    assert message in line


def test_unknown_store_references(load) -> None:
    app = {"name": "A", "account_stores": [{"directory": "Nope"}]}
    with pytest.raises(SeedError, match=r"applications\[0\]\.account_stores\[0\]\.directory: "):
        load({"tenants": [{"key": unique_key(), "applications": [app]}]})
    app = {"name": "A", "account_stores": [{"directory": "D", "group": "g"}]}
    tenant = {"key": unique_key(), "directories": [{"name": "D"}], "applications": [app]}
    with pytest.raises(SeedError, match=r"account_stores\[0\]\.group: no group named 'g'"):
        load({"tenants": [tenant]})


def test_a_key_of_another_tenant_is_refused(load) -> None:
    key = {"id": unique_key_id(), "secret": "x"}
    load({"tenants": [{"key": unique_key(), "api_keys": [key]}]})
    with pytest.raises(SeedError, match=r"tenants\[0\]\.api_keys\[0\]\.id: already used"):
        load({"tenants": [{"key": unique_key(), "api_keys": [key]}]})


def test_a_file_loads_all_or_nothing(live_server, tmp_path, client_for) -> None:
    key_id = unique_key_id()
    path = write(
        tmp_path,
        "seed.yaml",
        f"""
tenants:
  - key: {unique_key()}
    api_keys: [{{id: {key_id}, secret: first}}]
  - key: {unique_key()}
    applications: [{{name: A}}, {{name: A}}]
""",
    )
    app = live_server.app
    with pytest.raises(SeedError, match=r"tenants\[1\]\.applications\[1\]\.name: "):
        load_seed_files(app.state.store, app.state.hasher, [path])
    with app.state.store.read() as tx:
        assert tx.find_api_key(key_id) is None


def test_a_tenant_copy_has_new_keys_and_the_same_content(live_server, client_for) -> None:
    path = Path(__file__).parents[2] / "fixtures" / "example.yaml"
    spec = read_seed_file(path).tenants[0]
    app = live_server.app
    with app.state.store.write() as tx:
        first = load_tenant_copy(tx, app.state.hasher, spec, str(path))
        second = load_tenant_copy(tx, app.state.hasher, spec, str(path))
    assert first.key != second.key and first.api_key_id != second.api_key_id
    assert first.api_key_id != "MOCKPATHEXAMPLEKEY0000001"
    for copy in (first, second):
        shop = copy.applications[0][0]
        assert (
            login(client_for(copy), shop, "ada@example.com", "Analytical-Engine1").status_code
            == 200
        )
