"""Rate limits of the citizens' entry points, per address (Redis storage with GOVLAB_REDIS_URL, see limits.py).

Sized for a district office or a workshop behind one address: a few dozen people can each send a
contribution and support ideas; a script cannot flood a challenge.
"""
from __future__ import annotations

from flask import current_app

from ..extensions import limiter

contribution_limit = limiter.shared_limit(lambda: current_app.config["CONTRIBUTION_RATE_LIMIT"],
                                          scope="contribution", methods=["POST"])
support_limit = limiter.shared_limit(lambda: current_app.config["SUPPORT_RATE_LIMIT"], scope="support",
                                     methods=["POST"])
