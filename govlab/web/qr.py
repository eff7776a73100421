"""QR codes (segno) as PNG or SVG responses: the public challenge pages' posters and the workshop join codes."""
from __future__ import annotations

import io

import segno
from flask import Response


def qr_response(text: str, fmt: str, title: str, cache: str = "public, max-age=3600") -> Response:
    """A QR code of `text` (error correction M, quiet zone 4) as image/png or image/svg+xml."""
    code = segno.make(text, error="m")
    out = io.BytesIO()
    if fmt == "png":
        code.save(out, kind="png", scale=10, border=4)
        mimetype = "image/png"
    else:
        code.save(out, kind="svg", scale=10, border=4, xmldecl=True, svgns=True, title=title)
        mimetype = "image/svg+xml"
    response = Response(out.getvalue(), mimetype=mimetype)
    response.headers["Cache-Control"] = cache
    return response
