"""Loading a validated seed through the domain functions, inside one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from mockpath.domain.accounts import CreateOptions, create_account, directory_target
from mockpath.domain.applications import create_application
from mockpath.domain.common import stamped
from mockpath.domain.custom_data import merge_custom_data
from mockpath.domain.directories import create_directory
from mockpath.domain.groups import create_group, create_membership
from mockpath.domain.mappings import add_mapping
from mockpath.domain.models import API_KEYS, APPLICATIONS, TENANTS, ApiKey, Tenant
from mockpath.domain.password_policies import (
    update_account_creation_policy,
    update_password_policy,
    update_strength,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.tenants import (
    DEFAULT_APPLICATION,
    create_quickstart_application,
    create_tenant,
)
from mockpath.errors import StormpathError
from mockpath.seeds.errors import SeedError
from mockpath.seeds.schema import (
    AccountSeed,
    AccountStoreSeed,
    ApiKeySeed,
    ApplicationSeed,
    DirectorySeed,
    GroupSeed,
    SeedFile,
    SeedModel,
    TenantSeed,
)
from mockpath.store import StoreConflict, Tx, Where


@dataclass(frozen=True, slots=True)
class SeededTenant:
    """What a seed made (or found): enough for a client to connect."""

    tenant_id: str
    key: str
    api_key_id: str
    api_key_secret: str
    applications: tuple[tuple[str, str], ...]  # (id, name), in seed order
    created: bool


def _field_of(exc: StormpathError, password_field: str = "password") -> str:
    """The seed field an error from an account create is about."""
    name = type(exc).__name__
    if name.startswith("CustomData"):
        return "custom_data"
    if "Username" in name:
        return "username"
    if "Password" in name or "password" in str(exc).lower():
        return password_field
    return "email"


def _named(spec: DirectorySeed | GroupSeed | ApplicationSeed) -> dict[str, object]:
    """The create body of a named resource."""
    body: dict[str, object] = {"name": spec.name, "status": spec.status}
    if spec.description is not None:
        body["description"] = spec.description
    return body


class _Loader:
    """Loads tenants into one transaction; error messages name `source` and the field."""

    def __init__(self, tx: Tx, hasher: PasswordHasher, source: str) -> None:
        self.tx, self.hasher, self.source = tx, hasher, source
        self.directories: dict[str, str] = {}  # name -> id, in the current tenant
        self.groups: dict[tuple[str, str], str] = {}  # (directory, group) -> id

    def error(self, where: str, problem: object) -> SeedError:
        return SeedError(f"{self.source}: {where}: {problem}")

    @contextmanager
    def at(self, where: str) -> Iterator[None]:
        try:
            yield
        except StormpathError as exc:
            if type(exc).__name__.startswith("CustomData"):
                where = where.rsplit(".", 1)[0] + ".custom_data"
            raise self.error(where, exc) from None

    def tenant(self, spec: TenantSeed, where: str, fresh_keys: bool) -> SeededTenant:
        self.directories, self.groups = {}, {}
        keys = [] if fresh_keys else spec.api_keys
        for i, key in enumerate(keys):
            if not self._key_usable(key.id, spec.key):
                raise self.error(f"{where}.api_keys[{i}].id", "already used by another tenant")
        first = keys[0] if keys else None
        try:
            made = create_tenant(
                self.tx,
                self.hasher,
                key=None if fresh_keys else spec.key,
                name=spec.name,
                api_key_id=first.id if first else None,
                api_key_secret=first.secret if first else None,
            )
        except StoreConflict:
            return self._existing(spec, where)
        tenant_id = made.tenant.id
        if first is not None:
            changes = {"status": first.status, "name": first.name, "description": first.description}
            self.tx.update(API_KEYS, tenant_id, first.id, changes)
        for key in keys[1:]:
            self.tx.insert(API_KEYS, _api_key(tenant_id, made.owner.id, key))
        if spec.custom_data:
            with self.at(f"{where}.custom_data"):
                merge_custom_data(self.tx, tenant_id, f"/tenants/{tenant_id}", spec.custom_data)
        for i, directory in enumerate(spec.directories):
            self.directory(tenant_id, directory, f"{where}.directories[{i}]")
        applications = tuple(
            (
                self.application(tenant_id, application, f"{where}.applications[{i}]"),
                application.name,
            )
            for i, application in enumerate(spec.applications)
        )
        tenant_key = made.api_key
        return SeededTenant(
            tenant_id, made.tenant.key, tenant_key.id, tenant_key.secret, applications, True
        )

    def _key_usable(self, key_id: str, tenant_key: str) -> bool:
        """Free, or already the key of this very tenant (a seed loaded again)."""
        found = self.tx.find_api_key(key_id)
        if found is None:
            return True
        tenant = self.tx.find(TENANTS, found.tenant_id, found.tenant_id)
        return tenant is not None and tenant.key == tenant_key

    def _existing(self, spec: TenantSeed, where: str) -> SeededTenant:
        tenant = _tenant_by_key(self.tx, spec.key)
        if tenant is None:  # the refused insert was not the tenant key
            raise self.error(f"{where}.key", "conflicts with existing data")
        key = self.tx.find_api_key(spec.api_keys[0].id) if spec.api_keys else None
        by_name = {a.name: a.id for a in self.tx.select(APPLICATIONS, tenant.id, Where()).items}
        applications = tuple(
            (by_name[a.name], a.name) for a in spec.applications if a.name in by_name
        )
        return SeededTenant(
            tenant.id,
            tenant.key,
            key.id if key else "",
            key.secret if key else "",
            applications,
            created=False,
        )

    def directory(self, tenant_id: str, spec: DirectorySeed, where: str) -> None:
        with self.at(f"{where}.name"):
            body = {**_named(spec), "customData": spec.custom_data}
            directory_id = create_directory(self.tx, tenant_id, body).id
        self.directories[spec.name] = directory_id
        policies = (
            ("password_policy", spec.password_policy, update_password_policy),
            ("strength", spec.strength, update_strength),
            (
                "account_creation_policy",
                spec.account_creation_policy,
                update_account_creation_policy,
            ),
        )
        for field, policy, update in policies:
            if policy is not None:
                with self.at(f"{where}.{field}"):
                    update(self.tx, tenant_id, directory_id, _camel(policy))
        for i, group in enumerate(spec.groups):
            with self.at(f"{where}.groups[{i}].name"):
                body = {**_named(group), "customData": group.custom_data}
                made = create_group(self.tx, tenant_id, directory_id, body)
            self.groups[(spec.name, group.name)] = made.id
        for i, account in enumerate(spec.accounts):
            self.account(tenant_id, directory_id, spec.name, account, f"{where}.accounts[{i}]")

    def account(
        self, tenant_id: str, directory_id: str, directory: str, spec: AccountSeed, where: str
    ) -> None:
        body: dict[str, object] = {
            "email": spec.email,
            "password": spec.password if spec.password is not None else spec.password_hash,
            "username": spec.username,
            "givenName": spec.given_name,
            "middleName": spec.middle_name,
            "surname": spec.surname,
            "status": spec.status,
            "customData": spec.custom_data,
        }
        if spec.email_verification_status:
            body["emailVerificationStatus"] = spec.email_verification_status
        imported = spec.password_hash is not None
        # Seeded accounts get the status the seed gives: no verification workflow.
        options = CreateOptions(workflow=False, mcf=imported)
        try:
            target = directory_target(self.tx, tenant_id, directory_id)
            account = create_account(self.tx, self.hasher, tenant_id, target, body, options)
        except StormpathError as exc:
            field = _field_of(exc, "password_hash" if imported else "password")
            raise self.error(f"{where}.{field}", exc) from None
        for j, name in enumerate(spec.groups):
            group_id = self.groups.get((directory, name))
            if group_id is None:
                raise self.error(
                    f"{where}.groups[{j}]", f"no group named {name!r} in directory {directory!r}"
                )
            with self.at(f"{where}.groups[{j}]"):
                refs = {"account": f"/accounts/{account.id}", "group": f"/groups/{group_id}"}
                create_membership(self.tx, tenant_id, {k: {"href": v} for k, v in refs.items()})

    def application(self, tenant_id: str, spec: ApplicationSeed, where: str) -> str:
        flag = spec.create_directory
        param = None if flag is False else ("true" if flag is True else str(flag))
        with self.at(f"{where}.name"):
            body = {**_named(spec), "customData": spec.custom_data}
            application = create_application(self.tx, tenant_id, body, create_directory_param=param)
        for i, store in enumerate(spec.account_stores):
            here = f"{where}.account_stores[{i}]"
            store_type, store_id = self._store(store, here)
            first = param is None and i == 0  # no created directory: the first is default
            with self.at(here):
                add_mapping(
                    self.tx,
                    tenant_id,
                    application.id,
                    store_type,
                    store_id,
                    default_account=_flag(store.default_account_store, first),
                    default_group=_flag(store.default_group_store, first and store.group is None),
                )
        return application.id

    def _store(self, store: AccountStoreSeed, where: str) -> tuple[str, str]:
        directory_id = self.directories.get(store.directory)
        if directory_id is None:
            raise self.error(
                f"{where}.directory", f"no directory named {store.directory!r} in this tenant"
            )
        if store.group is None:
            return "directories", directory_id
        group_id = self.groups.get((store.directory, store.group))
        if group_id is None:
            raise self.error(
                f"{where}.group", f"no group named {store.group!r} in directory {store.directory!r}"
            )
        return "groups", group_id


def _flag(given: bool | None, default: bool) -> bool:
    return default if given is None else given


def _camel(model: SeedModel) -> dict[str, object]:
    """The given fields of a policy model under their camelCase wire names."""
    result: dict[str, object] = {}
    for field in model.model_fields_set:
        head, *rest = field.split("_")
        result[head + "".join(part.title() for part in rest)] = getattr(model, field)
    return result


def _api_key(tenant_id: str, account_id: str, spec: ApiKeySeed) -> ApiKey:
    return ApiKey(
        id=spec.id,
        tenant_id=tenant_id,
        account_id=account_id,
        secret=spec.secret,
        status=spec.status,
        name=spec.name,
        description=spec.description,
        **stamped(),
    )


def _tenant_by_key(tx: Tx, key: str) -> Tenant | None:
    for tenant_id in tx.tenant_ids():
        tenant = tx.find(TENANTS, tenant_id, tenant_id)
        if tenant is not None and tenant.key == key:
            return tenant
    return None


def load_seed(tx: Tx, hasher: PasswordHasher, seed: SeedFile, source: str) -> list[SeededTenant]:
    """Load every tenant of `seed` inside the transaction `tx`."""
    loader = _Loader(tx, hasher, source)
    return [loader.tenant(spec, f"tenants[{i}]", False) for i, spec in enumerate(seed.tenants)]


def load_tenant_copy(tx: Tx, hasher: PasswordHasher, spec: TenantSeed, source: str) -> SeededTenant:
    """A new tenant with the content of `spec` but a random key and a new API key (keys
    are unique across tenants): the per-test copy of a seeded tenant."""
    return _Loader(tx, hasher, source).tenant(spec, "tenants[0]", True)


def fresh_tenant(
    tx: Tx,
    hasher: PasswordHasher,
    template: TenantSeed | None = None,
    source: str = "",
    application: str = DEFAULT_APPLICATION,
) -> SeededTenant:
    """A new tenant with its own key for one test: a copy of `template`, or the bare
    initial state. Either way it has an application: the template's first one, else
    `application` with its own directory (the quickstart's "Flask Test")."""
    if template is not None:
        made = load_tenant_copy(tx, hasher, template, source)
        if made.applications:
            return made
        tenant_id, key, key_id, secret = (
            made.tenant_id,
            made.key,
            made.api_key_id,
            made.api_key_secret,
        )
    else:
        new = create_tenant(tx, hasher)
        tenant_id, key = new.tenant.id, new.tenant.key
        key_id, secret = new.api_key.id, new.api_key.secret
    app = create_quickstart_application(tx, tenant_id, application)
    return SeededTenant(tenant_id, key, key_id, secret, ((app.id, app.name),), True)
