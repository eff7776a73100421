"""Pure rules for e-mail: the SMTP URL, retry backoff, which failures are final, and account-link tokens."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .errors import N_, ValidationError

MAX_ATTEMPTS = 12  # with a 30 s base doubling up to an hour: about 6 hours of tries
RETRY_CAP = 3600.0  # seconds: no wait between tries is longer
ERROR_MAX = 500  # characters of the last error kept on a mail
SMTP_PORTS = {"smtp": 587, "smtps": 465}
LOOPBACK = ("localhost", "127.0.0.1", "::1")

# Account links: "<selector>.<verifier>", both URL-safe base64 (16 and 43 characters).
SELECTOR_LENGTH = 16
VERIFIER_LENGTH = 43
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{%d}\.[A-Za-z0-9_-]{%d}" % (SELECTOR_LENGTH, VERIFIER_LENGTH))
CONFIRM_HOURS = 48
RESET_HOURS = 1
CLAIM_HOURS = 48  # a citizen links the contributions they sent before having an account
PURPOSES = ("confirm", "reset", "claim")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to deliver: implicit TLS (smtps) or STARTTLS when offered (smtp)."""

    host: str
    port: int
    implicit_tls: bool
    username: str | None
    password: str | None

    @property
    def is_loopback(self) -> bool:
        """True for a relay on this machine (credentials may then travel without TLS)."""
        return self.host in LOOPBACK


def parse_smtp_url(url: object) -> SmtpSettings | None:
    """smtp://user:pass@host:587 or smtps://host:465 as settings; None when unset. Raises ValidationError."""
    if url in (None, ""):
        return None
    if not isinstance(url, str) or any(ord(c) < 32 for c in url):
        raise ValidationError(N_("The SMTP URL is not valid."), field="smtp_url")
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(N_("The SMTP URL is not valid."), field="smtp_url") from None
    if parts.scheme not in SMTP_PORTS or not parts.hostname:
        raise ValidationError(N_("The SMTP URL is not valid."), field="smtp_url")
    return SmtpSettings(host=parts.hostname, port=port or SMTP_PORTS[parts.scheme],
                        implicit_tls=parts.scheme == "smtps",
                        username=unquote(parts.username) if parts.username else None,
                        password=unquote(parts.password) if parts.password else None)


def retry_delay(attempts: int, base: float, jitter: float = 0.5) -> float:
    """Seconds to wait after the `attempts`-th failed try: base·2^(attempts-1), capped, times 0.75-1.25.

    `jitter` (0 to 1) spreads the retries of many mails that failed together.
    """
    exponent = max(0, min(attempts - 1, 30))
    delay = min(base * (2 ** exponent), max(RETRY_CAP, base))
    return delay * (0.75 + 0.5 * min(max(jitter, 0.0), 1.0))


def is_permanent(smtp_code: int | None) -> bool:
    """A 5xx answer will not change on a retry (unknown mailbox, refused sender); 4xx and no answer may."""
    return smtp_code is not None and 500 <= smtp_code < 600


def gives_up(attempts: int, max_attempts: int = MAX_ATTEMPTS) -> bool:
    """True when a mail has had all its tries."""
    return attempts >= max_attempts


def short_error(text: object) -> str:
    """A failure as one line of at most ERROR_MAX characters (for the outbox page)."""
    line = " ".join(str(text).split())
    return line if len(line) <= ERROR_MAX else line[:ERROR_MAX - 1] + "…"


def split_token(token: object) -> tuple[str, str] | None:
    """An account-link token as (selector, verifier), or None when it is not one (any odd input)."""
    if not isinstance(token, str) or len(token) != SELECTOR_LENGTH + 1 + VERIFIER_LENGTH:
        return None
    if not token.isascii() or not _TOKEN_RE.fullmatch(token):
        return None
    selector, _, verifier = token.partition(".")
    return selector, verifier


class LinkRefused(ValidationError):
    """A mailed link that cannot be used: not one of ours, already used, or expired (`reason`)."""

    code = "invalid_link"
    MESSAGES = {"invalid": N_("This link is not valid. Use the whole link from the most recent e-mail."),
                "used": N_("This link has already been used."),
                "expired": N_("This link has expired.")}

    def __init__(self, reason: str) -> None:
        super().__init__(self.MESSAGES[reason], field="token")
        self.reason = reason
