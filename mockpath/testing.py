"""Pointing clients at a mockpath server: the handle the pytest plugin and `mockpath run`
hand out, the environment the Stormpath SDKs read, and the SDK's base URL patch.

`open_server()` either starts mockpath in this process (a background thread on
127.0.0.1 and a free port, in-memory store, optional seed files) or attaches to a server
already running at a URL. Either way it yields a `StormpathServer`: base URL, the
tenant's API key (also written to an apiKey.properties file), the tenant and the
application, plus helpers that create accounts and groups and read the emails the
server would have sent (`outbox()`).
"""

from __future__ import annotations

import base64
import importlib
import importlib.util
import json
import os
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from mockpath.app import create_app
from mockpath.bootstrap import KEY_FILE_NAME, KeyPair, write_key_file
from mockpath.domain.accounts import application_target, create_account
from mockpath.domain.groups import create_application_group, create_membership
from mockpath.domain.models import OutboxMessage
from mockpath.domain.outbox import list_outbox
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.tenants import DEFAULT_APPLICATION, create_quickstart_application
from mockpath.seeds import SeededTenant, TenantSeed, fresh_tenant, load_seed, read_seed_file
from mockpath.server import ServerThread
from mockpath.settings import Settings
from mockpath.store import Store

SDK_BASE_URL_VARIABLE = "STORMPATH_CLIENT_BASEURL"


class MockpathConnectionError(Exception):
    """A server at a URL could not be used (unreachable, refused the key, ...)."""


@dataclass(frozen=True, slots=True)
class TenantRef:
    id: str
    key: str
    href: str


@dataclass(frozen=True, slots=True)
class ApplicationRef:
    id: str
    name: str
    href: str


class Backend(Protocol):
    """How a handle makes things: straight through the store, or over HTTP."""

    def new_tenant(self, template: TenantSeed | None, application: str) -> SeededTenant: ...

    def create_account(self, server: StormpathServer, body: dict[str, object]) -> str: ...

    def create_group(self, server: StormpathServer, body: dict[str, object]) -> str: ...

    def add_to_group(self, server: StormpathServer, account: str, group: str) -> str: ...

    def outbox(self, server: StormpathServer) -> list[OutboxMessage]: ...


@dataclass(frozen=True)
class StormpathServer:
    """A mockpath server and one tenant on it, as a Stormpath client needs them.

    base_url ends in /v1. api_key_file is an apiKey.properties file holding the key.
    The helpers return hrefs; `account`/`group` arguments take hrefs or paths.
    """

    base_url: str
    api_key_id: str
    api_key_secret: str = field(repr=False)
    api_key_file: Path
    tenant: TenantRef
    application: ApplicationRef
    backend: Backend = field(repr=False, compare=False)
    template: TenantSeed | None = field(default=None, repr=False, compare=False)

    def environment(self) -> dict[str, str]:
        """The variables the Python SDK, Flask-Stormpath and the Node SDK read."""
        return {
            "STORMPATH_CLIENT_BASEURL": self.base_url,
            "STORMPATH_CLIENT_APIKEY_ID": self.api_key_id,
            "STORMPATH_CLIENT_APIKEY_SECRET": self.api_key_secret,
            "STORMPATH_API_KEY_ID": self.api_key_id,
            "STORMPATH_API_KEY_SECRET": self.api_key_secret,
            "STORMPATH_API_KEY_FILE": str(self.api_key_file),
            "STORMPATH_APPLICATION_HREF": self.application.href,
            "STORMPATH_APPLICATION_NAME": self.application.name,
        }

    def href(self, path: str) -> str:
        return path if "://" in path else self.base_url + path

    def create_account(
        self,
        email: str,
        password: str,
        *,
        given_name: str | None = None,
        surname: str | None = None,
        **fields: object,
    ) -> str:
        """An account in the application's default account store; its href.

        `fields` are further account attributes in snake_case (username, middle_name,
        status, custom_data, ...)."""
        body: dict[str, object] = {"email": email, "password": password}
        if given_name is not None:
            body["givenName"] = given_name
        if surname is not None:
            body["surname"] = surname
        body.update({_camel(name): value for name, value in fields.items()})
        return self.href(self.backend.create_account(self, body))

    def create_group(self, name: str, **fields: object) -> str:
        """A group in the application's default group store; its href."""
        body = {"name": name, **{_camel(k): v for k, v in fields.items()}}
        return self.href(self.backend.create_group(self, body))

    def add_to_group(self, account: str, group: str) -> str:
        """Make `account` a member of `group`; the membership's href."""
        return self.href(self.backend.add_to_group(self, _path(account), _path(group)))

    def outbox(self) -> list[OutboxMessage]:
        """The emails the server would have sent to this tenant's accounts (password
        reset, verification, welcome...), oldest first. A server at a URL needs its
        admin token for this."""
        return self.backend.outbox(self)

    def new_tenant(self, key_dir: Path) -> StormpathServer:
        """A handle on a fresh tenant of the same server (a copy of the seeded one if
        the server was seeded), its key file written to `key_dir`."""
        made = self.backend.new_tenant(self.template, self.application.name)
        return _handle(self.base_url, made, key_dir, self.backend, self.template)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _path(href: str) -> str:
    return "/" + href.split("/v1/", 1)[1] if "/v1/" in href else href


