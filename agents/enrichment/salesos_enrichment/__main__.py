"""`python -m salesos_enrichment`: serve on AGENT_HOST:AGENT_PORT (port 0 picks a free port; the
'listening' log line names it)."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys

import uvicorn

from .app import create_app
from .config import ConfigError, load_settings
from .jsonlog import get_logger, log, setup_logging


def main() -> int:
    try:
        settings = load_settings()
    except ConfigError as err:
        print(str(err), file=sys.stderr)
        return 2
    setup_logging(settings.log_level)
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))
    sock.listen(1024)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_config=None, access_log=False, lifespan="on",
                            timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    log(get_logger("main"), logging.INFO, "listening", host=settings.host, port=port, url=f"http://{settings.host}:{port}")
    asyncio.run(server.serve(sockets=[sock]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
