from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mockpath.auth.sauthc1 import (
    Sauthc1Credentials,
    SignedRequest,
    canonical_path,
    canonical_query,
    canonical_request,
    parse_authorization,
    sign,
    signature,
    signing_key,
    string_to_sign,
    verify,
)

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "sauthc1_vectors.json").read_text(encoding="utf-8")
)
KEY_ID: str = VECTORS["api_key_id"]
SECRET: str = VECTORS["api_key_secret"]
REQUESTS: list[dict[str, Any]] = VECTORS["requests"]
REQUEST_IDS = [f"{r['method']} {r['target']}"[:60] for r in REQUESTS]
SIGNED_NAMES = ["accept", "accept-encoding", "content-type", "host", "user-agent"]
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

# Worked example of the API notes (section 3.3).
EX_KEY_ID = "5XMPL3APIKEYID0000000001"
EX_SECRET = "Xmpl+Secret/Value0123456789abcdefghijklmnop"
EX_NOW = datetime(2016, 11, 29, 12, 0, 0, tzinfo=timezone.utc)
EX_NONCE = "a43a9d25-ab06-421e-8605-33fd1e760825"
EX_HEADERS = {
    "Accept": "application/json",
    "Accept-Encoding": "gzip, deflate",
    "Content-Type": "application/json",
    "User-Agent": (
        "stormpath-sdk-python/2.5.5 python/2.7.12 Linux/Ubuntu "
        "(Linux-4.4.0-x86_64-with-Ubuntu-16.04-xenial)"
    ),
    "Connection": "keep-alive",
}
EX_GET_URL = (
    "http://localhost:8080/v1/tenants/1gBTncWsp2ObQGgEXAMPLE/applications?q=Flask+Test&limit=25"
)
EX_GET_SIGNATURE = "9b79eca990e0a2474fbe263a0483b229c1da0ed7adf193f8377a4518274cd293"
EX_POST_URL = "http://localhost:8080/v1/applications/1gk4Dxzi6o4PbdlEXAMPLE/loginAttempts"
EX_POST_BODY = b'{"type": "basic", "value": "amFuZUBleGFtcGxlLmNvbTpQYXNzdzByZA=="}'
EX_POST_SIGNATURE = "6bc34c6a93a21250b8333d4a239b9db33281c65f65889ea1181e9829da2c895d"
EX_AUTHORIZATION = (
    "SAuthc1 sauthc1Id=5XMPL3APIKEYID0000000001/20161129/a43a9d25-ab06-421e-8605-33fd1e760825"
    "/sauthc1_request, sauthc1SignedHeaders=accept;accept-encoding;content-type;host;user-agent;"
    "x-stormpath-date, sauthc1Signature=" + EX_GET_SIGNATURE
)


def header(headers: list[tuple[str, str]], name: str) -> str:
    return next(value for key, value in headers if key.lower() == name.lower())


def wire_request(vector: dict[str, Any]) -> SignedRequest:
    raw_path, _, raw_query = vector["target"].partition("?")
    return SignedRequest(
        method=vector["method"],
        raw_path=raw_path,
        raw_query=raw_query,
        headers=[(name, value) for name, value in vector["headers"]],
        body=vector["body"].encode("utf-8"),
    )


def vector_credentials(vector: dict[str, Any]) -> Sauthc1Credentials:
    credentials = parse_authorization(header(vector["headers"], "Authorization"))
    assert credentials is not None
    return credentials


def signed_at(request: SignedRequest) -> datetime:
    stamp = header(list(request.headers), "X-Stormpath-Date")
    return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def check(
    request: SignedRequest,
    credentials: Sauthc1Credentials,
    secret: str = SECRET,
    now: datetime | None = None,
) -> bool:
    return verify(request, credentials, secret, now=now or signed_at(request))


def resigned(request: SignedRequest, credentials: Sauthc1Credentials) -> Sauthc1Credentials:
    """Credentials carrying a correct signature of ``request``, whatever its date header says."""
    headers = [(name, header(list(request.headers), name)) for name in credentials.signed_headers]
    method, path, query, body = request.method, request.raw_path, request.raw_query, request.body
    canonical = canonical_request(method, path, query, headers, body)
    stamp = header(list(request.headers), "X-Stormpath-Date")
    key_id, datestamp, nonce = credentials.key_id, credentials.datestamp, credentials.nonce
    digest = signature(SECRET, stamp, key_id, datestamp, nonce, canonical)
    return replace(credentials, signature=digest)


