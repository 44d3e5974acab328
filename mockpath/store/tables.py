"""SQLAlchemy tables, with the uniqueness rules Stormpath promises as constraints.

Text comparisons that Stormpath makes case-insensitively (account email and username)
use SQLite's NOCASE collation, so the unique constraint itself is case-insensitive.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

metadata = MetaData()

NOCASE = "NOCASE"


def _stamps() -> list[Column[str]]:
    return [
        Column("created_at", String, nullable=False),
        Column("modified_at", String, nullable=False),
    ]


def _tenant() -> Column[str]:
    return Column("tenant_id", String, ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False)


tenants = Table(
    "tenants",
    metadata,
    Column("id", String, primary_key=True),
    Column("key", String, nullable=False, unique=True),
    Column("name", String, nullable=False),
    *_stamps(),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("account_id", String, nullable=False, index=True),
    Column("secret", String, nullable=False),
    Column("status", String, nullable=False),
    Column("name", String),
    Column("description", String),
    *_stamps(),
)

applications = Table(
    "applications",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("name", String(collation=NOCASE), nullable=False),
    Column("description", String),
    Column("status", String, nullable=False),
    Column("authorized_callback_uris", JSON, nullable=False),
    Column("authorized_origin_uris", JSON, nullable=False),
    *_stamps(),
    UniqueConstraint("tenant_id", "name"),
)

directories = Table(
    "directories",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("name", String(collation=NOCASE), nullable=False),
    Column("description", String),
    Column("status", String, nullable=False),
    Column("provider", JSON, nullable=False),
    *_stamps(),
    UniqueConstraint("tenant_id", "name"),
)

account_store_mappings = Table(
    "account_store_mappings",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("application_id", String, nullable=False, index=True),
    Column("store_type", String, nullable=False),
    Column("store_id", String, nullable=False, index=True),
    Column("list_index", Integer, nullable=False),
    Column("is_default_account_store", Boolean, nullable=False),
    Column("is_default_group_store", Boolean, nullable=False),
    *_stamps(),
    UniqueConstraint("application_id", "store_type", "store_id"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("directory_id", String, nullable=False),
    Column("email", String(collation=NOCASE), nullable=False),
    Column("username", String(collation=NOCASE), nullable=False),
    Column("given_name", String(collation=NOCASE)),
    Column("middle_name", String(collation=NOCASE)),
    Column("surname", String(collation=NOCASE)),
    Column("status", String(collation=NOCASE), nullable=False),
    Column("email_verification_status", String, nullable=False),
    Column("email_verification_token", String, unique=True),
    Column("password_hash", String),
    Column("password_modified_at", String),
    Column("provider_data", JSON),
    *_stamps(),
    UniqueConstraint("directory_id", "email"),
    UniqueConstraint("directory_id", "username"),
)

password_history = Table(
    "password_history",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    _tenant(),
    Column("account_id", String, nullable=False, index=True),
    Column("hash", String, nullable=False),
)

groups = Table(
    "groups",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("directory_id", String, nullable=False),
    Column("name", String(collation=NOCASE), nullable=False),
    Column("description", String(collation=NOCASE)),
    Column("status", String(collation=NOCASE), nullable=False),
    *_stamps(),
    UniqueConstraint("directory_id", "name"),
)

group_memberships = Table(
    "group_memberships",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("account_id", String, nullable=False),
    Column("group_id", String, nullable=False, index=True),
    *_stamps(),
    UniqueConstraint("account_id", "group_id"),
)

policies = Table(
    "policies",
    metadata,
    Column("id", String, primary_key=True),  # "<kind>/<owner id>"
    Column("kind", String, nullable=False),
    Column("owner_id", String, nullable=False, index=True),
    _tenant(),
    Column("data", JSON, nullable=False),
    *_stamps(),
)

custom_data = Table(
    "custom_data",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("data", JSON, nullable=False),
    *_stamps(),
)

id_sites = Table(
    "id_sites",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("data", JSON, nullable=False),
    *_stamps(),
)

oauth_tokens = Table(
    "oauth_tokens",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("kind", String, nullable=False),
    Column("application_id", String, nullable=False),
    Column("account_id", String, nullable=False, index=True),
    Column("api_key_id", String, nullable=False),
    Column("jwt", String, nullable=False),
    Column("refresh_id", String, index=True),
    Column("expires_at", Float, nullable=False),
    *_stamps(),
)

password_reset_tokens = Table(
    "password_reset_tokens",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("application_id", String, nullable=False),
    Column("account_id", String, nullable=False, index=True),
    Column("email", String, nullable=False),
    Column("expires_at", Float, nullable=False),
    *_stamps(),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", String, primary_key=True),
    _tenant(),
    Column("kind", String, nullable=False),
    Column("to", String, nullable=False),
    Column("account_id", String, nullable=False),
    Column("token", String),
    Column("link", String),
    Column("created_at", String, nullable=False),
)

Index("ix_accounts_directory", accounts.c.directory_id)
Index("ix_groups_directory", groups.c.directory_id)
Index("ix_memberships_account", group_memberships.c.account_id)

# Kind name (domain.models) -> table
BY_KIND: dict[str, Table] = {
    "tenants": tenants,
    "apiKeys": api_keys,
    "applications": applications,
    "directories": directories,
    "accountStoreMappings": account_store_mappings,
    "accounts": accounts,
    "groups": groups,
    "groupMemberships": group_memberships,
    "policies": policies,
    "customData": custom_data,
    "idSites": id_sites,
    "oauthTokens": oauth_tokens,
    "passwordResetTokens": password_reset_tokens,
    "outbox": outbox,
}
