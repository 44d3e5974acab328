"""Reading attributes out of request bodies with Stormpath's error codes.

Bodies carry junk (read-only attributes, `{"href": ...}` links): callers read only the
attributes they accept, so everything else is ignored (stormpath-api.md §6).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mockpath.errors import InvalidEnum, InvalidValue, RequiredProperty, TooLong

MAX_TEXT = 255
_INTEGER = re.compile(r"-?[0-9]{1,18}")


def _invalid(name: str, expected: str) -> InvalidValue:
    return InvalidValue(
        f"The {name} property value is invalid: it must be {expected}.",
    )


def required_text(
    body: Mapping[str, object], name: str, subject: str, *, max_length: int = MAX_TEXT
) -> str:
    """A non-blank string (2000 when missing, null or blank; 2002 when not a string)."""
    value = body.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RequiredProperty(subject)
    if not isinstance(value, str):
        raise _invalid(name, "a string")
    if len(value) > max_length:
        raise TooLong(f"{subject} exceeds the maximum length of {max_length} characters.")
    return value


def optional_text(
    body: Mapping[str, object],
    name: str,
    *,
    default: str | None = None,
    max_length: int = 4000,
) -> str | None:
    """A string or null; absent gives `default`."""
    if name not in body:
        return default
    value = body[name]
    if value is None:
        return None
    if not isinstance(value, str):
        raise _invalid(name, "a string")
    if len(value) > max_length:
        raise TooLong(f"The {name} property exceeds the maximum length of {max_length}.")
    return value


def status_value(
    body: Mapping[str, object], allowed: tuple[str, ...], *, default: str, name: str = "status"
) -> str:
    """An enum value, case-insensitive on input, upper-case when stored (2003 otherwise)."""
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, str) or value.upper() not in allowed:
        raise InvalidEnum(name, allowed)
    return value.upper()


def bool_value(body: Mapping[str, object], name: str, *, default: bool) -> bool:
    """A boolean; the strings "true"/"false" are accepted too (stormpath-api.md §6.3)."""
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise _invalid(name, "a boolean")


def int_value(body: Mapping[str, object], name: str, *, default: int | None) -> int | None:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        # ASCII digits only: str.isdigit() also holds for "²" and int() refuses "--1"
        # and numbers of more than 4300 digits, which would all escape as ValueError.
        if isinstance(value, str) and _INTEGER.fullmatch(value):
            return int(value)
        raise _invalid(name, "an integer")
    return value


def string_list(body: Mapping[str, object], name: str, *, default: list[str]) -> list[str]:
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _invalid(name, "an array of strings")
    return list(value)


def named_changes(
    body: Mapping[str, object],
    subject: str,
    *,
    current_status: str,
    allowed_statuses: tuple[str, ...],
    description_max: int = 4000,
) -> dict[str, object]:
    """The name/description/status changes of an update body for applications,
    directories and groups (absent attributes keep their values)."""
    changes: dict[str, object] = {}
    if "name" in body:
        changes["name"] = required_text(body, "name", f"{subject} name")
    if "description" in body:
        changes["description"] = optional_text(body, "description", max_length=description_max)
    if "status" in body:
        changes["status"] = status_value(body, allowed_statuses, default=current_status)
    return changes
