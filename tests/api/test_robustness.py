"""Hostile input on every /v1 route: never a 500, a trace or a half-written store.

The routes come from the app's own routing table, so a route added later is swept too.
Each route is sent ids that name nothing, junk ids and the ids of live resources, then
hostile query strings and (for POST) hostile bodies. Every response must be a JSON
object, and every 4xx a Stormpath error document (`problem`). Every request answered
4xx must leave the tenant's records in the store exactly as they were (`Sweep`), and
the application, directory, account and group read back unchanged at the end except
for what a successful update changed (`read_back`).

The full cross product (every attribute x every value x every route) is some 50k
requests. To stay fast, each route gets a deterministic slice of it by default,
shifted by the route's position so that each combination reaches some route; the
attributes sent one by one are those the route reads (`READS`). With
MOCKPATH_ROBUSTNESS=full every route gets all of it (about ten minutes).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from mockpath import Settings, create_app
from mockpath.domain import models
from mockpath.domain.models import ACCOUNT_STORE_MAPPINGS, ID_SITES, Kind
from mockpath.domain.tenants import create_quickstart_application, create_tenant
from mockpath.server import ServerThread
from mockpath.store import Where
from tests.helpers import PASSWORD

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
ERROR_MEMBERS = ("status", "code", "message", "developerMessage", "moreInfo", "requestId")
_PARAM = re.compile(r"\{(\w+)\}")


# --- the routing table -------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    reader: str  # the dependency that reads the body ("" when none does)
    index: int = 0

    @property
    def params(self) -> list[str]:
        return _PARAM.findall(self.template)

    def fill(self, values: Mapping[str, str]) -> str:
        """The path (under the client's /v1 base) with each `{param}` replaced."""
        return _PARAM.sub(lambda m: values[m.group(1)], self.template).removeprefix("/v1")

    def __str__(self) -> str:
        return f"{self.method} {self.template.removeprefix('/v1')}"


def _body_reader(route: APIRoute) -> str:
    pending, names = list(route.dependant.dependencies), []
    while pending:
        dependency = pending.pop()
        pending += dependency.dependencies
        names.append(getattr(dependency.call, "__name__", ""))
    return next((n for n in sorted(names) if n in ("json_body", "token_params")), "")


def routing_table() -> list[Route]:
    """Every (method, path) under /v1, as the application registers them."""
    app = create_app(Settings(password_scheme="fast"))
    found: list[tuple[str, str, str]] = []
    for context in iter_route_contexts(app.routes):
        route, path = context.original_route, context.path or ""
        if isinstance(route, APIRoute) and path.startswith("/v1/"):
            found += [(m, path, _body_reader(route)) for m in sorted(context.methods or ())]
    return [Route(m, p, r, i) for i, (m, p, r) in enumerate(found)]


ROUTES = routing_table()


FULL = os.environ.get("MOCKPATH_ROBUSTNESS") == "full"


def rotate(items: tuple[Any, ...], start: int, count: int) -> list[Any]:
    """`count` items of `items` from position `start`, wrapping around (all in FULL)."""
    if FULL:
        return list(items)
    return [items[(start + i) % len(items)] for i in range(min(count, len(items)))]


# --- a tenant full of live resources -----------------------------------------------------


def _id(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[1]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def forge_jwt(header: object, claims: object, secret: str) -> str:
    """An HS256 JWT over any JSON header and claims, signed with a key secret we hold."""
    signing_input = f"{_b64url(json.dumps(header).encode())}.{_b64url(json.dumps(claims).encode())}"
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(mac)}"


@dataclass
class World:
    """One tenant's live resources, made over HTTP; they fill the `{param}`s."""

    tenant: Any
    account_id: str
    account_email: str
    group_id: str
    mapping_id: str
    membership_id: str
    api_key_id: str
    access_jwt: str
    access_id: str
    refresh_id: str
    id_site_id: str

    def real(self, route: Route) -> dict[str, str]:
        t = self.tenant
        owners = {
            "tenants": t.id,
            "applications": t.application_id,
            "directories": t.directory_id,
            "accounts": self.account_id,
            "groups": self.group_id,
        }
        named = {
            "tenant_id": t.id,
            "application_id": t.application_id,
            "directory_id": t.directory_id,
            "account_id": self.account_id,
            "group_id": self.group_id,
            "mapping_id": self.mapping_id,
            "membership_id": self.membership_id,
            "key_id": self.api_key_id,
            "site_id": self.id_site_id,
            "jwt": self.access_jwt,
            "key": "favorite",
            "collection": "organizations" if "/directories/" in route.template else "applications",
            "templates": "resetEmailTemplates"
            if "/passwordPolicies/" in route.template
            else "welcomeEmailTemplates",
            "jti": self.refresh_id if "/refreshTokens/" in route.template else self.access_id,
        }
        owner = owners[route.template.split("/")[2]] if "owner_id" in route.params else ""
        return {p: owner if p == "owner_id" else named.get(p, p) for p in route.params}

    def forged_tokens(self) -> list[str]:
        """Well-signed JWTs with hostile headers and claims."""
        key, secret = self.tenant.api_key_id, self.tenant.api_key_secret
        sub = f"/v1/accounts/{self.account_id}"
        return [
            forge_jwt({"kid": key, "alg": "HS256"}, {"status": "AUTHENTICATED", "sub": 5}, secret),
            forge_jwt({"kid": [], "alg": "none"}, {"jti": [], "exp": "x", "sub": sub}, secret),
            forge_jwt({"kid": key, "alg": "HS256"}, {"status": ["x"], "exp": 1e308}, secret),
            forge_jwt({"kid": key, "alg": "HS256", "stt": {}}, [1, 2], secret),
            forge_jwt("text", {"jti": self.refresh_id, "rti": {}, "sub": sub}, secret),
        ]


def build_world(api: httpx.Client, tenant: Any, server: ServerThread) -> World:
    """An account (with custom data), a group it is a member of, a mapping of that
    group, an API key and a token pair, in the tenant's quickstart application."""

    def post(path: str, **kwargs: Any) -> dict[str, Any]:
        response = api.post(path, **kwargs)
        assert response.status_code in (200, 201), (path, response.text)
        body: dict[str, Any] = response.json()
        return body

    email = f"robust-{uuid.uuid4().hex[:8]}@example.com"
    account = post(
        f"/directories/{tenant.directory_id}/accounts",
        json={
            "email": email,
            "password": PASSWORD,
            "givenName": "Rob",
            "surname": "Ust",
            "customData": {"favorite": "blue"},
        },
    )
    group = post(f"/directories/{tenant.directory_id}/groups", json={"name": "Robust Group"})
    link = {"account": {"href": account["href"]}, "group": {"href": group["href"]}}
    membership = post("/groupMemberships", json=link)
    mapping = post(
        "/accountStoreMappings",
        json={"application": {"href": tenant.application_href}, "accountStore": link["group"]},
    )
    key = post(f"/accounts/{_id(account['href'])}/apiKeys")
    tokens = post(
        f"/applications/{tenant.application_id}/oauth/token",
        data={"grant_type": "password", "username": email, "password": PASSWORD},
    )
    access = tokens["access_token"]
    claims = json.loads(base64.urlsafe_b64decode(access.split(".")[1] + "=="))
    with server.app.state.store.read() as tx:
        site = tx.select(ID_SITES, tenant.id, Where()).items[0]
    return World(
        tenant=tenant,
        account_id=_id(account["href"]),
        account_email=email,
        group_id=_id(group["href"]),
        mapping_id=_id(mapping["href"]),
        membership_id=_id(membership["href"]),
        api_key_id=_id(key["href"]),
        access_jwt=access,
        access_id=_id(tokens["stormpath_access_token_href"]),
        refresh_id=str(claims["rti"]),
        id_site_id=site.id,
    )


def dump(server: ServerThread, tenant_id: str) -> dict[str, list[Any]]:
    """Every record of the tenant, of every kind the store keeps."""
    kinds = [k for k in vars(models).values() if isinstance(k, Kind)]
    with server.app.state.store.read() as tx:
        return {k.name: tx.select(k, tenant_id, Where()).items for k in kinds}


# --- hostile input ---------------------------------------------------------------------

MISSING_ID = "NoSuchResource00000000001"
# Path segments as they go on the wire; the server decodes them before routing.
JUNK_IDS: tuple[str, ...] = (
    "%00",
    "a%2Fb",
    "%2e%2e",
    "x" * 8000,
    "%C3%BC%E2%9C%93%F0%9F%92%A9",
    "%ff%fe",
    "%ED%A0%80",  # the UTF-8 form of a lone surrogate: not valid UTF-8
    "%20",
    "%25",
    "*",
    "1'%20OR%20'1'='1",
)


def _nested(levels: int) -> str:
    return '{"a":' * levels + "1" + "}" * levels


# (label, body, content type): bodies that are not a usable JSON object.
SHAPES: tuple[tuple[str, bytes, str | None], ...] = (
    ("empty", b"", None),
    ("blank", b"  \r\n ", JSON),
    ("not-json", b"name=x&status=ENABLED", JSON),
    ("null", b"null", JSON),
    ("array", b'[{"name": "x"}]', JSON),
    ("string", b'"name"', JSON),
    ("number", b"5", JSON),
    ("truncated", b'{"name": "x"', JSON),
    ("not-utf8", b'{"name": "\xff\xfe"}', JSON),
    ("utf16", '{"name": "x"}'.encode("utf-16"), JSON),
    ("lone-surrogate-value", b'{"name": "\\ud800", "username": "\\udfff"}', JSON),
    ("lone-surrogate-key", b'{"\\udfff": 1}', JSON),
    ("nan", b'{"name": NaN, "listIndex": NaN}', JSON),
    ("infinite", b'{"listIndex": 1e400}', JSON),
    ("huge-int-literal", b'{"listIndex": 1' + b"0" * 5000 + b"}", JSON),
    ("duplicate-keys", b'{"name": "x", "name": 5}', JSON),
    ("nested-5000", _nested(5000).encode(), JSON),
    ("custom-data-nested-900", ('{"customData": ' + _nested(900) + "}").encode(), JSON),
    ("brackets", b"[" * 100_000, JSON),
    ("nul-bytes", b"\x00" * 64, JSON),
)
# Form bodies, on JSON routes as much as on the token endpoint.
FORMS: tuple[bytes, ...] = (
    b"name=x&status=ENABLED&grant_type=password",
    b"grant_type=password&username=%00&password=%ED%A0%80",
    b"grant_type=refresh_token&refresh_token=a.b.c&grant_type=client_credentials",
    b"grant_type=client_credentials&client_id=%ff&client_secret=",
    b"grant_type=stormpath_token&token=" + b"e" * 5000,
    b"%ff=%fe&&==&grant_type",
)

# Every attribute name some route reads from a body or the token endpoint's form.
ATTRIBUTES: tuple[str, ...] = (
    *("name", "description", "status", "customData", "email", "username", "password"),
    *("givenName", "surname", "middleName", "emailVerificationStatus", "listIndex"),
    *("isDefaultAccountStore", "isDefaultGroupStore", "accountStore", "application"),
    *("account", "group", "directory", "type", "value", "grant_type", "refresh_token"),
    *("token", "client_id", "client_secret", "login", "provider", "providerId"),
    *("authorizedCallbackUris", "authorizedOriginUris", "minLength", "maxLength"),
    *("minLowerCase", "minUpperCase", "minNumeric", "minSymbol", "minDiacritic"),
    *("preventReuse", "resetEmailStatus", "resetSuccessEmailStatus", "resetTokenTtl"),
    *("verificationEmailStatus", "verificationSuccessEmailStatus", "welcomeEmailStatus"),
    *("emailDomainWhitelist", "emailDomainBlacklist", "accessTokenTtl", "refreshTokenTtl"),
    *("href", "sptoken"),
)

# (label, JSON text): sent verbatim, so that lone surrogates stay lone.
VALUES: tuple[tuple[str, str], ...] = (
    ("null", "null"),
    ("true", "true"),
    ("zero", "0"),
    ("minus-one", "-1"),
    ("1e308", "1e308"),
    ("2**64", str(2**64)),
    ("empty", '""'),
    ("blank", '" "'),
    ("100k", json.dumps("x" * 100_000)),
    ("array", "[]"),
    ("object", "{}"),
    ("href-number", '{"href": 5}'),
    ("href-evil", '{"href": "http://evil/v1/x"}'),
    ("href-tenant", '{"href": "/v1/tenants/current"}'),
    ("nul", '"\\u0000"'),
    ("lone-surrogate", '"\\ud800"'),
    ("superscript-two", '"\\u00b2"'),
    ("double-minus", '"--1"'),
    ("5000-digits", '"' + "9" * 5000 + '"'),
    ("duration-huge", '"P99999999999Y"'),
    ("junk-array", '[null, {}, [], 1e308, "\\u0000"]'),
)

# The attributes each body-reading route looks at (stormpath-api.md §6), which get
# several values each; the others are reached through `all_attributes` bodies.
_NAMED = ("name", "description", "status", "customData")
_ACCOUNT = ("email", "username", "password", "givenName", "surname", "middleName")
_ACCOUNT += ("status", "emailVerificationStatus", "customData")
_MAPPING = ("application", "accountStore", "listIndex")
_MAPPING += ("isDefaultAccountStore", "isDefaultGroupStore")
_STRENGTH = ("minLength", "maxLength", "minLowerCase", "minUpperCase", "minNumeric")
_STRENGTH += ("minSymbol", "minDiacritic", "preventReuse")
_TOKEN = ("grant_type", "username", "password", "refresh_token", "token", "client_id")
_TOKEN += ("client_secret", "login", "accountStore")
READS: dict[str, tuple[str, ...]] = {
    "/v1/tenants/{tenant_id}": ("name", "customData"),
    "/v1/applications": (*_NAMED, "authorizedCallbackUris", "authorizedOriginUris"),
    "/v1/accountStoreMappings": _MAPPING,
    "/v1/directories": (*_NAMED, "provider"),
    "/v1/directories/{directory_id}/provider": ("providerId", "provider"),
    "/v1/passwordPolicies/{directory_id}": (
        "resetEmailStatus",
        "resetSuccessEmailStatus",
        "resetTokenTtl",
    ),
    "/v1/passwordPolicies/{directory_id}/strength": _STRENGTH,
    "/v1/accountCreationPolicies/{directory_id}": (
        "verificationEmailStatus",
        "verificationSuccessEmailStatus",
        "welcomeEmailStatus",
        "emailDomainWhitelist",
        "emailDomainBlacklist",
    ),
    "/v1/oAuthPolicies/{application_id}": ("accessTokenTtl", "refreshTokenTtl"),
    "/v1/apiKeys/{key_id}": ("status", "name", "description"),
    "/v1/applications/{application_id}/oauth/token": _TOKEN,
    "/v1/groupMemberships": ("account", "group"),
    "/v1/applications/{application_id}/loginAttempts": ("type", "value", "accountStore"),
    "customData": ("favorite", "href"),
}
READS["/v1/applications/{application_id}"] = READS["/v1/applications"]
READS["/v1/accountStoreMappings/{mapping_id}"] = _MAPPING
READS["/v1/directories/{directory_id}"] = READS["/v1/directories"]
READS["/v1/accounts/{account_id}/apiKeys"] = READS["/v1/apiKeys/{key_id}"]
for _owner in ("applications/{application_id}", "directories/{directory_id}"):
    READS[f"/v1/{_owner}/accounts"] = _ACCOUNT
    READS[f"/v1/{_owner}/groups"] = _NAMED
READS["/v1/accounts/{account_id}"] = _ACCOUNT
READS["/v1/groups/{group_id}"] = _NAMED
# Routes not listed here (added later) get every attribute, one value each.
DEFAULT_READS = ("email", "login", "accountStore", "password", "sptoken", "token")


def reads(route: Route) -> tuple[str, ...]:
    if FULL:
        return ATTRIBUTES
    if route.template.endswith("/customData"):
        return READS["customData"]
    return READS.get(route.template, DEFAULT_READS)


def body_with(base: Mapping[str, Any], attribute: str, value_json: str) -> bytes:
    """`base` with `attribute` set to a raw JSON value."""
    rest = json.dumps({k: v for k, v in base.items() if k != attribute})
    joiner = ", " if rest != "{}" else ""
    return f"{rest[:-1]}{joiner}{json.dumps(attribute)}: {value_json}}}".encode()


def all_attributes(value_json: str) -> bytes:
    return ("{" + ", ".join(f'"{a}": {value_json}' for a in ATTRIBUTES) + "}").encode()


def base_body(route: Route, world: World) -> dict[str, Any]:
    """A valid body for the routes that create, so that one junk attribute on top of it
    reaches that attribute's validation instead of stopping at a missing name."""
    t = world.tenant
    account = {"email": "robust-new@example.com", "password": PASSWORD}
    account |= {"givenName": "New", "surname": "Account"}
    login = base64.b64encode(f"{world.account_email}:{PASSWORD}".encode()).decode()
    bodies: dict[str, dict[str, Any]] = {
        "/v1/applications": {"name": "Robust App"},
        "/v1/directories": {"name": "Robust Directory"},
        "/v1/applications/{application_id}/accounts": account,
        "/v1/directories/{directory_id}/accounts": account,
        "/v1/applications/{application_id}/groups": {"name": "Robust Group 2"},
        "/v1/directories/{directory_id}/groups": {"name": "Robust Group 2"},
        "/v1/accountStoreMappings": {
            "application": {"href": t.application_href},
            "accountStore": {"href": t.directory_href},
        },
        "/v1/groupMemberships": {
            "account": {"href": f"/v1/accounts/{world.account_id}"},
            "group": {"href": f"/v1/groups/{world.group_id}"},
        },
        "/v1/applications/{application_id}/oauth/token": {
            "grant_type": "password",
            "username": world.account_email,
            "password": PASSWORD,
        },
        "/v1/applications/{application_id}/loginAttempts": {"type": "basic", "value": login},
    }
    return bodies.get(route.template, {})


# Query strings; only the ids that name nothing get `_method=` (it turns a POST into a
# DELETE).
QUERIES: tuple[str, ...] = (
    *("offset=-1", "offset=1e99", "offset=x", "offset=99999999999999999999", "offset=%00"),
    *("offset=%C2%B2", "limit=-1", "limit=0", "limit=1e99", "limit=x", "limit=--5"),
    *("limit=99999999999999999999", "orderBy=nonsense", "orderBy=name%20sideways"),
    *("orderBy=name%20asc%20desc", "orderBy=,", "orderBy=%00", "orderBy=name,,surname"),
    "expand=accounts(offset:x",
    "expand=" + "(" * 500 + ")" * 500,
    "expand=" + "a" * 10_000,
    "expand=accounts(offset:99999999999999999999,limit:-5)",
    "expand=customData,groups(limit:1e99),,(),accounts(((",
    *("expand=%00", "q=%25", "q=_", "q=*", "q=%00", "q=%5C", "q=" + "%25" * 3000),
    *("name=*%25_%5C", "email=%00", "status=*", "createdAt=[2000,"),
    "offset=1&offset=x&limit=2&limit=y",
    "encryptSecret=true&encryptionKeySize=x&encryptionKeyIterations=-1",
    "encryptSecret=true&encryptionKeySize=99999999999999999999&encryptionKeySalt=%00",
    *("createDirectory=%00", "createDirectory=" + "d" * 300),
    "registrationWorkflowEnabled=x&passwordFormat=mcf",
    *("application.href=%00", "application.href=http://evil/v1/applications/x", "id=%00"),
    *("grant_type=password&username=%00&password=%ff", "%ff=%fe", "=&&==&"),
)
METHOD_OVERRIDES: tuple[str, ...] = ("_method=DELETE", "_method=%00", "_method=PUT")


# --- the check every response must pass --------------------------------------------------


def problem(response: httpx.Response) -> str | None:
    """What is wrong with the answer to hostile input, or None: no 5xx; a JSON object
    (no body for 204, 302 and HEAD); for 4xx a Stormpath error document whose status is
    the HTTP status and whose requestId is the response header's."""
    status = response.status_code
    if status >= 500:
        return f"{status}: {response.text[:200]}"
    if status == 204 or response.request.method == "HEAD":
        return f"a body on {status}: {response.text[:100]}" if response.content else None
    if status == 302:
        return None if response.headers.get("location") else "302 without Location"
    if not response.headers.get("content-type", "").startswith(JSON):
        return f"{status} with content type {response.headers.get('content-type')!r}"
    try:
        body = response.json()
    except ValueError:
        return f"{status}, body not JSON: {response.text[:200]}"
    if not isinstance(body, dict):
        return f"{status}, body not an object: {response.text[:200]}"
    if status < 400:
        return None
    absent = [m for m in ERROR_MEMBERS if not body.get(m)]
    if absent:
        return f"error document without {absent}: {body}"
    if body["status"] != status or not isinstance(body["code"], int):
        return f"error document status/code {body['status']!r}/{body['code']!r} on {status}"
    if body["requestId"] != response.headers.get("stormpath-request-id"):
        return "error document requestId differs from the Stormpath-Request-Id header"
    if "Traceback" in response.text or 'File "/' in response.text:
        return f"a trace in the error document: {response.text[:200]}"
    return None


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    query: str = ""
    body: bytes | None = None
    content_type: str | None = JSON
    label: str = ""

    def __str__(self) -> str:
        url = self.path + (f"?{self.query}" if self.query else "")
        return f"{self.method} {url if len(url) < 120 else url[:120] + '...'} [{self.label}]"


def may_write(call: Call, status: int) -> bool:
    """Whether a call may have changed the store: a write that succeeded."""
    return call.method not in ("GET", "HEAD") and status < 400


@dataclass
class Sweep:
    """Sends batches of calls, keeps what went wrong, and checks that every call
    answered 4xx left the tenant's records as they were."""

    api: httpx.Client
    server: ServerThread
    tenant_id: str
    failures: list[str] = field(default_factory=list)
    sent: int = 0
    dumps: int = 0
    updated: dict[str, set[str]] = field(default_factory=dict)
    _seen: dict[str, list[Any]] | None = None  # the store as last looked at, if current

    def send(self, call: Call) -> httpx.Response:
        url = call.path + (f"?{call.query}" if call.query else "")
        headers = {"content-type": call.content_type} if call.content_type else {}
        response = self.api.request(call.method, url, content=call.body, headers=headers)
        self.sent += 1
        wrong = problem(response)
        if wrong is not None:
            self.failures.append(f"{call}: {wrong}")
        if call.method == "POST" and response.status_code == 200 and call.body:
            try:
                data = json.loads(call.body)
            except ValueError:
                data = None
            if isinstance(data, dict):
                self.updated.setdefault(call.path, set()).update(data)
        return response

    def batch(self, calls: list[Call]) -> None:
        """Send `calls`; if none of them wrote, the store must be as it was. Otherwise
        each call that failed is sent again alone, between two looks at the store."""
        before = self._seen or dump(self.server, self.tenant_id)
        statuses = [self.send(call).status_code for call in calls]
        if not any(may_write(c, s) for c, s in zip(calls, statuses, strict=True)):
            self._unchanged(before, calls[0] if len(calls) == 1 else None, calls)
            return
        self._seen = None
        for call, status in zip(calls, statuses, strict=True):
            if status >= 400:
                before = self._seen or dump(self.server, self.tenant_id)
                status = self.send(call).status_code
                self._seen = None
                if not may_write(call, status):
                    self._unchanged(before, call, [call])

    def _unchanged(
        self, before: dict[str, list[Any]], call: Call | None, calls: list[Call]
    ) -> None:
        after = self._seen = dump(self.server, self.tenant_id)
        changed = [kind for kind in before if before[kind] != after.get(kind)]
        if changed:
            what = str(call) if call else f"one of {len(calls)} calls from {calls[0]}"
            self.failures.append(f"{what}: refused, yet changed the stored {changed}")


# --- the sweep -----------------------------------------------------------------------------


@contextmanager
def tenant_with_world(server: ServerThread) -> Iterator[tuple[httpx.Client, World]]:
    """A fresh tenant (as the `tenant` fixture makes it), a client for it and its World."""
    app = server.app
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
        application = create_quickstart_application(tx, made.tenant.id)
        scope = Where.of(application_id=application.id)
        directory_id = tx.select(ACCOUNT_STORE_MAPPINGS, made.tenant.id, scope).items[0].store_id
    base = server.base_url
    tenant = SimpleNamespace(
        id=made.tenant.id,
        api_key_id=made.api_key.id,
        api_key_secret=made.api_key.secret,
        application_id=application.id,
        application_href=f"{base}/applications/{application.id}",
        directory_id=directory_id,
        directory_href=f"{base}/directories/{directory_id}",
    )
    auth = (made.api_key.id, made.api_key.secret)
    with httpx.Client(base_url=base, auth=auth, timeout=30) as client:
        yield client, build_world(client, tenant, server)


@pytest.fixture(scope="module")
def shared(live_server: ServerThread) -> Iterator[tuple[httpx.Client, World]]:
    """One tenant for the whole sweep: a route's calls either fail (and must change
    nothing) or make valid changes that leave the tenant usable by the next route."""
    with tenant_with_world(live_server) as pair:
        yield pair


def read_back(api: httpx.Client, world: World) -> dict[str, Any]:
    """The application, and the account with its directory, groups and custom data."""
    t = world.tenant
    account = api.get(f"/accounts/{world.account_id}?expand=customData,directory,groups")
    application = api.get(f"/applications/{t.application_id}?expand=customData")
    return {"account": account.json(), "application": application.json()}


# What else an update of an attribute may change in the document.
DERIVED = {
    "password": {"passwordModifiedAt"},
    "givenName": {"fullName"},
    "middleName": {"fullName"},
    "surname": {"fullName"},
    "email": {"username"},
}

# What an update elsewhere may change: a mapping made default is its application's
# default account (or group) store mapping.
ELSEWHERE = {"/accountStoreMappings/": {"defaultAccountStoreMapping", "defaultGroupStoreMapping"}}


def compare(before: Any, after: Any, updated: Mapping[str, set[str]], where: str = "") -> list[str]:
    """Where `after` differs from `before`, leaving out the attributes (and their
    custom data) that a successful update was sent for."""
    if isinstance(before, dict) and isinstance(after, dict):
        href = str(before.get("href", ""))
        path = href[href.find("/v1/") + 3 :] if "/v1/" in href else ""
        if path.endswith("/customData") and (
            path in updated or "customData" in updated.get(path.removesuffix("/customData"), ())
        ):
            return []
        skip = {
            a
            for p in updated
            for pre, names in ELSEWHERE.items()
            if p.startswith(pre)
            for a in names
        }
        if path and any(p.startswith(path + "/") for p in updated):
            skip.add("modifiedAt")  # e.g. a provider update touches its directory
        if path in updated:
            skip |= {"modifiedAt", *updated[path]}
            skip |= {d for a in updated[path] for d in DERIVED.get(a, ())}
        out: list[str] = []
        for key in sorted(set(before) | set(after)):
            if key not in skip:
                out += compare(before.get(key), after.get(key), updated, f"{where}.{key}")
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            d
            for i, pair in enumerate(zip(before, after, strict=True))
            for d in compare(*pair, updated, f"{where}[{i}]")
        ]
    return [] if before == after else [f"{where}: {str(before)[:80]!r} -> {str(after)[:80]!r}"]


