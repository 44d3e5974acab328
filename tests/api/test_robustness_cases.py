"""Hostile input, continued: the 401 path of every route, methods no route has, and
the inputs that once answered 500 (each kept with the fix it led to)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockpath.server import ServerThread
from tests.api.test_robustness import (
    FORM,
    JSON,
    MISSING_ID,
    ROUTES,
    SHAPES,
    Call,
    Route,
    Sweep,
    World,
    dump,
    problem,
    rotate,
    tenant_with_world,
)
from tests.helpers import PASSWORD


@pytest.fixture(scope="module")
def world(live_server: ServerThread) -> Iterator[tuple[httpx.Client, World]]:
    with tenant_with_world(live_server) as pair:
        yield pair


@pytest.fixture(scope="module")
def anonymous(live_server: ServerThread) -> Iterator[httpx.Client]:
    """A client that sends no credentials of its own."""
    with httpx.Client(base_url=live_server.base_url, timeout=10) as client:
        yield client


def _assert_401(response: httpx.Response) -> None:
    assert problem(response) is None, response.text
    assert response.status_code == 401, (response.request.url, response.text)
    assert response.json()["code"] == 401


# --- credentials first ------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_route_without_valid_credentials_is_401(
    route: Route,
    world: tuple[httpx.Client, World],
    anonymous: httpx.Client,
    live_server: ServerThread,
) -> None:
    """No credentials, or a wrong secret, is a 401 document whatever the path, ids and
    body (malformed JSON included: authentication comes before reading the body), and
    changes nothing."""
    api, w = world
    real = route.fill(w.real(route))
    missing = route.fill(dict.fromkeys(route.params, MISSING_ID))
    label, body, content_type = rotate(SHAPES, route.index, 1)[0]
    bodies = [None] if route.method != "POST" else [None, body]
    before = dump(live_server, w.tenant.id)
    wrong = (w.tenant.api_key_id, w.tenant.api_key_secret[:-1] + "x")
    for content in bodies:
        headers = {"content-type": content_type or JSON} if content else {}
        _assert_401(anonymous.request(route.method, real, content=content, headers=headers))
    _assert_401(anonymous.request(route.method, missing, auth=wrong))
    assert dump(live_server, w.tenant.id) == before


AUTHORIZATIONS: list[Any] = [
    pytest.param(b"Basic \xff\xfe", id="basic-not-ascii"),
    pytest.param(b"Basic " + "\u00e9".encode("latin-1") * 20, id="basic-latin1"),
    pytest.param("Basic " + "A" * 60_000, id="basic-60k"),
    pytest.param("Basic " + base64.b64encode(b":").decode(), id="basic-empty-pair"),
    pytest.param("Basic " + base64.b64encode(b"\xff\xfe:\x00").decode(), id="basic-not-utf8"),
    pytest.param("Basic =", id="basic-padding"),
    pytest.param("Basic", id="basic-alone"),
    pytest.param("Bearer x.y.z", id="bearer"),
    pytest.param("SAuthc1 junk", id="sauthc1-junk"),
    pytest.param(
        "SAuthc1 sauthc1Id=x/20240101/n/sauthc1_request, sauthc1SignedHeaders=host;x-stormpath-"
        "date, sauthc1Signature=" + "0" * 64,
        id="sauthc1-unknown-key",
    ),
    pytest.param(b"SAuthc1 sauthc1Id=\xff/\xfe/n/sauthc1_request", id="sauthc1-bytes"),
]


@pytest.mark.parametrize("authorization", AUTHORIZATIONS)
def test_malformed_authorization_headers_are_401(
    authorization: str | bytes, anonymous: httpx.Client
) -> None:
    """`Basic \\xff\\xfe` once answered 500: base64 refused the non-ASCII text with a
    ValueError that parse_basic did not catch."""
    for method, path in (("GET", "/tenants/current"), ("POST", "/applications")):
        headers = {"authorization": authorization}
        _assert_401(anonymous.request(method, path, headers=headers, content=b"{"))


# --- methods no route has ------------------------------------------------------------------

ALL_METHODS = ("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD")


def _unrouted() -> list[Any]:
    """(template, method) for the methods no route of that path template has."""
    methods: dict[str, set[str]] = {}
    for route in ROUTES:
        methods.setdefault(route.template, set()).add(route.method)
    cases = []
    for index, (template, present) in enumerate(methods.items()):
        absent = tuple(m for m in ALL_METHODS if m not in present)
        for method in rotate(absent, index, 2):
            cases.append(pytest.param(template, method, id=f"{method} {template[3:]}"))
    return cases


@pytest.mark.parametrize(("template", "method"), _unrouted())
def test_methods_no_route_has_are_405(
    template: str, method: str, world: tuple[httpx.Client, World]
) -> None:
    """405, unless the path is also another template's (POST /tenants/current is an
    update of a tenant with the id "current": 404)."""
    api, w = world
    route = Route(method, template, "")
    path = route.fill(w.real(route))
    response = api.request(method, path, json={"name": "x"})
    assert problem(response) is None, response.text
    if not any(r.method == method and _matches(r.template, path) for r in ROUTES):
        assert response.status_code == 405, response.text


def _matches(template: str, path: str) -> bool:
    pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template.removeprefix("/v1")))
    return re.fullmatch(pattern, path) is not None


# --- inputs that answered 500 ---------------------------------------------------------------


def _sweep(live_server: ServerThread, api: httpx.Client, w: World) -> Sweep:
    return Sweep(api, live_server, w.tenant.id)


@pytest.mark.parametrize("text", ["--1", "\u00b2", "\u0661", "9" * 5000, " 1", "1.0", "0x1"])
def test_integer_attributes_given_junk_strings_are_2002(
    text: str, world: tuple[httpx.Client, World], live_server: ServerThread
) -> None:
    """listIndex and resetTokenTtl take integers or strings of digits; "--1", "²" and
    5000 digits passed the digit check and then made int() raise: 500."""
    api, w = world
    t = w.tenant
    mapping = {
        "application": {"href": t.application_href},
        "accountStore": {"href": t.directory_href},
    }
    for path, body in (
        ("/accountStoreMappings", {**mapping, "listIndex": text}),
        (
            f"/accountStoreMappings/{w.mapping_id}",
            {"listIndex": text, "isDefaultAccountStore": True},
        ),
        (f"/passwordPolicies/{t.directory_id}", {"resetTokenTtl": text}),
    ):
        before = dump(live_server, t.id)
        response = api.post(path, json=body)
        assert problem(response) is None, response.text
        assert (response.status_code, response.json()["code"]) == (400, 2002), response.text
        assert dump(live_server, t.id) == before


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(b'{"a":' * 5000 + b"1" + b"}" * 5000, JSON, id="nested-5000"),
        pytest.param(b'{"a":' * 5000 + b"1" + b"}" * 5000, FORM, id="nested-5000-as-form"),
        pytest.param(
            b'{"grant_type": "password", "username": "\\ud800", "password": "x"}',
            JSON,
            id="lone-surrogate",
        ),
        pytest.param(
            b'{"grant_type": "password", "username": "a", "password": "\\udfff"}',
            None,
            id="lone-surrogate-unlabelled",
        ),
        pytest.param(
            b'{"grant_type": "password", "username": 1e999, "password": "x"}', JSON, id="infinity"
        ),
    ],
)
def test_token_endpoint_json_bodies_are_read_like_every_other_body(
    body: bytes,
    content_type: str | None,
    world: tuple[httpx.Client, World],
    live_server: ServerThread,
) -> None:
    """The token endpoint parsed JSON itself: a body nested 5000 deep (RecursionError) or
    holding a lone surrogate (UnicodeEncodeError in the store) answered 500."""
    api, w = world
    sweep = _sweep(live_server, api, w)
    path = f"/applications/{w.tenant.application_id}/oauth/token"
    sweep.batch([Call("POST", path, body=body, content_type=content_type)])
    assert sweep.failures == []
    response = api.post(path, content=body, headers={"content-type": content_type or JSON})
    assert (response.status_code, response.json()["code"]) == (400, 400)


def test_token_endpoint_still_grants_after_the_junk(world: tuple[httpx.Client, World]) -> None:
    api, w = world
    response = api.post(
        f"/applications/{w.tenant.application_id}/oauth/token",
        json={"grant_type": "password", "username": w.account_email, "password": PASSWORD},
    )
    assert response.status_code == 200, response.text
