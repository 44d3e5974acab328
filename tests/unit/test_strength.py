"""Password strength rules (stormpath-api.md §6.7) and their order (§4.3)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from mockpath import errors
from mockpath.domain.strength import (
    DEFAULT_STRENGTH,
    check_strength,
    merged_strength,
    validate_strength_update,
)

TOO_SHORT = "Account password minimum length not satisfied."
TOO_LONG = "Account password maximum length exceeded."

# Symbols exactly as §6.7 lists them (space, ASCII punctuation, Latin-1 signs).
SPEC_SYMBOLS = " " + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{}~|" + "¡¦§©«¬®±µ¶·»½¿×÷"
NO_CLASSES = {"minLowerCase": 0, "minUpperCase": 0, "minNumeric": 0, "minLength": 1}


def test_defaults() -> None:
    assert dict(DEFAULT_STRENGTH) == {
        "minLength": 8,
        "maxLength": 100,
        "minLowerCase": 1,
        "minUpperCase": 1,
        "minNumeric": 1,
        "minSymbol": 0,
        "minDiacritic": 0,
        "preventReuse": 0,
    }


@pytest.mark.parametrize(
    "password",
    [
        pytest.param("Secret12", id="exactly-8"),
        pytest.param("Aa1" + "x" * 97, id="exactly-100"),
        pytest.param("Pässwörd1", id="with-diacritics"),
        pytest.param("Correct Horse 1", id="with-space"),
    ],
)
def test_default_policy_accepts(password: str) -> None:
    check_strength(password, DEFAULT_STRENGTH)
    check_strength(password, {})


REJECTIONS = [
    # §4.3 order: length before character classes.
    pytest.param("abc", {}, errors.PasswordTooShort, 400, 2007, TOO_SHORT, id="abc-short-first"),
    pytest.param("Ab1", {}, errors.PasswordTooShort, 400, 2007, TOO_SHORT, id="short"),
    pytest.param("", {}, errors.PasswordTooShort, 400, 2007, TOO_SHORT, id="empty"),
    pytest.param("Secret1", {}, errors.PasswordTooShort, 400, 2007, TOO_SHORT, id="7-of-8"),
    pytest.param(
        "abcdefghijkl",
        {},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 uppercase character.",
        id="abcdefghijkl-uppercase",
    ),
    pytest.param(
        "x" * 101, {}, errors.PasswordTooLong, 400, 2008, TOO_LONG, id="101-long-before-classes"
    ),
    pytest.param(
        "Secret123", {"maxLength": 8}, errors.PasswordTooLong, 400, 2008, TOO_LONG, id="max-8"
    ),
    pytest.param(
        "Secret1",
        {"minLength": 10, "maxLength": 5},
        errors.PasswordTooShort,
        400,
        2007,
        TOO_SHORT,
        id="short-before-long",
    ),
    # Character classes: lower case, upper case, numeric, symbol, diacritic.
    pytest.param(
        "ABCDEFGH",
        {},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 lowercase character.",
        id="lowercase-before-uppercase",
    ),
    pytest.param(
        "Abcdefgh",
        {},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 numeric character.",
        id="numeric",
    ),
    pytest.param(
        "Abcdefg1",
        {"minSymbol": 1},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 symbol character.",
        id="symbol",
    ),
    pytest.param(
        "Abcdefg1!",
        {"minSymbol": 1, "minDiacritic": 1},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 diacritic character.",
        id="diacritic",
    ),
    pytest.param(
        "12345678",
        {"minSymbol": 1, "minDiacritic": 1},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 lowercase character.",
        id="all-missing-lowercase-first",
    ),
    pytest.param(
        "abcdefg1!é",
        {"minSymbol": 1, "minDiacritic": 1},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 1 uppercase character.",
        id="only-uppercase-missing",
    ),
    # Plural for counts above one.
    pytest.param(
        "Abcdefg1",
        {"minUpperCase": 2},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 2 uppercase characters.",
        id="plural-uppercase",
    ),
    pytest.param(
        "ABCDEFGa1",
        {"minLowerCase": 3},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 3 lowercase characters.",
        id="plural-lowercase",
    ),
    pytest.param(
        "Abcdefg12",
        {"minNumeric": 3},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 3 numeric characters.",
        id="plural-numeric",
    ),
    pytest.param(
        "Abcdefg1 !",
        {"minSymbol": 3},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 3 symbol characters.",
        id="plural-symbol",
    ),
    pytest.param(
        "Abcdefg1é",
        {"minDiacritic": 2},
        errors.PasswordCharacterClass,
        400,
        400,
        "Password requires at least 2 diacritic characters.",
        id="plural-diacritic",
    ),
]


@pytest.mark.parametrize(
    ("password", "strength", "error_class", "status", "code", "message"), REJECTIONS
)
def test_rejections(
    password: str,
    strength: Mapping[str, int],
    error_class: type[errors.StormpathError],
    status: int,
    code: int,
    message: str,
) -> None:
    with pytest.raises(error_class) as caught:
        check_strength(password, strength)
    error = caught.value
    assert type(error) is error_class
    assert (error.http_status, error.error_code) == (status, code)
    assert error.user_text == message
    assert error.developer_text == message


def test_length_counts_characters_not_bytes() -> None:
    check_strength("é" * 8, {**NO_CLASSES, "minLength": 8, "maxLength": 8})
    with pytest.raises(errors.PasswordTooShort):
        check_strength("é" * 7, {**NO_CLASSES, "minLength": 8})


def test_zero_requirements_accept_anything_long_enough() -> None:
    check_strength("?", {**NO_CLASSES, "minSymbol": 0, "minDiacritic": 0})


@pytest.mark.parametrize("char", list(SPEC_SYMBOLS), ids=lambda c: f"U+{ord(c):04X}")
def test_symbols_count(char: str) -> None:
    check_strength(char, {**NO_CLASSES, "minSymbol": 1})


@pytest.mark.parametrize(
    "char",
    ["a", "Z", "5", "é", "ß", "\u00a0", "¢", "£", "°", "€", "—", "\t", "ı"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_not_symbols(char: str) -> None:
    with pytest.raises(errors.PasswordCharacterClass):
        check_strength(char, {**NO_CLASSES, "minSymbol": 1})


@pytest.mark.parametrize(
    "char",
    ["À", "Æ", "Ç", "Ð", "Ö", "Ø", "Þ", "ß", "à", "é", "ö", "ø", "ÿ"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_diacritics_count(char: str) -> None:
    check_strength(char, {**NO_CLASSES, "minDiacritic": 1})


@pytest.mark.parametrize(
    "char",
    ["×", "÷", "¿", "µ", "e", "E", "Ā", "ł", "\u0301"],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_not_diacritics(char: str) -> None:
    with pytest.raises(errors.PasswordCharacterClass):
        check_strength(char, {**NO_CLASSES, "minDiacritic": 1})


@pytest.mark.parametrize(
    ("key", "char"),
    [
        pytest.param("minLowerCase", "é", id="diacritic-not-lowercase"),
        pytest.param("minUpperCase", "É", id="diacritic-not-uppercase"),
        pytest.param("minNumeric", "٣", id="arabic-digit-not-numeric"),
        pytest.param("minNumeric", "²", id="superscript-not-numeric"),
    ],
)
def test_classes_are_ascii_only(key: str, char: str) -> None:
    with pytest.raises(errors.PasswordCharacterClass):
        check_strength(char, {**NO_CLASSES, key: 1})


def test_counts_across_the_whole_password() -> None:
    strength = {
        "minLength": 1,
        "minLowerCase": 2,
        "minUpperCase": 2,
        "minNumeric": 2,
        "minSymbol": 2,
        "minDiacritic": 2,
    }
    check_strength("a1Bé!b2C ü", strength)
    with pytest.raises(errors.PasswordCharacterClass):
        check_strength("a1Bé!b2C u", strength)


# --- updates of the strength resource -------------------------------------------


def test_update_keeps_known_keys_only() -> None:
    body: dict[str, object] = {
        "href": "http://localhost:8080/v1/passwordPolicies/x/strength",
        "minLength": 10,
        "maxLength": 255,
        "minLowerCase": 0,
        "minUpperCase": 255,
        "minNumeric": 2,
        "minSymbol": 1,
        "minDiacritic": 0,
        "preventReuse": 25,
        "createdAt": "2016-11-29T12:00:00.000Z",
        "somethingElse": True,
    }
    assert validate_strength_update(body) == {
        "minLength": 10,
        "maxLength": 255,
        "minLowerCase": 0,
        "minUpperCase": 255,
        "minNumeric": 2,
        "minSymbol": 1,
        "minDiacritic": 0,
        "preventReuse": 25,
    }
    assert validate_strength_update({"minLength": 1}) == {"minLength": 1}
    assert validate_strength_update({"bogus": "x"}) == {}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        pytest.param("minLength", 0, id="minLength-0"),
        pytest.param("minLength", 256, id="minLength-256"),
        pytest.param("maxLength", 0, id="maxLength-0"),
        pytest.param("maxLength", 256, id="maxLength-256"),
        pytest.param("minLowerCase", -1, id="minLowerCase-negative"),
        pytest.param("minUpperCase", 256, id="minUpperCase-256"),
        pytest.param("minNumeric", -1, id="minNumeric-negative"),
        pytest.param("minSymbol", 1000, id="minSymbol-1000"),
        pytest.param("minDiacritic", -5, id="minDiacritic-negative"),
        pytest.param("preventReuse", 26, id="preventReuse-26"),
        pytest.param("preventReuse", -1, id="preventReuse-negative"),
        pytest.param("minLength", True, id="bool-true"),
        pytest.param("minSymbol", False, id="bool-false"),
        pytest.param("minLength", "8", id="string"),
        pytest.param("minLength", 8.0, id="float"),
        pytest.param("maxLength", None, id="null"),
        pytest.param("minNumeric", [1], id="list"),
    ],
)
def test_update_rejects(key: str, value: object) -> None:
    with pytest.raises(errors.InvalidValue) as caught:
        validate_strength_update({"minLength": 8, key: value})
    error = caught.value
    assert (error.http_status, error.error_code) == (400, 2002)
    assert key in error.user_text
    assert key in error.developer_text


@pytest.mark.parametrize(
    ("current", "changes", "expected"),
    [
        pytest.param({}, {}, dict(DEFAULT_STRENGTH), id="defaults"),
        pytest.param(
            {**DEFAULT_STRENGTH, "minSymbol": 2},
            {"minLength": 12},
            {**DEFAULT_STRENGTH, "minSymbol": 2, "minLength": 12},
            id="keeps-current",
        ),
        pytest.param(
            DEFAULT_STRENGTH,
            {"minLength": 20, "maxLength": 20},
            {**DEFAULT_STRENGTH, "minLength": 20, "maxLength": 20},
            id="equal-lengths",
        ),
        pytest.param(
            {"maxLength": 50},
            {"preventReuse": 5},
            {**DEFAULT_STRENGTH, "maxLength": 50, "preventReuse": 5},
            id="gaps-from-defaults",
        ),
    ],
)
def test_merged_strength(
    current: Mapping[str, int], changes: Mapping[str, int], expected: dict[str, int]
) -> None:
    assert merged_strength(current, changes) == expected


@pytest.mark.parametrize(
    ("current", "changes"),
    [
        pytest.param(DEFAULT_STRENGTH, {"minLength": 101}, id="min-above-current-max"),
        pytest.param(DEFAULT_STRENGTH, {"maxLength": 7}, id="max-below-current-min"),
        pytest.param({}, {"minLength": 30, "maxLength": 20}, id="both-changed"),
    ],
)
def test_merged_strength_rejects_min_above_max(
    current: Mapping[str, int], changes: Mapping[str, int]
) -> None:
    with pytest.raises(errors.InvalidValue) as caught:
        merged_strength(current, changes)
    assert caught.value.error_code == 2002
    assert "minLength" in caught.value.user_text
