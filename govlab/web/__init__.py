"""Server-rendered pages. Views are thin: read the form, call a service, render or redirect."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager
from ..services import sessions


def register_web(app: Flask) -> None:
    """Mount the page blueprints and configure Flask-Login."""
    from ..services import accountability
    from . import (account, activity, admin, auth, board, card_search, citizen_account, citizens, downloads,
                   evidence, invitations, links, main, moderation, notifications, organisations, projects, workshops)
    from .context import device_name, inject_request_values, template_helpers

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(sessions.user_for_session)
    for module in (main, auth, links, account, projects, invitations, board, admin, organisations, downloads,
                   evidence, activity, citizens, moderation, workshops, notifications, card_search,
                   citizen_account):
        app.register_blueprint(module.bp)
    from . import guest_fence, guests

    app.register_blueprint(guests.bp)
    app.before_request(guest_fence.fence)  # workshop guests reach their own project only
    accountability.init_app(app)
    app.jinja_env.globals.update(template_helpers())
    app.jinja_env.filters["device_name"] = device_name
    app.context_processor(inject_request_values)