def _handle(
    base_url: str,
    made: SeededTenant,
    key_dir: Path,
    backend: Backend,
    template: TenantSeed | None,
) -> StormpathServer:
    key_file = key_dir / KEY_FILE_NAME
    write_key_file(key_file, KeyPair(made.api_key_id, made.api_key_secret))
    app_id, app_name = made.applications[0]
    return StormpathServer(
        base_url=base_url,
        api_key_id=made.api_key_id,
        api_key_secret=made.api_key_secret,
        api_key_file=key_file,
        tenant=TenantRef(made.tenant_id, made.key, f"{base_url}/tenants/{made.tenant_id}"),
        application=ApplicationRef(app_id, app_name, f"{base_url}/applications/{app_id}"),
        backend=backend,
        template=template,
    )


# --- in this process: the store directly --------------------------------------------


@dataclass(frozen=True)
class StoreBackend:
    store: Store
    hasher: PasswordHasher

    def new_tenant(self, template: TenantSeed | None, application: str) -> SeededTenant:
        with self.store.write() as tx:
            return fresh_tenant(tx, self.hasher, template, "seed", application)

    def create_account(self, server: StormpathServer, body: dict[str, object]) -> str:
        tenant_id = server.tenant.id
        with self.store.write() as tx:
            target = application_target(tx, tenant_id, server.application.id)
            return f"/accounts/{create_account(tx, self.hasher, tenant_id, target, body).id}"

    def create_group(self, server: StormpathServer, body: dict[str, object]) -> str:
        with self.store.write() as tx:
            group = create_application_group(tx, server.tenant.id, server.application.id, body)
            return f"/groups/{group.id}"

    def add_to_group(self, server: StormpathServer, account: str, group: str) -> str:
        body = {"account": {"href": account}, "group": {"href": group}}
        with self.store.write() as tx:
            return f"/groupMemberships/{create_membership(tx, server.tenant.id, body).id}"

    def outbox(self, server: StormpathServer) -> list[OutboxMessage]:
        with self.store.read() as tx:
            return list_outbox(tx, server.tenant.id)


# --- a server elsewhere: HTTP ---------------------------------------------------------


