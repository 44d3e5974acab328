"""Password strength policy: the defaults, the check, and validation of updates.

Character classes follow stormpath-api.md §6.7 (the Python SDK's local
validator): ASCII letters and digits, symbols = space, ASCII punctuation and a
few Latin-1 signs, diacritics = Latin-1 letters U+00C0-U+00FF except × and ÷.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType

from mockpath import errors

DEFAULT_STRENGTH: Mapping[str, int] = MappingProxyType(
    {
        "minLength": 8,
        "maxLength": 100,
        "minLowerCase": 1,
        "minUpperCase": 1,
        "minNumeric": 1,
        "minSymbol": 0,
        "minDiacritic": 0,
        "preventReuse": 0,
    }
)

LOWERCASE = frozenset(string.ascii_lowercase)
UPPERCASE = frozenset(string.ascii_uppercase)
NUMERIC = frozenset(string.digits)
# string.punctuation is exactly the 32 ASCII signs !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
SYMBOLS = frozenset(" " + string.punctuation + "¡¦§©«¬®±µ¶·»½¿×÷")
DIACRITICS = frozenset(chr(code) for code in range(0xC0, 0x100)) - {"\u00d7", "\u00f7"}

# Checked in this order, so the first missing class is the one reported.
_CLASSES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("minLowerCase", "lowercase", LOWERCASE),
    ("minUpperCase", "uppercase", UPPERCASE),
    ("minNumeric", "numeric", NUMERIC),
    ("minSymbol", "symbol", SYMBOLS),
    ("minDiacritic", "diacritic", DIACRITICS),
)

_RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "minLength": (1, 255),
        "maxLength": (1, 255),
        "minLowerCase": (0, 255),
        "minUpperCase": (0, 255),
        "minNumeric": (0, 255),
        "minSymbol": (0, 255),
        "minDiacritic": (0, 255),
        "preventReuse": (0, 25),
    }
)


def check_strength(password: str, strength: Mapping[str, int]) -> None:
    """Raise the first rule `password` breaks: length first, then character classes.

    Keys missing from `strength` take their value from :data:`DEFAULT_STRENGTH`.
    """

    def rule(name: str) -> int:
        return strength.get(name, DEFAULT_STRENGTH[name])

    if len(password) < rule("minLength"):
        raise errors.PasswordTooShort()
    if len(password) > rule("maxLength"):
        raise errors.PasswordTooLong()
    for name, kind, members in _CLASSES:
        required = rule(name)
        if required > 0 and sum(1 for char in password if char in members) < required:
            raise errors.PasswordCharacterClass(required, kind)


def validate_strength_update(values: Mapping[str, object]) -> dict[str, int]:
    """The known strength properties of a POSTed body, each checked for type and range.

    Unknown keys (``href``, timestamps, anything else) are ignored. Whether
    ``minLength <= maxLength`` holds is checked by :func:`merged_strength`.
    """
    changes: dict[str, int] = {}
    for name, (low, high) in _RANGES.items():
        if name not in values:
            continue
        value = values[name]
        # bool is a subclass of int, but `true` is not a length.
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise errors.InvalidValue(
                f"Password strength {name} must be an integer from {low} to {high}.",
                f"The {name} property value {value!r} is invalid: "
                f"expected an integer from {low} to {high}.",
            )
        changes[name] = value
    return changes


def merged_strength(current: Mapping[str, int], changes: Mapping[str, int]) -> dict[str, int]:
    """`current` updated with `changes`, defaults filling gaps.

    Raises :class:`errors.InvalidValue` when the result has minLength > maxLength.
    """
    merged = {
        name: changes.get(name, current.get(name, default))
        for name, default in DEFAULT_STRENGTH.items()
    }
    if merged["minLength"] > merged["maxLength"]:
        raise errors.InvalidValue(
            f"Password strength minLength ({merged['minLength']}) cannot be greater than "
            f"maxLength ({merged['maxLength']})."
        )
    return merged
