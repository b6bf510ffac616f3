"""Refused input answered with its 4xx, whatever the input holds.

FastAPI's own answers echo the refused value; a lone surrogate (``"\\ud800"`` in a JSON
body) cannot be written as UTF-8, so the echo itself failed with a 500. Here each echoed
text has its unencodable characters replaced by U+FFFD.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

__all__ = ["encodable", "install"]


def encodable(value: object) -> object:
    """``value`` with every string made writable as UTF-8 (lone surrogates → U+FFFD).

    >>> encodable({"input": "a\\ud800b", "loc": ["body", 1]})
    {'input': 'a�b', 'loc': ['body', 1]}
    """
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, dict):
        return {encodable(k): encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encodable(v) for v in value]
    return value


async def _refused(request: Request, error: RequestValidationError) -> JSONResponse:
    return JSONResponse({"detail": encodable(jsonable_encoder(error.errors()))}, status_code=422)


async def _http_error(request: Request, error: HTTPException) -> JSONResponse:
    return JSONResponse({"detail": encodable(error.detail)}, status_code=error.status_code, headers=error.headers)


def install(app: FastAPI) -> None:
    app.exception_handler(RequestValidationError)(_refused)
    app.exception_handler(HTTPException)(_http_error)
