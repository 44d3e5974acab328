"""The wire format of the Python SDK (stormpath 2.5.5 under Flask-Stormpath 0.4.8), replayed.

The SDK and Flask-Stormpath can no longer be installed, so the contract tests send the
requests they were recorded sending (client-call-sequences.md §1, §2) the way their
HTTP layer sends them:

* SAuthc1-signed (``mockpath.auth.sauthc1.sign`` reproduces the SDK's signatures, see
  tests/unit/data/sauthc1_vectors.json), with the SDK's header set on every request:
  ``User-Agent``, ``Accept-Encoding: gzip, deflate``, ``Accept`` and ``Content-Type``
  ``application/json``, and an unsigned ``Connection: keep-alive``;
* JSON bodies as ``json.dumps(body)`` with Python's default separators (``", "``, ``": "``);
* query strings as ``requests`` encodes a dict: spaces as ``+``, ``*`` as ``%2A``, ``@``
  as ``%40``, ``(``, ``)``, ``:`` and ``,`` percent-encoded, booleans as ``True``/``False``;
* a 301/302 answered by re-issuing a GET to the ``Location`` with the same query
  parameters, and only when that location is under the base URL.

This is a replay of recorded sequences, not the real client: it shows the server answers
those exact requests as the clients need.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Generator, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

import httpx

from mockpath.auth.sauthc1 import sign

USER_AGENT = "stormpath-flask/0.4.8 flask/0.12.2 stormpath-sdk-python/2.5.5 python/3.11.7 Linux/"
FORM = "application/x-www-form-urlencoded"
PASSWORD = "Passw0rdABC"
# The order `requests` puts them on the wire; Connection and Content-Length are not signed.
_HEADER_ORDER = (
    "user-agent",
    "accept-encoding",
    "accept",
    "connection",
    "content-type",
    "content-length",
    "host",
    "x-stormpath-date",
    "authorization",
)


def sdk_query(params: Mapping[str, object]) -> str:
    """A query string as the SDK's HTTP layer builds it (names sorted, as recorded)."""
    return urlencode(sorted((name, str(value)) for name, value in params.items()))


def sdk_json(body: object) -> bytes:
    """A JSON body as the SDK serialises it: ``json.dumps`` with its default separators."""
    return json.dumps(body).encode("utf-8")


class Sauthc1Auth(httpx.Auth):
    """Signs each request as the SDK's ``Sauthc1Signer`` does: fresh nonce, current time."""

    def __init__(self, key_id: str, secret: str) -> None:
        self.key_id = key_id
        self.secret = secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # names as spelled on the wire: the signed-header order sorts the original spelling
        headers = {name.decode(): value.decode() for name, value in request.headers.raw}
        if not request.content and request.method not in ("GET", "HEAD"):
            headers["Content-Length"] = "0"  # `requests` sends it on bodiless DELETE/POST
        signed = sign(
            request.method,
            str(request.url),
            headers,
            request.content,
            key_id=self.key_id,
            secret=self.secret,
            now=datetime.now(timezone.utc),
            nonce=str(uuid.uuid4()),
        )
        ordered = sorted(signed.items(), key=lambda item: _HEADER_ORDER.index(item[0].lower()))
        request.headers = httpx.Headers(ordered)
        yield request


