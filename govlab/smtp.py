"""SMTP delivery: one connection per batch, STARTTLS when offered (smtp://) or implicit TLS (smtps://).

Blocking socket calls only (smtplib): under eventlet and gevent the standard library is monkey-patched
by `govlab/entry.py`, so connecting, TLS and every SMTP exchange yield to the hub instead of blocking it;
each call is bounded by GOVLAB_SMTP_TIMEOUT. No async library is imported here.
"""
from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from .domain.mail import SmtpSettings, is_permanent, short_error


@dataclass
class Outgoing:
    """A mail to send: its outbox id, recipient and rendered parts."""

    id: int
    to_addr: str
    subject: str
    text_body: str
    html_body: str


@dataclass
class Result:
    """What happened to one mail: sent, or an error and whether retrying could help."""

    id: int
    sent: bool
    error: str | None = None
    permanent: bool = False


class InsecureTransport(Exception):
    """Credentials would cross the network in clear text (the server offered no STARTTLS)."""


def build_message(mail: Outgoing, sender: str) -> EmailMessage:
    """A multipart/alternative message (plain text first, then HTML)."""
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = sender
    message["To"] = mail.to_addr
    message["Date"] = formatdate(localtime=False)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text_body)
    message.add_alternative(mail.html_body, subtype="html")
    return message


def _connect(settings: SmtpSettings, timeout: float) -> smtplib.SMTP:
    """An open, greeted (and, where possible, encrypted and authenticated) SMTP connection."""
    context = ssl.create_default_context()
    if settings.implicit_tls:
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout, context=context)
        client.ehlo()
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        client.ehlo()
        if client.has_extn("starttls"):
            client.starttls(context=context)
            client.ehlo()
        elif settings.username and not settings.is_loopback:
            client.close()
            raise InsecureTransport("the SMTP server offers no STARTTLS; credentials not sent in clear text")
    if settings.username:
        client.login(settings.username, settings.password or "")
    return client


def deliver(settings: SmtpSettings, sender: str, mails: list[Outgoing], timeout: float) -> list[Result]:
    """Send the mails over one connection; a result per mail (never raises for SMTP or network errors)."""
    try:
        client = _connect(settings, timeout)
    except (OSError, smtplib.SMTPException, InsecureTransport) as error:
        # Down, refused, bad credentials or no TLS: a setting or a server to fix, so every mail waits.
        return [Result(m.id, False, short_error(f"{type(error).__name__}: {error}")) for m in mails]
    results: list[Result] = []
    try:
        for index, mail in enumerate(mails):
            try:
                refused = client.send_message(build_message(mail, sender))
            except smtplib.SMTPRecipientsRefused as error:
                code, text = next(iter(error.recipients.values()), (None, b""))
                results.append(Result(mail.id, False, short_error(f"{code} {text!r}"), is_permanent(code)))
            except smtplib.SMTPResponseException as error:
                results.append(Result(mail.id, False, short_error(f"{error.smtp_code} {error.smtp_error!r}"),
                                      is_permanent(error.smtp_code)))
            except smtplib.SMTPNotSupportedError as error:  # e.g. an address needing SMTPUTF8
                results.append(Result(mail.id, False, short_error(str(error)), permanent=True))
            except (OSError, smtplib.SMTPException) as error:
                # The connection broke: this mail and the rest of the batch are tried again later.
                text = short_error(f"{type(error).__name__}: {error}")
                results.extend(Result(m.id, False, text) for m in mails[index:])
                break
            else:
                results.append(Result(mail.id, not refused, None if not refused else short_error(refused)))
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    return results
