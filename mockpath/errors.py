"""Every failure a client can see, and the one function that turns it into JSON.

Hierarchy::

    StormpathError                 status, code, message, developer_message, more_info
     ├── AuthenticationRequired    401/401  bad or missing API credentials
     ├── NotFound                  404/404  unknown href, deleted resource, unknown path
     │    └── ResetTokenNotFound   404/404  password reset token unknown, used or expired
     ├── MethodNotAllowed          405/405
     ├── BadRequest                400/400  unparsable body, generic bad input
     │    ├── RequiredProperty     400/2000 property missing, null or blank
     │    ├── InvalidValue         400/2002 wrong type / not an href / out of range
     │    ├── InvalidEnum          400/2003 value not in the allowed set
     │    ├── InvalidFormat        400/2006 e.g. email without "@"
     │    ├── ...                  one class per Stormpath code below
     ├── Conflict                  409/2001 uniqueness violated
     └── OAuthError                400/...  token endpoint errors, carry an OAuth `error`

Module rules: no framework imports; every wire text lives here (compare with
stormpath-api.md §4.2); `to_document()` is the only place an error body is built.
"""

from __future__ import annotations

from typing import ClassVar

DOCS = "https://docs.stormpath.com/rest/product-guide/latest/errors.html"


class StormpathError(Exception):
    """Base of every error that reaches a client as a Stormpath error document."""

    status: ClassVar[int] = 400
    code: ClassVar[int] = 400
    message: ClassVar[str] = "The request could not be processed."
    developer_message: ClassVar[str | None] = None
    more_info: ClassVar[str | None] = None

    def __init__(
        self,
        message: str | None = None,
        developer_message: str | None = None,
        *,
        status: int | None = None,
        code: int | None = None,
    ) -> None:
        self.user_text = message if message is not None else type(self).message
        default_dev = type(self).developer_message
        self.developer_text = (
            developer_message
            if developer_message is not None
            else (default_dev if default_dev is not None else self.user_text)
        )
        self.http_status = status if status is not None else type(self).status
        self.error_code = code if code is not None else type(self).code
        super().__init__(self.developer_text)

    @property
    def more_info_url(self) -> str:
        return type(self).more_info or f"{DOCS}#error-{self.error_code}"

    def extra(self) -> dict[str, object]:
        """Additional members of the error document (OAuth `error`)."""
        return {}


def to_document(error: StormpathError, request_id: str) -> dict[str, object]:
    """The Stormpath error document for `error` (stormpath-api.md §4.1)."""
    doc: dict[str, object] = {
        "status": error.http_status,
        "code": error.error_code,
        "message": error.user_text,
        "developerMessage": error.developer_text,
        "moreInfo": error.more_info_url,
        "requestId": request_id,
    }
    doc.update(error.extra())
    return doc


# --- generic -----------------------------------------------------------------


class AuthenticationRequired(StormpathError):
    status, code = 401, 401
    message = "Authentication required."
    developer_message = "Authentication with a valid API Key is required."
    more_info = "http://www.stormpath.com/docs/quickstart/connect"


class NotFound(StormpathError):
    status, code = 404, 404
    message = "The requested resource does not exist."


class ResetTokenNotFound(NotFound):
    message = "This password reset request does not exist. Please request a new password reset."


class MethodNotAllowed(StormpathError):
    status, code = 405, 405
    message = "The specified HTTP request method is not supported."


class BadRequest(StormpathError):
    status, code = 400, 400
    message = "The request could not be processed."


class MalformedBody(BadRequest):
    message = "The request body could not be parsed."


class ServerError(StormpathError):
    status, code = 500, 500
    message = "An unexpected error occurred. Please try again."


# --- validation (2000s) ------------------------------------------------------


class RequiredProperty(BadRequest):
    code = 2000

    def __init__(self, subject: str) -> None:
        super().__init__(f"{subject} is required; it cannot be null, empty, or blank.")


class InvalidValue(BadRequest):
    code = 2002
    message = "The specified property value is invalid."


class InvalidEnum(BadRequest):
    code = 2003

    def __init__(self, prop: str, allowed: tuple[str, ...]) -> None:
        super().__init__(
            f"The {prop} property value is invalid. It must be one of: {', '.join(allowed)}."
        )