def http_json(
    method: str,
    url: str,
    *,
    basic: KeyPair | None = None,
    bearer: str | None = None,
    body: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """One JSON request with urllib (redirects followed); errors as MockpathConnectionError."""
    headers = {"Accept": "application/json"}
    if basic is not None:
        token = base64.b64encode(f"{basic.id}:{basic.secret}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    if bearer is not None:
        headers["Authorization"] = f"Bearer {bearer}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            result: dict[str, Any] = json.loads(response.read() or b"{}")
            return result
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")
        try:
            detail = json.loads(detail).get("developerMessage") or detail
        except ValueError:
            pass
        raise MockpathConnectionError(f"{method} {url}: {exc.code} {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise MockpathConnectionError(f"cannot reach {url}: {reason}") from None


@dataclass(frozen=True)
class HttpBackend:
    base_url: str
    admin_token: str | None = field(default=None, repr=False)

    def new_tenant(self, template: TenantSeed | None, application: str) -> SeededTenant:
        if not self.admin_token:
            raise MockpathConnectionError(
                "a fresh tenant on a server at a URL needs its admin token: start it with "
                "--admin-token (MOCKPATH_ADMIN_TOKEN) and pass the same token here"
            )
        body: dict[str, object] = {"application": application}
        if template is not None:
            body["seed"] = template.model_dump(mode="json", exclude_defaults=True)
        root = self.base_url.removesuffix("/v1")
        made = http_json("POST", f"{root}/__mockpath/tenants", bearer=self.admin_token, body=body)
        app = made["application"]
        return SeededTenant(
            made["tenant"]["id"],
            made["tenant"]["key"],
            made["apiKey"]["id"],
            made["apiKey"]["secret"],
            ((app["id"], app["name"]),),
            True,
        )

    def _post(self, server: StormpathServer, path: str, body: Mapping[str, object]) -> str:
        key = KeyPair(server.api_key_id, server.api_key_secret)
        return _path(str(http_json("POST", server.href(path), basic=key, body=body)["href"]))

    def create_account(self, server: StormpathServer, body: dict[str, object]) -> str:
        return self._post(server, f"/applications/{server.application.id}/accounts", body)

    def create_group(self, server: StormpathServer, body: dict[str, object]) -> str:
        return self._post(server, f"/applications/{server.application.id}/groups", body)

    def add_to_group(self, server: StormpathServer, account: str, group: str) -> str:
        body = {"account": {"href": server.href(account)}, "group": {"href": server.href(group)}}
        return self._post(server, "/groupMemberships", body)

    def outbox(self, server: StormpathServer) -> list[OutboxMessage]:
        if not self.admin_token:
            raise MockpathConnectionError(
                "reading the outbox of a server at a URL needs its admin token"
            )
        root = self.base_url.removesuffix("/v1")
        query = urllib.parse.urlencode({"tenant": server.tenant.id})
        found = http_json("GET", f"{root}/__mockpath/outbox?{query}", bearer=self.admin_token)
        return [
            OutboxMessage(
                id=item["id"],
                tenant_id=server.tenant.id,
                kind=item["kind"],
                to=item["to"],
                account_id=str(item["account"]["href"]).rsplit("/", 1)[1],
                token=item["token"],
                link=item["link"],
                created_at=item["createdAt"],
            )
            for item in found["items"]
        ]


def key_from_environment(environ: Mapping[str, str]) -> KeyPair | None:
    """The key the Stormpath SDKs would take from these variables, if any."""
    for prefix in ("STORMPATH_API_KEY", "STORMPATH_CLIENT_APIKEY"):
        key_id, secret = environ.get(f"{prefix}_ID"), environ.get(f"{prefix}_SECRET")
        if key_id and secret:
            return KeyPair(key_id, secret)
    return None


def discover(base_url: str, key: KeyPair, application: str) -> SeededTenant:
    """The key's tenant on the server at `base_url`, and its application of that name
    (made with its own directory, as `createDirectory=true` does, when absent)."""
    tenant = http_json("GET", f"{base_url}/tenants/current", basic=key)
    apps_url = tenant["applications"]["href"]
    found = http_json("GET", f"{apps_url}?name={urllib.parse.quote(application)}", basic=key)
    if found.get("items"):
        app = found["items"][0]
    else:
        made = f"{base_url}/applications?createDirectory=true"
        app = http_json("POST", made, basic=key, body={"name": application})
    tenant_id = str(tenant["href"]).rsplit("/", 1)[1]
    app_id = str(app["href"]).rsplit("/", 1)[1]
    return SeededTenant(
        tenant_id, tenant["key"], key.id, key.secret, ((app_id, app["name"]),), False
    )


# --- starting or attaching ----------------------------------------------------------


def _session_tenant(
    store: Store, hasher: PasswordHasher, seeded: Sequence[SeededTenant], application: str
) -> SeededTenant:
    """The first seeded tenant with the application named `application` first (else its
    first seeded application, else a new one); a fresh tenant when nothing was seeded."""
    if not seeded:
        with store.write() as tx:
            return fresh_tenant(tx, hasher, None, "", application)
    first = seeded[0]
    apps = sorted(first.applications, key=lambda a: a[1] != application)
    if apps:
        return replace(first, applications=tuple(apps))
    with store.write() as tx:
        app = create_quickstart_application(tx, first.tenant_id, application)
    return replace(first, applications=((app.id, app.name),))


@contextmanager
def open_server(
    key_dir: Path,
    *,
    seeds: Sequence[Path] = (),
    url: str | None = None,
    key: KeyPair | None = None,
    admin_token: str | None = None,
    password_scheme: Literal["bcrypt", "fast"] = "fast",
    application: str = DEFAULT_APPLICATION,
) -> Iterator[StormpathServer]:
    """Start mockpath in a thread (in-memory, `seeds` loaded) or, given `url`, attach to
    the server there with `key`. The key file goes to `key_dir`."""
    if url is not None:
        if seeds:
            raise MockpathConnectionError("seed files are loaded by the server at the URL")
        if key is None:
            raise MockpathConnectionError(f"an API key is needed for the server at {url}")
        base = url.rstrip("/")
        base = base if base.endswith("/v1") else base + "/v1"
        made = discover(base, key, application)
        yield _handle(base, made, key_dir, HttpBackend(base, admin_token), None)
        return
    app = create_app(Settings(password_scheme=password_scheme))
    store: Store = app.state.store
    hasher: PasswordHasher = app.state.hasher
    files = [(path, read_seed_file(path)) for path in seeds]
    seeded: list[SeededTenant] = []
    for path, seed in files:
        with store.write() as tx:
            seeded += load_seed(tx, hasher, seed, str(path))
    template = files[0][1].tenants[0] if files else None
    made = _session_tenant(store, hasher, seeded, application)
    try:
        with ServerThread(app) as thread:
            backend = StoreBackend(store, hasher)
            yield _handle(thread.base_url, made, key_dir, backend, template)
    finally:
        store.close()


# --- the SDK's base URL ---------------------------------------------------------------


def sdk_client_class() -> type | None:
    """`stormpath.client.Client` of the Python SDK when it can be imported, else None."""
    try:
        if importlib.util.find_spec("stormpath") is None:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an old SDK warns on new Pythons
            module = importlib.import_module("stormpath.client")
    except Exception:  # a broken SDK must not break tests that do not use it
        return None
    client = getattr(module, "Client", None)
    return client if isinstance(client, type) else None


@contextmanager
def patched_client(server: StormpathServer) -> Iterator[None]:
    """Set the SDK variables (`environment()`) and `Client.BASE_URL` for the duration;
    the previous values come back afterwards."""
    variables = server.environment()
    saved = {name: os.environ.get(name) for name in variables}
    client = sdk_client_class()
    missing = object()
    old_base = getattr(client, "BASE_URL", missing) if client is not None else missing
    os.environ.update(variables)
    if client is not None:
        client.BASE_URL = server.base_url  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if client is not None:
            if old_base is missing:
                delattr(client, "BASE_URL")
            else:
                client.BASE_URL = old_base  # type: ignore[attr-defined]
