#!/usr/bin/env python3
"""One timed run for tests/bench/run.sh: timed.py TIMES TAG COMMAND...

Runs COMMAND (its standard output thrown away) and appends the line
"TAG wall user system maxrss_kb" to the file TIMES, the times in seconds
to the microsecond: wall from a monotonic clock around fork and wait, user
and system from the child's own rusage (os.wait4), so the 10 ms steps of
GNU time's %e %U %S do not blur a 15% target on a 250 ms render. Exits with
the command's status (a signal as 128 + its number)."""
import os
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: timed.py TIMES TAG COMMAND...\n")
        return 2
    times, tag, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
    devnull = os.open(os.devnull, os.O_WRONLY)
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        try:
            os.execvp(argv[0], argv)
        except OSError as e:
            sys.stderr.write("timed.py: %s: %s\n" % (argv[0], e.strerror))
        os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    os.close(devnull)
    with open(times, "a") as f:
        f.write("%s %.6f %.6f %.6f %d\n" % (tag, wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss))
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
