"""Authentication of /v1 calls through real HTTP (stormpath-api.md §3).

The SAuthc1 requests in tests/unit/data/sauthc1_vectors.json were signed by the real
Python SDK. They are replayed byte for byte against a server whose clock reads the
vectors' X-Stormpath-Date and whose tenant holds the vectors' key.
"""

from __future__ import annotations

import base64
import http.client
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.auth.sauthc1 import sign
from mockpath.domain import ids
from mockpath.domain.common import stamped
from mockpath.domain.models import (
    ACCOUNTS,
    API_KEYS,
    DISABLED,
    ENABLED,
    VERIFIED,
    Account,
    ApiKey,
)
from mockpath.domain.tenants import create_tenant
from mockpath.server import ServerThread

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "unit" / "data" / "sauthc1_vectors.json").read_text("utf-8")
)
KEY_ID: str = VECTORS["api_key_id"]
SECRET: str = VECTORS["api_key_secret"]
REQUESTS: list[dict[str, Any]] = VECTORS["requests"]
UNAUTHENTICATED = {
    "status": 401,
    "code": 401,
    "message": "Authentication required.",
    "developerMessage": "Authentication with a valid API Key is required.",
}


def _vector_time(vector: dict[str, Any]) -> datetime:
    stamp = dict(vector["headers"])["X-Stormpath-Date"]
    return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


VECTOR_TIME = _vector_time(REQUESTS[0])
assert all(_vector_time(v) == VECTOR_TIME for v in REQUESTS)


@pytest.fixture(scope="module")
def vector_server() -> Iterator[ServerThread]:
    """A server whose clock is the vectors' signing time, with the vectors' tenant key."""
    app = create_app(Settings(password_scheme="fast"), clock=lambda: VECTOR_TIME)
    with app.state.store.write() as tx:
        create_tenant(tx, app.state.hasher, api_key_id=KEY_ID, api_key_secret=SECRET)
    with ServerThread(app) as server:
        yield server


