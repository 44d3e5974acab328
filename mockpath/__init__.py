"""mockpath: a local, offline emulator of the Stormpath REST API v1."""

from mockpath.app import create_app
from mockpath.settings import Settings

__version__ = "0.1.0"
__all__ = ["Settings", "__version__", "create_app"]
