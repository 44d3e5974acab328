"""`mockpath init` through click's CliRunner; the database it writes is read back
through the store and served by a live server."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result

from mockpath import Settings, create_app
from mockpath.bootstrap import database_url, find_tenant
from mockpath.cli import main
from mockpath.domain.models import ACCOUNT_STORE_MAPPINGS, APPLICATIONS, DIRECTORIES
from mockpath.server import ServerThread
from mockpath.store import Where
from mockpath.store.sql import SqlStore

ENV_VARS = ("MOCKPATH_DB", "MOCKPATH_API_KEY_FILE", "MOCKPATH_APPLICATION")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME of its own for every test, and no MOCKPATH_* variables from outside."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "state" / "mockpath.db"


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return tmp_path / "keys" / "apiKey.properties"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def init(db: Path, key_file: Path, *args: str) -> Result:
    return run("init", "--db", str(db), "--api-key-file", str(key_file), *args)


def key_lines(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    return dict(line.split(" = ", 1) for line in lines)


def applications(db: Path) -> dict[str, str]:
    """name -> id of every application of the database's tenant."""
    store = SqlStore(database_url(db))
    try:
        with store.read() as tx:
            state = find_tenant(tx)
            assert state is not None
            found = tx.select(APPLICATIONS, state.tenant.id, Where()).items
            return {a.name: a.id for a in found}
    finally:
        store.close()


def test_init_writes_the_key_file_of_the_new_tenant(db: Path, key_file: Path) -> None:
    result = init(db, key_file)

    assert result.exit_code == 0, result.output
    assert db.is_file()
    key = key_lines(key_file)
    assert set(key) == {"apiKey.id", "apiKey.secret"}
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key["apiKey.id"] in result.output
    assert key["apiKey.secret"] not in result.output
    store = SqlStore(database_url(db))
    try:
        with store.read() as tx:
            stored = tx.find_api_key(key["apiKey.id"])
            assert stored is not None
            assert stored.secret == key["apiKey.secret"]
            assert tx.tenant_ids() == [stored.tenant_id]
    finally:
        store.close()


def test_init_creates_the_application_with_its_own_default_store(db: Path, key_file: Path) -> None:
    assert init(db, key_file).exit_code == 0

    apps = applications(db)
    assert set(apps) == {"Stormpath", "Flask Test"}
    store = SqlStore(database_url(db))
    try:
        with store.read() as tx:
            state = find_tenant(tx)
            assert state is not None
            mappings = tx.select(
                ACCOUNT_STORE_MAPPINGS,
                state.tenant.id,
                Where.of(application_id=apps["Flask Test"]),
            ).items
            assert len(mappings) == 1
            mapping = mappings[0]
            assert mapping.is_default_account_store and mapping.is_default_group_store
            directory = tx.get(DIRECTORIES, state.tenant.id, mapping.store_id)
            assert directory.name == "Flask Test"
    finally:
        store.close()


def test_application_option_names_the_application(db: Path, key_file: Path) -> None:
    result = init(db, key_file, "--application", "My Shop")

    assert result.exit_code == 0, result.output
    assert set(applications(db)) == {"Stormpath", "My Shop"}
    assert '"My Shop"' in result.output


def test_init_refuses_to_overwrite_another_key_and_writes_nothing(db: Path, key_file: Path) -> None:
    key_file.parent.mkdir(parents=True)
    key_file.write_text("apiKey.id = SOMEONEELSE\napiKey.secret = theirs\n")

    result = init(db, key_file)

    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert str(key_file) in result.stderr
    assert "--force" in result.stderr
    assert key_file.read_text() == "apiKey.id = SOMEONEELSE\napiKey.secret = theirs\n"
    assert not db.exists()
    assert not db.parent.exists()


def test_refused_init_leaves_an_existing_database_as_it_was(db: Path, key_file: Path) -> None:
    assert init(db, key_file).exit_code == 0
    key_file.write_text("apiKey.id = SOMEONEELSE\napiKey.secret = theirs\n")

    result = init(db, key_file, "--application", "Second")

    assert result.exit_code == 1
    assert set(applications(db)) == {"Stormpath", "Flask Test"}


