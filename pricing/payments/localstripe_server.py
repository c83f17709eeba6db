"""Run the local Stripe (localstripe) for development and tests: on 127.0.0.1 only.

localstripe's own `localstripe` command listens on every interface and keeps its state in
/tmp/localstripe.pickle, shared by every project and person on the machine. This runs
the same aiohttp application bound to 127.0.0.1 with its state in a file of ours (or in
memory only, for the tests), and can register the site's webhook endpoint, which the
command cannot do before it starts:

    python -m pricing.payments.localstripe_server --port 8420 --state var/localstripe.pickle \\
        --webhook-url http://127.0.0.1:8000/payments/stripe/webhook/ --webhook-secret whsec_...

It speaks PaymentIntents, refunds and signed webhooks and serves a fake Stripe.js at
/js.stripe.com/v3/; it has no Connect (docs/decisions/0014-payments.md). Development
only: localstripe is a development dependency.
"""

from __future__ import annotations

import argparse
import logging
import os
import pickle
import socket
from pathlib import Path
from typing import Any

from localstripe import resources, server, webhooks
from localstripe.resources import Store


class _FileStore(Store):
    """localstripe's store, saved where we say (or nowhere) instead of /tmp."""

    path: Path | None = None

    def try_load_from_disk(self) -> None:
        if self.path is None or not self.path.exists():
            return
        with self.path.open("rb") as f:
            # Our own file, written by this same program: not data from elsewhere.
            old = pickle.load(f)  # noqa: S301
        self.clear()
        self.update(old)

    def dump_to_disk(self) -> None:
        if self.path is None:
            return
        # Written beside and renamed, so a reader never sees half a file.
        partial = self.path.with_suffix(".partial")
        with partial.open("wb") as f:
            pickle.dump(dict(self), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)


def use_state_file(path: Path | None) -> None:
    """Keep localstripe's state in `path` (None: in memory only, gone when it stops)."""
    resources.store.__class__ = _FileStore
    _FileStore.path = path
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        resources.store.try_load_from_disk()


def listening_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def serve(
    *,
    port: int,
    state: Path | None,
    webhook_url: str = "",
    webhook_secret: str = "",
    host: str = "127.0.0.1",
    quiet: bool = False,
) -> None:
    """Serve until stopped (SIGINT or SIGTERM)."""
    use_state_file(state)
    if webhook_url and webhook_secret:
        webhooks.register_webhook("site", webhook_url, webhook_secret, None)
    logger = logging.getLogger("aiohttp.access")
    if not quiet:
        logger.setLevel(logging.INFO)
        logger.addHandler(logging.StreamHandler())
    sock = listening_socket(host, port)
    # With --port 0 the system chooses a free port: say which, for whoever started us
    # (the test suite, where several runs share the machine).
    print(f"localstripe listening on {host}:{sock.getsockname()[1]}", flush=True)
    kwargs: dict[str, Any] = {"sock": sock, "print": None}
    if not quiet:
        kwargs["access_log"] = logger
    else:
        kwargs["access_log"] = None
    server.web.run_app(server.app, **kwargs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8420, help="0: any free port")
    parser.add_argument("--state", default="", help="state file; none: in memory only")
    parser.add_argument("--webhook-url", default="")
    parser.add_argument("--webhook-secret", default="")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    serve(
        port=args.port,
        state=Path(args.state) if args.state else None,
        webhook_url=args.webhook_url,
        webhook_secret=args.webhook_secret,
        quiet=args.quiet,
    )


if __name__ == "__main__":
    main()