def with_header(request: SignedRequest, name: str, value: str) -> SignedRequest:
    headers = [(key, value if key.lower() == name else old) for key, old in request.headers]
    return replace(request, headers=headers)


def ex_request(method: str, url: str, headers: dict[str, str], body: bytes) -> SignedRequest:
    parts = urlsplit(url)
    return SignedRequest(method, parts.path, parts.query, list(headers.items()), body)


vector_params = pytest.mark.parametrize("vector", REQUESTS, ids=REQUEST_IDS)


# --- captured vectors: accepted ---------------------------------------------------------------


@vector_params
def test_vector_is_accepted(vector: dict[str, Any]) -> None:
    credentials = vector_credentials(vector)
    assert credentials.key_id == KEY_ID
    assert credentials.signed_headers == (*SIGNED_NAMES, "x-stormpath-date")
    assert check(wire_request(vector), credentials)


@vector_params
def test_vector_accepted_with_lower_case_header_names_and_any_arrival_order(
    vector: dict[str, Any],
) -> None:
    request = wire_request(vector)
    headers = [(name.lower(), value) for name, value in reversed(request.headers)]
    assert check(replace(request, headers=headers), vector_credentials(vector))


@vector_params
def test_vector_accepted_with_query_pieces_reordered(vector: dict[str, Any]) -> None:
    request = wire_request(vector)
    reordered = "&".join(reversed(request.raw_query.split("&"))) if request.raw_query else ""
    assert check(replace(request, raw_query=reordered), vector_credentials(vector))


@vector_params
def test_vector_accepted_when_unsigned_header_changes(vector: dict[str, Any]) -> None:
    request = wire_request(vector)
    changed = with_header(request, "connection", "close")
    extra = replace(changed, headers=[*changed.headers, ("X-Forwarded-For", "10.0.0.1")])
    assert check(extra, vector_credentials(vector))


@vector_params
def test_vector_clock_skew_window(vector: dict[str, Any]) -> None:
    request, credentials = wire_request(vector), vector_credentials(vector)
    at = signed_at(request)
    assert check(request, credentials, now=at + timedelta(minutes=14))
    assert check(request, credentials, now=at - timedelta(minutes=14))
    assert check(request, credentials, now=at.replace(tzinfo=None))
    assert not check(request, credentials, now=at + timedelta(minutes=16))
    assert not check(request, credentials, now=at - timedelta(minutes=16))
    far = at + timedelta(days=400)
    assert verify(request, credentials, SECRET, now=far, max_skew=None)
    assert not verify(request, credentials, SECRET, now=far)


@vector_params
def test_sign_reproduces_vector(vector: dict[str, Any]) -> None:
    request = wire_request(vector)
    dropped = {"host", "x-stormpath-date", "authorization"}
    given = {name: value for name, value in request.headers if name.lower() not in dropped}
    credentials = vector_credentials(vector)
    out = sign(
        request.method,
        "http://127.0.0.1:41015" + vector["target"],
        given,
        request.body,
        key_id=KEY_ID,
        secret=SECRET,
        now=signed_at(request),
        nonce=credentials.nonce,
    )
    assert out["Host"] == header(vector["headers"], "Host")
    assert out["X-Stormpath-Date"] == header(vector["headers"], "X-Stormpath-Date")
    assert out["Authorization"] == header(vector["headers"], "Authorization")


# --- captured vectors: tampering is rejected -------------------------------------------------


@pytest.mark.parametrize(
    ("vector", "method"),
    [
        pytest.param(vector, method, id=f"{vector_id}-{method}")
        for vector, vector_id in zip(REQUESTS, REQUEST_IDS, strict=True)
        for method in ("GET", "POST", "DELETE", "PUT", vector["method"].lower())
        if method != vector["method"]
    ],
)
def test_altered_method_rejected(vector: dict[str, Any], method: str) -> None:
    request = replace(wire_request(vector), method=method)
    assert not check(request, vector_credentials(vector))


