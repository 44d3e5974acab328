"""Reading account attributes out of request bodies, and the password and email
domain rules of a directory's policies (stormpath-api.md §6.7, §6.8, §6.10)."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping

from mockpath.domain.custom_data import validate_custom_data
from mockpath.domain.models import UNVERIFIED, VERIFIED
from mockpath.domain.strength import check_strength
from mockpath.domain.validation import optional_text, required_text
from mockpath.errors import (
    DomainBlacklisted,
    DomainNotWhitelisted,
    InvalidEmail,
    InvalidValue,
    PasswordTooLong,
    RequiredProperty,
    StormpathError,
)

EMAIL_VERIFICATION_STATUSES = ("UNKNOWN", VERIFIED, UNVERIFIED)
MAX_EMAIL = 254
MAX_NAME = 255
MAX_PASSWORD_INPUT = 4096  # far above any strength policy; keeps hashing bounded

# One "@" with something on both sides and no whitespace (§6.10: must contain "@").
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def required_email(body: Mapping[str, object]) -> str:
    return required_text(body, "email", "Account email address", max_length=MAX_EMAIL)


def well_formed(email: str) -> str:
    if not _EMAIL.fullmatch(email):
        raise InvalidEmail()
    return email


def email_value(body: Mapping[str, object]) -> str:
    """The required, well-formed email (2000, 2006; 2008 when too long)."""
    return well_formed(required_email(body))


def password_value(body: Mapping[str, object]) -> str:
    """A password that is present and not blank (2000 otherwise)."""
    value = body.get("password")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RequiredProperty("Account password")
    if not isinstance(value, str):
        raise InvalidValue("The password property value is invalid: it must be a string.")
    return value


def username_value(body: Mapping[str, object], email: str) -> str:
    # "" means "use the email" as much as an absent username does (Flask sends "").
    username = optional_text(body, "username", max_length=MAX_NAME)
    return username if username and username.strip() else email


def embedded_custom_data(body: Mapping[str, object]) -> dict[str, object] | None:
    value = body.get("customData")
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidValue("The customData property value must be an object.")
    return validate_custom_data(value) or None


def domain_problem(email: str, rules: Mapping[str, object]) -> StormpathError | None:
    """7206 when a whitelist exists and misses the domain, 7205 when blacklisted.
    Patterns match the whole domain, case-insensitively, with `*` wildcards."""
    domain = email.rsplit("@", 1)[1].lower()

    def matches(patterns: object) -> bool:
        items = patterns if isinstance(patterns, list) else []
        return any(fnmatch.fnmatchcase(domain, str(p).lower()) for p in items)

    whitelist = rules.get("emailDomainWhitelist")
    if isinstance(whitelist, list) and whitelist and not matches(whitelist):
        return DomainNotWhitelisted()
    if matches(rules.get("emailDomainBlacklist")):
        return DomainBlacklisted()
    return None


def strength_problem(password: str, strength: Mapping[str, object]) -> StormpathError | None:
    if len(password) > MAX_PASSWORD_INPUT:
        return PasswordTooLong()
    rules = {k: v for k, v in strength.items() if isinstance(v, int)}
    try:
        check_strength(password, rules)
    except StormpathError as exc:
        return exc
    return None