def test_force_overwrites_the_key_file(db: Path, key_file: Path) -> None:
    key_file.parent.mkdir(parents=True)
    key_file.write_text("apiKey.id = SOMEONEELSE\napiKey.secret = theirs\n")
    key_file.chmod(0o644)

    result = init(db, key_file, "--force")

    assert result.exit_code == 0, result.output
    key = key_lines(key_file)
    assert key["apiKey.id"] != "SOMEONEELSE"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_init_again_keeps_the_tenant_and_adds_a_missing_application(
    db: Path, key_file: Path, tmp_path: Path
) -> None:
    assert init(db, key_file).exit_code == 0
    first = key_lines(key_file)

    again = init(db, key_file)
    other_file = tmp_path / "elsewhere" / "apiKey.properties"
    added = init(db, other_file, "--application", "Second App")

    assert again.exit_code == 0, again.output
    assert "already holds" in again.output
    assert added.exit_code == 0, added.output
    assert key_lines(key_file) == first
    assert key_lines(other_file) == first
    assert set(applications(db)) == {"Stormpath", "Flask Test", "Second App"}
    store = SqlStore(database_url(db))
    try:
        with store.read() as tx:
            assert len(tx.tenant_ids()) == 1
    finally:
        store.close()


def test_existing_application_is_matched_ignoring_case(db: Path, key_file: Path) -> None:
    assert init(db, key_file).exit_code == 0

    result = init(db, key_file, "--application", "flask test")

    assert result.exit_code == 0, result.output
    assert set(applications(db)) == {"Stormpath", "Flask Test"}


def test_empty_application_name_is_refused(db: Path, key_file: Path) -> None:
    result = init(db, key_file, "--application", "  ")

    assert result.exit_code == 1
    assert "--application" in result.stderr
    assert not db.exists()


def test_unwritable_key_file_gives_one_line_and_no_tenant(db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")

    result = init(db, blocker / "apiKey.properties")

    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot ")
    assert "apiKey.properties: Not a directory" in result.stderr
    assert result.stderr.count("\n") == 1
    store = SqlStore(database_url(db))
    try:
        with store.read() as tx:
            assert tx.tenant_ids() == []
    finally:
        store.close()


def test_key_file_option_must_not_be_a_directory(db: Path, tmp_path: Path) -> None:
    result = init(db, tmp_path)

    assert result.exit_code == 2
    assert "is a directory" in result.stderr
    assert not db.exists()


def test_defaults_live_under_home(home: Path) -> None:
    result = run("init")

    assert result.exit_code == 0, result.output
    assert (home / ".mockpath" / "mockpath.db").is_file()
    key_file = home / ".stormpath" / "apiKey.properties"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_lines(key_file)["apiKey.id"] in result.output


def test_options_read_mockpath_environment_variables(db: Path, key_file: Path) -> None:
    env = {
        "MOCKPATH_DB": str(db),
        "MOCKPATH_API_KEY_FILE": str(key_file),
        "MOCKPATH_APPLICATION": "From Env",
    }

    result = run("init", env=env)

    assert result.exit_code == 0, result.output
    assert "apiKey.id" in key_lines(key_file)
    assert set(applications(db)) == {"Stormpath", "From Env"}


def test_the_written_key_authenticates_against_the_database(db: Path, key_file: Path) -> None:
    assert init(db, key_file).exit_code == 0
    key = key_lines(key_file)
    app = create_app(Settings(database_url=database_url(db), password_scheme="fast"))

    with (
        ServerThread(app) as server,
        httpx.Client(auth=(key["apiKey.id"], key["apiKey.secret"]), timeout=10) as client,
    ):
        tenant = client.get(f"{server.base_url}/tenants/current", follow_redirects=True)
        assert tenant.status_code == 200
        listed = client.get(tenant.json()["applications"]["href"])
    app.state.store.close()

    assert listed.status_code == 200
    assert sorted(item["name"] for item in listed.json()["items"]) == ["Flask Test", "Stormpath"]


def test_help_names_every_command_and_variable() -> None:
    top = run("--help")
    init_help = run("init", "--help")
    serve_help = run("serve", "--help")

    assert "init" in top.output and "serve" in top.output
    for name in ENV_VARS:
        assert name in init_help.output
    for name in ("MOCKPATH_HOST", "MOCKPATH_PORT", "MOCKPATH_DB", "MOCKPATH_PUBLIC_URL"):
        assert name in serve_help.output
