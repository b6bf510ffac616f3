"""Cut a process off the network: the SPARQL workers run user queries, and a query's
``SERVICE`` would make Oxigraph open HTTP connections from the server.

pyoxigraph offers no option to run a query without its HTTP service handler, so the
worker moves itself into a new, empty network namespace (``unshare(2)``), where even the
loopback interface is down: every ``connect`` fails with « Network is unreachable ».
``CLONE_NEWNET`` alone needs ``CAP_SYS_ADMIN`` (root, as in a container);
``CLONE_NEWUSER | CLONE_NEWNET`` works for an ordinary user where the kernel allows user
namespaces. Both were measured to work on the project's machines (Linux 6.x, root and
not). Where neither works (another OS, a locked-down kernel), :func:`isolate_network`
says so and the caller keeps its other defence (the query is parsed and ``SERVICE``
refused before it runs).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import socket
import sys

__all__ = ["NO_ISOLATION", "isolate_network", "network_reachable"]

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
NO_ISOLATION = "aucune / none"


def _unshare(flags: int) -> bool:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    return libc.unshare(flags) == 0


def network_reachable(port: int = 9) -> bool:
    """Whether this process can open a TCP connection to its own loopback (refused counts as reachable)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except ConnectionRefusedError:
        return True
    except OSError:
        return False


def isolate_network() -> str:
    """Move the calling process (single-threaded, before it starts threads) into an empty network namespace.

    Returns how: ``netns`` or ``userns+netns``, or :data:`NO_ISOLATION` when neither is
    possible here.
    """
    if not sys.platform.startswith("linux"):
        return NO_ISOLATION
    for name, flags in (("netns", _CLONE_NEWNET), ("userns+netns", _CLONE_NEWUSER | _CLONE_NEWNET)):
        try:
            if _unshare(flags) and not network_reachable():
                return name
        except OSError:
            continue
    return NO_ISOLATION


if __name__ == "__main__":  # python -m ecosystem.sandbox: which isolation this machine allows
    print(isolate_network(), "pid", os.getpid())
