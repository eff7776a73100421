"""The `govlab` command: one click group per noun. Bad arguments exit with status 2."""
from __future__ import annotations

import os
import sys
import time

import click

from .domain.errors import DomainError


def _app():
    from . import create_app

    return create_app()


def _fail(error: DomainError) -> None:
    """Report a rule violation as a usage error (exit 2), naming the field when there is one."""
    where = error.field or ""
    message = str(error)
    placed = ("." in where or "[" in where) and where not in message  # a place in an imported file
    raise click.UsageError(f"{where}: {message}" if placed else message)


@click.group(help="GovLab: design thinking boards for public-sector innovation labs.")
def cli() -> None:
    """The root command group."""


@cli.command()
@click.option("--host", default=lambda: os.environ.get("GOVLAB_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option("--port", type=click.IntRange(1, 65535), default=lambda: int(os.environ.get("GOVLAB_PORT", 5000)),
              show_default="5000")
@click.option("--no-migrate", is_flag=True, help="Do not upgrade the database first.")
@click.option("--demo/--no-demo", default=False, help="Seed the demo on an empty database.")
def run(host: str, port: int, no_migrate: bool, demo: bool) -> None:
    """Serve GovLab (eventlet by default; GOVLAB_ASYNC_MODE=gevent|threading)."""
    from .extensions import socketio

    app = _app()
    with app.app_context():
        if not no_migrate:
            from flask_migrate import upgrade

            upgrade()
        if demo:
            from .services.demo import seed_demo

            logins = seed_demo()
            if logins:
                _print_logins(logins)
    from .indexer import start_indexer
    from .sender import start_sender

    start_indexer(app)
    if start_sender(app) is None:
        click.echo("GOVLAB_SMTP_URL is not set: mail waits in the outbox (/admin/outbox)")
    from .services.theme_suggestions import warm_up

    # Suggested themes need scikit-learn and PyThaiNLP's dictionary: loaded on a worker thread once the
    # server runs, so the first facilitator who asks does not wait for the imports.
    def warm_up_and_say() -> None:
        warm_up()
        click.echo("GovLab warmed up: theme suggestions are ready")  # benches measure memory after this

    socketio.start_background_task(warm_up_and_say)
    import gc

    gc.collect()
    gc.freeze()  # start-up objects leave the collector's view: shorter pauses while serving
    # Each op leaves some cyclic garbage: at Python's default (a collection every 700 allocations, a full one every
    # 100 young ones) a busy process ran a full collection of 20-40 ms about twice a second. Fewer, larger young
    # collections keep the pauses out of most ops' way (docs/benchmarks.md, eleventh sitting).
    gc.set_threshold(*app.config["GC_THRESHOLDS"])
    click.echo("GovLab garbage collector thresholds: {}, {}, {}".format(*gc.get_threshold()))
    click.echo(f"GovLab serving on http://{host}:{port} ({app.config['ASYNC_MODE']})")
    from .serving import serve  # imports eventlet/gevent: only when serving

    serve(socketio, app, host, port)


def _print_logins(logins: list[tuple[str, str, str]]) -> None:
    click.echo("Demo accounts (e-mail / password / role):")
    for email, password, role in logins:
        click.echo(f"  {email:32} {password:16} {role}")


@cli.group()
def db() -> None:
    """Database migrations."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Upgrade to a revision (default: the latest)."""
    from flask_migrate import upgrade

    with _app().app_context():
        upgrade(revision=revision)


@db.command("downgrade")
@click.argument("revision", default="-1")
def db_downgrade(revision: str) -> None:
    """Downgrade to a revision (default: one step back; `base` for empty)."""
    from flask_migrate import downgrade

    with _app().app_context():
        downgrade(revision=revision)


@db.command("current")
def db_current() -> None:
    """Show the current revision."""
    from flask_migrate import current

    with _app().app_context():
        current()


@cli.group()
def user() -> None:
    """Accounts."""


@user.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--password", required=True)
@click.option("--admin", is_flag=True, help="Make the user a site administrator.")
@click.option("--org", "org_id", type=int, default=None, help="Organisation id.")
def user_create(email: str, name: str, password: str, admin: bool, org_id: int | None) -> None:
    """Create an account."""
    from .services.access import SYSTEM
    from .services.accounts import create_user

    with _app().app_context():
        try:
            account = create_user(SYSTEM, {"email": email, "name": name, "password": password,
                                           "org_id": org_id, "is_admin": admin})
        except DomainError as error:
            _fail(error)
        click.echo(f"Created user {account.id} <{account.email}>{' (admin)' if admin else ''}")


@user.command("disable")
@click.argument("email")
def user_disable(email: str) -> None:
    """Disable an account: its sessions, tokens and live connections stop at once."""
    _set_disabled(email, True)


@user.command("enable")
@click.argument("email")
def user_enable(email: str) -> None:
    """Let a disabled account sign in again."""
    _set_disabled(email, False)


def _set_disabled(email: str, disabled: bool) -> None:
    from .services.access import SYSTEM
    from .services.accounts import set_disabled, user_by_email

    with _app().app_context():
        try:
            account = user_by_email(SYSTEM, email)
            set_disabled(SYSTEM, account.id, disabled)
        except DomainError as error:
            _fail(error)
        click.echo(f"{'Disabled' if disabled else 'Enabled'} user {account.id} <{account.email}>")


@user.command("reset-password")
@click.argument("email")
@click.option("--set-password", "set_password", is_flag=True,
              help="Type a new password here instead of printing a link.")
def user_reset_password(email: str, set_password: bool) -> None:
    """Print a one-time link (1 hour) with which the person chooses a new password; or, with
    --set-password, set one typed here. Either way every session, token and socket of the account ends
    once the password changes."""
    from .services import account_links
    from .services.access import SYSTEM

    with _app().app_context():
        try:
            if set_password:
                password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
                account = account_links.admin_set_password(SYSTEM, email, password)
                click.echo(f"New password set for user {account.id} <{account.email}>; signed out everywhere")
            else:
                link = account_links.admin_reset_link(SYSTEM, email)
                click.echo("Give this link to the person (it works once, for one hour):")
                click.echo(link)
        except DomainError as error:
            _fail(error)


@cli.group()
def mail() -> None:
    """The mail outbox."""


@mail.command("digest")
@click.option("--at", "at", default=None, help="Pretend it is this UTC time (ISO 8601), e.g. to resend a missed day.")
def mail_digest(at: str | None) -> None:
    """Write the daily digests that are due (each person's morning, in their time zone) to the outbox."""
    from datetime import datetime, timezone

    from .services import digest

    moment = None
    if at is not None:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise click.UsageError("--at must be an ISO 8601 time such as 2026-01-02T01:00:00") from None
        moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    with _app().app_context():
        counts = digest.send_digests(moment)
    click.echo(f"Digests written: {counts['mailed']}, empty days: {counts['empty']}")


@mail.command("send")
@click.option("--watch", is_flag=True, help="Keep running: send mail as it becomes due.")
def mail_send(watch: bool) -> None:
    """Send the mail that is due now (what `govlab run` does in the background)."""
    from .services import outbox

    app = _app()
    if not app.config.get("SMTP_URL"):
        raise click.UsageError("GOVLAB_SMTP_URL is not set: mail stays in the outbox")
    with app.app_context():
        if outbox.smtp_settings() is None:
            raise click.UsageError("GOVLAB_SMTP_URL is not a valid smtp:// or smtps:// URL")
        while True:
            counts = outbox.send_due()
            click.echo(f"Sent {counts['sent']}, not sent {counts['failed']}")
            if not watch:
                return
            due = outbox.seconds_until_due()
            poll = app.config.get("MAIL_POLL", 10.0)
            time.sleep(poll if due is None else max(0.05, min(due, poll)))


@cli.group()
def org() -> None:
    """Organisations."""


@org.command("create")
@click.option("--name-th", required=True)
@click.option("--name-en", required=True)
@click.option("--sector", required=True, type=click.Choice(["government", "private", "civil_society", "academia"]))
@click.option("--level", type=click.Choice(["central", "regional", "local"]), default=None)
def org_create(name_th: str, name_en: str, sector: str, level: str | None) -> None:
    """Create an organisation (government needs --level)."""
    from .services.access import SYSTEM
    from .services.organisations import create_organisation

    with _app().app_context():
        try:
            created = create_organisation(SYSTEM, {"name_th": name_th, "name_en": name_en,
                                                   "sector": sector, "level": level})
        except DomainError as error:
            _fail(error)
        click.echo(f"Created organisation {created.id}")


@cli.command()
def demo() -> None:
    """Seed the bilingual demo (only on an empty database) and print the logins."""
    from .services.demo import seed_demo

    with _app().app_context():
        logins = seed_demo()
    if logins:
        _print_logins(logins)
    else:
        click.echo("The database already has users; demo not seeded.")


@cli.command()
@click.argument("project_id", type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
def export(project_id: int, output: str | None) -> None:
    """Export a project (format govlab.project.v2: settings, members, cards, links, decisions, events) as JSON."""
    from .services.access import SYSTEM
    from .services.transfer import export_json, export_project

    with _app().app_context():
        try:
            content = export_json(export_project(SYSTEM, project_id))
        except DomainError as error:
            _fail(error)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        with open(output, "wb") as handle:
            handle.write(content)
        click.echo(f"Exported project {project_id} to {output}", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True, allow_dash=True))
@click.option("--facilitator", "email", default=None,
              help="E-mail of an account to import as (it becomes the facilitator). Default: the system, which "
                   "may also create the organisations the file names.")
def import_(file: str, email: str | None) -> None:
    """Rebuild a project from an export file (new ids; refused whole, nothing written, if anything is wrong)."""
    from .services.access import SYSTEM, ActorRef
    from .services.accounts import user_by_email
    from .services.transfer import import_project

    app = _app()
    with click.open_file(file, "rb") as handle:
        raw = handle.read(app.config["IMPORT_MAX_BYTES"] + 1)
    with app.app_context():
        try:
            actor = SYSTEM if email is None else ActorRef.of(user_by_email(SYSTEM, email))
            project, warnings = import_project(actor, raw, app.config["IMPORT_MAX_BYTES"])
        except DomainError as error:
            _fail(error)
        for warning in warnings:
            click.echo(f"Warning: organisation not found, left out: {warning['name_en']} / {warning['name_th']}",
                       err=True)
        click.echo(f"Imported project {project.id}: {project.title}")


@cli.group()
def retention() -> None:
    """Retention of citizens' personal data (GOVLAB_CONTRIBUTION_RETENTION_DAYS)."""


@retention.command("apply")
def retention_apply() -> None:
    """Erase the personal data of contributions older than the retention period."""
    from .services.citizen_privacy import apply_retention

    app = _app()
    with app.app_context():
        count = apply_retention()
    click.echo(f"Erased the personal data of {count} contribution(s) past "
               f"{app.config['CONTRIBUTION_RETENTION_DAYS']} days.")


@cli.group()
def search() -> None:
    """The word index of board cards (search)."""


@search.command("index")
@click.option("--all", "everything", is_flag=True, help="Index every card again, not only those queued.")
def search_index(everything: bool) -> None:
    """Segment and store the words of queued cards now (a running server does this by itself)."""
    from .services.card_index import index_all_queued, queue_everything

    app = _app()
    with app.app_context():
        if everything:
            queue_everything()
        count = index_all_queued()
    click.echo(f"Indexed {count} card(s).")
