"""Domain records: one frozen dataclass per stored resource, and the Kind of each.

Field names equal the store's column names (snake_case); `render` turns them into
the camelCase wire form. JSON-valued fields hold plain dicts/lists: treat them as
read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

ENABLED = "ENABLED"
DISABLED = "DISABLED"
UNVERIFIED = "UNVERIFIED"
VERIFIED = "VERIFIED"
STATUSES = (ENABLED, DISABLED)
ACCOUNT_STATUSES = (ENABLED, DISABLED, UNVERIFIED)

ADMIN_DIRECTORY = "Stormpath Administrators"
ADMIN_APPLICATION = "Stormpath"


@dataclass(frozen=True, slots=True)
class Tenant:
    id: str
    key: str
    name: str
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: str
    tenant_id: str
    account_id: str
    secret: str
    status: str
    name: str | None
    description: str | None
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class Application:
    id: str
    tenant_id: str
    name: str
    description: str | None
    status: str
    authorized_callback_uris: list[str]
    authorized_origin_uris: list[str]
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class Directory:
    id: str
    tenant_id: str
    name: str
    description: str | None
    status: str
    provider: dict[str, object]
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class AccountStoreMapping:
    id: str
    tenant_id: str
    application_id: str
    store_type: str  # "directories" | "groups" | "organizations": the href collection
    store_id: str
    list_index: int
    is_default_account_store: bool
    is_default_group_store: bool
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    tenant_id: str
    directory_id: str
    email: str
    username: str
    given_name: str | None
    middle_name: str | None
    surname: str | None
    status: str
    email_verification_status: str
    email_verification_token: str | None
    password_hash: str | None = field(repr=False)
    password_modified_at: str | None
    provider_data: dict[str, object] | None
    created_at: str
    modified_at: str

    @property
    def full_name(self) -> str:
        parts = (self.given_name, self.middle_name, self.surname)
        return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    tenant_id: str
    directory_id: str
    name: str
    description: str | None
    status: str
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class GroupMembership:
    id: str
    tenant_id: str
    account_id: str
    group_id: str
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class Policy:
    """A singleton settings document owned by a directory or application."""

    id: str  # "<kind>/<owner id>": one policy of each kind per owner
    kind: str  # "passwordPolicies" | "strength" | "accountCreationPolicies" | "oAuthPolicies"
    owner_id: str  # the directory or application; also the policy's id on the wire
    tenant_id: str
    data: dict[str, object]
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class CustomData:
    id: str  # owner path, e.g. "/accounts/<id>"
    tenant_id: str
    data: dict[str, object]
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class IdSite:
    id: str
    tenant_id: str
    data: dict[str, object]
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class OAuthToken:
    id: str  # the jti
    tenant_id: str
    kind: str  # "access" | "refresh"
    application_id: str
    account_id: str
    api_key_id: str
    jwt: str
    refresh_id: str | None
    expires_at: float
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class PasswordResetToken:
    id: str  # the sptoken
    tenant_id: str
    application_id: str
    account_id: str
    email: str
    expires_at: float
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """An email the server would have sent (nothing ever leaves the process)."""

    id: str
    tenant_id: str
    kind: str  # passwordReset | passwordResetSuccess | verification | verificationSuccess | welcome
    to: str  # the recipient's email address
    account_id: str
    token: str | None  # the sptoken the email carries, if any
    link: str | None  # <linkBaseUrl>?sptoken=<token>
    created_at: str


M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class Kind(Generic[M]):
    """What the store and the collection machinery need to know about a resource type.

    `attributes` maps each searchable wire attribute to its field; `q` lists the ones a
    `q=` text search looks at (stormpath-api.md §5.3); `sortable` adds attributes that
    can be ordered by but not filtered on.
    """

    name: str  # href collection name, e.g. "applications"
    model: type[M]
    attributes: Mapping[str, str]
    q: tuple[str, ...] = ()
    sortable: Mapping[str, str] = field(default_factory=dict)
    # (field, descending) pairs a listing is sorted by when the client gives no orderBy;
    # creation order (oldest first) breaks the remaining ties.
    default_order: tuple[tuple[str, bool], ...] = ()

    def sort_field(self, attribute: str) -> str | None:
        return self.attributes.get(attribute) or self.sortable.get(attribute)


_STAMPS = {"createdAt": "created_at", "modifiedAt": "modified_at"}
_NAMED = {"name": "name", "description": "description", "status": "status", **_STAMPS}

TENANTS: Kind[Tenant] = Kind("tenants", Tenant, {"name": "name", "key": "key", **_STAMPS})
API_KEYS: Kind[ApiKey] = Kind(
    "apiKeys",
    ApiKey,
    {"id": "id", "status": "status", "name": "name", "description": "description"},
    q=("name", "description", "status"),
)
APPLICATIONS: Kind[Application] = Kind(
    "applications", Application, _NAMED, q=("name", "description", "status")
)
DIRECTORIES: Kind[Directory] = Kind(
    "directories", Directory, _NAMED, q=("name", "description", "status")
)
GROUPS: Kind[Group] = Kind("groups", Group, _NAMED, q=("name", "description", "status"))
ACCOUNT_STORE_MAPPINGS: Kind[AccountStoreMapping] = Kind(
    "accountStoreMappings",
    AccountStoreMapping,
    {},
    sortable={"listIndex": "list_index", **_STAMPS},
    default_order=(("list_index", False),),  # login order, also when expanded (§6.3)
)
ACCOUNTS: Kind[Account] = Kind(
    "accounts",
    Account,
    {
        "givenName": "given_name",
        "middleName": "middle_name",
        "surname": "surname",
        "username": "username",
        "email": "email",
        "status": "status",
        "passwordModifiedAt": "password_modified_at",
        **_STAMPS,
    },
    q=("givenName", "middleName", "surname", "username", "email", "status"),
)
GROUP_MEMBERSHIPS: Kind[GroupMembership] = Kind("groupMemberships", GroupMembership, {})
POLICIES: Kind[Policy] = Kind("policies", Policy, {})
CUSTOM_DATA: Kind[CustomData] = Kind("customData", CustomData, {})
ID_SITES: Kind[IdSite] = Kind("idSites", IdSite, {})
OAUTH_TOKENS: Kind[OAuthToken] = Kind("oauthTokens", OAuthToken, {}, sortable=_STAMPS)
PASSWORD_RESET_TOKENS: Kind[PasswordResetToken] = Kind(
    "passwordResetTokens", PasswordResetToken, {}
)
OUTBOX: Kind[OutboxMessage] = Kind("outbox", OutboxMessage, {})
