"""Small helpers the API tests share."""

from __future__ import annotations

import httpx

PASSWORD = "Passw0rdABC"


def new_account(api: httpx.Client, directory_id: str, email: str, **fields: object) -> str:
    """An account created through the API in that directory; returns its href."""
    body = {"email": email, "password": PASSWORD, "givenName": "Given", "surname": "Surname"}
    response = api.post(f"/directories/{directory_id}/accounts", json={**body, **fields})
    assert response.status_code == 201, response.text
    return str(response.json()["href"])


def error(response: httpx.Response) -> tuple[int, int]:
    """(HTTP status, Stormpath code) of an error response."""
    return response.status_code, response.json()["code"]