def calls_for(route: Route, world: World) -> list[list[Call]]:
    """The batches of calls sent to `route` (its real-id DELETE excepted)."""
    r, n = route, route.index
    missing = r.fill({p: MISSING_ID for p in r.params})
    real = r.fill(world.real(r))
    batches: list[list[Call]] = [[Call(r.method, missing, label="missing ids")]]
    if r.params:
        junk = rotate(JUNK_IDS, 2 * n, 2)
        if "jwt" in r.params:
            junk += world.forged_tokens()
        batches.append([Call(r.method, r.fill(dict.fromkeys(r.params, j)), label=j) for j in junk])
    if r.method == "DELETE":
        queries = rotate(QUERIES, 2 * n, 2)
        batches.append([Call(r.method, missing, q, label="query") for q in queries])
        return batches
    queries = rotate(QUERIES, 3 * n, 3)
    batches.append([Call(r.method, real, q, label="query") for q in queries])
    if r.method != "POST":
        return batches
    overrides = rotate(METHOD_OVERRIDES, n, 1)  # only a POST becomes another method
    batches.append([Call(r.method, missing, query=q, label="override") for q in overrides])
    representative = next(x for x in ROUTES if x.reader == r.reader) == r
    shapes = SHAPES if representative else rotate(SHAPES, 2 * n, 2)
    batches.append([Call("POST", real, body=b, content_type=c, label=s) for s, b, c in shapes])
    forms = FORMS if r.reader == "token_params" else rotate(FORMS, n, 1)
    batches.append([Call("POST", real, body=f, content_type=FORM, label="form") for f in forms])
    every = rotate(VALUES, 2 * n, 2)
    batches.append([Call("POST", real, body=all_attributes(v), label=f"all={s}") for s, v in every])
    base, values = base_body(r, world), list(VALUES)
    if r.reader == "token_params":
        values += [("forged", json.dumps(t)) for t in world.forged_tokens()]
    for i, attribute in enumerate(reads(r)):
        chosen = rotate(tuple(values), 4 * (n + i), 4)
        batch = [
            Call("POST", real, body=body_with(base, attribute, v), label=f"{attribute}={s}")
            for s, v in chosen
        ]
        batches.append(batch)
    return batches


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_route_survives_hostile_requests(
    route: Route, shared: tuple[httpx.Client, World], live_server: ServerThread
) -> None:
    api, world = shared
    before = read_back(api, world) if route.method == "POST" else None
    sweep = Sweep(api, live_server, world.tenant.id)
    batches = calls_for(route, world)
    if route.method == "GET":
        batches = [[call for batch in batches for call in batch]]
    for batch in batches:
        sweep.batch(batch)
    assert sweep.failures == [], "\n".join(sweep.failures[:25])
    if before is not None:
        assert compare(before, read_back(api, world), sweep.updated) == []


