"""Rate limits of the anonymous entry points, sized for a workshop room behind one office address.

Sign-in and token exchange are limited per (address, e-mail) — guessing one account's password —
and, more loosely, per address; registration per address. 50 people signing up or signing in from
one room within a few minutes get through; a script does not. When the limit storage (Redis) is
down, Flask-Limiter falls back to per-process memory (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED).
"""
from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address

from ..extensions import limiter


def _address_and_email() -> str:
    """The limit key for sign-in attempts: the address plus the e-mail being tried."""
    email = ""
    if request.method == "POST":
        body = request.get_json(silent=True) if request.is_json else None
        email = request.form.get("email") or (body.get("email") if isinstance(body, dict) else "")
    return f"{get_remote_address()}|{str(email or '').strip().lower()[:254]}"


login_limits = limiter.shared_limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], scope="login-account",
                                    key_func=_address_and_email, methods=["POST"])
address_login_limit = limiter.shared_limit(lambda: current_app.config["LOGIN_ADDRESS_RATE_LIMIT"],
                                           scope="login-address", methods=["POST"])
register_limit = limiter.shared_limit(lambda: current_app.config["REGISTER_RATE_LIMIT"], scope="register",
                                      methods=["POST"])


def _address_and_target() -> str:
    """The limit key for mailed links: the address plus the e-mail (forgot) or account (resend) asked for."""
    from flask import session

    target = request.form.get("email") or str(session.get("unconfirmed_user") or "")
    return f"{get_remote_address()}|{target.strip().lower()[:254]}"


# Mailed links (reset, resend confirmation): a few per address and target, so nobody floods a mailbox.
mail_link_limit = limiter.shared_limit(lambda: current_app.config["MAIL_LINK_RATE_LIMIT"], scope="mail-link",
                                       key_func=_address_and_target, methods=["POST"])
mail_address_limit = limiter.shared_limit(lambda: current_app.config["REGISTER_RATE_LIMIT"],
                                          scope="mail-address", methods=["POST"])
token_limit = limiter.shared_limit(lambda: current_app.config["TOKEN_RATE_LIMIT"], scope="token-create",
                                   methods=["POST"])


def login_guard(view):
    """Both sign-in limits on one view."""
    return address_login_limit(login_limits(view))
