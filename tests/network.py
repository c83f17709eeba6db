"""A guard that refuses every network connection off this machine, for render tests.

It replaces the socket calls a connection goes through (name look-up and connect), not any
of the site's code, and records each attempt: a library that catches the refusal (Wagtail's
oEmbed finder turns any request error into "no embed") cannot hide that it tried.
"""

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class NetworkForbidden(OSError):
    """A connection off this machine was attempted while the guard was on."""


def _is_loopback_host(host: Any) -> bool:
    if host is None:
        return True  # getaddrinfo(None, port): the local wildcard address
    if isinstance(host, bytes):
        host = host.decode()
    host = str(host).strip("[]").split("%")[0]
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_local_address(address: Any) -> bool:
    # A Unix socket's address is a path: it never leaves the machine.
    if isinstance(address, (str, bytes)):
        return True
    return _is_loopback_host(address[0])


@contextmanager
def network_forbidden(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Within the block, connecting or looking up a name off this machine raises and is
    recorded in the yielded list; loopback (the test database) still works."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def refuse(what: str) -> NetworkForbidden:
        attempts.append(what)
        return NetworkForbidden(f"network access while rendering: {what}")

    def connect(self: socket.socket, address: Any) -> None:
        if not _is_local_address(address):
            raise refuse(f"connect {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _is_local_address(address):
            raise refuse(f"connect {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback_host(host):
            raise refuse(f"look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(socket.socket, "connect", connect)
        patch.setattr(socket.socket, "connect_ex", connect_ex)
        patch.setattr(socket, "getaddrinfo", getaddrinfo)
        yield attempts
