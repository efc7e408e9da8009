"""Work spread over worker processes, its results joined in the order it was asked for.

Workers are forked from the process that planned the build, so each starts with the pack, its
layouts and the prepared outputs already in memory: nothing is loaded twice, and a worker is
handed no more than the number of its task. Where processes cannot be forked (Windows), the
work is done in this process, one task after another, with the same results.

A worker answers through a pipe: its result, or the exception that stopped it, pickled. Ctrl+C
and SIGTERM are for the planning process to act on: workers ignore Ctrl+C (a terminal sends it
to every process of the command) and die at once on SIGTERM, which the planning process sends
each of them when it is stopped, before it removes their temporary files.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import sys
import threading
from typing import Callable, Sequence, TypeVar

_STOPS = {signal.SIGINT, signal.SIGTERM}

T = TypeVar("T")
R = TypeVar("R")


def available() -> int:
    """How many processors this process may run on (at least 1)."""
    count = getattr(os, "process_cpu_count", None)  # Python 3.13
    if count is not None:
        return max(1, count() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where workers can start as copies of this process: a platform with fork, and a
    process running one thread (a fork copies the calling thread only, and a lock another
    thread held, in ``watch`` say, would stay locked in the copy)."""
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


class WorkerFailed(RuntimeError):
    """A worker died without answering (killed, or out of memory)."""


def run(tasks: Sequence[T], work: Callable[[T], R], jobs: int,
        done: Callable[[int, R], None] | None = None) -> list[R]:
    """``work(task)`` for every task, in up to ``jobs`` worker processes; results in task order.

    ``done(index, result)`` is called in this process as each task finishes (in any order).
    An exception a task raised is raised here, once every worker has stopped: the first in
    task order, so the same build fails the same way whatever ``jobs`` is.
    """
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        return _in_turn(tasks, work, done)
    answers: dict[int, tuple[bool, object]] = {}
    running: dict[int, tuple[int, int, bytearray]] = {}  # fd: (index, pid, bytes so far)
    waiting = list(enumerate(tasks))
    selector = selectors.DefaultSelector()
    try:
        while waiting or running:
            while waiting and len(running) < jobs and not _failed(answers):
                index, task = waiting.pop(0)
                # A signal met between the fork and this record would leave a worker
                # nobody stops: both happen with Ctrl+C and SIGTERM held back.
                signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
                try:
                    fd, pid = _start(work, task)
                    running[fd] = (index, pid, bytearray())
                finally:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
                selector.register(fd, selectors.EVENT_READ)
            if not running:
                break
            for key, _ in selector.select():
                _read(key.fd, running, answers, selector, done)
    finally:
        _stop(running)
        selector.close()
    for index in sorted(answers):
        ok, value = answers[index]
        if not ok:
            raise value.exception() if isinstance(value, _Raised) else value  # type: ignore[misc]
    return [answers[index][1] for index in range(len(tasks))]  # type: ignore[misc]


def _in_turn(tasks: Sequence[T], work: Callable[[T], R],
             done: Callable[[int, R], None] | None) -> list[R]:
    """Every task done here, one after another: where there is one job, or no fork."""
    results = []
    for index, task in enumerate(tasks):
        results.append(work(task))
        if done is not None:
            done(index, results[-1])
    return results


def _read(fd: int, running: dict[int, tuple[int, int, bytearray]],
          answers: dict[int, tuple[bool, object]], selector: selectors.BaseSelector,
          done: Callable[[int, R], None] | None) -> None:
    """What a worker's pipe holds now; once it is closed, the worker's answer, recorded."""
    chunk = os.read(fd, 1 << 16)
    if chunk:
        running[fd][2].extend(chunk)
        return
    selector.unregister(fd)
    os.close(fd)
    index, pid, data = running.pop(fd)
    os.waitpid(pid, 0)
    answers[index] = pickle.loads(data) if data else \
        (False, WorkerFailed(f"a worker stopped without finishing task {index + 1}"))
    if done is not None and answers[index][0]:
        done(index, answers[index][1])  # type: ignore[arg-type]


def _stop(running: dict[int, tuple[int, int, bytearray]]) -> None:
    """Kill the workers still running (the build stopped early): none outlives it."""
    for fd, (_, pid, _) in running.items():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)


class _Raised:
    """An exception as a worker hands it over: its class, arguments and attributes.

    Pickled whole, an exception is made again from its arguments alone, and the project's
    errors keep their problems (file, line, card) in attributes.
    """

    def __init__(self, kind: type[BaseException], args: tuple[object, ...],
                 attributes: dict[str, object]) -> None:
        self.kind, self.args, self.attributes = kind, args, attributes

    def exception(self) -> BaseException:
        """The exception, as the worker raised it."""
        made = self.kind.__new__(self.kind)
        BaseException.__init__(made, *self.args)
        made.__dict__.update(self.attributes)
        return made


def _failed(answers: dict[int, tuple[bool, object]]) -> bool:
    """True once a task has failed: no more are started."""
    return any(not ok for ok, _ in answers.values())


def _start(work: Callable[[T], R], task: T) -> tuple[int, int]:
    """Fork a worker for ``task``; the read end of its pipe and its process id."""
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(write)
        return read, pid
    # The worker: its answer goes to the pipe, and it ends without the planner's clean-up.
    code = 0
    try:
        os.close(read)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with(parent)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
        try:
            answer: tuple[bool, object] = (True, work(task))
        except Exception as exc:  # handed to the planning process, which raises it
            answer = (False, _Raised(type(exc), exc.args, exc.__dict__))
        try:
            data = pickle.dumps(answer)
        except Exception:  # an exception that cannot be pickled: its text at least
            raised = answer[1]
            assert isinstance(raised, _Raised)
            data = pickle.dumps((False, _Raised(RuntimeError, (" ".join(map(str, raised.args)),),
                                                {})))
        view = memoryview(data)
        while view:
            view = view[os.write(write, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this worker if the planning process dies (kill -9 included)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # without it, an orphaned worker finishes its task and ends
    if os.getppid() != parent:  # the planner died before the request was made
        os._exit(1)
