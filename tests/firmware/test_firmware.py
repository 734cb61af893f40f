#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The bundled demo firmware on the real patched QEMU (TCG), with the
project's fpctl as the panel: the banner, the button's interrupt path, the
blink period in virtual time, and the DEBOUNCE switch against a bouncing
button. Each test boots its own QEMU in its own temporary folder, with two
gpio-panel devices: "panel" for fpctl's commands and "watch" for an
`fpctl monitor` that runs meanwhile.

Environment: FP_QEMU_BINDIR, FPCTL, FP_FIRMWARE_DIR (set by meson), and
tests/qemu on PYTHONPATH for qemu_board.
"""
import collections
import os
import queue
import re
import subprocess
import sys
import threading
import time
import unittest

from qemu_board import DEADLINE, Qemu, wait_for

FPCTL = os.environ["FPCTL"]
FIRMWARE_DIR = os.environ["FP_FIRMWARE_DIR"]

# The firmware's settings (tests/firmware/common/demo.h).
BLINK_PERIOD_NS = 200_000_000           # DEMO_BLINK_HZ 5
DEBOUNCE_NS = 20_000_000                # DEMO_DEBOUNCE_MS 20
# One bounce for both DEBOUNCE tests, the one the bundled layouts give these
# buttons: three edges over 16 ms, which seed 43 puts at 0, 7.95 and 16 ms.
# It ends 4 ms inside the 20 ms debounce time, so DEBOUNCE on must leave
# one edge. Without debounce, each edge needs its own interrupt, so QEMU
# must apply the edges one by one with the guest running in between; the
# panel times its edges on the host, and a loaded host delivers edges meant
# to be a few milliseconds apart to QEMU in one read (the guest then sees
# only the last level). Edges 8 ms apart ride out most stalls of a busy
# 2-CPU host; five edges 3-4 ms apart (seed 35 over 15 ms) needed a retry
# in 13 of 20 runs at a load average of 10, and lost all attempts in 2.
BOUNCE_EDGES = 3
BOUNCE = ["--bounce", "16ms", "--bounce-edges", str(BOUNCE_EDGES), "--seed", "43"]
# Even so, a host that stalls fpctl or QEMU for tens of milliseconds (a
# busy 2-CPU machine does) merges edges. QEMU's own timestamps show that: a
# bounce that did not reach QEMU as meant is pressed again, up to ATTEMPTS
# times, and what the guest made of it is never judged.
MIN_GAP_NS = 2_000_000
ATTEMPTS = 5

Pin = collections.namedtuple("Pin", "ctrl pin")
# name: the machine, and the firmware's file name; arch: of qemu-system-*;
# args: more QEMU arguments; then the banner line, the pins (blink LED,
# button LED, button, DEBOUNCE switch), the level that lights an LED, and the
# level of a released button: None when the firmware's pull-up gives it, else
# the level the panel has to drive.
Board = collections.namedtuple("Board", "name arch args banner blink led button debounce lit released")

BOARDS = [
    Board("b-l475e-iot01a", "arm", [],
          "front panel demo: b-l475e-iot01a, blink LD1 5 Hz, B1 -> LD2",
          Pin("gpioa", 5), Pin("gpiob", 14), Pin("gpioc", 13), Pin("gpioa", 0), 1, None),
    Board("sifive_e", "riscv32", [],
          "front panel demo: sifive_e, blink green LED 5 Hz, BTN -> red LED",
          Pin("gpio0", 19), Pin("gpio0", 22), Pin("gpio0", 18), Pin("gpio0", 20), 0, None),
    # QEMU's virt pulls every PL061 pin down: the panel is the pull-up.
    Board("virt", "aarch64", ["-cpu", "cortex-a53"],
          "front panel demo: virt, blink LED0 5 Hz, BTN -> LED1",
          Pin("pl061", 0), Pin("pl061", 1), Pin("pl061", 2), Pin("pl061", 4), 1, 1),
    Board("raspi3b", "aarch64", [],
          "front panel demo: raspi3b, blink GPIO17 5 Hz, GPIO23 -> GPIO27",
          Pin("gpio", 17), Pin("gpio", 27), Pin("gpio", 23), Pin("gpio", 25), 1, None),
]

Event = collections.namedtuple("Event", "t ctrl pin level dropped")
EVENT_RE = re.compile(r"(\d+)\.(\d{9}) (\S+) (\d+) (?:\S+ ([01z]) dir=|(dropped) )")


def arg(pin, level=None):
    return "%d" % pin.pin if level is None else "%d=%d" % (pin.pin, level)


class FirmwareBoard(Qemu):
    """QEMU running a board's firmware, its first serial port in a file."""

    def __init__(self, board):
        super().__init__(board.name, board.arch, panels=("panel", "watch"))
        self.board = board
        self.watch_address = "unix:" + self.panel_paths["watch"]
        self.serial_path = os.path.join(self.dir, "serial.txt")
        self.started = None

    def start(self):
        self.started = time.monotonic()
        self.launch(["-accel", "tcg", "-kernel", os.path.join(FIRMWARE_DIR, self.board.name + ".elf"),
                     "-serial", "file:" + self.serial_path] + self.board.args)
        self.connect_qmp()

    def serial(self):
        with open(self.serial_path, errors="replace", newline="") as f:
            return f.read()


