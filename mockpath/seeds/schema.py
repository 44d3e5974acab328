"""The seed file schema: pydantic models with `extra="forbid"` (fixtures/README.md)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


Status = Annotated[Literal["ENABLED", "DISABLED"], BeforeValidator(_upper)]
AccountStatus = Annotated[Literal["ENABLED", "DISABLED", "UNVERIFIED"], BeforeValidator(_upper)]
VerificationStatus = Annotated[
    Literal["UNKNOWN", "VERIFIED", "UNVERIFIED"], BeforeValidator(_upper)
]
CustomData = dict[str, Any]
Text = Annotated[str, Field(min_length=1)]


class SeedModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApiKeySeed(SeedModel):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")]
    secret: Annotated[str, Field(pattern=r"^\S+$")]
    status: Status = "ENABLED"
    name: str | None = None
    description: str | None = None


class PasswordPolicySeed(SeedModel):
    reset_token_ttl: int | None = None
    reset_email_status: Status | None = None
    reset_success_email_status: Status | None = None


class StrengthSeed(SeedModel):
    min_length: int | None = None
    max_length: int | None = None
    min_lower_case: int | None = None
    min_upper_case: int | None = None
    min_numeric: int | None = None
    min_symbol: int | None = None
    min_diacritic: int | None = None
    prevent_reuse: int | None = None


class AccountCreationPolicySeed(SeedModel):
    verification_email_status: Status | None = None
    verification_success_email_status: Status | None = None
    welcome_email_status: Status | None = None
    email_domain_whitelist: list[str] | None = None
    email_domain_blacklist: list[str] | None = None


class GroupSeed(SeedModel):
    name: Text
    description: str | None = None
    status: Status = "ENABLED"
    custom_data: CustomData = {}


class AccountSeed(SeedModel):
    email: Text
    password: str | None = None
    password_hash: str | None = None
    username: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    surname: str | None = None
    status: AccountStatus = "ENABLED"
    email_verification_status: VerificationStatus | None = None
    groups: list[Text] = []
    custom_data: CustomData = {}

    @model_validator(mode="after")
    def _one_password(self) -> AccountSeed:
        if (self.password is None) == (self.password_hash is None):
            raise ValueError("give exactly one of password and password_hash")
        return self


class DirectorySeed(SeedModel):
    name: Text
    description: str | None = None
    status: Status = "ENABLED"
    password_policy: PasswordPolicySeed | None = None
    strength: StrengthSeed | None = None
    account_creation_policy: AccountCreationPolicySeed | None = None
    groups: list[GroupSeed] = []
    accounts: list[AccountSeed] = []
    custom_data: CustomData = {}


class AccountStoreSeed(SeedModel):
    directory: Text
    group: Text | None = None
    default_account_store: bool | None = None
    default_group_store: bool | None = None


class ApplicationSeed(SeedModel):
    name: Text
    description: str | None = None
    status: Status = "ENABLED"
    create_directory: bool | str = False
    account_stores: list[AccountStoreSeed] = []
    custom_data: CustomData = {}

    @field_validator("create_directory", mode="plain")
    @classmethod
    def _directory_flag(cls, value: object) -> bool | str:
        if isinstance(value, bool) or (isinstance(value, str) and value.strip()):
            return value
        raise ValueError("must be true, false or the name of the directory to create")


class TenantSeed(SeedModel):
    key: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=63)]
    name: str | None = None
    api_keys: list[ApiKeySeed] = []
    directories: list[DirectorySeed] = []
    applications: list[ApplicationSeed] = []
    custom_data: CustomData = {}


class SeedFile(SeedModel):
    tenants: Annotated[list[TenantSeed], Field(min_length=1)]
