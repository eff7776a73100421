"""URL converters shared by pages and the API."""
from werkzeug.routing import BaseConverter


class IdConverter(BaseConverter):
    """A positive database id of at most 18 digits; anything else is simply "not found"."""

    regex = r"[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