class InvalidFormat(BadRequest):
    code = 2006


class InvalidEmail(InvalidFormat):
    message = "Account email address is in an invalid format."


class TooLong(BadRequest):
    code = 2008


class PasswordTooShort(BadRequest):
    code = 2007
    message = "Account password minimum length not satisfied."


class PasswordTooLong(TooLong):
    message = "Account password maximum length exceeded."


class PasswordCharacterClass(BadRequest):
    """A password lacks a required character class (status and code 400)."""

    def __init__(self, count: int, kind: str) -> None:
        noun = "character" if count == 1 else "characters"
        super().__init__(f"Password requires at least {count} {kind} {noun}.")


class PasswordReused(BadRequest):
    code = 2012
    message = "The password has been used recently. Please choose a different password."


class InvalidReference(BadRequest):
    code = 2014
    message = "The specified account store is not valid for this request."


class UnknownResourceReference(BadRequest):
    code = 2016

    def __init__(self, prop: str, value: str = "") -> None:
        shown = f" {value}" if value else ""
        super().__init__(f"The {prop} property value{shown} does not match a known resource.")


class InvalidQuery(BadRequest):
    code = 2100


class InvalidOrderBy(BadRequest):
    code = 2106
    message = "The orderBy query parameter names an attribute that cannot be sorted on."


# --- uniqueness ------------------------------------------------------------


class Conflict(StormpathError):
    status, code = 409, 2001
    message = "A resource with that value already exists."


class EmailTaken(Conflict):
    message = "Account with that email already exists.  Please choose another email."


class UsernameTaken(Conflict):
    message = "Account with that username already exists.  Please choose another username."


class ApplicationNameTaken(Conflict):
    message = "Application name already exists.  Please choose another name."


class DirectoryNameTaken(Conflict):
    message = "Directory name already exists.  Please choose another name."


class GroupNameTaken(Conflict):
    message = "Group name already exists in this directory.  Please choose another name."


class MembershipExists(Conflict):
    message = "The account is already a member of this group."


class CreateDirectoryNameTaken(Conflict):
    code = 5010
    message = "The directory name given in createDirectory is already in use."


# --- custom data (3000s) ---------------------------------------------------


class CustomDataKeyEmpty(BadRequest):
    code = 3000
    message = "Custom data field names cannot be empty."


class CustomDataKeyTooLong(BadRequest):
    code = 3001
    message = "Custom data field names cannot be longer than 255 characters."


class CustomDataKeyInvalid(BadRequest):
    code = 3002

    def __init__(self, key: str) -> None:
        super().__init__(
            f"Custom data field name '{key}' is invalid: use only 0-9, A-Z, a-z, '_' and '-', "
            "and do not start with '-'."
        )


class CustomDataKeyReserved(BadRequest):
    code = 3003

    def __init__(self, key: str) -> None:
        super().__init__(f"Custom data field name '{key}' is reserved.")


class CustomDataTooLarge(BadRequest):
    code = 3004
    message = "Custom data cannot be larger than 10 MB."


# --- tenant-owner protection ------------------------------------------------


class OwnerAccountNotDeletable(BadRequest):
    code = 4001
    message = "The tenant owner account cannot be deleted."


class AdministratorsDirectoryNotDeletable(BadRequest):
    code = 4001
    message = "The Stormpath Administrators directory cannot be deleted."


# --- account stores (5000s) -------------------------------------------------


class NoDefaultAccountStore(BadRequest):
    code = 5100
    message = (
        "This Application does not have a default Account Store for newly created Accounts. "
        "Map an account store and set it as the default account store."
    )


class DefaultAccountStoreDisabled(BadRequest):
    code = 5101
    message = "The default account store of this Application is disabled."


class NoDefaultGroupStore(BadRequest):
    code = 5102
    message = (
        "This Application does not have a default Group Store for newly created Groups. "
        "Map a directory and set it as the default group store."
    )


class DefaultGroupStoreDisabled(BadRequest):
    code = 5103
    message = "The default group store of this Application is disabled."


