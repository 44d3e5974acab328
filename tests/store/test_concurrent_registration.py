"""Concurrent registrations of one email: the database constraint lets exactly one in.

Each registration is a separate HTTP request from its own thread, started together,
against the live server; account creation hashes outside the store's lock, so the
requests really overlap before they reach the insert.
"""

from __future__ import annotations

import threading

import httpx
import pytest

ATTEMPTS = 10


def register_all(live_server, tenant, emails: list[str]) -> list[httpx.Response]:
    barrier = threading.Barrier(len(emails))
    results: list[httpx.Response | BaseException | None] = [None] * len(emails)

    def register(index: int) -> None:
        with httpx.Client(
            base_url=live_server.base_url,
            auth=(tenant.api_key_id, tenant.api_key_secret),
            timeout=30,
        ) as client:
            barrier.wait()
            try:
                results[index] = client.post(
                    f"/applications/{tenant.application_id}/accounts",
                    json={"email": emails[index], "password": "Passw0rdABC", "givenName": "R"},
                )
            except BaseException as exc:  # reported below, not swallowed
                results[index] = exc

    threads = [threading.Thread(target=register, args=(i,)) for i in range(len(emails))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    responses = []
    for result in results:
        assert isinstance(result, httpx.Response), result
        responses.append(result)
    return responses


@pytest.mark.parametrize(
    "emails",
    [
        ["same@example.com"] * ATTEMPTS,
        [
            "".join(c.upper() if (i >> n) & 1 else c for n, c in enumerate("case@example.com"))
            for i in range(ATTEMPTS)
        ],
    ],
    ids=["same-email", "same-email-other-case"],
)
def test_exactly_one_registration_wins(live_server, tenant, api, emails) -> None:
    assert len({e.lower() for e in emails}) == 1
    responses = register_all(live_server, tenant, emails)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (ATTEMPTS - 1)
    for response in responses:
        if response.status_code == 409:
            body = response.json()
            assert body["code"] == 2001
            assert body["message"] == (
                "Account with that email already exists.  Please choose another email."
            )
    listed = api.get(
        f"/applications/{tenant.application_id}/accounts", params={"email": emails[0]}
    ).json()
    assert listed["size"] == 1
    winner = next(r for r in responses if r.status_code == 201).json()
    assert listed["items"][0]["href"] == winner["href"]
