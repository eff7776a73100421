"""Pure rules of verified affiliations: domains, matching addresses, refusals."""
import pytest

from govlab.domain import affiliations as rules
from govlab.domain.errors import ValidationError


@pytest.mark.parametrize("raw,clean", [("dga.or.th", "dga.or.th"), ("@DGA.or.th", "dga.or.th"),
                                       (" opdc.go.th. ", "opdc.go.th"), ("กระทรวง.ไทย", "xn--12cm1c6bby4d.xn--o3cw4h")])
def test_domains_are_normalised(raw, clean):
    assert rules.clean_domain(raw) == clean


@pytest.mark.parametrize("raw", ["localhost", "th", "*.go.th", "dga..or.th", "-dga.or.th", "10.0.0.1", "a b.th",
                                 "dga.or.th\x00", "x" * 254 + ".th", "", 42, None, "user@dga.or.th"])
def test_odd_domains_are_refused(raw):
    with pytest.raises(ValidationError) as refused:
        rules.clean_domain(raw)
    assert refused.value.field == "domain"


@pytest.mark.parametrize("raw", ["gmail.com", "Hotmail.co.th", "yahoo.co.th", "outlook.com"])
def test_free_mail_providers_cannot_verify_anyone(raw):
    with pytest.raises(ValidationError, match="Anyone can get an address"):
        rules.clean_domain(raw)


def test_addresses_match_their_domain_and_its_subdomains_only():
    assert rules.domain_matches("somsri@dga.or.th", ["dga.or.th"])
    assert rules.domain_matches("somsri@mail.DGA.or.th", {"dga.or.th"})
    assert not rules.domain_matches("somsri@evil-dga.or.th", ["dga.or.th"])
    assert not rules.domain_matches("somsri@dga.or.th.evil.com", ["dga.or.th"])
    assert not rules.domain_matches("dga.or.th@gmail.com", ["dga.or.th"])


def test_a_refusal_names_a_reason_and_other_needs_a_note():
    assert rules.check_refusal("not_a_member", "") == "not_a_member"
    with pytest.raises(ValidationError, match="reason"):
        rules.check_refusal("because", "")
    with pytest.raises(ValidationError) as refused:
        rules.check_refusal("other", "  ")
    assert refused.value.field == "note"
    assert rules.check_refusal("other", "Left the office in 2024") == "other"
