"""The architecture holds: a pure domain, thin outer layers, short modules."""
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "govlab"


def test_domain_imports_neither_flask_nor_sqlalchemy():
    code = ("import sys, pkgutil, importlib, govlab.domain as d\n"
            "[importlib.import_module('govlab.domain.' + m.name) for m in pkgutil.iter_modules(d.__path__)]\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'werkzeug')]\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_outer_layers_do_not_write_to_the_session():
    for layer in ("web", "api", "realtime"):
        for path in (PACKAGE / layer).glob("*.py"):
            text = path.read_text()
            for call in ("db.session.add(", "db.session.commit(", "db.session.delete("):
                assert call not in text, f"{path.name} writes directly ({call})"


def test_no_module_over_400_lines():
    for path in PACKAGE.rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 400, path
