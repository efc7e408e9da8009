"""The command line: thin wrappers that parse options, call the orchestrator and report.

Each command lives in a module of its own, which adds it to the one typer app on import.
Heavy modules are imported inside the commands, so ``activate-pack --help`` stays instant.
"""

from __future__ import annotations

from activate_pack.cli import (  # noqa: F401  (each module adds its commands)
    adapt, build, cards, check, preview, schema, site, translate, watch)
from activate_pack.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``activate-pack`` command.

    The app's command group (``app.GuardedGroup``, with ``safety``) is the safety net: an unexpected error
    in any command becomes one line, a log file and exit code 3, never a traceback.
    """
    app()


if __name__ == "__main__":
    main()