@vector_params
@pytest.mark.parametrize(
    "alter",
    [
        pytest.param(lambda p: p + "x", id="suffix"),
        pytest.param(lambda p: p + "/", id="trailing-slash"),
        pytest.param(lambda p: p.replace("/v1/", "/v2/"), id="version"),
        pytest.param(lambda p: p.upper(), id="case"),
        pytest.param(lambda p: "", id="empty"),
    ],
)
def test_altered_path_rejected(vector: dict[str, Any], alter: Any) -> None:
    request = wire_request(vector)
    assert not check(replace(request, raw_path=alter(request.raw_path)), vector_credentials(vector))


@vector_params
@pytest.mark.parametrize(
    "alter",
    [
        pytest.param(lambda q: q + "&extra=1" if q else "extra=1", id="add-parameter"),
        pytest.param(lambda q: q + "0" if q else "=", id="alter-last-value"),
        pytest.param(lambda q: "&".join(q.split("&")[1:]) if q else "&", id="drop-parameter"),
        pytest.param(lambda q: q.replace("=", "=1", 1) if q else "a", id="alter-first-value"),
    ],
)
def test_altered_query_rejected(vector: dict[str, Any], alter: Any) -> None:
    request = wire_request(vector)
    changed = replace(request, raw_query=alter(request.raw_query))
    assert changed.raw_query != request.raw_query
    assert not check(changed, vector_credentials(vector))


@vector_params
def test_altered_body_rejected(vector: dict[str, Any]) -> None:
    request, credentials = wire_request(vector), vector_credentials(vector)
    if request.body:
        assert len(request.body) == int(header(list(request.headers), "Content-Length"))
        assert not check(replace(request, body=request.body + b" "), credentials)
        assert not check(replace(request, body=request.body[:-1]), credentials)
        assert not check(replace(request, body=request.body.replace(b"a", b"b", 1)), credentials)
        assert not check(replace(request, body=b""), credentials)
    else:
        assert not check(replace(request, body=b"{}"), credentials)
        assert not check(replace(request, body=b" "), credentials)


@vector_params
@pytest.mark.parametrize("name", SIGNED_NAMES)
def test_altered_signed_header_rejected(vector: dict[str, Any], name: str) -> None:
    request, credentials = wire_request(vector), vector_credentials(vector)
    value = header(list(request.headers), name)
    for altered in (value + "x", value[:-1], " " + value, value.upper() + "X"):
        assert not check(with_header(request, name, altered), credentials)


@vector_params
@pytest.mark.parametrize("name", [*SIGNED_NAMES, "x-stormpath-date"])
def test_missing_or_repeated_signed_header_rejected(vector: dict[str, Any], name: str) -> None:
    request, credentials = wire_request(vector), vector_credentials(vector)
    missing = [(key, value) for key, value in request.headers if key.lower() != name]
    assert not check(replace(request, headers=missing), credentials, now=signed_at(request))
    value = header(list(request.headers), name)
    repeated = [*request.headers, (name, value)]
    assert not check(replace(request, headers=repeated), credentials, now=signed_at(request))


@vector_params
@pytest.mark.parametrize(
    "shift", [timedelta(seconds=1), timedelta(seconds=-1), timedelta(minutes=5)], ids=str
)
def test_altered_date_same_day_rejected(vector: dict[str, Any], shift: timedelta) -> None:
    request = wire_request(vector)
    moved = signed_at(request) + shift
    changed = with_header(request, "x-stormpath-date", moved.strftime("%Y%m%dT%H%M%SZ"))
    assert not check(changed, vector_credentials(vector), now=moved)


@vector_params
@pytest.mark.parametrize(
    "stamp", ["", "20261129", "20261129T011018", "2026-11-29T01:10:18Z", "20261129T011018z"]
)
def test_unparseable_date_rejected(vector: dict[str, Any], stamp: str) -> None:
    request = with_header(wire_request(vector), "x-stormpath-date", stamp)
    at = signed_at(wire_request(vector))
    credentials = vector_credentials(vector)
    assert not check(request, credentials, now=at)
    # Even when the signature covers the malformed date.
    assert not check(request, resigned(request, credentials), now=at)


