"""URL converters shared by pages and the API."""
from werkzeug.routing import BaseConverter


class IdConverter(BaseConverter):
    """A positive database id of at most 10 digits (anything longer is simply "not found"); the services
    refuse a 10-digit id past the INTEGER range with a validation error."""

    regex = r"[1-9][0-9]{0,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
