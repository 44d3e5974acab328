"""Domain record -> wire JSON. Links, collection pages and `expand` are handled here once.

A `Renderer` is made per request. Resource renderers (one function per resource type,
in the modules of this package) call `r.link()`, `r.collection()` and
`r.custom_data_link()`; whether a link stays `{"href": ...}` or becomes the full
document is decided here, one level deep (stormpath-api.md §5.7).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mockpath.domain.models import Kind
from mockpath.errors import NotFound
from mockpath.hrefs import Hrefs
from mockpath.query import NO_EXPANSION, Expansion
from mockpath.store import ListQuery, Page, Scope, Tx

Document = dict[str, Any]
ItemRenderer = Callable[["Renderer", Any], Document]
PathRenderer = Callable[["Renderer", list[str]], Document]

# kind name -> renderer of one record; filled by the resource modules below
ITEMS: dict[str, ItemRenderer] = {}
# first path segment -> renderer of a document addressed by path (for expansion)
PATHS: dict[str, PathRenderer] = {}


@dataclass(frozen=True, slots=True)
class Renderer:
    hrefs: Hrefs
    tx: Tx
    tenant_id: str
    expand: Expansion = NO_EXPANSION

    def href(self, path: str) -> str:
        return self.hrefs.href(path)

    def _child(self) -> Renderer:
        return Renderer(self.hrefs, self.tx, self.tenant_id)

    def link(self, name: str, path: str | None) -> Document | None:
        """A single link; the full document when `name` is expanded; None stays null."""
        if path is None:
            return None
        if name in self.expand:
            try:
                return self._child().document(path)
            except NotFound:
                return None
        return {"href": self.href(path)}

    def collection(self, name: str, path: str, kind: Kind[Any], scope: Scope) -> Document:
        """A collection link; a page of full items when `name` is expanded."""
        if name not in self.expand:
            return {"href": self.href(path)}
        offset, limit = self.expand.paging(name)
        page = self.tx.select(kind, self.tenant_id, scope, ListQuery(offset, limit))
        return self._child().page(path, kind, page)

    def custom_data_link(self, owner_path: str) -> Document | None:
        return self.link("customData", owner_path + "/customData")

    def item(self, kind: Kind[Any], record: Any) -> Document:
        return ITEMS[kind.name](self, record)

    def page(self, path: str, kind: Kind[Any], page: Page[Any]) -> Document:
        """A collection document: `size` is the total, `limit` the applied limit (§5.1)."""
        return {
            "href": self.href(path),
            "offset": page.offset,
            "limit": page.limit,
            "size": page.size,
            "items": [self.item(kind, record) for record in page.items],
        }

    def document(self, path: str) -> Document:
        """The document at a store path (raises NotFound)."""
        parts = path.strip("/").split("/")
        renderer = PATHS.get(parts[0])
        if renderer is None:
            raise NotFound()
        return renderer(self, parts)


def register_item(kind: Kind[Any]) -> Callable[[ItemRenderer], ItemRenderer]:
    def decorate(fn: ItemRenderer) -> ItemRenderer:
        ITEMS[kind.name] = fn
        return fn

    return decorate


def register_path(*segments: str) -> Callable[[PathRenderer], PathRenderer]:
    def decorate(fn: PathRenderer) -> PathRenderer:
        for segment in segments:
            PATHS[segment] = fn
        return fn

    return decorate


def stamps(record: Any) -> Document:
    return {"createdAt": record.created_at, "modifiedAt": record.modified_at}
