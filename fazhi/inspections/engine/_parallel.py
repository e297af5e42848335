"""Part of a draw computed in a forked child process, results streamed back through a pipe.

Pure Python, no Django import. This only decides *where* work runs, never what it computes: a
`Child` is given zero-argument calls whose results the caller combines exactly as it would its
own, and if no child can be started (not Linux, one CPU, switched off) or the child fails in any
way, `Child.result()` makes the same call in this process instead. So the draw's output cannot
depend on the number of processes; the tests check that.

`FAZHI_DRAW_PROCESSES=1` switches children off (e.g. in a server that must never fork);
`FAZHI_DRAW_PROCESSES=N` allows up to N processes in all. By default: one per available CPU, at
most `MAX_PROCESSES`, only for pools of at least `MIN_MEMBERS` (below that a child costs more
than it saves), and only as many as the 1-minute load average leaves idle (plus this process):
a child on a CPU that is busy anyway saves nothing and costs its start and the copy-on-write
faults of the pages it and the parent touch (about 0.1 s per million pool members measured).

The child runs nothing but the given calls (hashing, sorting, pickling) and leaves with
`os._exit`, so it never runs exit handlers, flushes inherited buffers or touches the parent's
database connections.
"""

import contextlib
import functools
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence

MAX_PROCESSES = 4
MIN_MEMBERS = 200_000


def processes(members: int) -> int:
    """How many processes (this one included) to use for work over `members` pool members."""
    setting = os.environ.get("FAZHI_DRAW_PROCESSES", "").strip()
    limit = int(setting) if setting.isdigit() and int(setting) >= 1 else MAX_PROCESSES
    if limit == 1 or members < MIN_MEMBERS or sys.platform != "linux":  # Linux: os.fork and sched_getaffinity exist
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except OSError:
        cpus = os.cpu_count() or 1
    try:  # CPUs that other work keeps busy (the load average counts this process too if it has been running)
        busy = int(os.getloadavg()[0])
    except OSError:
        busy = 0
    return max(1, min(limit, cpus, cpus - busy + 1))


class Child:
    """Run `calls` one after another in a forked child; `result()` returns their results in order.

    `shared` calls are made by whichever process is free first: each has a token (a byte in a pipe
    both processes read from, taken by one `read`), and the child takes tokens once its `calls` are
    done, the parent when it calls `shared()`, which returns all their results in order. Work whose
    length differs between machines is so split evenly without being measured.

    With `fork=False`, or if forking fails, each call is made here when its result is asked for.
    Use as a context manager: leaving it collects the child — killing it first if its results were not
    all read; a child that has sent them all and is still exiting is collected by a thread.
    """

    def __init__(self, calls: Sequence[Callable[[], object]], *, shared: Sequence[Callable[[], object]] = (),
                 fork: bool = True):
        self._calls = list(calls)
        self._shared = list(shared)
        self._next = 0
        self._pid = 0
        self._file = None
        self._tokens = -1  # read end of the token pipe
        self._early: list = []  # results of `calls` read while reading the child's shared results
        self._shared_read = not self._shared
        if len(self._shared) > 255:
            raise ValueError("at most 255 shared calls")
        if fork and (self._calls or self._shared):
            self._start()

    @property
    def forked(self) -> bool:
        return self._pid != 0

    def _start(self) -> None:
        read, write = os.pipe()
        tokens, fill = os.pipe()
        os.write(fill, bytes(range(len(self._shared))))  # one byte per shared call, taken in order
        os.close(fill)  # once all are taken, a read returns b"" at once…
        os.set_blocking(tokens, False)  # …or, if another thread's child inherited `fill` meanwhile, fails at once
        try:
            pid = os.fork()
        except OSError:
            for fd in (read, write, tokens):
                os.close(fd)
            return
        self._tokens = tokens
        if pid == 0:  # the child: compute, send, leave — never return into the caller's code
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    for call in self._calls:
                        pickle.dump(call(), out, protocol=pickle.HIGHEST_PROTOCOL)
                        out.flush()
                    while (index := self._take()) is not None:
                        pickle.dump((index, self._shared[index]()), out, protocol=pickle.HIGHEST_PROTOCOL)
                        out.flush()
                status = 0
            except BaseException:  # the parent sees the missing result and recomputes it
                pass
            finally:
                os._exit(status)
        os.close(write)
        self._pid = pid
        self._file = os.fdopen(read, "rb")

    def _take(self) -> int | None:
        """The next shared call nobody has taken (its index), or None."""
        if self._tokens < 0:
            return None
        try:
            token = os.read(self._tokens, 1)
        except BlockingIOError:
            return None
        return token[0] if token else None

    def result(self) -> object:
        """The next call's result: from the child if it delivered it, otherwise computed here."""
        call = self._calls[self._next]
        self._next += 1
        if self._early:
            return self._early.pop(0)
        if self._file is not None:
            try:
                return pickle.load(self._file)
            except Exception:  # the child failed or died: compute here (raising whatever it raises)
                self.close()
        return call()

    def shared(self) -> list:
        """The results of the shared calls in order: those not yet taken are made here now, the rest read
        from the child (or, if it failed, made here too)."""
        if self._shared_read and self._shared:
            raise RuntimeError("the shared calls' results were already read")
        results: dict[int, object] = {}
        if self._tokens < 0:  # no child: all here
            self._shared_read = True
            return [call() for call in self._shared]
        while (index := self._take()) is not None:
            results[index] = self._shared[index]()
        if self._file is not None and len(results) < len(self._shared):
            try:
                self._early = [pickle.load(self._file) for _ in range(len(self._calls) - self._next)]
                while len(results) < len(self._shared):
                    index, value = pickle.load(self._file)
                    results[index] = value
            except Exception:  # the child failed or died: what it took and did not send is made here
                self.close()
        done = [results[i] if i in results else call() for i, call in enumerate(self._shared)]
        self._shared_read = True  # only now: if a call raised here, leaving kills the child
        return done

    def close(self) -> None:
        if self._tokens >= 0:
            os.close(self._tokens)
            self._tokens = -1
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._pid:
            pid, self._pid = self._pid, 0
            if self._next < len(self._calls) or not self._shared_read:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                _collect(pid)
            elif _collect(pid, os.WNOHANG) == 0:
                # It has sent everything; tearing down its copy of a large address space takes it tens
                # of milliseconds, which the caller need not wait for: a thread collects it.
                threading.Thread(target=_collect, args=(pid,), name="fazhi-draw-reaper", daemon=True).start()

    def __enter__(self) -> "Child":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _collect(pid: int, options: int = 0) -> int | None:
    """waitpid(pid); None if someone else (a wait() elsewhere in the process) collected it already."""
    try:
        return os.waitpid(pid, options)[0]
    except ChildProcessError:
        return None


def pausing_gc(fn: Callable) -> Callable:
    """Run fn with the cyclic garbage collector paused (restored afterwards, as it was).

    A draw allocates a few hundred thousand containers (result dicts, team lists) and no reference
    cycles; with the collector running, every few hundred allocations trigger a collection, and
    the full ones rescan everything the process holds (in a web process: all of Django).
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()
    return wrapper