def _send(
    server: ServerThread,
    method: str,
    target: str,
    headers: list[tuple[str, str]],
    body: bytes,
) -> tuple[int, dict[str, str], bytes]:
    """Send exactly these headers (no Host or Accept-Encoding of http.client's own)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders(body or None)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _replay(server: ServerThread, vector: dict[str, Any], **changes: Any) -> Any:
    method = changes.get("method", vector["method"])
    target = changes.get("target", vector["target"])
    headers = [tuple(h) for h in vector["headers"]]
    for name, value in changes.get("headers", {}).items():
        headers = [(k, value if k == name else v) for k, v in headers]
    body = changes.get("body", vector["body"].encode("utf-8"))
    if any(k == "Content-Length" for k, _ in headers):
        headers = [(k, str(len(body)) if k == "Content-Length" else v) for k, v in headers]
    elif body:
        headers.append(("Content-Length", str(len(body))))  # not signed (§3.2 step 6)
    return _send(server, method, target, headers, body)


def _assert_401(status: int, headers: dict[str, str], raw: bytes) -> None:
    assert status == 401, raw
    assert headers["content-type"] == "application/json;charset=UTF-8"
    body = json.loads(raw)
    assert {k: body[k] for k in UNAUTHENTICATED} == UNAUTHENTICATED
    assert body["moreInfo"]
    assert body["requestId"] == headers["stormpath-request-id"]


def _vector_id(vector: dict[str, Any]) -> str:
    return f"{vector['method']} {vector['target'].split('?')[0]}"


@pytest.fixture(params=REQUESTS, ids=[_vector_id(v) for v in REQUESTS])
def vector(request: pytest.FixtureRequest) -> dict[str, Any]:
    return dict(request.param)


# --- SAuthc1: the captured requests ----------------------------------------------------


def test_vectors_cover_gets_posts_and_a_delete() -> None:
    assert len(REQUESTS) == 6
    assert {v["method"] for v in REQUESTS} == {"GET", "POST", "DELETE"}


def test_vector_is_accepted(vector_server: ServerThread, vector: dict[str, Any]) -> None:
    status, headers, raw = _replay(vector_server, vector)
    assert status != 401, raw
    assert status < 500, raw
    if status not in (204, 302):
        assert headers["content-type"] == "application/json;charset=UTF-8"


def test_current_tenant_vector_redirects_under_the_signed_host(
    vector_server: ServerThread,
) -> None:
    current = next(v for v in REQUESTS if v["target"] == "/v1/tenants/current")
    status, headers, _ = _replay(vector_server, current)
    assert status == 302
    host = dict(current["headers"])["Host"]
    assert headers["location"].startswith(f"http://{host}/v1/tenants/")


def test_unknown_ids_in_vectors_are_404_after_authentication(vector_server: ServerThread) -> None:
    listing = next(v for v in REQUESTS if v["target"].startswith("/v1/tenants/abc123/"))
    status, _, raw = _replay(vector_server, listing)
    assert status == 404
    assert json.loads(raw)["code"] == 404


def _flip(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


TAMPERINGS: list[Any] = [
    pytest.param(lambda v: {"method": "PATCH" if v["method"] != "PATCH" else "GET"}, id="method"),
    pytest.param(lambda v: {"target": v["target"].replace("/v1/", "/v1//", 1)}, id="path"),
    pytest.param(
        lambda v: {"target": v["target"] + ("&" if "?" in v["target"] else "?") + "x=1"},
        id="query-added",
    ),
    pytest.param(lambda v: {"body": v["body"].encode() + b" "}, id="body"),
    pytest.param(lambda v: {"headers": {"User-Agent": "someone-else/1.0"}}, id="user-agent"),
    pytest.param(lambda v: {"headers": {"Host": "localhost:8080"}}, id="host"),
    pytest.param(lambda v: {"headers": {"Content-Type": "text/plain"}}, id="content-type"),
    pytest.param(lambda v: {"headers": {"X-Stormpath-Date": "20261129T011019Z"}}, id="date"),
    pytest.param(
        lambda v: {"headers": {"Authorization": _flip(dict(v["headers"])["Authorization"])}},
        id="signature",
    ),
    pytest.param(
        lambda v: {
            "headers": {
                "Authorization": dict(v["headers"])["Authorization"].replace(
                    KEY_ID, "MOCKKEYID0000000000000002"
                )
            }
        },
        id="unknown-key-id",
    ),
]


@pytest.mark.parametrize("tamper", TAMPERINGS)
def test_tampered_vector_is_rejected(
    vector_server: ServerThread, vector: dict[str, Any], tamper: Any
) -> None:
    _assert_401(*_replay(vector_server, vector, **tamper(vector)))


def test_vector_without_authorization_is_rejected(
    vector_server: ServerThread, vector: dict[str, Any]
) -> None:
    headers = [tuple(h) for h in vector["headers"] if h[0] != "Authorization"]
    body = vector["body"].encode("utf-8")
    _assert_401(*_send(vector_server, vector["method"], vector["target"], headers, body))


def test_vector_replayed_after_the_clock_skew_window_is_rejected() -> None:
    later = VECTOR_TIME + timedelta(minutes=16)
    app = create_app(Settings(password_scheme="fast"), clock=lambda: later)
    with app.state.store.write() as tx:
        create_tenant(tx, app.state.hasher, api_key_id=KEY_ID, api_key_secret=SECRET)
    with ServerThread(app) as server:
        _assert_401(*_replay(server, REQUESTS[0]))


# --- SAuthc1 signed here, against the shared server ------------------------------------


def _signed(method: str, url: str, body: bytes, tenant: Any, now: datetime) -> dict[str, str]:
    return sign(
        method,
        url,
        {"Accept": "application/json", "Content-Type": "application/json"},
        body,
        key_id=tenant.api_key_id,
        secret=tenant.api_key_secret,
        now=now,
        nonce="2b0c7a9e-2f53-4b53-9d0f-4a4c5d0f1e2a",
    )


def test_sauthc1_with_current_time_reads_and_writes(live_server: ServerThread, tenant) -> None:
    url = f"{live_server.base_url}/tenants/{tenant.id}/applications?q=Flask+Test&limit=5"
    now = datetime.now(timezone.utc)
    response = httpx.get(url, headers=_signed("GET", url, b"", tenant, now))
    assert response.status_code == 200
    assert response.json()["items"][0]["name"] == "Flask Test"

    url = f"{live_server.base_url}/applications/{tenant.application_id}"
    body = b'{"description": "signed \\u00e9 update"}'
    response = httpx.post(url, content=body, headers=_signed("POST", url, body, tenant, now))
    assert response.status_code == 200
    assert response.json()["description"] == "signed \u00e9 update"


def test_sauthc1_post_with_method_override_is_verified_as_a_post(
    live_server: ServerThread, api, tenant
) -> None:
    made = api.post("/applications", json={"name": "Signed Delete"}).json()
    url = made["href"] + "?_method=DELETE"
    now = datetime.now(timezone.utc)
    as_delete = _signed("DELETE", url, b"", tenant, now)
    _assert_response_401(httpx.post(url, headers=as_delete))
    response = httpx.post(url, headers=_signed("POST", url, b"", tenant, now))
    assert response.status_code == 204
    assert api.get(made["href"]).status_code == 404


def test_sauthc1_on_a_path_with_a_trailing_slash(live_server: ServerThread, tenant) -> None:
    url = f"{live_server.base_url}/applications/{tenant.application_id}/"
    now = datetime.now(timezone.utc)
    response = httpx.get(url, headers=_signed("GET", url, b"", tenant, now))
    assert response.status_code == 200
    assert response.json()["href"] == tenant.application_href


def test_sauthc1_signed_outside_the_skew_window_is_rejected(
    live_server: ServerThread, tenant
) -> None:
    url = f"{live_server.base_url}/tenants/current"
    then = datetime.now(timezone.utc) - timedelta(hours=1)
    response = httpx.get(url, headers=_signed("GET", url, b"", tenant, then))
    _assert_401(response.status_code, dict(response.headers), response.content)


# --- HTTP Basic and which keys count -----------------------------------------------------


def _basic(key_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key_id}:{secret}".encode()).decode()


def _get(live_server: ServerThread, authorization: str | None, path: str = "/tenants/current"):
    headers = {} if authorization is None else {"Authorization": authorization}
    return httpx.get(live_server.base_url + path, headers=headers)


def _assert_response_401(response: httpx.Response) -> None:
    _assert_401(response.status_code, dict(response.headers), response.content)


def test_basic_with_the_tenant_key_is_accepted(live_server: ServerThread, tenant) -> None:
    response = _get(live_server, _basic(tenant.api_key_id, tenant.api_key_secret))
    assert response.status_code == 302


BAD_HEADERS = [
    pytest.param(None, id="no-header"),
    pytest.param("", id="empty-header"),
    pytest.param("Basic", id="basic-without-credentials"),
    pytest.param("Basic !!!not-base64!!!", id="basic-not-base64"),
    pytest.param("Basic " + base64.b64encode(b"no-colon").decode(), id="basic-no-colon"),
    pytest.param("Basic " + base64.b64encode(b":secret").decode(), id="basic-no-key-id"),
    pytest.param("Basic " + base64.b64encode(b"\xff\xfe:x").decode(), id="basic-not-utf8"),
    pytest.param("Bearer abc.def.ghi", id="bearer"),
    pytest.param("Digest username=x", id="unknown-scheme"),
    pytest.param("SAuthc1 garbage", id="sauthc1-garbage"),
    pytest.param(
        "SAuthc1 sauthc1Id=K/20260101/n/sauthc1_request, sauthc1SignedHeaders=host, "
        "sauthc1Signature=" + "0" * 64,
        id="sauthc1-unknown-key",
    ),
]


@pytest.mark.parametrize("authorization", BAD_HEADERS)
def test_malformed_or_missing_credentials(
    live_server: ServerThread, tenant, authorization: str | None
) -> None:
    _assert_response_401(_get(live_server, authorization))


def test_wrong_secret(live_server: ServerThread, tenant) -> None:
    _assert_response_401(_get(live_server, _basic(tenant.api_key_id, "wrong" + "x" * 38)))


def test_secret_of_another_case(live_server: ServerThread, tenant) -> None:
    _assert_response_401(
        _get(live_server, _basic(tenant.api_key_id, tenant.api_key_secret.swapcase()))
    )


def test_unknown_key_id(live_server: ServerThread, tenant) -> None:
    _assert_response_401(_get(live_server, _basic("UNKNOWNKEY000000000000001", "secret")))


def test_key_id_of_another_case(live_server: ServerThread, tenant) -> None:
    _assert_response_401(
        _get(live_server, _basic(tenant.api_key_id.lower(), tenant.api_key_secret))
    )


def test_disabled_key(live_server: ServerThread, tenant) -> None:
    store = live_server.app.state.store
    with store.write() as tx:
        tx.update(API_KEYS, tenant.id, tenant.api_key_id, {"status": DISABLED})
    _assert_response_401(_get(live_server, _basic(tenant.api_key_id, tenant.api_key_secret)))
    with store.write() as tx:
        tx.update(API_KEYS, tenant.id, tenant.api_key_id, {"status": ENABLED})
    assert _get(live_server, _basic(tenant.api_key_id, tenant.api_key_secret)).status_code == 302


def _account_key(live_server: ServerThread, tenant, directory_id: str) -> ApiKey:
    """An enabled API key of a new account in `directory_id`."""
    with live_server.app.state.store.write() as tx:
        account = tx.insert(
            ACCOUNTS,
            Account(
                id=ids.new_id(),
                tenant_id=tenant.id,
                directory_id=directory_id,
                email=f"{ids.new_id()}@example.com",
                username=ids.new_id(),
                given_name="Key",
                middle_name=None,
                surname="Holder",
                status=ENABLED,
                email_verification_status=VERIFIED,
                email_verification_token=None,
                password_hash=None,
                password_modified_at=None,
                provider_data=None,
                **stamped(),
            ),
        )
        return tx.insert(
            API_KEYS,
            ApiKey(
                id=ids.new_api_key_id(),
                tenant_id=tenant.id,
                account_id=account.id,
                secret=ids.new_api_key_secret(),
                status=ENABLED,
                name=None,
                description=None,
                **stamped(),
            ),
        )


def test_key_of_an_account_outside_the_administrators_directory(
    live_server: ServerThread, tenant
) -> None:
    key = _account_key(live_server, tenant, tenant.directory_id)
    _assert_response_401(_get(live_server, _basic(key.id, key.secret)))


def test_key_of_another_administrator_is_a_tenant_key(live_server: ServerThread, tenant) -> None:
    with live_server.app.state.store.read() as tx:
        owner_key = tx.find_api_key(tenant.api_key_id)
        assert owner_key is not None
        owner = tx.get(ACCOUNTS, tenant.id, owner_key.account_id)
    key = _account_key(live_server, tenant, owner.directory_id)
    response = _get(live_server, _basic(key.id, key.secret))
    assert response.status_code == 302
    assert response.headers["location"].endswith(f"/tenants/{tenant.id}")


def test_key_of_a_disabled_administrator(live_server: ServerThread, tenant) -> None:
    with live_server.app.state.store.write() as tx:
        owner_key = tx.find_api_key(tenant.api_key_id)
        assert owner_key is not None
        tx.update(ACCOUNTS, tenant.id, owner_key.account_id, {"status": DISABLED})
    _assert_response_401(_get(live_server, _basic(tenant.api_key_id, tenant.api_key_secret)))


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/applications"),
        ("POST", "/applications"),
        ("GET", "/no/such/path"),
        ("PUT", "/applications/x"),
        ("DELETE", "/directories/x"),
    ],
)
def test_every_v1_route_needs_credentials(
    live_server: ServerThread, tenant, method: str, path: str
) -> None:
    response = httpx.request(method, live_server.base_url + path, json={"name": "x"})
    _assert_response_401(response)


def test_failed_authentication_writes_nothing(live_server: ServerThread, api, tenant) -> None:
    response = httpx.post(
        live_server.base_url + "/applications",
        json={"name": "Never Made"},
        headers={"Authorization": _basic(tenant.api_key_id, "nope")},
    )
    _assert_response_401(response)
    listing = api.get(f"/tenants/{tenant.id}/applications", params={"name": "Never Made"})
    assert listing.json()["size"] == 0
