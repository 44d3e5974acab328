"""Seed files: tenants with their keys, applications, directories, groups and accounts.

A seed file is YAML (or JSON, by the `.json` suffix) validated by the models of
`seeds.schema` (`extra="forbid"`); fixtures/README.md documents the format. Loading
(`seeds.loader`) goes through the domain functions, so a seeded resource is exactly
what the API would have made, and one file is loaded in one write transaction: all of
it or nothing.

A tenant whose `key` already exists in the database is left untouched, so a server
started again on the same database file with the same seed does not fail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import ValidationError

from mockpath.domain.passwords import PasswordHasher
from mockpath.seeds.errors import SeedError
from mockpath.seeds.loader import SeededTenant, fresh_tenant, load_seed, load_tenant_copy
from mockpath.seeds.schema import SeedFile, TenantSeed
from mockpath.store import Store


def _location(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse_seed(data: object, source: str) -> SeedFile:
    """Validate already-parsed YAML/JSON data; SeedError names `source` and each field."""
    try:
        return SeedFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            where = _location(error["loc"]) or "(top level)"
            message = error["msg"].removeprefix("Value error, ")
            problems.append(f"{source}: {where}: {message}")
        raise SeedError("\n".join(problems)) from None


def read_seed_file(path: Path) -> SeedFile:
    """Read and validate one seed file (YAML, or JSON when it ends in .json)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SeedError(f"{path}: cannot read: {reason}") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).split())
        kind = "JSON" if path.suffix.lower() == ".json" else "YAML"
        raise SeedError(f"{path}: not valid {kind}: {detail}") from None
    if data is None:
        raise SeedError(f"{path}: the file is empty")
    return parse_seed(data, str(path))


def load_seed_files(
    store: Store, hasher: PasswordHasher, paths: Sequence[Path]
) -> list[SeededTenant]:
    """Read, validate and load each file, one write transaction per file."""
    loaded: list[SeededTenant] = []
    for path in paths:
        seed = read_seed_file(path)
        with store.write() as tx:
            loaded += load_seed(tx, hasher, seed, str(path))
    return loaded


__all__ = [
    "SeedError",
    "SeedFile",
    "SeededTenant",
    "TenantSeed",
    "fresh_tenant",
    "load_seed",
    "load_seed_files",
    "load_tenant_copy",
    "parse_seed",
    "read_seed_file",
]
