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