class SdkWire:
    """An HTTP client that speaks as the SDK's ``HttpExecutor``; ``sent`` logs every request."""

    def __init__(self, base_url: str, key_id: str, secret: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.sent: list[tuple[str, str, int]] = []  # (method, url, status)
        self._client = httpx.Client(
            auth=Sauthc1Auth(key_id, secret),
            headers={
                "User-Agent": USER_AGENT,
                "Accept-Encoding": "gzip, deflate",
                "Accept": "application/json",
                "Connection": "keep-alive",
                "Content-Type": "application/json",
            },
            follow_redirects=False,
            timeout=10,
        )

    def close(self) -> None:
        self._client.close()

    def url(self, href: str) -> str:
        """An absolute href as is; a path such as ``/tenants/current`` under the base URL."""
        return href if href.startswith(("http://", "https://")) else self.base_url + href

    def request(
        self,
        method: str,
        href: str,
        *,
        params: Mapping[str, object] | None = None,
        body: object = None,
        form: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send one SDK request: ``body`` as JSON, or ``form`` as an urlencoded body."""
        url = self.url(href)
        if params:
            url += "?" + sdk_query(params)
        headers: dict[str, str] = {}
        content = b""
        if form is not None:
            headers["Content-Type"] = FORM
            content = urlencode(list(form.items())).encode("ascii")
        elif body is not None:
            content = sdk_json(body)
        response = self._client.request(method, url, content=content, headers=headers)
        self.sent.append((method, url, response.status_code))
        location = response.headers.get("location", "")
        if response.status_code in (301, 302) and location:
            # The SDK follows only redirects under its base URL, always with a GET and
            # the query parameters of the original request.
            assert location.startswith(self.base_url), location
            return self.request("GET", location, params=params)
        return response

    def get(self, href: str, **params: object) -> httpx.Response:
        return self.request("GET", href, params=params)

    def post(self, href: str, body: object, **params: object) -> httpx.Response:
        return self.request("POST", href, params=params, body=body)

    def delete(self, href: str) -> httpx.Response:
        return self.request("DELETE", href)

    def iterate(self, href: str, **params: object) -> Iterator[dict[str, Any]]:
        """Every item of a collection, paged as the SDK's iterator pages (§5.2)."""
        page = self.get(href, **params).json()
        while True:
            yield from page["items"]
            offset = page["offset"] + len(page["items"])
            if len(page["items"]) < page["limit"] or offset >= page["size"]:
                return
            response = self.get(href, **{**params, "offset": offset, "limit": page["limit"]})
            page = response.json()


# --- steps of the recorded sequences -----------------------------------------------


def first_use(sdk: SdkWire, name: str = "Flask Test") -> dict[str, Any]:
    """§2.2: the current tenant (302, then the tenant), then `applications?q=<name>`."""
    start = len(sdk.sent)
    tenant = sdk.get("/tenants/current")
    assert tenant.status_code == 200, tenant.text
    tenant_href = tenant.json()["href"]
    assert sdk.sent[start:] == [
        ("GET", f"{sdk.base_url}/tenants/current", 302),
        ("GET", tenant_href, 200),
    ]
    apps = sdk.get(tenant.json()["applications"]["href"], q=name)
    assert apps.status_code == 200, apps.text
    assert sdk.sent[-1][1] == f"{tenant_href}/applications?q={name.replace(' ', '+')}"
    items = apps.json()["items"]
    assert items, f"no application matches {name!r}: Flask-Stormpath raises IndexError"
    application: dict[str, Any] = items[0]
    return application


def flask_register(
    sdk: SdkWire, application: dict[str, Any], email: str, password: str
) -> httpx.Response:
    """§2.4 #4: the body Flask-Stormpath posts for the form given_name, surname, email, password."""
    body = {
        "email": email,
        "password": password,
        "givenName": "Jane",
        "surname": "Doe",
        "username": "",
        "middleName": "",
        "customData": None,
        "status": "ENABLED",
    }
    return sdk.post(application["accounts"]["href"], body)


def login_value(login: str, password: str) -> str:
    return base64.b64encode(f"{login}:{password}".encode()).decode("ascii")


def flask_login(
    sdk: SdkWire, application: dict[str, Any], login: str, password: str
) -> httpx.Response:
    """§2.8 #4 (and the SDK's `authenticate_account`, §1.4)."""
    body = {"type": "basic", "value": login_value(login, password)}
    return sdk.post(f"{application['href']}/loginAttempts", body)


def require_verification(sdk: SdkWire, directory_href: str) -> None:
    """directory.account_creation_policy.verification_email_status = 'ENABLED'; save()."""
    directory = sdk.get(directory_href).json()
    policy = sdk.get(directory["accountCreationPolicy"]["href"]).json()
    body = {k: v for k, v in policy.items() if k not in ("href", "createdAt", "modifiedAt")}
    saved = sdk.post(policy["href"], {**body, "verificationEmailStatus": "ENABLED"})
    assert saved.status_code == 200, saved.text
    assert saved.json()["verificationEmailStatus"] == "ENABLED"
