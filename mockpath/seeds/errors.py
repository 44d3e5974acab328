"""The one exception of seed handling."""

from __future__ import annotations


class SeedError(Exception):
    """A seed file that cannot be read, validated or loaded; one line per problem,
    each naming the file and the field path (`tenants[0].applications[1].name`)."""