class Monitor:
    """`fpctl monitor` on the watch panel, its lines parsed as they come."""

    def __init__(self, qemu):
        self.proc = subprocess.Popen([FPCTL, "--connect", qemu.watch_address, "monitor"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        try:
            # Connected means subscribed: every later change is reported.
            qemu.wait_client("watch")
        except BaseException:
            self.close()
            raise

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, predicate, count, what):
        """The events up to the @count-th one @predicate accepts, and those it accepted."""
        end = time.monotonic() + DEADLINE
        events, accepted = [], []
        while len(accepted) < count:
            try:
                line = self.lines.get(timeout=max(0, end - time.monotonic()))
            except queue.Empty:
                raise AssertionError("timed out after %ss waiting for %s; saw %s"
                                     % (DEADLINE, what, events)) from None
            if line is None:
                raise AssertionError("fpctl monitor ended (%s) waiting for %s"
                                     % (self.proc.stderr.read().strip(), what))
            m = EVENT_RE.match(line)
            if not m:
                continue                # a "reset" line
            level = None if m.group(6) or m.group(5) == "z" else int(m.group(5))
            event = Event(int(m.group(1)) * 10**9 + int(m.group(2)), m.group(3), int(m.group(4)),
                          level, bool(m.group(6)))
            events.append(event)
            if predicate(event):
                accepted.append(event)
        return events, accepted

    def close(self):
        """Stops the monitor, which must end cleanly (status 0 on SIGTERM)."""
        self.proc.terminate()
        rc = self.proc.wait(DEADLINE)
        self.reader.join(DEADLINE)
        errors = self.proc.stderr.read()
        self.proc.stdout.close()
        self.proc.stderr.close()
        assert rc == 0, "fpctl monitor exited %d: %s" % (rc, errors)


def on(event, pin):
    return (event.ctrl, event.pin) == pin


class FirmwareTest:
    """The tests every board runs; a subclass per board sets `board`."""

    board = None

    def setUp(self):
        self.qemu = FirmwareBoard(self.board)
        self.addCleanup(self.qemu.stop)
        self.qemu.start()
        wait_for(lambda: self.board.banner + "\r\n" in self.qemu.serial(), "the banner")
        self.boot_s = time.monotonic() - self.qemu.started
        if self.board.released is not None:
            self.fpctl("set", self.board.button.ctrl, arg(self.board.button, self.board.released))

    def fpctl(self, *args):
        r = subprocess.run([FPCTL, "--connect", self.qemu.address] + list(args),
                           capture_output=True, text=True, timeout=DEADLINE)
        self.assertEqual(r.returncode, 0, "fpctl %s: %s" % (" ".join(args), r.stderr))
        return r.stdout

    def led_level(self):
        return int(self.fpctl("get", "--values", self.board.led.ctrl, arg(self.board.led)))

    def release_button(self):
        b = self.board.button
        if self.board.released is None:
            self.fpctl("release", b.ctrl, arg(b))
        else:
            self.fpctl("set", b.ctrl, arg(b, self.board.released))

    def test_banner_and_outputs(self):
        print("\n%s: banner %.3f s after QEMU started" % (self.board.name, self.boot_s),
              file=sys.stderr)
        self.assertEqual(self.qemu.serial(), self.board.banner + "\r\n")
        # The firmware made its LED pins outputs, the button's LED off.
        for led, level in ((self.board.blink, r"[01]"), (self.board.led, 1 - self.board.lit)):
            info = self.fpctl("info", led.ctrl)
            self.assertRegex(info, r"\n\s+%d\s+\S+\s+out\s+%s\s+guest\s" % (led.pin, level))

    def test_button_lights_led(self):
        b, led, lit = self.board.button, self.board.led, self.board.lit
        self.assertEqual(self.led_level(), 1 - lit)
        self.fpctl("set", b.ctrl, arg(b, 0))
        self.fpctl("wait", led.ctrl, arg(led, lit), "--timeout", "5s")
        self.release_button()
        self.fpctl("wait", led.ctrl, arg(led, 1 - lit), "--timeout", "5s")
        # A second press: the interrupt stays armed.
        self.fpctl("set", b.ctrl, arg(b, 0))
        self.fpctl("wait", led.ctrl, arg(led, lit), "--timeout", "5s")

    def test_blink_period(self):
        # Over 20 periods, which spreads the lateness of a single timer
        # interrupt (virtual time follows the host under TCG) thin.
        periods = 20
        mon = Monitor(self.qemu)
        self.addCleanup(mon.close)
        _, edges = mon.until(lambda e: on(e, self.board.blink), 2 * periods + 1,
                             "%d edges of the blinking LED" % (2 * periods + 1))
        self.assertFalse(any(e.dropped for e in edges), edges)
        levels = [e.level for e in edges]
        self.assertTrue(all(a != b for a, b in zip(levels, levels[1:])), levels)
        period = (edges[-1].t - edges[0].t) / periods
        print("\n%s: blink period %.4f ms over %d periods (setting %.1f ms, error %+.3f %%)"
              % (self.board.name, period / 1e6, periods, BLINK_PERIOD_NS / 1e6,
                 100 * (period - BLINK_PERIOD_NS) / BLINK_PERIOD_NS), file=sys.stderr)
        self.assertLess(abs(period - BLINK_PERIOD_NS), BLINK_PERIOD_NS / 100)

    def bounce(self, debounce, arrived):
        """Bounces the button with DEBOUNCE on or off until QEMU applied the
        edges as @arrived(edges) requires; returns the edges and the
        LED's edges, as the monitor saw them."""
        b, led, d, lit = self.board.button, self.board.led, self.board.debounce, self.board.lit
        self.fpctl("set", d.ctrl, arg(d, int(debounce)))
        mon = Monitor(self.qemu)
        self.addCleanup(mon.close)
        for attempt in range(ATTEMPTS):
            self.fpctl("set", *BOUNCE, b.ctrl, arg(b, 0))
            events, presses = mon.until(lambda e: on(e, b), BOUNCE_EDGES,
                                        "the button's %d bounce edges" % BOUNCE_EDGES)
            # The monitor reports in virtual-time order: once the blink LED
            # has toggled twice after the last edge and the debounce time
            # (with room to spare), every LED edge the bounce caused is in.
            after = presses[-1].t + 5 * DEBOUNCE_NS
            events += mon.until(lambda e: on(e, self.board.blink) and e.t > after, 2,
                                "the blink LED, after the bounce")[0]
            self.assertFalse(any(e.dropped for e in events), events)
            self.assertEqual([e.level for e in presses], [i % 2 for i in range(BOUNCE_EDGES)])
            leds = [e for e in events if on(e, led)]
            self.assertEqual([e.level for e in leds][-1:], [lit], leds)
            if arrived(presses):
                return presses, leds
            print("\n%s: attempt %d: the host delivered the bounce late, edges at %s ms"
                  % (self.board.name, attempt + 1, [(e.t - presses[0].t) / 1e6 for e in presses]),
                  file=sys.stderr)
            self.release_button()
            mon.until(lambda e: on(e, led) and e.level == 1 - lit, 1, "the LED to go out")
        self.fail("QEMU got no bounce as sent in %d attempts: the host is too busy" % ATTEMPTS)

    def test_bounce_mirrored_without_debounce(self):
        presses, leds = self.bounce(False, lambda edges: all(
            b.t - a.t >= MIN_GAP_NS for a, b in zip(edges, edges[1:])))
        # Each edge lit or put out the LED before the next one came.
        self.assertEqual(len(leds), BOUNCE_EDGES, (presses, leds))
        for press, led, following in zip(presses, leds, presses[1:] + [None]):
            self.assertEqual(led.level, self.board.lit if press.level == 0 else 1 - self.board.lit)
            self.assertGreater(led.t, press.t)
            if following:
                self.assertLess(led.t, following.t)

    def test_bounce_debounced(self):
        presses, leds = self.bounce(True, lambda edges: (
            edges[-1].t - edges[0].t < DEBOUNCE_NS))
        # One edge, once the contact had settled for the debounce time.
        self.assertEqual(len(leds), 1, (presses, leds))
        self.assertGreaterEqual(leds[0].t - presses[0].t, DEBOUNCE_NS)


class BL475EIoT01A(FirmwareTest, unittest.TestCase):
    board = BOARDS[0]


class SiFiveE(FirmwareTest, unittest.TestCase):
    board = BOARDS[1]


class Virt(FirmwareTest, unittest.TestCase):
    board = BOARDS[2]


class Raspi3B(FirmwareTest, unittest.TestCase):
    board = BOARDS[3]


if __name__ == "__main__":
    unittest.main(verbosity=2)
