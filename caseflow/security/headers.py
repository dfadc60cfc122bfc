"""Security headers on every response, with a content security policy that allows no scripts."""

from flask import Flask, Response

CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self'"
)

PERMISSIONS = "camera=(), microphone=(), geolocation=()"
DOWNLOADS = frozenset(
    {
        "text/csv",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)


def _is_download(response: Response) -> bool:
    return response.mimetype in DOWNLOADS or "attachment" in response.headers.get(
        "Content-Disposition", ""
    )


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        if response.mimetype == "text/html" or _is_download(response):
            # Pages and exports carry personal data: never keep them in a shared or
            # back-button cache.
            response.headers["Cache-Control"] = "no-store"
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault(
                "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
            )
        return response