class StoreAlreadyMapped(Conflict):
    code = 5104
    message = "That account store is already mapped to this application."


class NoAccountStores(BadRequest):
    code = 5105
    message = "This Application does not have any Account Stores mapped to it."


class GroupNotDefaultGroupStore(BadRequest):
    code = 5112
    message = "A group cannot be the default group store."


class StoreNotMapped(BadRequest):
    code = 5114
    message = "The specified account store is not mapped to this application."


class VerificationDisabled(BadRequest):
    code = 6101
    message = "Email verification is not enabled for the account's directory."


# --- login (7100s) ----------------------------------------------------------

INVALID_LOGIN = "Invalid username or password."


class WrongPassword(BadRequest):
    code = 7100
    message = INVALID_LOGIN
    developer_message = "Login attempt failed because the specified password is incorrect."


class AccountDisabled(BadRequest):
    code = 7101
    message = "Login attempt failed because the Account is disabled."


class AccountUnverified(BadRequest):
    code = 7102
    message = "Login attempt failed because the Account is not verified."


class NoSuchLogin(BadRequest):
    code = 7104
    message = INVALID_LOGIN
    developer_message = (
        "Login attempt failed because there is no Account in the Application's associated "
        "Account Stores with the specified username or email."
    )


class GroupDisabled(BadRequest):
    code = 7105
    message = "Login attempt failed because the Account's Group is disabled."


class DirectoryDisabled(BadRequest):
    code = 7106
    message = "Login attempt failed because the Account's Directory is disabled."


class ApplicationDisabled(BadRequest):
    code = 400
    message = "Login attempt failed because the Application is disabled."


class DomainBlacklisted(BadRequest):
    code = 7205
    message = "The email address domain is not allowed."


class DomainNotWhitelisted(BadRequest):
    code = 7206
    message = "The email address domain is not allowed."


# --- OAuth and tokens (10000s) ---------------------------------------------


class OAuthError(StormpathError):
    """A token-endpoint failure: the error document plus an OAuth `error` member."""

    oauth_error: ClassVar[str] = "invalid_request"

    def __init__(
        self,
        message: str | None = None,
        developer_message: str | None = None,
        *,
        oauth_error: str | None = None,
        status: int | None = None,
        code: int | None = None,
    ) -> None:
        super().__init__(message, developer_message, status=status, code=code)
        self.oauth = oauth_error or type(self).oauth_error

    def extra(self) -> dict[str, object]:
        return {"error": self.oauth}


class TokenInvalid(OAuthError):
    """A token failed validation; the code says why (10010-10017)."""

    oauth_error = "invalid_grant"
    code = 10017
    message = "Token is invalid because verifying the signature of a JWT failed."


class TokenExpired(TokenInvalid):
    code = 10011
    message = "Token is invalid because it has expired."


class TokenNotFound(TokenInvalid):
    code = 10013
    message = "Token does not exist. This can occur if the token has been manually deleted."


class TokenWrongApplication(TokenInvalid):
    code = 10014
    message = "Token is invalid because it was issued for a different application."


class ApiKeyInvalid(OAuthError):
    oauth_error = "invalid_client"
    code = 10019
    message = "API Key Authentication failed because the API key or secret submitted is invalid."


class GrantTypeMissing(OAuthError):
    message = "grant_type parameter is required; it cannot be null, empty, or blank."


class UnsupportedGrantType(OAuthError):
    oauth_error = "unsupported_grant_type"
    message = "The grant_type is not supported."


class OAuthParameterRequired(OAuthError):
    code = 2000

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} parameter is required; it cannot be null, empty, or blank.")


class TokenAccountDisabled(TokenInvalid):
    code = 10010
    message = "Token is invalid because the Account it was issued for is disabled."


class TokenApplicationDisabled(TokenInvalid):
    code = 10015
    message = "Token is invalid because the Application it was issued for is disabled."


class TokenAccountNotMapped(TokenInvalid):
    code = 10016
    message = "Token is invalid because its Account can no longer log in to the Application."


class TokenStatusInvalid(TokenInvalid):
    code = 12002
    message = "Token is invalid because its status is not AUTHENTICATED or REGISTERED."