@vector_params
def test_key_date_mismatch_rejected(vector: dict[str, Any]) -> None:
    request, credentials = wire_request(vector), vector_credentials(vector)
    at = signed_at(request)
    earlier = replace(credentials, datestamp=(at - timedelta(days=1)).strftime("%Y%m%d"))
    assert not verify(request, earlier, SECRET, now=at, max_skew=None)
    assert not verify(request, resigned(request, earlier), SECRET, now=at, max_skew=None)
    # The header moved to the next day while the key date stays.
    next_day = at + timedelta(days=1)
    moved = with_header(request, "x-stormpath-date", next_day.strftime("%Y%m%dT%H%M%SZ"))
    assert not verify(moved, credentials, SECRET, now=next_day, max_skew=None)
    assert not verify(moved, resigned(moved, credentials), SECRET, now=next_day, max_skew=None)


@vector_params
def test_resigning_helper_reproduces_vector(vector: dict[str, Any]) -> None:
    request, credentials = wire_request(vector), vector_credentials(vector)
    assert resigned(request, credentials) == credentials


@vector_params
@pytest.mark.parametrize(
    "secret",
    [SECRET + "x", SECRET[:-1], SECRET.upper(), EX_SECRET, ""],
    ids=["suffix", "truncated", "upper", "other-key", "empty"],
)
def test_wrong_secret_rejected(vector: dict[str, Any], secret: str) -> None:
    assert not check(wire_request(vector), vector_credentials(vector), secret=secret)


@vector_params
@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"key_id": EX_KEY_ID}, id="key-id"),
        pytest.param({"nonce": EX_NONCE}, id="nonce"),
        pytest.param({"signature": "0" * 64}, id="signature-zero"),
        pytest.param({"signed_headers": ("host", "x-stormpath-date")}, id="fewer-headers"),
        pytest.param({"signed_headers": (*SIGNED_NAMES[::-1], "x-stormpath-date")}, id="order"),
        pytest.param(
            {"signed_headers": (*SIGNED_NAMES, "connection", "x-stormpath-date")},
            id="more-headers",
        ),
    ],
)
def test_altered_credentials_rejected(vector: dict[str, Any], change: dict[str, Any]) -> None:
    credentials = replace(vector_credentials(vector), **change)
    assert not check(wire_request(vector), credentials)


@vector_params
def test_flipped_signature_digit_rejected(vector: dict[str, Any]) -> None:
    credentials = vector_credentials(vector)
    last = "0" if credentials.signature[-1] != "0" else "1"
    flipped = replace(credentials, signature=credentials.signature[:-1] + last)
    assert not check(wire_request(vector), flipped)


# --- worked example (section 3.3) -------------------------------------------------------------


def test_worked_example_get_intermediate_values() -> None:
    headers = [(name.lower(), value) for name, value in sorted(EX_HEADERS.items())]
    headers = [h for h in headers if h[0] != "connection"]
    headers.insert(3, ("host", "localhost:8080"))
    headers.append(("x-stormpath-date", "20161129T120000Z"))
    path = "/v1/tenants/1gBTncWsp2ObQGgEXAMPLE/applications"
    assert canonical_path(path) == path
    assert canonical_query("q=Flask+Test&limit=25") == "limit=25&q=Flask%20Test"
    canonical = canonical_request("GET", path, "q=Flask+Test&limit=25", headers, b"")
    assert canonical.split("\n")[-3:] == [
        "",
        "accept;accept-encoding;content-type;host;user-agent;x-stormpath-date",
        EMPTY_SHA256,
    ]
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    assert digest == "6286d9f39afc181dc4e8eecd41f6a4adc53f1466fac1c55aa3f2d2858442138b"
    sauthc1_id = f"{EX_KEY_ID}/20161129/{EX_NONCE}/sauthc1_request"
    assert string_to_sign("20161129T120000Z", sauthc1_id, canonical) == (
        f"HMAC-SHA-256\n20161129T120000Z\n{sauthc1_id}\n{digest}"
    )
    assert signing_key(EX_SECRET, "20161129", EX_NONCE).hex() == (
        "f3a03d8167969b1b838a7d57636eca3acee973decbd2f643c575c5129479511f"
    )


@pytest.mark.parametrize(
    ("method", "url", "body", "expected"),
    [
        ("GET", EX_GET_URL, b"", EX_GET_SIGNATURE),
        ("POST", EX_POST_URL, EX_POST_BODY, EX_POST_SIGNATURE),
    ],
    ids=["GET", "POST"],
)
def test_worked_example_accepted(method: str, url: str, body: bytes, expected: str) -> None:
    headers = {**EX_HEADERS, "Host": "localhost:8080", "X-Stormpath-Date": "20161129T120000Z"}
    if body:
        headers["Content-Length"] = str(len(body))
    authorization = EX_AUTHORIZATION.replace(EX_GET_SIGNATURE, expected)
    credentials = parse_authorization(authorization)
    assert credentials is not None
    request = ex_request(method, url, headers, body)
    assert verify(request, credentials, EX_SECRET, now=EX_NOW)
    assert not verify(request, credentials, SECRET, now=EX_NOW)


