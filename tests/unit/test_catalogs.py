"""Thai and English catalogs are complete and compiled."""
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "govlab" / "translations"


def test_every_message_has_a_thai_translation():
    template = read_po((TRANSLATIONS / "messages.pot").open("rb"))
    thai = read_po((TRANSLATIONS / "th" / "LC_MESSAGES" / "messages.po").open("rb"))
    missing = [m.id for m in template if m.id and not (thai.get(m.id) and thai.get(m.id).string)]
    assert missing == []


def test_compiled_catalogs_match_sources():
    for locale in ("th", "en"):
        source = read_po((TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb"))
        compiled = read_mo((TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo").open("rb"))
        assert {m.id: m.string for m in source if m.id and m.string} == \
               {m.id: m.string for m in compiled if m.id and m.string}


def test_placeholders_survive_translation():
    import re

    thai = read_po((TRANSLATIONS / "th" / "LC_MESSAGES" / "messages.po").open("rb"))
    for message in thai:
        if message.id:
            assert sorted(re.findall(r"%\(\w+\)\w", message.id)) == sorted(re.findall(r"%\(\w+\)\w", message.string))


def test_the_template_holds_every_message_of_the_code(tmp_path):
    """A string added without `make babel-extract` (and its Thai) fails here."""
    import os

    from babel.messages.frontend import CommandLineInterface

    root = TRANSLATIONS.parents[1]
    out = tmp_path / "fresh.pot"
    here = os.getcwd()
    os.chdir(root)
    try:
        CommandLineInterface().run(["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "N_", "-k", "_l", "-k",
                                    "translate", "-o", str(out), "--no-location", "--omit-header", "."])
    finally:
        os.chdir(here)
    fresh = {m.id for m in read_po(out.open("rb")) if m.id}
    committed = {m.id for m in read_po((TRANSLATIONS / "messages.pot").open("rb")) if m.id}
    assert fresh == committed
