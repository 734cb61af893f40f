#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""build-aux/linux-guest.sh as a student runs it: on a terminal (a pty
here), Linux's console on it, fpctl at the FRONTPANEL_ADDRESS the script
prints. The script's suggestion is typed in, gpiomon with a pull-up on
GPIO23 of raspi3b; fpctl's edges show on the console; Ctrl-A X stops QEMU,
and the script removes its private socket folder.

Environment: FP_LINUX_GUEST_SH, FP_QEMU_BINDIR, FP_GUEST_DIR, FP_BUILD_DIR,
FPCTL (set by meson), and tests/qemu on PYTHONPATH for qemu_board.
"""
import os
import pty
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
import unittest

from qemu_board import DEADLINE

FPCTL = os.environ["FPCTL"]
EVENT = r"event: +(RISING|FALLING) EDGE offset: (\d+) "


class Terminal:
    """A program on a pseudo-terminal, in a session (and process group) of
    its own. A reader thread keeps what it prints, carriage returns
    dropped; expect() waits for a pattern in it with a deadline."""

    def __init__(self, argv, env):
        master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True)
        os.close(slave)
        self.master = master
        self.lock = threading.Condition()
        self.text = ""
        self.closed = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:         # EIO: every process closed the terminal
                chunk = b""
            with self.lock:
                if not chunk:
                    self.closed = True
                    self.lock.notify_all()
                    return
                self.text += chunk.decode("utf-8", "replace").replace("\r", "")
                self.lock.notify_all()

    def mark(self):
        with self.lock:
            return len(self.text)

    def expect(self, pattern, start, what, deadline=DEADLINE):
        """The first match of @pattern (multi-line) in the output from @start on."""
        regex = re.compile(pattern, re.M)
        end = time.monotonic() + deadline
        with self.lock:
            while True:
                m = regex.search(self.text, start)
                if m:
                    return m
                if self.closed:
                    raise AssertionError("the terminal closed waiting for %s; it showed:\n%s"
                                         % (what, self.text[-3000:]))
                left = end - time.monotonic()
                if left <= 0:
                    raise AssertionError("timed out after %ss waiting for %s; the terminal "
                                         "showed:\n%s" % (deadline, what, self.text[-3000:]))
                self.lock.wait(left)

    def type(self, line):
        """Types @line and Enter a key at a time, each once the last one
        is echoed: busybox's line editor drops keys typed faster than it
        reads them (build-aux/guest/init)."""
        for key in line:
            start = self.mark()
            os.write(self.master, key.encode())
            self.expect(re.escape(key), start, "the echo of '%s' in '%s'" % (key, line))
        os.write(self.master, b"\r")

    def send(self, data):
        os.write(self.master, data)

    def kill(self):
        """Ends the program and all it started, should the test not have."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(DEADLINE)
        self.reader.join(DEADLINE)
        os.close(self.master)


class LinuxGuestScript(unittest.TestCase):
    def fpctl(self, address, *args):
        r = subprocess.run([FPCTL, "--connect", address] + list(args),
                           capture_output=True, text=True, timeout=DEADLINE)
        self.assertEqual(r.returncode, 0, "fpctl %s: %s" % (" ".join(args), r.stderr))
        return r.stdout

    def test_raspi3b_on_a_terminal(self):
        # The script's private folder goes under XDG_RUNTIME_DIR: here one
        # of the test's own, to see it made and removed.
        runtime = tempfile.mkdtemp(prefix="fp-linux-guest-sh-")
        self.addCleanup(shutil.rmtree, runtime, True)
        env = dict(os.environ, XDG_RUNTIME_DIR=runtime, TERM="vt100")
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        term = Terminal([os.environ["FP_LINUX_GUEST_SH"], "--no-panel", "raspi3b"], env)
        self.addCleanup(term.kill)

        m = term.expect(r"^Its pins: FRONTPANEL_ADDRESS=(unix:(\S+)/fpctl\.sock)$", 0,
                        "the address the script prints")
        address, sockdir = m.group(1), m.group(2)
        self.assertEqual(os.path.dirname(sockdir), runtime)
        self.assertEqual(stat.S_IMODE(os.stat(sockdir).st_mode), 0o700)
        m = term.expect(r"^frontpanel-guest: ready$", m.end(), "the guest's ready marker", 120)
        m = term.expect(r"^frontpanel# ", m.end(), "the shell's prompt")

        # gpiomon in the background, so that the same line can wait until
        # its interrupt is set up (/proc/interrupts names it): from then on
        # every edge is an event.
        start = term.mark()
        term.type("gpiomon -B pull-up gpiochip0 23 & "
                  "until grep -q gpiomon /proc/interrupts; do :; done; echo armed")
        term.expect(r"^armed$", start, "gpiomon's interrupt")
        # Its pull-up reached the pad.
        self.assertEqual(self.fpctl(address, "get", "gpio", "GPIO23"), "GPIO23=1\n")
        # Each edge, one event of its kind (not anchored: the event may
        # follow the shell's prompt on its line).
        seen = start
        for level, kind in ((0, "FALLING"), (1, "RISING"), (0, "FALLING"), (1, "RISING")):
            self.fpctl(address, "set", "gpio", "GPIO23=%d" % level)
            m = term.expect(EVENT, seen, "gpiomon's %s event" % kind)
            self.assertEqual((m.group(1), m.group(2)), (kind, "23"))
            seen = m.end()
        with term.lock:
            events = re.findall(EVENT, term.text[start:])
        self.assertEqual(events, [("FALLING", "23"), ("RISING", "23")] * 2)
        self.fpctl(address, "release", "gpio", "GPIO23")

        # Ctrl-A X: QEMU quits, the script cleans up and exits with it.
        term.send(b"\x01x")
        self.assertEqual(term.proc.wait(DEADLINE), 0, term.text[-3000:])
        self.assertFalse(os.path.exists(sockdir))
        self.assertEqual(os.listdir(runtime), [])
        # Nothing of the session is left running (QEMU included).
        with self.assertRaises(ProcessLookupError):
            os.killpg(term.proc.pid, 0)


if __name__ == "__main__":
    unittest.main()