@pytest.mark.parametrize(
    ("method", "url", "body", "expected"),
    [
        ("GET", EX_GET_URL, b"", EX_GET_SIGNATURE),
        ("POST", EX_POST_URL, EX_POST_BODY, EX_POST_SIGNATURE),
    ],
    ids=["GET", "POST"],
)
def test_sign_reproduces_worked_example(method: str, url: str, body: bytes, expected: str) -> None:
    headers = dict(EX_HEADERS)
    if body:
        headers["Content-Length"] = str(len(body))
    out = sign(
        method, url, headers, body, key_id=EX_KEY_ID, secret=EX_SECRET, now=EX_NOW, nonce=EX_NONCE
    )
    assert out["Authorization"] == EX_AUTHORIZATION.replace(EX_GET_SIGNATURE, expected)
    assert out["Host"] == "localhost:8080"
    assert out["X-Stormpath-Date"] == "20161129T120000Z"
    assert out["Connection"] == "keep-alive"
    assert {k: v for k, v in out.items() if k in headers} == headers


# --- sign() ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host", "path", "query"),
    [
        ("http://localhost:8080/v1/x?b=2&a=1", "localhost:8080", "/v1/x", "b=2&a=1"),
        ("http://api.example.com:80/v1/x", "api.example.com", "/v1/x", ""),
        ("https://api.example.com:443/v1/x", "api.example.com", "/v1/x", ""),
        ("https://api.example.com/v1/x", "api.example.com", "/v1/x", ""),
        ("https://api.example.com:8443/v1/x", "api.example.com:8443", "/v1/x", ""),
        ("http://api.example.com:443/v1/x", "api.example.com:443", "/v1/x", ""),
        ("http://h", "h", "", ""),
        ("http://h/a+b/%7Ec*?x=%7E*&e=a+b", "h", "/a+b/%7Ec*", "x=%7E*&e=a+b"),
    ],
)
def test_sign_round_trips(url: str, host: str, path: str, query: str) -> None:
    now = datetime(2026, 11, 29, 1, 10, 18, tzinfo=timezone.utc)
    given = {"Accept": "application/json", "Content-Length": "2", "Connection": "close"}
    out = sign("PUT", url, given, b"{}", key_id=KEY_ID, secret=SECRET, now=now, nonce="n-1")
    assert out["Host"] == host
    credentials = parse_authorization(out["Authorization"])
    assert credentials is not None
    assert credentials.signed_headers == ("accept", "host", "x-stormpath-date")
    request = SignedRequest("PUT", path, query, list(out.items()), b"{}")
    assert verify(request, credentials, SECRET, now=now)
    assert not verify(request, credentials, SECRET + "x", now=now)
    assert not verify(replace(request, body=b"{ }"), credentials, SECRET, now=now)


def test_sign_replaces_given_signature_headers_and_converts_time_zone() -> None:
    local = datetime(2016, 11, 29, 13, 0, 0, tzinfo=timezone(timedelta(hours=1)))
    given = {**EX_HEADERS, "host": "elsewhere", "authorization": "Basic x"}
    out = sign(
        "GET", EX_GET_URL, given, b"", key_id=EX_KEY_ID, secret=EX_SECRET, now=local, nonce=EX_NONCE
    )
    assert "host" not in out and "authorization" not in out
    assert out["Authorization"] == EX_AUTHORIZATION


def test_canonicalisation_substitutions() -> None:
    assert canonical_path("") == "/"
    assert canonical_path("/a+b/c*d/%7Ee/%7ef") == "/a%20b/c%2Ad/~e/%7ef"
    assert canonical_query("") == ""
    assert canonical_query("b=1&a=2&a=1") == "a=1&a=2&b=1"
    assert canonical_query("q=a+b*&x=%7E") == "q=a%20b%2A&x=~"
    assert canonical_query("limit=25&l=1") == "l=1&limit=25"


