"""The ``activate-pack`` command's first step: Ctrl+C is taken care of before anything loads.

Loading the command line takes a moment (typer, then each command's modules). A Ctrl+C or
SIGTERM in that moment would otherwise end in a Python traceback. Nothing has been read or
written yet, so such a stop ends at once with one line and the usual exit code (130 for Ctrl+C,
143 for SIGTERM). Once a command starts, it takes the signals back and handles a stop itself.
"""

from __future__ import annotations

import os
import sys

import _signal  # built in and already loaded: 'signal' (and 'typing') take a moment to import

_CODES = {_signal.SIGINT: 130, _signal.SIGTERM: 143}


def _stop_early(signum: int, frame: object) -> None:
    try:
        os.write(2, b"Stopped before anything was read or written.\n")
    finally:
        os._exit(_CODES.get(signum, 130))


_stop_early.early_stop = True  # type: ignore[attr-defined]  # cli.app hands the signals back
for _signum in _CODES:
    _signal.signal(_signum, _stop_early)


def main() -> None:
    """Entry point of the ``activate-pack`` command: load the commands, then run one."""
    # pydantic would look through every installed package for plugins, which may change how
    # a model validates: a pack is checked by our rules alone, and the search costs start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from activate_pack.cli import main as run

    run()
    sys.exit(0)
