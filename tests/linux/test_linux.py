#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Stock Linux (Debian 12's arm64 kernel) and libgpiod's tools on the
patched QEMU, against the panel's protocol: gpioset → the panel sees the
output; the panel drives an input → gpioget reads it; the panel's edges wake
gpiomon, one event of the right kind per edge (both edges, rising only,
falling only); pulls set from the guest
reach the panel (the Pis; Linux's PL061 driver has none); the sysfs
interface with edges waited for by poll() (gpio-edge).

One guest boot per board, each test on pins of its own.

Usage: test_linux.py BOARD [unittest arguments]   (BOARD: virt, raspi3b or raspi4b)
Environment: FP_QEMU_BINDIR, FP_GUEST_DIR (set by meson), and tests/qemu on
PYTHONPATH for qemu_board.
"""
import re
import sys
import time
import unittest

from linux_guest import BOARDS, LinuxGuest
from qemu_board import DEADLINE

# Not anchored: a background job's line may follow the shell's prompt.
EVENT = r"event: +(RISING|FALLING) EDGE offset: (\d+) "


class LinuxGpioTest(unittest.TestCase):
    board = None

    @classmethod
    def setUpClass(cls):
        cls.guest = LinuxGuest(cls.board)
        try:
            cls.guest.boot()
            cls.con, cls.panel = cls.guest.console, cls.guest.panel
            print("\n%s: shell prompt %.1f s after QEMU started" % (cls.board.name, cls.guest.boot_s),
                  file=sys.stderr)
            cls.chip, cls.base = cls.find_chip()
        except BaseException:
            cls.guest.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.guest.stop()

    @classmethod
    def find_chip(cls):
        """The board's GPIO chip: its name for libgpiod, its base for sysfs."""
        name = base = None
        for line in cls.con.run("gpiodetect"):
            m = re.match(r"^(gpiochip\d+) \[(.*)\] \((\d+) lines\)$", line)
            if m and m.group(2) == cls.board.chip:
                name = m.group(1)
        for line in cls.con.run("for c in /sys/class/gpio/gpiochip*; do "
                                "echo \"@chip $(cat $c/label) $(cat $c/base)\"; done"):
            m = re.match(r"^@chip (\S+) (\d+)$", line)
            if m and m.group(1) == cls.board.chip:
                base = int(m.group(2))
        assert name and base is not None, "the guest has no GPIO chip '%s'" % cls.board.chip
        return name, base

    def setUp(self):
        # Whatever a failed test left running, in the foreground or not.
        self.con.interrupt()

    def values(self, command):
        """The lines of 0s and 1s @command printed."""
        return [line for line in self.con.run(command) if re.fullmatch(r"[01]", line)]

    def test_gpioset_drives_the_panel(self):
        pin = self.board.out
        self.assertEqual(self.panel.pin(pin)["dir"], "in")
        for level in (1, 0, 1):
            # gpioset holds the line until killed (--mode=signal): when a line
            # is released, pinctrl-bcm2835 makes the pin an input again.
            self.con.run("gpioset --mode=signal %s %d=%d &" % (self.chip, pin, level))
            self.panel.wait_pin(pin, dir="out", drive="guest", level=level)
            self.con.run("kill $!; wait", status=None)

    def test_gpioget_reads_the_panel(self):
        pin = self.board.inp
        for level in (1, 0, 1, 0):
            self.panel.set(pin, level)
            self.assertEqual(self.values("gpioget %s %d" % (self.chip, pin)), [str(level)])
            self.panel.wait_pin(pin, dir="in", drive="panel", level=level)
        self.panel.release(pin)

    def monitor(self, options, count):
        """Starts gpiomon on the edge pin in the background and waits until
        its interrupt is set up (/proc/interrupts names it): from then on
        every edge is an event. debugfs names the consumer earlier, as soon
        as the line is requested, before the edge detection is on."""
        start = self.con.mark()
        self.con.run("gpiomon %s -n %d %s %d &" % (options, count, self.chip, self.board.edge))
        self.guest_wait("grep -q gpiomon /proc/interrupts", "gpiomon's interrupt")
        return start

    def guest_wait(self, command, what, deadline=DEADLINE):
        """Runs @command in the guest until it succeeds."""
        end = time.monotonic() + deadline
        while not self.con.succeeds(command):
            if time.monotonic() > end:
                self.fail("timed out after %ss waiting for %s" % (deadline, what))

    def drive_edges(self, levels, start, expect):
        """Drives @levels one by one; after each, waits for the event
        @expect names (None: none expected) and checks that every event so
        far is exactly the expected sequence."""
        pin, want, seen_upto = self.board.edge, [], start
        for level in levels:
            self.panel.set(pin, level)
            kind = expect(level)
            if kind is None:
                continue
            want.append(kind)
            i, _, m = self.con.expect(EVENT, seen_upto, what="gpiomon's %s event %d" % (kind, len(want)))
            seen_upto = i + 1
            events = [re.search(EVENT, line) for line in self.con.output(start, seen_upto)]
            got = [(e.group(1), int(e.group(2))) for e in events if e]
            self.assertEqual(got, [(k, pin) for k in want])
        return want

    def test_gpiomon_one_event_per_edge(self):
        pin = self.board.edge
        self.panel.set(pin, 0)
        edges = 20
        start = self.monitor("", edges)
        levels = [1, 0] * (edges // 2)
        self.drive_edges(levels, start, lambda level: "RISING" if level else "FALLING")
        # gpiomon -n ends after exactly that many events.
        self.con.run("wait")
        self.panel.release(pin)

    def test_gpiomon_rising_only(self):
        pin = self.board.edge
        self.panel.set(pin, 0)
        start = self.monitor("-r", 5)
        self.drive_edges([1, 0] * 5, start, lambda level: "RISING" if level else None)
        self.con.run("wait")
        self.panel.release(pin)

    def test_gpiomon_falling_only(self):
        # From low to low, as the other gpiomon tests: a pin left high would
        # fall to its pull-down on release, and the controller keeps such an
        # edge pending for whoever asks for edges next.
        pin = self.board.edge
        self.panel.set(pin, 0)
        start = self.monitor("-f", 5)
        self.drive_edges([1, 0] * 5, start, lambda level: None if level else "FALLING")
        self.con.run("wait")
        self.panel.release(pin)

    def test_bias_from_the_guest(self):
        pin = self.board.bias_pin
        if self.board.bias:
            for bias, level in (("pull-up", 1), ("pull-down", 0), ("pull-up", 1)):
                self.assertEqual(self.values("gpioget -B %s %s %d" % (bias, self.chip, pin)),
                                 [str(level)])
                self.panel.wait_pin(pin, pull=bias[5:], drive="none", level=level)
            # gpiomon's request sets it too.
            self.con.run("gpiomon -B pull-down %s %d &" % (self.chip, pin))
            self.panel.wait_pin(pin, pull="down", level=0)
            self.con.run("kill $!; wait", status=None)
        else:
            # Linux's PL061 driver has no set_config: the request succeeds,
            # the pull stays what QEMU's virt board gives every pin (down).
            self.assertEqual(self.values("gpioget -B pull-up %s %d" % (self.chip, pin)), ["0"])
            self.panel.barrier()
            self.assertEqual(self.panel.pin(pin)["pull"], "down")

    def test_sysfs_with_poll(self):
        pin = self.board.sysfs
        gpio = "/sys/class/gpio/gpio%d" % (self.base + pin)
        self.con.run("echo %d >/sys/class/gpio/export" % (self.base + pin))
        self.con.run("echo out >%s/direction" % gpio)
        for level in (1, 0):
            self.con.run("echo %d >%s/value" % (level, gpio))
            self.panel.wait_pin(pin, dir="out", drive="guest", level=level)
        self.con.run("echo in >%s/direction" % gpio)
        for level in (1, 0):
            self.panel.set(pin, level)
            self.panel.wait_pin(pin, dir="in", drive="panel", level=level)
            self.assertEqual(self.values("cat %s/value" % gpio), [str(level)])
        # Edges: gpio-edge blocks in poll() until the interrupt.
        self.con.run("echo both >%s/edge" % gpio)
        start = self.con.mark()
        self.con.run("gpio-edge -n 6 -t 30 %s/value &" % gpio)
        i, _, _ = self.con.expect(r"value 0$", start, what="gpio-edge to start")
        for level in (1, 0) * 3:
            self.panel.set(pin, level)
            i, _, m = self.con.expect(r"(edge [01]|timeout)$", i + 1, what="gpio-edge's edge")
            self.assertEqual(m.group(1), "edge %d" % level)
        self.con.run("wait")
        self.con.run("echo %d >/sys/class/gpio/unexport" % (self.base + pin))
        self.panel.release(pin)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in BOARDS:
        sys.exit("usage: test_linux.py BOARD [unittest arguments] (BOARD: %s)" % ", ".join(BOARDS))
    LinuxGpioTest.board = BOARDS[sys.argv.pop(1)]
    unittest.main()
