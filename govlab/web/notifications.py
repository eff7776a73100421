"""The notifications page (list, mark read, mark all read, open) and the e-mail settings on the profile."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import SelectField

from ..domain import notifications as rules
from ..domain.errors import DomainError
from ..i18n import current_locale, label
from ..services import notifications
from .forms import ActionForm, show_error

bp = Blueprint("notifications", __name__)


class NotificationSettingsForm(FlaskForm):
    """How a person hears of notifications by e-mail, and the time zone of their daily digest."""

    notify_email = SelectField(_l("E-mail me about notifications"), validate_choice=False,
                               choices=[(key, _l(rules.EMAIL_CHOICE_LABELS[key])) for key in rules.EMAIL_CHOICES])
    time_zone = SelectField(_l("Time zone of the daily digest"), validate_choice=False)


def settings_form(form: NotificationSettingsForm | None = None) -> NotificationSettingsForm:
    """The settings form filled with the person's current choices (for the profile page)."""
    if form is None:
        form = NotificationSettingsForm(prefix="nt")
        form.notify_email.data = current_user.notify_email
        form.time_zone.data = current_user.time_zone or rules.DEFAULT_TIME_ZONE
    form.time_zone.choices = [(name, name) for name in rules.time_zones()]
    return form


@bp.get("/notifications")
@login_required
def notification_list():
    """The person's newest notifications, unread first in bold, each opening its card."""
    data = notifications.list_notifications(current_user, current_locale(), 100)
    return render_template("notifications/list.html", items=data["notifications"], unread=data["unread"],
                           action_form=ActionForm())


@bp.get("/notifications/<id:notification_id>")
@login_required
def open_notification(notification_id: int):
    """Follow a notification (from a mail): to its card with the comment in view (not marked read: a GET)."""
    row = notifications.get_visible(current_user, notification_id)
    endpoint, values = notifications.target(row)
    return redirect(url_for(endpoint, **values))


@bp.post("/notifications/<id:notification_id>/open")
@login_required
def read_and_open(notification_id: int):
    """Mark a notification read and go to what it is about."""
    ActionForm().validate_on_submit() or _refuse()
    row = notifications.mark_read(current_user, notification_id)
    endpoint, values = notifications.target(row)
    return redirect(url_for(endpoint, **values))


@bp.post("/notifications/read-all")
@login_required
def read_all():
    """Mark every notification read."""
    ActionForm().validate_on_submit() or _refuse()
    notifications.mark_all_read(current_user)
    flash(_("All notifications are marked read."), "success")
    return redirect(url_for("notifications.notification_list"))


def _refuse():
    from flask import abort

    abort(400)


@bp.post("/profile/notifications")
@login_required
def save_settings():
    """Save the e-mail preference and time zone from the profile page."""
    form = settings_form(NotificationSettingsForm(prefix="nt"))
    if form.validate_on_submit():
        try:
            notifications.update_settings(current_user, form.notify_email.data, form.time_zone.data)
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Your notification settings have been saved."), "success")
            return redirect(url_for("auth.profile"))  # to the top, where the message shows
    from .account import _profile_page

    return _profile_page(notification_form=form), 422


def email_choice_label(key: str) -> str:
    """The translated label of an e-mail choice."""
    return label(rules.EMAIL_CHOICE_LABELS, key)


__all__ = ["bp", "email_choice_label", "settings_form"]
