"""Runs at start-up of Python programs started by `mockpath run` (it is on PYTHONPATH).

When the program imports `stormpath.client`, the class attribute `Client.BASE_URL` of
the Stormpath Python SDK is set from STORMPATH_CLIENT_BASEURL right after that module
has run: the SDK reads no variable for its base URL, and Flask-Stormpath builds its
client from that attribute. Nothing is imported ahead of time, so a program that never
uses the SDK is not affected, and a failure here never stops the program. A
sitecustomize module found further along sys.path runs afterwards, as it would have
without this one.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

_MODULE = "stormpath.client"
_HERE = os.path.dirname(os.path.abspath(__file__))


class _SettingLoader:
    """Wraps the SDK module's real loader; sets BASE_URL after the module ran."""

    def __init__(self, loader: Any, base_url: str) -> None:
        self._loader = loader
        self._base_url = base_url

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        module: ModuleType | None = self._loader.create_module(spec)
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        try:
            client = getattr(module, "Client", None)
            if isinstance(client, type):
                client.BASE_URL = self._base_url  # type: ignore[attr-defined]
        except Exception:  # never break the program over this
            pass

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, ...
        return getattr(self._loader, name)


class _BaseUrlFinder:
    """A meta path finder that only looks at `stormpath.client`."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != _MODULE:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec: importlib.machinery.ModuleSpec | None = find(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _SettingLoader(spec.loader, self._base_url)  # type: ignore[assignment]
                return spec
        return None


def _install() -> None:
    base_url = os.environ.get("STORMPATH_CLIENT_BASEURL", "").strip()
    if base_url:
        sys.meta_path.insert(0, _BaseUrlFinder(base_url))


def _run_next_sitecustomize() -> None:
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


try:
    _install()
except Exception:
    pass
_run_next_sitecustomize()
