"""Password hashing, verification and MCF import (stormpath-api.md §6.10)."""

from __future__ import annotations

import base64
import hashlib

import bcrypt
import pytest

from mockpath import errors
from mockpath.domain.passwords import PasswordHasher, Scheme

SCHEMES: tuple[Scheme, ...] = ("bcrypt", "fast")


@pytest.fixture(scope="module")
def hashers() -> dict[str, PasswordHasher]:
    return {scheme: PasswordHasher(scheme) for scheme in SCHEMES}


PASSWORDS = [
    pytest.param("Secret123", id="ascii"),
    pytest.param("Pässwörd ünd Spaß 1", id="latin1"),
    pytest.param("пароль-密码-🔑", id="multibyte"),
    pytest.param("", id="empty"),
    pytest.param("Aa1" + "x" * 97, id="100-chars"),
    pytest.param("é" * 100, id="100-two-byte-chars"),
]


# --- own hashes ---------------------------------------------------------------


@pytest.mark.parametrize("password", PASSWORDS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_hash_then_verify(hashers: dict[str, PasswordHasher], scheme: str, password: str) -> None:
    hasher = hashers[scheme]
    stored = hasher.hash(password)
    assert hasher.verify(password, stored)
    assert not hasher.verify("!" + password, stored)


@pytest.mark.parametrize(
    ("scheme", "prefix"),
    [
        pytest.param("bcrypt", "$2b$10$", id="bcrypt-cost-10"),
        pytest.param("fast", "$pbkdf2-sha256$", id="fast-pbkdf2"),
    ],
)
def test_hash_format_and_salt(hashers: dict[str, PasswordHasher], scheme: str, prefix: str) -> None:
    first = hashers[scheme].hash("Secret123")
    second = hashers[scheme].hash("Secret123")
    assert first.startswith(prefix)
    assert first != second  # salted


@pytest.mark.parametrize(
    ("made_by", "checked_by"),
    [
        pytest.param("bcrypt", "fast", id="bcrypt-hash-fast-hasher"),
        pytest.param("fast", "bcrypt", id="fast-hash-bcrypt-hasher"),
        pytest.param("bcrypt", "bcrypt", id="bcrypt-both"),
        pytest.param("fast", "fast", id="fast-both"),
    ],
)
def test_hash_verifies_with_either_hasher(
    hashers: dict[str, PasswordHasher], made_by: str, checked_by: str
) -> None:
    long_password = "Aa1" + "y" * 97
    for password in ("Secret123", long_password):
        stored = hashers[made_by].hash(password)
        assert hashers[checked_by].verify(password, stored)
        assert not hashers[checked_by].verify("Secret124", stored)


@pytest.mark.parametrize(
    "wrong",
    [
        pytest.param("secret123", id="case"),
        pytest.param("Secret12", id="prefix"),
        pytest.param("Secret1234", id="suffix"),
        pytest.param("", id="empty"),
        pytest.param(" Secret123", id="leading-space"),
    ],
)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_wrong_password_fails(hashers: dict[str, PasswordHasher], scheme: str, wrong: str) -> None:
    stored = hashers[scheme].hash("Secret123")
    assert not hashers[scheme].verify(wrong, stored)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_verify_without_hash_is_false(hashers: dict[str, PasswordHasher], scheme: str) -> None:
    assert hashers[scheme].verify("Secret123", None) is False
    assert hashers[scheme].verify("", None) is False


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param("", id="empty"),
        pytest.param("plaintext", id="plain"),
        pytest.param("$2b$10$short", id="truncated-bcrypt"),
        pytest.param("$stormpath2$MD5$1$c2FsdA==$bm90LWEtaGFzaA==", id="bad-stormpath2"),
    ],
)
def test_unrecognised_stored_hash_is_false(hashers: dict[str, PasswordHasher], stored: str) -> None:
    assert hashers["fast"].verify("Secret123", stored) is False


