"""One command in a fresh process, measured by the operating system: the benchmarks' stopwatch.

Clock time is read here; processor time (user + system) and peak memory (maximum resident set
size) come from ``wait4``, so each figure belongs to that one process and nothing it inherited.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    """What one process took, and what it wrote to its error stream."""

    wall: float
    cpu: float
    peak_mb: float
    stderr: str


def child_env(bytecode: Path, **extra: str) -> dict[str, str]:
    """The environment for a measured child: Python's compiled modules kept in ``bytecode``.

    An installed package's modules are compiled when it is installed; a checkout run with
    PYTHONDONTWRITEBYTECODE would compile every module at every start and count it as start-up.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(bytecode), **extra}


def measure(command: list[str], env: dict[str, str], cwd: Path | None = None) -> Measured:
    """Run ``command`` to its end in a fresh process; stop the benchmark if it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                 stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode(errors="replace")
    if child.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{text[-3000:]}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)
