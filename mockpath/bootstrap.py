"""First-run state shared by `mockpath init` and `mockpath serve`.

A database used from the command line holds one tenant (stormpath-api.md §9) and the
application the quickstart asks for. Its tenant key goes to an `apiKey.properties`
file, the form every Stormpath SDK reads:

    apiKey.id = <id>
    apiKey.secret = <secret>

Nothing here knows about click; the CLI turns `BootstrapError` into a one-line message.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mockpath.domain.models import (
    ACCOUNTS,
    ADMIN_DIRECTORY,
    API_KEYS,
    APPLICATIONS,
    DIRECTORIES,
    ENABLED,
    TENANTS,
    ApiKey,
    Application,
    Tenant,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.tenants import (
    DEFAULT_APPLICATION,
    create_quickstart_application,
    create_tenant,
)
from mockpath.store import Tx, Where
from mockpath.store.sql import SqlStore

KEY_FILE_NAME = "apiKey.properties"


class BootstrapError(Exception):
    """A file or database the bootstrap needs cannot be used (message is one line)."""


@dataclass(frozen=True, slots=True)
class KeyPair:
    """An API key id and secret as written to (or read from) a key file."""

    id: str
    secret: str

    @classmethod
    def of(cls, api_key: ApiKey) -> KeyPair:
        return cls(api_key.id, api_key.secret)


@dataclass(frozen=True, slots=True)
class Bootstrap:
    """The tenant a database serves, its key, and what this run had to create."""

    tenant: Tenant
    key: KeyPair
    created_tenant: bool
    application: Application | None = None
    created_application: bool = False


def default_key_file() -> Path:
    """Where the SDKs look for a key by default: ~/.stormpath/apiKey.properties."""
    return Path.home() / ".stormpath" / KEY_FILE_NAME


def key_file_beside(db: Path) -> Path:
    """The key file kept next to a database: `<db stem>.apiKey.properties`."""
    return db.with_name(f"{db.stem}.{KEY_FILE_NAME}")


def database_url(db: Path) -> str:
    return f"sqlite:///{db}"


def open_store(db: Path) -> SqlStore:
    """A store on the SQLite file `db` (parent directories and schema created)."""
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        return SqlStore(database_url(db))
    except Exception as exc:  # OSError, or SQLAlchemy's error for a file that is no DB
        raise BootstrapError(f"cannot open database {db}: {_reason(exc)}") from exc


# --- the tenant ------------------------------------------------------------------


def find_tenant(tx: Tx) -> Bootstrap | None:
    """The first tenant of the database and its tenant key, or None when it has none.

    The tenant key is the enabled key of an account in `Stormpath Administrators`
    (the owner's key that `create_tenant` made), oldest first.
    """
    tenant_ids = tx.tenant_ids()
    if not tenant_ids:
        return None
    tenant = tx.get(TENANTS, tenant_ids[0], tenant_ids[0])
    key = _tenant_key(tx, tenant.id)
    if key is None:
        raise BootstrapError(f"tenant {tenant.key} has no enabled API key of its owner")
    return Bootstrap(tenant, KeyPair.of(key), created_tenant=False)


def _tenant_key(tx: Tx, tenant_id: str) -> ApiKey | None:
    admins = tx.select(DIRECTORIES, tenant_id, Where.of(name=ADMIN_DIRECTORY)).items
    for directory in admins:
        owners = tx.select(ACCOUNTS, tenant_id, Where.of(directory_id=directory.id)).items
        for owner in owners:
            keys = tx.select(API_KEYS, tenant_id, Where.of(account_id=owner.id, status=ENABLED))
            if keys.items:
                return keys.items[0]
    return None


def ensure_tenant(tx: Tx, hasher: PasswordHasher) -> Bootstrap:
    """The database's tenant; one with the initial state of §9 when there is none."""
    found = find_tenant(tx)
    if found is not None:
        return found
    made = create_tenant(tx, hasher)
    return Bootstrap(made.tenant, KeyPair.of(made.api_key), created_tenant=True)


def ensure_application(tx: Tx, state: Bootstrap, name: str = DEFAULT_APPLICATION) -> Bootstrap:
    """`state` with the application `name` (any case), created with its own directory
    as default account and group store when the tenant has none of that name."""
    for application in tx.select(APPLICATIONS, state.tenant.id, Where()).items:
        if application.name.casefold() == name.casefold():
            return Bootstrap(state.tenant, state.key, state.created_tenant, application, False)
    application = create_quickstart_application(tx, state.tenant.id, name)
    return Bootstrap(state.tenant, state.key, state.created_tenant, application, True)


# --- the key file ----------------------------------------------------------------


def read_key_file(path: Path) -> KeyPair | None:
    """The key in a `.properties` file, or None when it is absent or holds no key."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise BootstrapError(f"cannot read {path}: {_reason(exc)}") from exc
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#!":
            continue
        cut = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
        if cut > 0:
            values[line[:cut].strip()] = line[cut + 1 :].strip()
    key_id, secret = values.get("apiKey.id"), values.get("apiKey.secret")
    return KeyPair(key_id, secret) if key_id and secret else None


def write_key_file(path: Path, key: KeyPair) -> None:
    """Write `key` to `path` with mode 0600, replacing the file in one step."""
    content = f"apiKey.id = {key.id}\napiKey.secret = {key.secret}\n"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp creates the file 0600, so the secret is never readable by others
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(content)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise BootstrapError(f"cannot write {path}: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
