"""The `govlab` command: its flows as a real process; its refusals of bad arguments in-process (click's
runner, the same command objects), since each real process costs seconds of start-up on a busy machine."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from govlab.cli import cli


def _environment(tmp_path) -> dict:
    return {"GOVLAB_INSTANCE_PATH": str(tmp_path), "GOVLAB_SECRET_KEY": "cli-test", "GOVLAB_DATABASE_URL": None}


@pytest.fixture
def run(tmp_path):
    """`govlab ARGS…` as a real process on a fresh instance folder."""
    env = {**os.environ, **_environment(tmp_path)}
    env.pop("GOVLAB_DATABASE_URL")

    def _run(*args: str):
        return subprocess.run([sys.executable, "-m", "govlab", *args], capture_output=True, text=True, env=env,
                              timeout=120)

    return _run


@pytest.fixture
def invoke(tmp_path):
    """`govlab ARGS…` through click's runner in this process, on a fresh instance folder (same result fields
    as a process: returncode, stdout, stderr)."""
    def _invoke(*args: str):
        result = CliRunner().invoke(cli, list(args), env=_environment(tmp_path), prog_name="govlab")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)

    return _invoke


def test_db_user_org_demo_export(run):
    assert run("db", "upgrade").returncode == 0
    current = run("db", "current")
    assert "(head)" in current.stdout
    org = run("org", "create", "--name-th", "อบต.", "--name-en", "SAO", "--sector", "government", "--level", "local")
    assert org.returncode == 0 and "Created organisation 1" in org.stdout
    user = run("user", "create", "--email", "a@example.org", "--name", "A", "--password", "long-password",
               "--admin", "--org", "1")
    assert user.returncode == 0, user.stderr
    demo = run("demo")
    assert demo.returncode == 0 and "already has users" in demo.stdout
    assert run("db", "downgrade", "base").returncode == 0
    assert run("db", "upgrade").returncode == 0
    seeded = run("demo")
    assert "facilitator@govlab.test" in seeded.stdout
    exported = run("export", "1")
    data = json.loads(exported.stdout)
    assert data["format"] == "govlab.project.v2"
    assert {c["stage"] for c in data["cards"]} == {"empathize", "ideate", "prototype", "test"}
    assert [e["seq"] for e in data["events"]] == list(range(1, len(data["events"]) + 1))


@pytest.mark.parametrize("args,needle", [
    (("user", "create", "--email", "x@example.org", "--name", "X", "--password", "short"), "at least 8"),
    (("user", "create", "--email", "nope", "--name", "X", "--password", "long-password"), "e-mail"),
    (("user", "create", "--name", "X"), "Missing option"),
    (("org", "create", "--name-th", "ก", "--name-en", "G", "--sector", "government"), "level"),
    (("org", "create", "--name-th", "ก", "--name-en", "G", "--sector", "guild"), "Invalid value"),
    (("export", "abc"), "Invalid value"),
    (("export", "999"), "No such project"),
    (("import", "/nonexistent.json"), "does not exist"),
    (("run", "--port", "99999"), "Invalid value"),
    (("frobnicate",), "No such command"),
])
def test_bad_arguments_exit_2(invoke, args, needle):
    assert invoke("db", "upgrade").returncode == 0
    result = invoke(*args)
    assert result.returncode == 2, result
    assert needle in result.stderr


def test_user_disable_and_enable(invoke):
    assert invoke("db", "upgrade").returncode == 0
    created = invoke("user", "create", "--email", "d@example.org", "--name", "D", "--password", "long password here")
    assert created.returncode == 0, created.stderr
    disabled = invoke("user", "disable", "D@example.org")
    assert disabled.returncode == 0 and "Disabled user" in disabled.stdout
    enabled = invoke("user", "enable", "d@example.org")
    assert enabled.returncode == 0 and "Enabled user" in enabled.stdout
    missing = invoke("user", "disable", "nobody@example.org")
    assert missing.returncode == 2 and "No account uses this e-mail address." in missing.stderr
    weak = invoke("user", "create", "--email", "w@example.org", "--name", "W", "--password", "12345678")
    assert weak.returncode == 2 and "too easy to guess" in weak.stderr


def test_export_to_a_file_and_import_it(run, tmp_path):
    assert run("db", "upgrade").returncode == 0
    assert run("demo").returncode == 0
    target = tmp_path / "project.json"
    exported = run("export", "1", "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    first = json.loads(target.read_text(encoding="utf-8"))
    assert first["format"] == "govlab.project.v2" and first["decisions"][0]["decision"] == "iterate"
    assert "ใบอนุญาต" in target.read_text(encoding="utf-8")  # Thai written as Thai, not \u escapes
    imported = run("import", str(target))
    assert imported.returncode == 0, imported.stderr
    assert "Imported project 3" in imported.stdout
    second = json.loads(run("export", "3").stdout)
    assert [c["title"] for c in second["cards"]] == [c["title"] for c in first["cards"]]
    assert len(second["events"]) == len(first["events"]) and second["members"] == first["members"]
    as_member = run("import", str(target), "--facilitator", "member@govlab.test")
    assert as_member.returncode == 0 and "Imported project 4" in as_member.stdout


@pytest.mark.parametrize("content,needle", [
    ("{", "not valid JSON"),
    ('{"format": "govlab.project.v3"}', "newer GovLab"),
    ('{"format": "govlab.project.v2", "project": {}}', "The field project.stall_days is required."),
    ('{"format": "govlab.project.v2", "project": {"stall_days": 3, "title": "\\u0000"}}', "project.title: "),
])
def test_import_refuses_bad_files_and_writes_nothing(invoke, tmp_path, content, needle):
    assert invoke("db", "upgrade").returncode == 0
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = invoke("import", str(path))
    assert result.returncode == 2 and needle in result.stderr, result.stderr
    assert invoke("export", "1").returncode == 2  # still no project at all