@pytest.mark.parametrize("scheme", SCHEMES)
def test_unknown_account_runs_a_real_check_against_one_dummy_hash(
    monkeypatch: pytest.MonkeyPatch, scheme: Scheme
) -> None:
    hasher = PasswordHasher(scheme)
    context = hasher._context
    made: list[str] = []
    checked: list[str] = []
    real_hash, real_verify = context.hash, context.verify

    def spy_hash(secret: bytes) -> str:
        result = str(real_hash(secret))
        made.append(result)
        return result

    def spy_verify(secret: bytes, stored: str) -> bool:
        checked.append(stored)
        return bool(real_verify(secret, stored))

    monkeypatch.setattr(context, "hash", spy_hash)
    monkeypatch.setattr(context, "verify", spy_verify)

    assert hasher.verify("Secret123", None) is False
    assert hasher.verify("dummy password for unknown accounts", None) is False
    assert hasher.verify("Secret123", "not a hash") is False

    assert len(made) == 1  # the dummy hash is made once, on first use
    assert checked == made * 3  # and every miss runs a full check against it
    assert context.identify(made[0]) == hasher._default  # at this hasher's cost


def test_bcrypt_reads_only_the_first_72_bytes(hashers: dict[str, PasswordHasher]) -> None:
    head = "Aa1" + "z" * 69
    stored = hashers["bcrypt"].hash(head + "tail-one")
    assert hashers["bcrypt"].verify(head + "tail-two", stored)  # as every bcrypt does
    assert not hashers["bcrypt"].verify(head[:-1], stored)
    fast = hashers["fast"].hash(head + "tail-one")
    assert not hashers["fast"].verify(head + "tail-two", fast)  # pbkdf2 reads it all


def test_multibyte_character_across_the_72_byte_limit(hashers: dict[str, PasswordHasher]) -> None:
    password = "a" * 71 + "é"  # the two-byte "é" is cut in half
    stored = hashers["bcrypt"].hash(password)
    assert hashers["bcrypt"].verify(password, stored)
    assert hashers["fast"].verify(password, stored)


def test_nul_character(hashers: dict[str, PasswordHasher]) -> None:
    # bcrypt cannot take a NUL byte: hashing says so, verifying is simply False.
    with pytest.raises(errors.InvalidValue):
        hashers["bcrypt"].hash("Secret\x00123")
    assert not hashers["bcrypt"].verify("Secret\x00123", hashers["bcrypt"].hash("Secret123"))
    stored = hashers["fast"].hash("Secret\x00123")
    assert hashers["bcrypt"].verify("Secret\x00123", stored)
    assert not hashers["bcrypt"].verify("Secret", stored)


def test_matches_any(hashers: dict[str, PasswordHasher]) -> None:
    history = [
        hashers["fast"].hash("First111"),
        hashers["bcrypt"].hash("Second222"),
        stormpath2("SHA-256", 3, b"salt", "Third333"),
    ]
    hasher = hashers["fast"]
    for used in ("First111", "Second222", "Third333"):
        assert hasher.matches_any(used, history)
    assert not hasher.matches_any("Fourth444", history)
    assert not hasher.matches_any("First111", [])


# --- bcrypt import ------------------------------------------------------------


