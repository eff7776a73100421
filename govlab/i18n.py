"""Locale selection, translated labels and Buddhist Era dates for Thai."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import format_datetime as babel_datetime
from flask_babel import get_locale, gettext, to_user_timezone
from flask_login import current_user

from .extensions import babel

BUDDHIST_ERA_OFFSET = 543


def select_locale() -> str:
    """The user's setting, then an explicit choice this session, then Accept-Language, then the default.

    Board socket events run without a request: their connection's language is in `g.govlab_locale`.
    """
    supported = current_app.config["LANGUAGES"]
    forced = g.get("govlab_locale")
    if forced in supported:
        return forced
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    user = current_user if current_user and current_user.is_authenticated else None
    if user is not None and user.locale in supported:
        return user.locale
    chosen = session.get("locale")
    if chosen in supported:
        return chosen
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_locale() -> str:
    """The active UI language code (th or en)."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def buddhist_year(year: int) -> int:
    """The Buddhist Era year used in Thai dates (2026 CE is 2569 BE)."""
    return year + BUDDHIST_ERA_OFFSET


def format_date(moment: date | datetime | None, with_time: bool = False) -> str:
    """A short date (and time) in the UI language; Thai shows the Buddhist Era year."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = to_user_timezone(moment)
    else:
        moment = datetime(moment.year, moment.month, moment.day)
    locale = current_locale()
    time_part = " HH:mm" if with_time else ""
    if locale == "th":
        # Babel knows only the Gregorian calendar: write the BE year in as a literal.
        pattern = f"d MMM '{buddhist_year(moment.year)}'{time_part}"
    else:
        pattern = f"d MMM yyyy{time_part}"
    return babel_datetime(moment, pattern, rebase=False)


def format_month(key: str) -> str:
    """A month given as "YYYY-MM" named in the UI language: "November 2026", "พฤศจิกายน 2569" (Buddhist Era)."""
    year, month = (int(part) for part in key.split("-"))
    moment = datetime(year, month, 1)
    if current_locale() == "th":
        return babel_datetime(moment, f"LLLL '{buddhist_year(year)}'", rebase=False)
    return babel_datetime(moment, "LLLL yyyy", rebase=False)


def translate(msgid: str, params: dict | None = None, **more) -> str:
    """Translate a msgid with its %-parameters (given as a dict, keywords, or both)."""
    return gettext(msgid, **{**(params or {}), **more})


def _translated_stage(stage: dict) -> dict:
    label_id, hint_id = stage["label"], stage["hint"]
    return {**stage, "label": translate(label_id), "hint": translate(hint_id)}


def translated_board(snapshot: dict) -> dict:
    """A board snapshot with stage labels and hints in the request's language."""
    snapshot["stages"] = [_translated_stage(stage) for stage in snapshot["stages"]]
    return snapshot


def label(mapping: dict, key: str | None) -> str:
    """The translated label of a key in one of the domain's label tables."""
    return gettext(mapping[key]) if key in mapping else (key or "")


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with our selector and expose helpers to templates."""
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(app.root_path + "/translations"))
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = lambda value: format_date(value, with_time=True)
    app.jinja_env.filters["month"] = format_month
    app.jinja_env.globals["current_locale"] = current_locale


def tell(sentence: dict, **params) -> str:
    """A {msgid, params, labels} sentence in the UI language: labels (msgids) translated, then placed."""
    values = {**sentence["params"], **{name: gettext(msgid) for name, msgid in sentence["labels"].items()}, **params}
    message = sentence["msgid"]
    return gettext(message, **values)