# Deleting in this order removes each resource before anything it belongs to.
_DELETE_ORDER = (
    "accessTokens",
    "refreshTokens",
    "apiKeys",
    "groupMemberships",
    "accountStoreMappings",
    "customData/{key}",
    "customData",
    "accounts",
    "groups",
    "directories",
    "applications",
)


def _delete_rank(route: Route) -> tuple[int, int]:
    path = route.template.removeprefix("/v1/")
    for rank, name in enumerate(_DELETE_ORDER):
        if path.endswith(name) or path.split("/", 1)[0] == name:
            return rank, route.index
    return len(_DELETE_ORDER), route.index


def test_every_delete_of_a_live_resource_succeeds(
    api: httpx.Client, tenant: Any, live_server: ServerThread
) -> None:
    """The real-id DELETE of every DELETE route, on one tenant, leaves first: each is a
    204 (routes of families not in _DELETE_ORDER need only answer properly)."""
    world = build_world(api, tenant, live_server)
    deletes = sorted((r for r in ROUTES if r.method == "DELETE"), key=_delete_rank)
    assert deletes
    wrong = {}
    for route in deletes:
        response = api.delete(route.fill(world.real(route)))
        assert problem(response) is None, (str(route), response.text)
        if response.status_code != 204 and _delete_rank(route)[0] < len(_DELETE_ORDER):
            wrong[str(route)] = response.text
    assert wrong == {}