# --- parse_authorization ----------------------------------------------------------------------


def test_parse_authorization_fields() -> None:
    credentials = parse_authorization(EX_AUTHORIZATION)
    assert credentials == Sauthc1Credentials(
        key_id=EX_KEY_ID,
        datestamp="20161129",
        nonce=EX_NONCE,
        signed_headers=(*SIGNED_NAMES, "x-stormpath-date"),
        signature=EX_GET_SIGNATURE,
    )


def test_parse_authorization_lower_cases_header_names() -> None:
    value = EX_AUTHORIZATION.replace("accept;accept-encoding", "Accept;ACCEPT-Encoding")
    credentials = parse_authorization(value)
    assert credentials is not None
    assert credentials.signed_headers[:2] == ("accept", "accept-encoding")


SIG = EX_GET_SIGNATURE
ID = f"{EX_KEY_ID}/20161129/{EX_NONCE}/sauthc1_request"
HEADS = "host;x-stormpath-date"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("Basic dXNlcjpwYXNz", id="basic"),
        pytest.param("SAuthc1", id="scheme-only"),
        pytest.param(EX_AUTHORIZATION.replace("SAuthc1 ", "sauthc1 "), id="scheme-case"),
        pytest.param(EX_AUTHORIZATION.replace("SAuthc1 ", "SAuthc1  "), id="double-space"),
        pytest.param(" " + EX_AUTHORIZATION, id="leading-space"),
        pytest.param(EX_AUTHORIZATION + " ", id="trailing-space"),
        pytest.param(EX_AUTHORIZATION + "\n", id="trailing-newline"),
        pytest.param(EX_AUTHORIZATION.replace(", ", ","), id="no-space-after-comma"),
        pytest.param(EX_AUTHORIZATION.replace("sauthc1Id", "sauthc1id"), id="param-name-case"),
        pytest.param(f"SAuthc1 sauthc1Id={ID}, sauthc1SignedHeaders={HEADS}", id="no-signature"),
        pytest.param(f"SAuthc1 sauthc1SignedHeaders={HEADS}, sauthc1Signature={SIG}", id="no-id"),
        pytest.param(f"SAuthc1 sauthc1Id={ID}, sauthc1Signature={SIG}", id="no-headers"),
        pytest.param(
            f"SAuthc1 sauthc1SignedHeaders={HEADS}, sauthc1Id={ID}, sauthc1Signature={SIG}",
            id="reordered",
        ),
        pytest.param(EX_AUTHORIZATION.replace(SIG, SIG.upper()), id="upper-hex"),
        pytest.param(EX_AUTHORIZATION.replace(SIG, SIG[:-1]), id="short-signature"),
        pytest.param(EX_AUTHORIZATION.replace(SIG, SIG + "0"), id="long-signature"),
        pytest.param(EX_AUTHORIZATION.replace(SIG, SIG[:-1] + "g"), id="non-hex"),
        pytest.param(EX_AUTHORIZATION.replace("/sauthc1_request", ""), id="id-3-parts"),
        pytest.param(EX_AUTHORIZATION.replace("/sauthc1_request", "/x/sauthc1_request"), id="5"),
        pytest.param(EX_AUTHORIZATION.replace("sauthc1_request", "aws4_request"), id="term"),
        pytest.param(EX_AUTHORIZATION.replace("sauthc1_request", "SAUTHC1_REQUEST"), id="term-up"),
        pytest.param(EX_AUTHORIZATION.replace(f"{EX_KEY_ID}/", "/"), id="empty-key-id"),
        pytest.param(EX_AUTHORIZATION.replace("/20161129/", "//"), id="empty-datestamp"),
        pytest.param(EX_AUTHORIZATION.replace(f"/{EX_NONCE}/", "//"), id="empty-nonce"),
        pytest.param(EX_AUTHORIZATION.replace("accept;", "accept;;"), id="empty-header-name"),
        pytest.param(EX_AUTHORIZATION.replace("x-stormpath-date,", "x-stormpath-date;,"), id=";"),
        pytest.param(EX_AUTHORIZATION.replace("accept;", "acc ept;"), id="space-in-name"),
        pytest.param(EX_AUTHORIZATION.replace("accept;", "accept:;"), id="colon-in-name"),
    ],
)
def test_malformed_authorization_returns_none(value: str) -> None:
    assert parse_authorization(value) is None
