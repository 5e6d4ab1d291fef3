#!/usr/bin/env python3
"""Times the reader from outside, in a pseudo-terminal, as a user sees it.

Usage: reader-timing.py [--size COLSxROWS] [--ready TEXT] [--settle SECONDS]
                        [--keys "KEY KEY ..."] -- GAZETTE [ARGS...]

The first frame is the time from starting GAZETTE until its output contains TEXT (default: the
box title "Sources", drawn with the first frame). Then, after the output has been quiet for
SETTLE seconds (the background load done), each key is sent in turn: its time is from writing
the key to the first byte of the frame that answers it, and the next key is sent once the output
has been quiet for 150 ms. Keys are single characters or Esc Enter Tab Down Up PgDn PgUp End
Home; KEY*N repeats one N times. Prints one line per measurement, then the median and the
slowest key, and ends the reader with q.
"""

import argparse
import os
import pty
import select
import statistics
import struct
import sys
import termios
import fcntl
import time

NAMED = {
    "Esc": b"\x1b",
    "Enter": b"\r",
    "Tab": b"\t",
    "Down": b"\x1b[B",
    "Up": b"\x1b[A",
    "PgDn": b"\x1b[6~",
    "PgUp": b"\x1b[5~",
    "End": b"\x1b[F",
    "Home": b"\x1b[H",
}


def spawn(argv, cols, rows):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_some(fd, timeout):
    """Bytes available within `timeout` seconds (b"" if none; None when the reader ended)."""
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 1 << 16)
    except OSError:
        return None


def wait_for(fd, needle, limit):
    """Seconds until the output contains `needle`, or None."""
    start = time.monotonic()
    seen = b""
    while time.monotonic() - start < limit:
        chunk = read_some(fd, 0.01)
        if chunk is None:
            return None
        seen += chunk
        if needle in seen:
            return time.monotonic() - start
    return None


def drain(fd, quiet, limit):
    """Reads until the output has been quiet for `quiet` seconds (at most `limit`)."""
    start = time.monotonic()
    last = start
    while time.monotonic() - start < limit:
        chunk = read_some(fd, 0.005)
        if chunk is None:
            return
        if chunk:
            last = time.monotonic()
        elif time.monotonic() - last >= quiet:
            return


def time_key(fd, key, limit=10.0):
    """Seconds from writing `key` to the first byte of the answer, or None."""
    drain(fd, 0.15, 30.0)
    start = time.monotonic()
    os.write(fd, key)
    while time.monotonic() - start < limit:
        chunk = read_some(fd, 0.001)
        if chunk is None:
            return None
        if chunk:
            return time.monotonic() - start
    return None


def expand(keys):
    for word in keys.split():
        name, _, times = word.partition("*")
        for _ in range(int(times or 1)):
            yield name, NAMED.get(name, name.encode())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--ready", default="Sources")
    parser.add_argument("--settle", type=float, default=1.0)
    parser.add_argument("--keys", default="")
    parser.add_argument("argv", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    argv = [a for a in args.argv if a != "--"]
    cols, rows = (int(n) for n in args.size.split("x"))
    pid, fd = spawn(argv, cols, rows)
    first = wait_for(fd, args.ready.encode(), 60.0)
    if first is None:
        print("first-frame: never", flush=True)
        sys.exit(1)
    print(f"first-frame {first * 1000:.0f} ms", flush=True)
    drain(fd, args.settle, 300.0)
    times = []
    for name, key in expand(args.keys):
        took = time_key(fd, key)
        if took is None:
            print(f"key {name}: no answer", flush=True)
            continue
        times.append(took)
        print(f"key {name} {took * 1000:.1f} ms", flush=True)
    if times:
        median = statistics.median(times) * 1000
        print(f"keys {len(times)}: median {median:.1f} ms, max {max(times) * 1000:.1f} ms")
    drain(fd, 0.2, 5.0)
    os.write(fd, b"q")
    drain(fd, 0.5, 10.0)
    _, _, usage = os.wait4(pid, 0)
    print(f"peak memory {usage.ru_maxrss} KB")


if __name__ == "__main__":
    main()
