"""hrefs <-> store paths (stormpath-api.md §1.2)."""

from __future__ import annotations

import pytest

from mockpath.hrefs import Hrefs, base_url_for, path_of, ref_path, split_path


@pytest.mark.parametrize(
    ("scheme", "host", "public_url", "expected"),
    [
        ("http", "localhost:8080", None, "http://localhost:8080/v1"),
        ("http", "127.0.0.1:41015", None, "http://127.0.0.1:41015/v1"),
        ("https", "api.example", None, "https://api.example/v1"),
        ("http", "[::1]:9000", None, "http://[::1]:9000/v1"),
        ("http", "ignored:1", "http://mockpath:8080", "http://mockpath:8080/v1"),
        ("http", "ignored:1", "http://mockpath:8080/", "http://mockpath:8080/v1"),
        ("http", "ignored:1", "http://mockpath:8080/v1", "http://mockpath:8080/v1"),
        ("http", "ignored:1", "http://mockpath:8080/v1/", "http://mockpath:8080/v1"),
        ("http", "ignored:1", "https://proxy/stormpath", "https://proxy/stormpath/v1"),
        ("http", "h:1", "", "http://h:1/v1"),
    ],
)
def test_base_url_for(scheme: str, host: str, public_url: str | None, expected: str) -> None:
    assert base_url_for(scheme, host, public_url) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("http://localhost:8080/v1/accounts/abc", "/accounts/abc"),
        ("https://api.stormpath.com/v1/directories/x/provider", "/directories/x/provider"),
        ("http://other.host/v1/groups/g1/", "/groups/g1"),
        ("http://h/v1/applications/a?expand=tenant", "/applications/a"),
        ("http://h/prefix/v1/tenants/t", "/tenants/t"),
        ("/v1/applications/a", "/applications/a"),
        ("/applications/a", "/applications/a"),
        ("/applications/a?x=1", "/applications/a"),
        ("http://h/accounts/abc", "/accounts/abc"),
        ("", None),
        ("not-an-href", None),
        ("http://h/v1/", None),
        ("http://h", None),
        ("/", None),
    ],
)
def test_path_of(href: str, expected: str | None) -> None:
    assert path_of(href) == expected


@pytest.mark.parametrize("value", [None, 5, ["/accounts/a"], {"href": "/accounts/a"}])
def test_path_of_non_strings(value: object) -> None:
    assert path_of(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/directories/abc", ("directories", "abc")),
        ("directories/abc", ("directories", "abc")),
        ("/directories/abc/", ("directories", "abc")),
        ("/directories/abc/provider", None),
        ("/directories", None),
        ("/directories/", None),
        ("//abc", None),
        ("", None),
    ],
)
def test_split_path(path: str, expected: tuple[str, str] | None) -> None:
    assert split_path(path) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"href": "http://h/v1/directories/d"}, "/directories/d"),
        ({"href": "http://h/v1/directories/d", "name": "x"}, "/directories/d"),
        ({"href": 5}, None),
        ({"href": ""}, None),
        ({}, None),
        ("http://h/v1/directories/d", None),
        (None, None),
        ([{"href": "/directories/d"}], None),
    ],
)
def test_ref_path(value: object, expected: str | None) -> None:
    assert ref_path(value) == expected


def test_hrefs_builds_links_from_paths() -> None:
    hrefs = Hrefs("http://localhost:8080/v1")
    assert hrefs.href("/accounts/a") == "http://localhost:8080/v1/accounts/a"
    assert hrefs.link("/accounts/a") == {"href": "http://localhost:8080/v1/accounts/a"}
    assert hrefs.link(None) is None
    assert hrefs.of("directories", "d", "provider") == (
        "http://localhost:8080/v1/directories/d/provider"
    )
    assert hrefs.of("tenants", "t") == "http://localhost:8080/v1/tenants/t"


def test_round_trip() -> None:
    hrefs = Hrefs("http://127.0.0.1:5000/v1")
    for path in ("/applications/a", "/directories/d/provider", "/passwordPolicies/p/strength"):
        assert path_of(hrefs.href(path)) == path
