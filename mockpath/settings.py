"""Settings: built once by whoever starts the app (CLI, plugin, tests), never at import."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


def default_db_path() -> Path:
    return Path.home() / ".mockpath" / "mockpath.db"


class Settings(BaseSettings):
    """How a mockpath server behaves. Every field reads `MOCKPATH_<NAME>` from the env.

    database_url: `sqlite://` for an in-memory store, `sqlite:///path` for a file.
    public_url: base URL (ending in /v1) used for every href instead of the request's
        own scheme and Host, e.g. behind a proxy or under a compose service name.
    password_scheme: `bcrypt` (as Stormpath stored passwords) or `fast` (tests).
    clock_skew_seconds: how far an SAuthc1 X-Stormpath-Date may be from now.
    admin_token: enables the admin endpoints under /__mockpath (fresh tenants for
        test isolation) for requests with `Authorization: Bearer <admin_token>`;
        None (the default) leaves them switched off (404).
    """

    model_config = SettingsConfigDict(env_prefix="MOCKPATH_", frozen=True)

    host: str = "127.0.0.1"
    port: int = 8080
    database_url: str = "sqlite://"
    public_url: str | None = None
    password_scheme: Literal["bcrypt", "fast"] = "bcrypt"
    clock_skew_seconds: int = 900
    admin_token: str | None = None
