"""Pure mail rules: the SMTP URL, retry backoff, final failures, and the shape of account-link tokens."""
from __future__ import annotations

import pytest

from govlab.domain import mail
from govlab.domain.errors import ValidationError

GOOD_TOKEN = "A" * 16 + "." + "b" * 43


def test_smtp_urls_give_host_port_tls_and_decoded_credentials():
    plain = mail.parse_smtp_url("smtp://user%40lab:p%3Ass@mail.example.org:587")
    assert (plain.host, plain.port, plain.implicit_tls, plain.username, plain.password) == \
        ("mail.example.org", 587, False, "user@lab", "p:ss")
    assert mail.parse_smtp_url("smtp://relay.internal").port == 587
    tls = mail.parse_smtp_url("smtps://mail.example.org")
    assert tls.implicit_tls and tls.port == 465 and tls.username is None
    assert mail.parse_smtp_url("smtp://localhost:25").is_loopback
    assert mail.parse_smtp_url(None) is None and mail.parse_smtp_url("") is None


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "smtp://host:notaport", "smtp://host:99999",
                                 "smtp://ho\x00st", "smtp://host\n:25", 25, ["smtp://host"]])
def test_bad_smtp_urls_are_refused(url):
    with pytest.raises(ValidationError):
        mail.parse_smtp_url(url)


def test_retry_waits_double_up_to_the_cap_with_bounded_jitter():
    waits = [mail.retry_delay(attempt, 30.0, jitter=0.5) for attempt in range(1, 12)]
    assert waits[:4] == [30.0, 60.0, 120.0, 240.0]
    assert max(waits) == mail.RETRY_CAP and waits == sorted(waits)
    assert mail.retry_delay(1, 30.0, jitter=0.0) == 22.5 and mail.retry_delay(1, 30.0, jitter=1.0) == 37.5
    assert mail.retry_delay(10_000, 30.0) == mail.RETRY_CAP  # no overflow past 64 bits
    assert mail.retry_delay(0, 30.0) == 30.0


def test_five_hundreds_are_final_and_the_rest_are_retried():
    assert mail.is_permanent(550) and mail.is_permanent(553)
    assert not mail.is_permanent(421) and not mail.is_permanent(451) and not mail.is_permanent(None)
    assert not mail.gives_up(11) and mail.gives_up(12)


def test_errors_are_kept_on_one_short_line():
    assert mail.short_error("a\n  b\tc") == "a b c"
    long = mail.short_error("x" * 10_000)
    assert len(long) == mail.ERROR_MAX and long.endswith("…")


def test_a_well_formed_token_splits_into_selector_and_verifier():
    assert mail.split_token(GOOD_TOKEN) == ("A" * 16, "b" * 43)


@pytest.mark.parametrize("token", [
    "", None, 42, b"A" * 60, GOOD_TOKEN[:-1], GOOD_TOKEN + "x", GOOD_TOKEN.replace(".", "-"),
    "A" * 15 + "²" + "." + "b" * 43,  # a Unicode digit
    "A" * 15 + "\x00" + "." + "b" * 43,  # NUL
    "A" * 16 + "." + "b" * 42 + "=", "A" * 16 + "." + "b" * 42 + "/", "Ａ" * 16 + "." + "b" * 43,  # full-width
    "A" * 10 + "." + "b" * 49, GOOD_TOKEN * 100,
])
def test_anything_else_is_not_a_token(token):
    assert mail.split_token(token) is None


def test_a_refused_link_says_why():
    for reason in ("invalid", "used", "expired"):
        error = mail.LinkRefused(reason)
        assert error.reason == reason and error.code == "invalid_link" and error.message
