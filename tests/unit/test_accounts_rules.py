"""Account and organisation rules."""
import pytest

from govlab.domain import accounts
from govlab.domain.errors import ValidationError


def test_email_normalised():
    assert accounts.clean_email("  Somsri@Example.ORG ") == "somsri@example.org"


@pytest.mark.parametrize("bad", ["", "no-at", "a@b", "a b@c.d", None, 42])
def test_bad_email(bad):
    with pytest.raises(ValidationError):
        accounts.clean_email(bad)


def test_password_length():
    assert accounts.clean_password("pla-kapong 7 ways") == "pla-kapong 7 ways"
    for bad in ["1234567", "", None, "x" * 257]:
        with pytest.raises(ValidationError):
            accounts.clean_password(bad)


@pytest.mark.parametrize("bad", ["12345678", " " * 8, "\t \t \t \t", "password1", "qwertyuiop", "abcdefgh"])
def test_blank_and_common_passwords_are_refused(bad):
    with pytest.raises(ValidationError) as caught:
        accounts.clean_password(bad)
    assert caught.value.field == "password"


def test_a_password_made_of_ones_own_name_is_refused():
    accounts.clean_password("somchai.jaidee")
    with pytest.raises(ValidationError):
        accounts.clean_password("somchai.jaidee", hints=("somchai.jaidee@example.org", "somchai.jaidee"))


def test_thai_passphrases_pass():
    assert accounts.clean_password("ข้าวเหนียวมะม่วง") == "ข้าวเหนียวมะม่วง"


@pytest.mark.parametrize("bad", ["So\x00msri", "Somsri\nJaidee", "\ud800x", "bell\x07"])
def test_names_refuse_control_characters(bad):
    with pytest.raises(ValidationError):
        accounts.clean_name(bad)


def test_government_needs_a_level_others_have_none():
    assert accounts.clean_sector("government", "local") == ("government", "local")
    assert accounts.clean_sector("private", "local") == ("private", None)
    with pytest.raises(ValidationError):
        accounts.clean_sector("government", None)
    with pytest.raises(ValidationError):
        accounts.clean_sector("church", None)


def test_locale():
    assert accounts.clean_locale("th", ("th", "en")) == "th"
    assert accounts.clean_locale("", ("th", "en")) is None
    with pytest.raises(ValidationError):
        accounts.clean_locale("fr", ("th", "en"))


def test_buddhist_year():
    from govlab.i18n import buddhist_year

    assert buddhist_year(2026) == 2569