def real_bcrypt(password: str, rounds: int = 4) -> str:
    """A hash made by the bcrypt package itself ($2b$)."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode("ascii")


@pytest.mark.parametrize("ident", ["2b", "2a", "2y"])
@pytest.mark.parametrize(
    "password",
    [
        pytest.param("Secret123", id="ascii"),
        pytest.param("Pässwörd1", id="latin1"),
    ],
)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_import_real_bcrypt(
    hashers: dict[str, PasswordHasher], scheme: str, password: str, ident: str
) -> None:
    made = real_bcrypt(password)
    assert made.startswith("$2b$04$")
    value = f"${ident}${made[4:]}"
    hasher = hashers[scheme]
    stored = hasher.import_mcf(value)
    assert stored == value
    assert hasher.verify(password, stored)
    assert not hasher.verify(password.lower(), stored)


def test_import_bcrypt_of_a_long_password(hashers: dict[str, PasswordHasher]) -> None:
    password = "Aa1" + "w" * 97
    # bcrypt 5 refuses secrets over 72 bytes; older libraries used just those 72.
    made = bcrypt.hashpw(password.encode()[:72], bcrypt.gensalt(rounds=4)).decode("ascii")
    stored = hashers["fast"].import_mcf(made)
    assert hashers["fast"].verify(password, stored)
    assert hashers["bcrypt"].verify(password, stored)


# --- $stormpath2$ import --------------------------------------------------------


def stormpath2(algorithm: str, iterations: int, salt: bytes, password: str) -> str:
    """An independent implementation of the $stormpath2$ hash."""
    name = algorithm.replace("-", "").lower()
    digest = hashlib.new(name, salt + password.encode("utf-8")).digest()
    for _ in range(iterations - 1):
        digest = hashlib.new(name, digest).digest()
    encode = base64.b64encode
    return (
        f"$stormpath2${algorithm}${iterations}$"
        f"{encode(salt).decode('ascii')}${encode(digest).decode('ascii')}"
    )


@pytest.mark.parametrize(
    ("algorithm", "iterations"),
    [
        pytest.param("SHA-512", 1024, id="sha512-1024"),
        pytest.param("SHA-512", 1, id="sha512-1"),
        pytest.param("SHA-256", 1024, id="sha256-1024"),
        pytest.param("SHA-1", 7, id="sha1-7"),
        pytest.param("MD5", 1, id="md5-1"),
        pytest.param("MD5", 100, id="md5-100"),
        pytest.param("SHA512", 2, id="spelling-SHA512"),
        pytest.param("SHA256", 2, id="spelling-SHA256"),
        pytest.param("SHA1", 2, id="spelling-SHA1"),
        pytest.param("sha-512", 2, id="lower-case"),
        pytest.param("Md5", 2, id="mixed-case"),
    ],
)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_import_stormpath2(
    hashers: dict[str, PasswordHasher], scheme: str, algorithm: str, iterations: int
) -> None:
    value = stormpath2(algorithm, iterations, b"\x00pepper-and-salt\xff", "Secret123")
    hasher = hashers[scheme]
    stored = hasher.import_mcf(value)
    assert hasher.verify("Secret123", stored)
    assert not hasher.verify("Secret124", stored)
    assert not hasher.verify("", stored)


def test_stormpath2_unpadded_base64(hashers: dict[str, PasswordHasher]) -> None:
    value = stormpath2("MD5", 3, b"salt!", "Secret123").replace("=", "")
    assert hashers["fast"].verify("Secret123", hashers["fast"].import_mcf(value))


def test_stormpath2_unicode_password(hashers: dict[str, PasswordHasher]) -> None:
    value = stormpath2("SHA-256", 5, b"s", "Pässwörd-密码")
    assert hashers["bcrypt"].verify("Pässwörd-密码", hashers["bcrypt"].import_mcf(value))


# --- rejected MCF values ----------------------------------------------------------

GOOD_BCRYPT = "$2b$10$" + "N9qo8uLOickgx2ZMRZoMye" + "IjZAgcfl7p92ldGxad68LJZdL17lhWy"

JUNK_MCF = [
    pytest.param("Secret123", id="plain-password"),
    pytest.param("", id="empty"),
    pytest.param("$2b$", id="ident-only"),
    pytest.param(GOOD_BCRYPT[:-1], id="bcrypt-52-chars"),
    pytest.param(GOOD_BCRYPT + "e", id="bcrypt-54-chars"),
    pytest.param(GOOD_BCRYPT.replace("$10$", "$03$"), id="bcrypt-cost-03"),
    pytest.param(GOOD_BCRYPT.replace("$10$", "$32$"), id="bcrypt-cost-32"),
    pytest.param(GOOD_BCRYPT.replace("$10$", "$4$"), id="bcrypt-cost-one-digit"),
    pytest.param(GOOD_BCRYPT.replace("$2b$", "$2x$"), id="bcrypt-2x"),
    pytest.param(GOOD_BCRYPT.replace("$2b$", "$2$"), id="bcrypt-2"),
    pytest.param(GOOD_BCRYPT[:-1] + "!", id="bcrypt-bad-character"),
    pytest.param(GOOD_BCRYPT[:28] + "P" + GOOD_BCRYPT[29:], id="bcrypt-salt-padding-bits"),
    pytest.param(GOOD_BCRYPT[:-1] + "z", id="bcrypt-checksum-padding-bits"),
    pytest.param(GOOD_BCRYPT + "\n", id="bcrypt-trailing-newline"),
    pytest.param(" " + GOOD_BCRYPT, id="bcrypt-leading-space"),
    pytest.param(
        "$pbkdf2-sha256$29000$N2YuxXjvPUeobnJvLXmGUA$mZ1ySCGUb2q8bhb.tvNYmWxDOjHDxN.0.7yQ1gy.cjk",
        id="pbkdf2",
    ),
    pytest.param("$1$saltsalt$qjXMvbEw8oaL.CzflDugX/", id="md5-crypt"),
    pytest.param("$stormpath1$c2FsdA==$aGFzaA==", id="stormpath1"),
    pytest.param("$stormpath2$SHA-384$1$c2FsdA==$" + "A" * 64, id="stormpath2-sha384"),
    pytest.param("$stormpath2$$1$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-no-algorithm"),
    pytest.param("$stormpath2$MD5$0$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-0-rounds"),
    pytest.param("$stormpath2$MD5$-1$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-negative"),
    pytest.param("$stormpath2$MD5$x$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-nan"),
    pytest.param(
        "$stormpath2$MD5$²$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-unicode-digit"
    ),
    pytest.param(
        "$stormpath2$MD5$1000001$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-too-many"
    ),
    pytest.param("$stormpath2$MD5$1$c2F*dA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-bad-salt"),
    pytest.param("$stormpath2$MD5$1$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCf", id="stormpath2-bad-base64"),
    pytest.param("$stormpath2$MD5$1$c2FsdA==$c2hvcnQ=", id="stormpath2-short-digest"),
    pytest.param(
        "$stormpath2$SHA-512$1$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-md5-len"
    ),
    pytest.param("$stormpath2$MD5$1$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-missing-part"),
    pytest.param(
        "$stormpath2$MD5$1$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==$", id="stormpath2-extra-part"
    ),
    pytest.param("stormpath2$MD5$1$c2FsdA==$1B2M2Y8AsgTpgAmY7PhCfg==", id="stormpath2-no-dollar"),
]


@pytest.mark.parametrize("value", JUNK_MCF)
def test_junk_mcf_rejected(hashers: dict[str, PasswordHasher], value: str) -> None:
    with pytest.raises(errors.InvalidValue) as caught:
        hashers["fast"].import_mcf(value)
    error = caught.value
    assert (error.http_status, error.error_code) == (400, 2002)
    assert "not a supported Modular Crypt Format (MCF) hash" in error.user_text


def test_good_values_of_the_junk_table_are_accepted(hashers: dict[str, PasswordHasher]) -> None:
    # The junk table is built from these; make sure it is the change that is rejected.
    assert hashers["fast"].import_mcf(GOOD_BCRYPT) == GOOD_BCRYPT
    md5_of_salt = "$stormpath2$MD5$1$c2FsdA==$" + base64.b64encode(
        hashlib.md5(b"salt").digest()
    ).decode("ascii")
    assert hashers["fast"].import_mcf(md5_of_salt) == md5_of_salt
    assert hashers["fast"].verify("", md5_of_salt)
