"""JWT signing and verification, API-key secret encryption, ISO-8601 durations."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import string
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from mockpath import errors
from mockpath.domain import tokens

SECRET = "mockSecretValue+AbCdEfGhIjKlMnOp/0123456789"
KID = "EXAMPLEAPIKEYID0000000001"
NOW = 1_480_420_800.0
CLAIMS: dict[str, object] = {
    "jti": "3xMpLeAt00000000000001",
    "iat": int(NOW),
    "iss": "http://localhost:8080/v1/applications/3xMpLeApp0000000000001",
    "sub": "http://localhost:8080/v1/accounts/3xMpLeAcct000000000001",
    "exp": int(NOW) + 3600,
}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_json(value: object) -> str:
    return b64url(json.dumps(value).encode("utf-8"))


def hs256(signing_input: str, secret: str) -> str:
    return b64url(hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest())


def access_token(**overrides: object) -> str:
    return tokens.encode_jwt(
        {**CLAIMS, **overrides}, SECRET, kid=KID, extra_header={"stt": "access"}
    )


# --- JWT ----------------------------------------------------------------------------------


def test_round_trip() -> None:
    token = access_token()
    jwt = tokens.verify_jwt(token, SECRET, now=NOW)
    assert jwt.claims == CLAIMS
    assert jwt.raw == token
    assert jwt.signature == token.split(".")[2]
    assert tokens.parse_jwt(token) == jwt


def test_header_carries_kid_alg_and_stt() -> None:
    header_part = access_token().split(".")[0]
    header = json.loads(base64.urlsafe_b64decode(header_part + "=" * (-len(header_part) % 4)))
    assert header == {"kid": KID, "stt": "access", "alg": "HS256"}
    assert tokens.parse_jwt(access_token()).header == header


def test_header_without_kid() -> None:
    token = tokens.encode_jwt({"sub": "x"}, SECRET)
    assert tokens.parse_jwt(token).header == {"alg": "HS256"}


def test_extra_header_cannot_change_alg() -> None:
    token = tokens.encode_jwt({}, SECRET, extra_header={"alg": "none"})
    assert tokens.parse_jwt(token).header["alg"] == "HS256"
    tokens.verify_jwt(token, SECRET, now=NOW)


def test_parts_are_unpadded_base64url_of_compact_json() -> None:
    token = access_token()
    assert "=" not in token
    assert set(token) <= set(string.ascii_letters + string.digits + "-_.")
    payload = token.split(".")[1]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert decoded == json.dumps(CLAIMS, separators=(",", ":"))


def test_hs256_known_answer() -> None:
    header = {"kid": KID, "alg": "HS256"}
    claims = {"sub": "abc", "iat": 1, "exp": 2}
    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url(json.dumps(claims, separators=(",", ":")).encode())
    )
    expected = signing_input + "." + hs256(signing_input, SECRET)
    assert tokens.encode_jwt(claims, SECRET, kid=KID) == expected
    # and a token built entirely by hand verifies
    assert tokens.verify_jwt(expected, SECRET, now=1.5).claims == claims


def test_signing_key_is_the_secret_text_not_its_base64_decoding() -> None:
    header_part, payload_part, signature = access_token().split(".")
    assert signature == hs256(f"{header_part}.{payload_part}", SECRET)


def assert_signature_failure(token: str, secret: str = SECRET) -> None:
    with pytest.raises(errors.TokenInvalid) as caught:
        tokens.verify_jwt(token, secret, now=NOW)
    assert type(caught.value) is errors.TokenInvalid
    assert caught.value.error_code == 10017
    assert caught.value.http_status == 400
    assert caught.value.extra() == {"error": "invalid_grant"}


def test_tampered_payload_is_rejected() -> None:
    header_part, _, signature = access_token().split(".")
    forged = b64url_json({**CLAIMS, "sub": "http://localhost:8080/v1/accounts/someoneElse"})
    assert_signature_failure(f"{header_part}.{forged}.{signature}")


def test_tampered_signature_is_rejected() -> None:
    header_part, payload_part, signature = access_token().split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert_signature_failure(f"{header_part}.{payload_part}.{flipped}")
    assert_signature_failure(f"{header_part}.{payload_part}.")


def test_wrong_secret_is_rejected() -> None:
    assert_signature_failure(access_token(), secret=SECRET + "x")


def test_alg_none_is_rejected() -> None:
    header = b64url_json({"kid": KID, "alg": "none"})
    payload = b64url_json(CLAIMS)
    assert_signature_failure(f"{header}.{payload}.")
    # even when the HS256 signature is right
    assert_signature_failure(f"{header}.{payload}.{hs256(f'{header}.{payload}', SECRET)}")


def test_other_algorithms_are_rejected() -> None:
    header = b64url_json({"alg": "HS512"})
    payload = b64url_json(CLAIMS)
    assert_signature_failure(f"{header}.{payload}.{hs256(f'{header}.{payload}', SECRET)}")


@pytest.mark.parametrize("exp_offset", [0, -1, -0.25])
def test_expired_token(exp_offset: float) -> None:
    token = access_token(exp=NOW + exp_offset)
    with pytest.raises(errors.TokenExpired) as caught:
        tokens.verify_jwt(token, SECRET, now=NOW)
    assert caught.value.error_code == 10011
    assert caught.value.extra() == {"error": "invalid_grant"}


def test_signature_is_checked_before_expiry() -> None:
    assert_signature_failure(access_token(exp=NOW - 10), secret="other")


def test_fractional_iat_and_exp_accepted() -> None:
    token = tokens.encode_jwt(
        {"iat": NOW + 0.123, "exp": NOW + 30.5, "status": "AUTHENTICATED"}, SECRET
    )
    jwt = tokens.verify_jwt(token, SECRET, now=NOW)
    assert jwt.claims["iat"] == NOW + 0.123


def test_missing_exp_never_expires() -> None:
    token = tokens.encode_jwt({"sub": "x"}, SECRET)
    assert tokens.verify_jwt(token, SECRET, now=1e12).claims == {"sub": "x"}


@pytest.mark.parametrize("exp", ["9999999999", None, True, [1]])
def test_non_numeric_exp_is_invalid(exp: object) -> None:
    assert_signature_failure(access_token(exp=exp))


MALFORMED = {
    "one part": "abc",
    "two parts": "abc.def",
    "four parts": access_token() + ".extra",
    "empty": "",
    "bad base64 header": "!!!." + b64url_json(CLAIMS) + ".sig",
    "bad base64 payload": b64url_json({"alg": "HS256"}) + ".a*b.sig",
    "bad base64 signature": access_token() + "*",
    "impossible base64 length": b64url_json({"alg": "HS256"}) + ".abcde.sig",
    "JSON array payload": b64url_json({"alg": "HS256"}) + "." + b64url_json([1, 2]) + ".sig",
    "JSON string header": b64url_json("HS256") + "." + b64url_json(CLAIMS) + ".sig",
    "not JSON": b64url(b"{nope") + "." + b64url_json(CLAIMS) + ".sig",
    "not UTF-8": b64url(b"\xff\xfe") + "." + b64url_json(CLAIMS) + ".sig",
    "NaN constant": b64url_json({"alg": "HS256"}) + "." + b64url(b'{"exp":NaN}') + ".sig",
}


@pytest.mark.parametrize("token", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_tokens(token: str) -> None:
    with pytest.raises(errors.TokenInvalid) as caught:
        tokens.parse_jwt(token)
    assert type(caught.value) is errors.TokenInvalid
    assert caught.value.error_code == 10017
    assert_signature_failure(token)


# --- secret encryption -----------------------------------------------------------------

PASSWORD = "tenantApiKeySecret/with+base64=chars"
SALT_BYTES = bytes(range(16))
SALT = b64url(SALT_BYTES)  # 22 url-safe characters, no padding
PLAINTEXT = "bW9ja1NlY3JldFZhbHVlK0FiQ2RFZkdoSWpLbE1uT3A"


def independent_decrypt(blob_b64: str, password: str, salt: bytes, bits: int, rounds: int) -> str:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA1(), length=bits // 8, salt=salt, iterations=rounds)
    key = kdf.derive(password.encode("utf-8"))
    blob = base64.b64decode(blob_b64, validate=True)
    decryptor = Cipher(algorithms.AES(key), modes.CBC(blob[:16])).decryptor()
    padded = decryptor.update(blob[16:]) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")


def test_salt_is_22_urlsafe_characters() -> None:
    assert len(SALT) == 22
    assert "=" not in SALT


@pytest.mark.parametrize("bits", [128, 192, 256])
def test_encrypt_decrypt_round_trip(bits: int) -> None:
    blob = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, key_size=bits, iterations=1024)
    assert blob != PLAINTEXT
    back = tokens.decrypt_secret(blob, PASSWORD, salt=SALT, key_size=bits, iterations=1024)
    assert back == PLAINTEXT


@pytest.mark.parametrize("bits", [128, 192, 256])
@pytest.mark.parametrize("text", [PLAINTEXT, "", "x" * 16, "ünïcødé ✓"])
def test_encrypted_format_known_answer(bits: int, text: str) -> None:
    blob = tokens.encrypt_secret(text, PASSWORD, salt=SALT, key_size=bits, iterations=1024)
    raw = base64.b64decode(blob, validate=True)
    assert len(raw) % 16 == 0
    assert len(raw) >= 32
    assert independent_decrypt(blob, PASSWORD, SALT_BYTES, bits, 1024) == text


def test_given_iv_is_prefix_and_output_is_deterministic() -> None:
    iv = bytes(range(100, 116))
    first = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, key_size=256, iv=iv)
    second = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, key_size=256, iv=iv)
    assert first == second
    assert base64.b64decode(first)[:16] == iv
    assert independent_decrypt(first, PASSWORD, SALT_BYTES, 256, 1024) == PLAINTEXT


def test_random_iv_by_default() -> None:
    first = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT)
    second = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT)
    assert first != second


def test_iterations_are_used() -> None:
    iv = bytes(16)
    blob = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, key_size=192, iterations=7, iv=iv)
    assert independent_decrypt(blob, PASSWORD, SALT_BYTES, 192, 7) == PLAINTEXT
    other = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, key_size=192, iterations=8, iv=iv)
    assert other != blob


@pytest.mark.parametrize(
    "salt",
    [
        SALT,  # url-safe, unpadded (what the Node SDK sends)
        SALT + "==",  # padded
        base64.b64encode(SALT_BYTES).decode(),  # standard alphabet, padded
        base64.b64encode(SALT_BYTES).decode().rstrip("="),  # standard alphabet, unpadded
    ],
)
def test_salt_alphabets_and_padding(salt: str) -> None:
    blob = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=salt, key_size=256)
    assert independent_decrypt(blob, PASSWORD, SALT_BYTES, 256, 1024) == PLAINTEXT


def test_salt_with_both_alphabets_decodes_the_same() -> None:
    salt_bytes = bytes([0xFB, 0xFF, 0xBF] * 5 + [0xFE])  # encodes with '+' / '/' or '-' / '_'
    standard = base64.b64encode(salt_bytes).decode()
    assert "+" in standard and "/" in standard
    blob = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=standard)
    assert tokens.decrypt_secret(blob, PASSWORD, salt=b64url(salt_bytes)) == PLAINTEXT
    assert independent_decrypt(blob, PASSWORD, salt_bytes, 128, 1024) == PLAINTEXT


@pytest.mark.parametrize("bits", [0, 64, 127, 255, 512, True])
def test_bad_key_size(bits: int) -> None:
    with pytest.raises(errors.InvalidValue) as caught:
        tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, key_size=bits)
    assert caught.value.error_code == 2002
    with pytest.raises(errors.InvalidValue):
        tokens.decrypt_secret("AAAA", PASSWORD, salt=SALT, key_size=bits)


@pytest.mark.parametrize("rounds", [0, -1, 65537])
def test_bad_iterations(rounds: int) -> None:
    with pytest.raises(errors.InvalidValue):
        tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, iterations=rounds)


def test_iteration_bounds_are_inclusive() -> None:
    for rounds in (1, 65536):
        blob = tokens.encrypt_secret("s", PASSWORD, salt=SALT, iterations=rounds)
        assert tokens.decrypt_secret(blob, PASSWORD, salt=SALT, iterations=rounds) == "s"


@pytest.mark.parametrize("salt", ["", "=", "a", "a*b!", "abcde"])
def test_bad_salt(salt: str) -> None:
    with pytest.raises(errors.InvalidValue):
        tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=salt)


def test_bad_iv_length() -> None:
    with pytest.raises(ValueError):
        tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT, iv=b"short")


@pytest.mark.parametrize(
    "blob",
    [
        "not base64!",
        base64.b64encode(b"x" * 16).decode(),  # iv only
        base64.b64encode(b"x" * 40).decode(),  # not whole blocks
    ],
)
def test_decrypt_rejects_garbage(blob: str) -> None:
    with pytest.raises(errors.InvalidValue):
        tokens.decrypt_secret(blob, PASSWORD, salt=SALT)


def test_decrypt_with_wrong_password_fails_or_differs() -> None:
    blob = tokens.encrypt_secret(PLAINTEXT, PASSWORD, salt=SALT)
    try:
        result = tokens.decrypt_secret(blob, PASSWORD + "x", salt=SALT)
    except errors.InvalidValue:
        return
    assert result != PLAINTEXT


# --- durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT1H", timedelta(hours=1)),
        ("P60D", timedelta(days=60)),
        ("PT0M", timedelta(0)),
        ("PT0S", timedelta(0)),
        ("P0D", timedelta(0)),
        ("PT30M", timedelta(minutes=30)),
        ("PT5S", timedelta(seconds=5)),
        ("PT1S", timedelta(seconds=1)),
        ("PT1.5S", timedelta(seconds=1.5)),
        ("PT0,25S", timedelta(milliseconds=250)),
        ("PT0.000001S", timedelta(microseconds=1)),
        ("P1Y", timedelta(days=365)),
        ("P10Y", timedelta(days=3650)),
        ("P1M", timedelta(days=30)),
        ("P1W", timedelta(days=7)),
        ("P7D", timedelta(days=7)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        ("PT90M", timedelta(minutes=90)),
        ("P1Y2M3W4DT5H6M7.5S", timedelta(days=365 + 60 + 21 + 4, hours=5, minutes=6, seconds=7.5)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert tokens.parse_duration(text) == expected


def test_pt1h_is_3600_seconds() -> None:
    assert tokens.parse_duration("PT1H").total_seconds() == 3600


@pytest.mark.parametrize(
    "text",
    [
        "",
        "P",
        "PT",
        "P1DT",
        "1H",
        "PT1H ",
        " PT1H",
        "PT1H\n",
        "pt1h",
        "-PT1H",
        "PT-1H",
        "P1H",
        "PT1D",
        "PT1.5H",
        "P1.5D",
        "PT1S1M",
        "P1D1Y",
        "PT.5S",
        "PT1.S",
        "PT1E3S",
        "P١D",  # non-ASCII digit
        "P99999999999999999999D",
        "P" + "9" * 5000 + "D",
        "one hour",
        "3600",
    ],
)
def test_parse_duration_rejects_garbage(text: str) -> None:
    with pytest.raises(errors.InvalidValue) as caught:
        tokens.parse_duration(text)
    assert caught.value.error_code == 2002


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(hours=1), "PT1H"),
        (timedelta(days=60), "P60D"),
        (timedelta(minutes=30), "PT30M"),
        (timedelta(seconds=5), "PT5S"),
        (timedelta(0), "PT0S"),
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(seconds=1.5), "PT1.5S"),
        (timedelta(microseconds=1), "PT0.000001S"),
        (timedelta(days=3650), "P3650D"),
        (timedelta(days=2, hours=3, minutes=4, seconds=5), "P2DT3H4M5S"),
        (timedelta(hours=1, seconds=1), "PT1H1S"),
    ],
)
def test_format_duration(value: timedelta, text: str) -> None:
    assert tokens.format_duration(value) == text
    assert tokens.parse_duration(text) == value


@pytest.mark.parametrize(
    "text", ["PT1H", "P60D", "PT0M", "PT90M", "P1Y", "P1W", "P1DT2H", "PT1.5S", "PT0,5S"]
)
def test_format_parse_round_trip(text: str) -> None:
    value = tokens.parse_duration(text)
    canonical = tokens.format_duration(value)
    assert tokens.parse_duration(canonical) == value
    assert tokens.format_duration(tokens.parse_duration(canonical)) == canonical


def test_format_rejects_negative() -> None:
    with pytest.raises(ValueError):
        tokens.format_duration(timedelta(seconds=-1))


# --- ids ---------------------------------------------------------------------------------


def test_new_token_id() -> None:
    ids = {tokens.new_token_id() for _ in range(200)}
    assert len(ids) == 200
    alphabet = set(string.ascii_letters + string.digits)
    assert all(len(value) == 22 and set(value) <= alphabet for value in ids)
