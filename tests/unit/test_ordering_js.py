"""The browser's keys (static/js/ordering.js on the vendored fractional-indexing) equal the server's."""
from __future__ import annotations

import json
import os
import pathlib
import random
import shutil
import subprocess

import pytest

from govlab.domain import ordering

ROOT = pathlib.Path(__file__).parents[2]

SCRIPT = """
import { readFileSync } from "node:fs";
import { keyBetween, compareCards } from "./js/ordering.js";
import { generateNKeysBetween } from "./vendor/fractional-indexing.js";
const cases = JSON.parse(readFileSync(0, "utf8"));
const between = cases.between.map(([a, b]) => keyBetween(a, b));
const many = cases.many.map(([a, b, n]) => generateNKeysBetween(a, b, n));
const sorted = [...cases.cards].sort(compareCards).map((card) => card.id);
process.stdout.write(JSON.stringify({ between, many, sorted }));
"""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is required on CI to check that browser and server keys agree")
        pytest.skip("node is not installed: the browser/server key agreement is not checked")
    return node


def _cases() -> dict:
    rng = random.Random(2026)
    keys: list[str] = []
    between = [[None, None]]
    for _ in range(300):
        index = rng.randint(0, len(keys))
        # Hammer one spot now and then so long keys are compared too.
        if rng.random() < 0.3 and keys:
            index = min(1, len(keys))
        low = keys[index - 1] if index else None
        high = keys[index] if index < len(keys) else None
        between.append([low, high])
        keys.insert(index, ordering.key_between(low, high))
    between += [[None, "Zz"], ["Zz", None], ["zzzzzzzzzzzzzzzzzzzzzzzzzzz", None],
                [None, "A00000000000000000000000001"], ["a1", "a0"], ["a0", "a0"], ["b0x", None]]
    many = [[None, None, 0], [None, None, 70], ["a0", None, 80], [None, "a0", 80]]
    for _ in range(60):
        low, high = sorted(rng.sample(keys, 2))
        many.append([low, high, rng.randint(1, 40)])
    cards = [{"id": n, "position": rng.choice(keys[:20])} for n in range(1, 200)]
    return {"between": between, "many": many, "cards": cards}


def _python(cases: dict) -> dict:
    def safe(low, high):
        try:
            return ordering.key_between(low, high)
        except ValueError:
            return None

    return {"between": [safe(low, high) for low, high in cases["between"]],
            "many": [ordering.keys_between(low, high, n) for low, high, n in cases["many"]],
            "sorted": [card["id"] for card in sorted(cases["cards"], key=lambda c: (c["position"], c["id"]))]}


def test_browser_and_server_make_the_same_keys(tmp_path):
    node = _node()
    # ordering.js imports ../vendor/fractional-indexing.js; a package.json marks both as ES modules.
    (tmp_path / "js").mkdir()
    (tmp_path / "vendor").mkdir()
    shutil.copy(ROOT / "static/js/ordering.js", tmp_path / "js/ordering.js")
    shutil.copy(ROOT / "static/vendor/fractional-indexing.js", tmp_path / "vendor/fractional-indexing.js")
    (tmp_path / "package.json").write_text('{"type": "module"}')
    (tmp_path / "check.js").write_text(SCRIPT)
    cases = _cases()
    done = subprocess.run([node, "check.js"], cwd=tmp_path, input=json.dumps(cases), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    browser, server = json.loads(done.stdout), _python(cases)
    assert len(server["between"]) > 300 and any(len(key or "") > 10 for key in server["between"])
    for name in ("between", "many", "sorted"):
        mismatches = [(case, got, want) for case, got, want in zip(cases.get(name, cases["cards"]),
                                                                    browser[name], server[name], strict=True)
                      if got != want]
        assert not mismatches, f"{name}: {mismatches[:5]}"
