"""mockpath: a local, offline emulator of the Stormpath REST API v1."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockpath.app import create_app
    from mockpath.settings import Settings

__version__ = "0.1.0"
__all__ = ["Settings", "__version__", "create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use: pytest loads the plugin module (mockpath.pytest_plugin) in
    # every run of every project that has mockpath installed, and must not pay for
    # FastAPI and SQLAlchemy there.
    if name == "create_app":
        from mockpath.app import create_app

        return create_app
    if name == "Settings":
        from mockpath.settings import Settings

        return Settings
    raise AttributeError(f"module 'mockpath' has no attribute {name!r}")
