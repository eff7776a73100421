"""Flask-WTF forms: they carry CSRF and the fields; the rules live in the domain and services."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, TextAreaField

from ..domain import accounts, affiliations, board, permissions


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail"))
    password = PasswordField(_l("Password"))
    next = HiddenField()


class RegisterForm(FlaskForm):
    """A new account."""

    name = StringField(_l("Your name"))
    email = EmailField(_l("E-mail"))
    password = PasswordField(_l("Password (at least 8 characters)"))
    org_id = SelectField(_l("Organisation"), coerce=str, validate_choice=False)


class ForgotForm(FlaskForm):
    """"Forgot password": the address to send a reset link to."""

    email = EmailField(_l("E-mail"))


class ResetForm(FlaskForm):
    """A new password, chosen through a reset link."""

    new = PasswordField(_l("New password (at least 8 characters)"))


class ProfileForm(FlaskForm):
    """One's own name, language and organisation."""

    name = StringField(_l("Your name"))
    locale = SelectField(_l("Language"), choices=[("", _l("Follow my browser")), ("th", "ไทย"),
                                                  ("en", "English")], validate_choice=False)
    org_id = SelectField(_l("Organisation"), coerce=str, validate_choice=False)


class ProjectForm(FlaskForm):
    """Project settings."""

    title = StringField(_l("Title"))
    hmw = TextAreaField(_l("How might we …"))
    visibility = SelectField(_l("Visibility"), validate_choice=False,
                             choices=[(v, _l(permissions.VISIBILITY_LABELS[v])) for v in permissions.VISIBILITIES])
    status = SelectField(_l("Status"), validate_choice=False,
                         choices=[(s, _l(permissions.STATUS_LABELS[s])) for s in permissions.STATUSES])
    stage = SelectField(_l("Current stage"), validate_choice=False,
                        choices=[(s.key, _l(s.label)) for s in board.STAGES])
    org_id = SelectField(_l("Owner organisation"), coerce=str, validate_choice=False)
    stall_days = StringField(_l("A prototype is stalled after this many days without activity"))
    observers_may_comment = BooleanField(_l("Observers may comment on cards"), default=True)


class MemberForm(FlaskForm):
    """Invite a person by e-mail (with or without an account)."""

    email = EmailField(_l("E-mail address"))
    role = SelectField(_l("Role"), validate_choice=False, default="member",
                       choices=[(r, _l(permissions.ROLE_LABELS[r])) for r in permissions.ROLES])


class InvitationAccountForm(FlaskForm):
    """A new account made from an invitation link: the address is the invited one."""

    name = StringField(_l("Your name"))
    password = PasswordField(_l("Password (at least 8 characters)"))


class ActionForm(FlaskForm):
    """A bare form for buttons that post (CSRF only)."""


class CardForm(FlaskForm):
    """The no-JavaScript way to add a card."""

    stage = HiddenField()
    kind = SelectField(_l("Kind"), validate_choice=False, choices=[])
    title = StringField(_l("Title"))
    body = TextAreaField(_l("Details"))
    color = SelectField(_l("Colour"), validate_choice=False,
                        choices=[(c, _l(board.COLOR_LABELS[c])) for c in board.COLORS])


class OrganisationForm(FlaskForm):
    """An organisation, for site admins."""

    name_th = StringField(_l("Name in Thai"))
    name_en = StringField(_l("Name in English"))
    sector = SelectField(_l("Sector"), validate_choice=False,
                         choices=[(s, _l(accounts.SECTOR_LABELS[s])) for s in accounts.SECTORS])
    level = SelectField(_l("Government level"), validate_choice=False,
                        choices=[("", "—")] + [(v, _l(accounts.LEVEL_LABELS[v])) for v in accounts.GOVERNMENT_LEVELS])


class RefuseClaimForm(FlaskForm):
    """Refuse an affiliation claim: a reason from the list and an optional note."""

    reason = SelectField(_l("Reason"), choices=[(key, label) for key, label in affiliations.REFUSAL_LABELS.items()])
    note = TextAreaField(_l("Note to the person (optional)"))


class DomainForm(FlaskForm):
    """Register an e-mail domain of an organisation."""

    domain = StringField(_l("E-mail domain"))


class OrgAdminForm(FlaskForm):
    """Appoint an organisation admin by e-mail."""

    email = EmailField(_l("E-mail address"))


class PasswordChangeForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField(_l("Current password"))
    new = PasswordField(_l("New password (at least 8 characters)"))


class AccountCloseForm(FlaskForm):
    """Close one's own account: the password again, and a ticked box (there is no undo)."""

    password = PasswordField(_l("Your password"))
    confirm = BooleanField(_l("I understand that my account and all my contributions are erased for good."))


class TokenForm(FlaskForm):
    """A new personal API token."""

    name = StringField(_l("Name (what the token is for)"))
    expires_in_days = SelectField(_l("Expires"), validate_choice=False, default="90",
                                  choices=[("30", _l("In 30 days")), ("90", _l("In 90 days")),
                                           ("365", _l("In a year")), ("", _l("Never"))])


def form_id(value: object, field: str) -> int | None:
    """An id chosen in a form's select ('' for none), parsed strictly (ASCII digits only)."""
    from ..services.access import parse_id

    if value in (None, ""):
        return None
    return parse_id(value, field)


def show_error(form: FlaskForm, error) -> None:
    """Attach a domain error to the matching field, or to the form as a whole."""
    from ..i18n import translate

    message = translate(error.message, error.params)
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = list(field.errors) + [message]
    else:
        form.form_errors.append(message)
