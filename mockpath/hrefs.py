"""The one place hrefs are built: base URL per request, path <-> href, link objects.

The store keeps paths (`/accounts/<id>`); every href on the wire is the base URL the
client used (scheme, Host, `/v1`) plus that path (stormpath-api.md §1.2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

API_PREFIX = "/v1"


def base_url_for(scheme: str, host: str, public_url: str | None = None) -> str:
    """The base URL (ending in /v1) for a request with this scheme and Host header."""
    if public_url:
        base = public_url.rstrip("/")
        return base if base.endswith(API_PREFIX) else base + API_PREFIX
    return f"{scheme}://{host}{API_PREFIX}"


def path_of(href: str) -> str | None:
    """The store path of any href (absolute or relative) under /v1, or None.

    Clients send hrefs back in bodies and JWT claims; any absolute URL is accepted and
    only the part after `/v1` is kept.
    """
    if not isinstance(href, str) or not href:
        return None
    path = urlsplit(href).path if "://" in href else href.split("?", 1)[0]
    marker = path.find(API_PREFIX + "/")
    if marker >= 0:
        path = path[marker + len(API_PREFIX) :]
    if not path.startswith("/"):
        return None
    return path.rstrip("/") or None


def split_path(path: str) -> tuple[str, str] | None:
    """`/directories/abc` -> ("directories", "abc"); None for anything else."""
    parts = path.strip("/").split("/")
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0], parts[1]


@dataclass(frozen=True, slots=True)
class Hrefs:
    """Turns store paths into hrefs for one request's base URL."""

    base: str

    def href(self, path: str) -> str:
        return self.base + path

    def link(self, path: str | None) -> dict[str, str] | None:
        return None if path is None else {"href": self.base + path}

    def of(self, collection: str, id: str, *rest: str) -> str:
        return self.href("/".join((f"/{collection}", id, *rest)))


def ref_path(value: object) -> str | None:
    """The path of a `{"href": ...}` reference object, or None when it is not one."""
    if isinstance(value, Mapping):
        href = value.get("href")
        if isinstance(href, str):
            return path_of(href)
    return None
