"""API keys over HTTP: the tenant key, account keys, the application lookup and
encrypted secrets (stormpath-api.md §6.14)."""

from __future__ import annotations

import httpx
import pytest

from mockpath.domain.tokens import decrypt_secret

SALT = "c2FsdHNhbHRzYWx0c2FsdA"  # 22 url-safe characters, 16 bytes: what Node sends
ENCRYPTED = {
    "encryptSecret": "true",
    "encryptionKeySize": "256",
    "encryptionKeyIterations": "1024",
    "encryptionKeySalt": SALT,
}


def _account(api: httpx.Client, collection: str, email: str) -> dict:
    response = api.post(
        f"{collection}/accounts",
        json={"givenName": "Key", "surname": "Owner", "email": email, "password": "Passw0rdXYZ"},
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def account(api: httpx.Client, tenant) -> dict:
    """An end-user account of the "Flask Test" application."""
    return _account(api, f"/applications/{tenant.application_id}", "keys@example.com")


def test_tenant_key_has_plaintext_secret_and_an_administrator_owner(api, tenant) -> None:
    response = api.get(f"/apiKeys/{tenant.api_key_id}")
    assert response.status_code == 200
    key = response.json()
    base = tenant.href.split("/tenants/")[0]
    assert key["href"] == f"{base}/apiKeys/{tenant.api_key_id}"
    assert key["id"] == tenant.api_key_id
    assert key["secret"] == tenant.api_key_secret
    assert key["status"] == "ENABLED"
    assert key["tenant"]["href"] == tenant.href
    owner = api.get(key["account"]["href"]).json()
    directory = api.get(owner["directory"]["href"]).json()
    assert directory["name"] == "Stormpath Administrators"


def test_expand_account_embeds_the_owner(api, tenant) -> None:
    key = api.get(f"/apiKeys/{tenant.api_key_id}", params={"expand": "account"}).json()
    assert key["account"]["status"] == "ENABLED"
    assert "email" in key["account"]


def test_unknown_key_is_404(api) -> None:
    response = api.get("/apiKeys/NOSUCHKEY0000000000000000")
    assert response.status_code == 404
    assert response.json()["code"] == 404


def test_create_account_key_without_body_or_content_type(api, account) -> None:
    request = api.build_request("POST", f"{account['href']}/apiKeys")
    assert "content-type" not in request.headers
    response = api.send(request)
    assert response.status_code == 201, response.text
    key = response.json()
    assert response.headers["location"] == key["href"]
    assert len(key["id"]) == 25 and key["id"].isupper() and key["id"].isalnum()
    assert key["href"].endswith("/apiKeys/" + key["id"])
    assert len(key["secret"]) >= 40
    assert key["status"] == "ENABLED"
    assert key["name"] is None and key["description"] is None
    assert key["account"] == {"href": account["href"]}


def test_create_account_key_with_name_and_description(api, account) -> None:
    response = api.post(f"{account['href']}/apiKeys", json={"name": "ci", "description": "bot"})
    assert response.status_code == 201
    assert (response.json()["name"], response.json()["description"]) == ("ci", "bot")


def test_create_key_for_unknown_account_is_404(api) -> None:
    assert api.post("/accounts/nosuchaccount000000000/apiKeys").status_code == 404


def test_account_key_list(api, account) -> None:
    created = api.post(f"{account['href']}/apiKeys").json()
    listing = api.get(f"{account['href']}/apiKeys")
    assert listing.status_code == 200
    body = listing.json()
    assert body["size"] == 1
    assert [item["id"] for item in body["items"]] == [created["id"]]
    assert body["items"][0]["secret"] == created["secret"]


@pytest.mark.parametrize("size", [128, 192, 256])
def test_created_secret_is_encrypted_with_the_callers_secret(api, tenant, account, size) -> None:
    params = {**ENCRYPTED, "encryptionKeySize": str(size), "expand": "account"}
    created = api.post(f"{account['href']}/apiKeys", params=params)
    assert created.status_code == 201
    key = created.json()
    plain = api.get(key["href"]).json()["secret"]
    assert key["secret"] != plain
    decrypted = decrypt_secret(
        key["secret"], tenant.api_key_secret, salt=SALT, key_size=size, iterations=1024
    )
    assert decrypted == plain
    assert key["account"]["email"] == account["email"]


def test_get_and_list_encrypt_secrets_too(api, tenant, account) -> None:
    plain = api.post(f"{account['href']}/apiKeys").json()
    one = api.get(plain["href"], params=ENCRYPTED).json()
    many = api.get(f"{account['href']}/apiKeys", params=ENCRYPTED).json()["items"]
    for secret in (one["secret"], many[0]["secret"]):
        assert secret != plain["secret"]
        decrypted = decrypt_secret(
            secret, tenant.api_key_secret, salt=SALT, key_size=256, iterations=1024
        )
        assert decrypted == plain["secret"]


@pytest.mark.parametrize(
    "params",
    [
        {**ENCRYPTED, "encryptionKeySize": "100"},
        {**ENCRYPTED, "encryptionKeySize": "big"},
        {**ENCRYPTED, "encryptionKeyIterations": "0"},
        {**ENCRYPTED, "encryptionKeySalt": ""},
        {**ENCRYPTED, "encryptionKeySalt": "!!!"},
    ],
    ids=["size", "size-text", "iterations", "no-salt", "bad-salt"],
)
def test_bad_encryption_options_are_400(api, tenant, params) -> None:
    response = api.get(f"/apiKeys/{tenant.api_key_id}", params=params)
    assert response.status_code == 400
    assert response.json()["code"] == 2002


def test_application_lookup_finds_keys_of_its_accounts(api, tenant, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    params = {**ENCRYPTED, "expand": "account", "id": key["id"]}
    response = api.get(f"/applications/{tenant.application_id}/apiKeys", params=params)
    assert response.status_code == 200
    body = response.json()
    assert body["size"] == 1
    item = body["items"][0]
    assert item["id"] == key["id"]
    assert item["status"] == "ENABLED"
    assert item["account"]["status"] == "ENABLED"
    decrypted = decrypt_secret(
        item["secret"], tenant.api_key_secret, salt=SALT, key_size=256, iterations=1024
    )
    assert decrypted == key["secret"]


def test_application_lookup_without_id_lists_keys_of_its_accounts(api, tenant, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    body = api.get(f"/applications/{tenant.application_id}/apiKeys").json()
    assert [item["id"] for item in body["items"]] == [key["id"]]


def test_application_lookup_ignores_keys_outside_its_stores(api, tenant) -> None:
    directory = api.post("/directories", json={"name": "Elsewhere"}).json()
    stranger = _account(api, directory["href"], "stranger@example.com")
    key = api.post(f"{stranger['href']}/apiKeys").json()
    for key_id in (key["id"], tenant.api_key_id, "NOSUCHKEY0000000000000000"):
        response = api.get(f"/applications/{tenant.application_id}/apiKeys", params={"id": key_id})
        assert response.status_code == 200
        assert response.json()["size"] == 0
        assert response.json()["items"] == []


def test_application_lookup_of_unknown_application_is_404(api) -> None:
    assert api.get("/applications/nosuchapp0000000000000/apiKeys").status_code == 404


def test_update_status_name_description_and_ignore_the_rest(api, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    body = {**key, "status": "disabled", "name": "n", "description": "d", "id": "CHANGED"}
    response = api.post(key["href"], json=body)
    assert response.status_code == 200
    updated = response.json()
    assert (updated["status"], updated["name"], updated["description"]) == ("DISABLED", "n", "d")
    assert updated["id"] == key["id"] and updated["secret"] == key["secret"]


def test_update_with_bad_status_is_400(api, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    response = api.post(key["href"], json={"status": "SLEEPING"})
    assert response.status_code == 400
    assert response.json()["code"] == 2003


def test_delete_key(api, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    assert api.delete(key["href"]).status_code == 204
    assert api.get(key["href"]).status_code == 404
    assert api.delete(key["href"]).status_code == 404


def test_account_keys_do_not_authenticate_management_calls(live_server, api, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    with httpx.Client(base_url=live_server.base_url, auth=(key["id"], key["secret"])) as client:
        assert client.get("/tenants/current").status_code == 401


def test_another_tenant_cannot_see_or_change_your_keys(other_api, api, tenant, account) -> None:
    key = api.post(f"{account['href']}/apiKeys").json()
    for key_id in (tenant.api_key_id, key["id"]):
        assert other_api.get(f"/apiKeys/{key_id}").status_code == 404
        assert other_api.post(f"/apiKeys/{key_id}", json={"status": "DISABLED"}).status_code == 404
        assert other_api.delete(f"/apiKeys/{key_id}").status_code == 404
    assert other_api.get(f"{account['href']}/apiKeys").status_code == 404
    assert other_api.post(f"{account['href']}/apiKeys").status_code == 404
    lookup = other_api.get(
        f"/applications/{tenant.application_id}/apiKeys", params={"id": key["id"]}
    )
    assert lookup.status_code == 404
    assert api.get(key["href"]).json()["status"] == "ENABLED"
